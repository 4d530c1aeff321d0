#!/usr/bin/env bash
# ConvNet Explorer in headless Fiji, e.g. on a cluster node without a screen. Nothing opens; the output folder holds
# the montage TIFFs, topk.csv, skipped.csv and run.json. Judge success by run.json: Fiji's exit code does not
# always tell a failed command.
#   scripts/headless-batch.sh /path/to/Fiji.app /data/imgs /data/out
set -euo pipefail
fiji=${1:?Fiji.app folder}
images=${2:?images folder}
output=${3:?output folder}
# Newer Fiji downloads name the launcher fiji-linux-x64; the arguments are the same.
launcher="$fiji/ImageJ-linux64"
[ -x "$launcher" ] || launcher="$fiji/fiji-linux-x64"
"$launcher" --headless --console --run "Top Patches per Unit..." \
	"images='$images',output='$output',weights='imagenet',layers='conv1,conv2,conv3,conv4,conv5',top=9,device='auto',batch=16"
# Fiji can exit 0 after a failed command: the run only counts if its run.json was written.
[ -f "$output/run.json" ] || { echo "headless-batch: no $output/run.json: the run failed (see the output above)" >&2; exit 1; }
