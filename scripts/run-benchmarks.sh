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
    echo "## Rolling statistics and alert evaluation, one core"
    echo
    echo "Reproduce: \`make bench\` or \`$build/bench/bench_processing_throughput\`. The ProcessingStage fed"
    echo "batches of 1024 samples from memory (16 channels at 1 kHz each, so the 60 s window holds 60000 samples"
    echo "per channel); best of 3. Reference: a plain loop that sums the same samples per channel."
    echo
    "$build/bench/bench_processing_throughput"
} >"$tmp"
mv "$tmp" "$out"
trap - EXIT
cat "$out"
