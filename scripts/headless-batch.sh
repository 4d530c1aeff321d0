#!/usr/bin/env bash
# ConvNet Explorer in headless Fiji, e.g. on a cluster node without a screen. Nothing opens; the output folder holds
# the montage TIFFs, topk.csv, skipped.csv and run.json. Judge success by run.json: Fiji's exit code does not
# always tell a failed command.
#   scripts/headless-batch.sh /path/to/Fiji.app /data/imgs /data/out
set -euo pipefail
fiji=${1:?Fiji.app folder}
images=${2:?images folder}
output=${3:?output folder}
"$fiji/ImageJ-linux64" --headless --console --run "Top Patches per Unit..." \
	"images='$images',output='$output',weights='imagenet',layers='conv1,conv2,conv3,conv4,conv5',top=9,device='auto',batch=16"
