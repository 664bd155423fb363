#!/usr/bin/env bash
# `make bench`: runs every benchmark in bench/ and writes BENCHMARKS.md. Every figure is a ratio to a
# reference measured in the same run, because the machines are shared and noisy.
set -euo pipefail
build=${1:-build/release}
out=BENCHMARKS.md
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
{
    echo "# Benchmarks"
    echo
    echo "Written by \`make bench\` (scripts/run-benchmarks.sh) on $(date -u +%Y-%m-%d), $(nproc) cores ($cpu),"
    echo "release build. Each figure stands next to a reference measured in the same run; compare the ratios,"
    echo "not the absolute numbers, across machines."
    echo
    echo "## Decode throughput per format, one core"
    echo
    echo "Reproduce: \`make bench\` or \`$build/bench/bench_decode_throughput\`. One million lines of 8 channels"
    echo "(Graphite: one line per channel) decoded from one buffer; best of 5. Reference: a plain loop that"
    echo "splits the same buffer into lines (memchr) and does nothing else."
    echo
    "$build/bench/bench_decode_throughput"
    echo
    echo "## Highest sustained UDP rate with zero loss"
    echo
    echo "Reproduce: \`make bench\` or \`$build/bench/bench_udp_throughput\`. Sender and receiver on this machine"
    echo "over 127.0.0.1. Reference: a plain recvmmsg() loop that only counts datagrams."
    echo
    "$build/bench/bench_udp_throughput"
    echo
    echo "## Plot redraw: 8 plots of 1 million points each"
    echo
    echo "Reproduce: \`make bench\` or \`$build/bench/bench_plot_redraw\`. The plot area's 8 plots, offscreen raster at"
    echo "1920x1080, following live data (10 new points per channel a frame). Subject and reference take turns"
    echo "over 7 rounds of 10 frames; each figure is the median of the per-round best. Reference: the same"
    echo "points handed to QCustomPlot directly (its adaptive sampling on)."
    echo
    "$build/bench/bench_plot_redraw" 2>/dev/null
    echo
    echo "## Latency from a datagram to the frame that shows it"
    echo
    echo "Reproduce: \`make bench\` or \`$build/bench/bench_display_latency\`. A datagram every 37 ms over loopback"
    echo "UDP into the engine and the plot area's own frame timer (offscreen). Reference: the frame interval, as a"
    echo "timer with the frame timer's 16 ms in the same event loop (the plot area redraws only on a change)."
    echo
    "$build/bench/bench_display_latency" 2>/dev/null
    echo
    echo "## Binary frame decode throughput, one core"
    echo
    echo "Reproduce: \`make bench\` or \`$build/bench/bench_frame_decode_throughput\`. Two million frames of one"
    echo "layout (sync AA55, u16 seq, u16 flags, six f32, checksum: 32 bytes with crc16) decoded from one buffer"
    echo "in 64 KiB pieces, as a serial source reads them; best of 5. Reference: a plain memcpy of the same"
    echo "bytes in the same pieces. Target: at least 10 million frames/s for the crc16 frame."
    echo
    "$build/bench/bench_frame_decode_throughput"
    echo
    echo "## Sustained zero-loss binary frames over a pseudo-terminal"
    echo
    echo "Reproduce: \`make bench\` or \`$build/bench/bench_pty_throughput\` (needs socat). One million 32-byte"
    echo "frames written as fast as a socat pty pair takes them; best of 3. Reference: a plain read() loop on the"
    echo "same pty that only counts bytes. The serial source must decode every frame with no error and no drop."
    echo
    "$build/bench/bench_pty_throughput"
    echo
    echo "## Rolling statistics and alert evaluation, one core"
    echo
    echo "Reproduce: \`make bench\` or \`$build/bench/bench_processing_throughput\`. The ProcessingStage fed"
    echo "batches of 1024 samples from memory (16 channels at 1 kHz each, so the 60 s window holds 60000 samples"
    echo "per channel); best of 3. Reference: a plain loop that sums the same samples per channel."
    echo
    "$build/bench/bench_processing_throughput"
    echo
    echo "## Sustained HDF5 recording, 16 channels"
    echo
    echo "Reproduce: \`make bench\` or \`$build/bench/bench_recording_throughput build\`. 16 million samples (16"
    echo "channels x 1 million, sensor-like values, interleaved as a stream arrives), flushed every million"
    echo "samples, written to build/. Reference: plain write() of the same 16 bytes per sample to the same"
    echo "directory, measured again right after each row so that both see the same machine load. The first table is the recorder thread's work alone (ArchiveWriter), per chunk size: the"
    echo "default chunk (32768 samples) is the measured compromise (smaller chunks write markedly slower;"
    echo "larger ones only a little faster, while every channel's file grows in whole chunks). The second is"
    echo "the whole path from the pipeline stage through the queue and the recorder thread."
    echo
    "$build/bench/bench_recording_throughput" build
} >"$tmp"
mv "$tmp" "$out"
trap - EXIT
cat "$out"
