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
    echo "over 127.0.0.1. Reference: a plain recvmmsg() loop that only counts datagrams, searched in alternation"
    echo "with StreamScope over three rounds; the ratio is the median of the rounds' ratios."
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
    echo "per channel). Reference: a plain loop that sums the same samples per channel, timed right before each"
    echo "case in each of 7 rounds; the table gives per case the median and the median ratio of the thread's CPU"
    echo "time (not wall time, which on a shared machine also counts other processes' turns). Target: at least"
    echo "20 million samples/s with 3 windows + 2 rules."
    echo
    "$build/bench/bench_processing_throughput"
    echo
    echo "## Sustained HDF5 recording, 16 channels"
    echo
    echo "Reproduce: \`make bench\` or \`$build/bench/bench_recording_throughput build\`. 16 million samples (16"
    echo "channels x 1 million, sensor-like values, interleaved as a stream arrives) written to build/. Reference:"
    echo "plain write() of the same samples, 16 bytes each (time, value), in 1 MiB blocks to the same directory,"
    echo "taking them the way the row's subject does. Each row runs the reference and the subject alternately, 7"
    echo "rounds (3 for the slow deflate rows), and gives the median of the per-round ratios and their range, so"
    echo "that a busy moment of the shared machine lands in one round instead of deciding the row. Outside the"
    echo "timing, each run deletes the previous run's file and syncs; inside, neither side fsyncs (the archive is"
    echo "flushed to the kernel, as write() is) and both include closing the file."
    echo
    echo "Both tables flush every 100 ms (ten times as often as the default). The first is the recorder thread's"
    echo "work alone (ArchiveWriter) per chunk size, at the default of 32768 samples and around it: smaller chunks"
    echo "cost more HDF5 calls, larger ones more cache misses (16 channels' buffers of one chunk each), and every"
    echo "channel's file grows in whole chunks. The second is the whole path: RecorderStage on the pipeline"
    echo "thread sorts samples by channel into blocks of one chunk and hands each full block through the queue"
    echo "to the recorder thread, which writes it as it is (H5Dwrite_chunk); partly filled blocks go at each"
    echo "flush. Its reference takes the same pipeline batches (1024 samples in one reused vector); the stage is"
    echo "ticked every 10 ms as the pipeline does. \"blocks\" is the most of the recorder's one-chunk blocks a"
    echo "round made (the benchmark keeps the queue nearly full; live, with the queue mostly empty, it stays"
    echo "near one per channel plus a few)."
    echo
    echo "Two ratios per row: the wall-clock ratio (reference time / subject time) and the CPU-time ratio"
    echo "(user + system time of all threads, reference / subject). The machine is shared with other builds,"
    echo "so the wall-clock ratio follows their load from round to round; the CPU-time ratio, which counts"
    echo "only this process's work, is the figure to judge the target by. Target: at least 10 million"
    echo "samples/s and 0.5 of write()."
    echo
    "$build/bench/bench_recording_throughput" build
    echo
    echo "## Archive overview at 2000 px against reading the raw samples"
    echo
    echo "Reproduce: \`make bench\` or \`$build/bench/bench_overview_throughput build\`. Archives of 16 channels at"
    echo "1 kHz written to build/ with ArchiveWriter (default chunks, uncompressed; the pyramid written while"
    echo "recording): 10 M samples, one hour (57.6 M) and 100 M. Subject: open the archive and compute the"
    echo "whole-range M4 overview at 2000 px of every channel (ArchiveOverview). Reference: open it and read every"
    echo "sample of the same range (ArchiveReader::read, blocks of 1 Mi). Each measurement is a fresh process;"
    echo "peak RSS is its maxrss (wait4). Reference and subject alternate, 5 rounds with the file in the page"
    echo "cache (warm) and 3 with its pages dropped before each run (cold: posix_fadvise DONTNEED), medians of"
    echo "the per-round figures. CPU is the child's user + system time, the figure to judge by on a shared machine."
    echo "Target (issue 6): the one-hour overview under 0.5 s and under 300 MB whatever the archive's size."
    echo
    "$build/bench/bench_overview_throughput" build
    # The soak takes minutes, so it is opt-in (never in CI): SOAK_SECONDS=600 scripts/run-benchmarks.sh.
    # Without it the previous run's soak section is kept as it was.
    if [[ -n "${SOAK_SECONDS:-}" ]]; then
        echo "## Soak: 200,000 samples/s over loopback UDP with recording and alerts"
        echo
        echo "Reproduce: \`SOAK_SECONDS=600 make bench\` or \`$build/bench/bench_soak --duration 600\` (\`--warm-up S\`,"
        echo "default 90; \`--rate N\`, default 200000). \`streamscope record --udp 127.0.0.1:PORT --format csv\` with"
        echo "three alert rules takes \`streamscope generate --rate 25000 --channels 8\` (8 channels a line) for the"
        echo "whole duration. Pass: every sent sample is in the archive, zero kernel, ring and recorder-queue"
        echo "drops, and the recorder's resident memory (VmRSS, sampled every second) grows less than 5% from the"
        echo "end of the warm-up (statistics windows and display history full) to its peak after. Run on $(date -u +%Y-%m-%d)."
        echo
        "$build/bench/bench_soak" --duration "$SOAK_SECONDS" --dir build || true
    elif [[ -f "$out" ]]; then
        sed -n '/^## Soak/,$p' "$out"
    fi
} >"$tmp"
mv "$tmp" "$out"
trap - EXIT
cat "$out"
