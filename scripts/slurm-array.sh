#!/usr/bin/env bash
# Example SLURM array job: each array task scans one shard of the folder, resumable, and a job that waits for the
# whole array merges the shards into one output folder (the same topk.csv as a single scan).
#   sbatch scripts/slurm-array.sh                       # CLI; edit the paths and #SBATCH lines first
#   FRONT_END=fiji FIJI=/opt/Fiji.app sbatch scripts/slurm-array.sh     # headless Fiji instead of the CLI
# A task that hits its time limit gets SIGTERM, writes what it scanned and its checkpoint, and with --requeue comes
# back and goes on with --resume; one killed outright (node failure) goes on from its last checkpoint (every 5 min).
#SBATCH --job-name=convnet-scan
#SBATCH --array=1-8
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --requeue
#SBATCH --open-mode=append
#SBATCH --output=convnet-scan-%A_%a.log
set -euo pipefail
images=${IMAGES:-/data/images}
runs=${RUNS:-/scratch/$USER/convnet-runs}
root=${CONVNET_EXPLORER:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
count=${SLURM_ARRAY_TASK_COUNT:?run this with sbatch (an array job)}
index=${SLURM_ARRAY_TASK_ID}
output="$runs/shard-$index"
# A requeued task finds its checkpoint and goes on from it.
resume=false
[ -f "$output/scan-state.bin" ] && resume=true

if [ "${FRONT_END:-cli}" = fiji ]; then
	launcher="${FIJI:?set FIJI to the Fiji.app folder}/ImageJ-linux64"
	[ -x "$launcher" ] || launcher="$FIJI/fiji-linux-x64"
	"$launcher" --headless --console --run "Top Patches per Unit..." \
		"images='$images',output='$output',weights='imagenet',shard='$index/$count',resume=$resume"
	# Fiji can exit 0 after a failed command: the shard only counts if its state was written.
	[ -f "$output/scan-state.bin" ] || { echo "no $output/scan-state.bin: the shard failed" >&2; exit 1; }
else
	resume_option=()
	$resume && resume_option=(--resume)
	"$root/scripts/convnet-explorer" scan --images "$images" --output "$output" --weights imagenet \
		--shard "$index/$count" --threads "${SLURM_CPUS_PER_TASK:-0}" "${resume_option[@]}"
fi

# The first task submits the merge, to run once every task of the array has ended well.
if [ "$index" = "${SLURM_ARRAY_TASK_MIN:-1}" ] && [ ! -f "$runs/.merge-submitted" ]; then
	touch "$runs/.merge-submitted"
	sbatch --dependency="afterok:$SLURM_ARRAY_JOB_ID" --job-name=convnet-merge --cpus-per-task=8 --mem=4G \
		--wrap "'$root/scripts/convnet-explorer' merge --output '$runs/merged' '$runs'/shard-*"
fi
