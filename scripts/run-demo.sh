#!/usr/bin/env bash
# `make run`: the desktop app on the built-in demo stream when there is a display; without one, a few
# seconds of the demo stream through the headless engine, with the per-channel summary.
set -euo pipefail
binary=${1:?usage: run-demo.sh PATH/TO/streamscope}

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    exec "$binary" --demo
fi
echo "No display found: recording the demo stream headless for 5 seconds."
archive="$(dirname "$binary")/demo-recording.h5"
"$binary" record --demo --duration 5 -o "$archive"
echo
"$binary" inspect "$archive"
