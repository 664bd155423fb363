#!/usr/bin/env bash
# Runs every libFuzzer target of BUILD_DIR (the `fuzz` preset) for FUZZ_SECONDS each (default 60),
# starting from its seed corpus in tests/fuzz/<target>/. New inputs go to BUILD_DIR/fuzz-corpus/<target>/
# (kept between runs), findings to BUILD_DIR/fuzz-findings/. Exits 1 when any target found something.
# With FUZZ_RUNS set (the smoke pass CI runs), each target instead starts from its seeds alone and runs
# FUZZ_RUNS inputs with the fixed FUZZ_SEED (default 1), so a run repeats (but for libhdf5's varying
# coverage in fuzz_archive_reader); FUZZ_SECONDS still caps it. Targets named in FUZZ_SEEDS_ONLY
# (space-separated) run their seed corpus once and mutate nothing (the smoke pass's archive reader).
#   scripts/run-fuzz.sh build/fuzz [TARGET...]
set -euo pipefail

build_dir=${1:?usage: run-fuzz.sh BUILD_DIR [TARGET...]}
shift
seconds=${FUZZ_SECONDS:-60}
runs=${FUZZ_RUNS:-}
source_dir=$(cd "$(dirname "$0")/.." && pwd)
fuzz_bin="$build_dir/tests/fuzz"
corpus_root="$build_dir/fuzz-corpus"
findings="$build_dir/fuzz-findings"
mkdir -p "$corpus_root" "$findings"

if (($# == 0)); then
    set -- $(cd "$source_dir/tests/fuzz" && ls -d fuzz_*/ | tr -d /)
fi

# The archive reader's seeds are made now: a tiny valid archive, cuts of it (a killed recorder) and the
# damage of past findings (the superblock-checksum damage is slow to refuse: README "Fuzzing").
archive_seeds="$corpus_root/archive-seeds"
if [[ ! -s "$archive_seeds/valid.h5" ]]; then
    mkdir -p "$archive_seeds"
    "$fuzz_bin/make_archive_seed" "$archive_seeds/valid.h5"
    size=$(stat -c %s "$archive_seeds/valid.h5")
    for cut in 96 512 2048 $((size / 2)) $((size - 64)); do
        head -c "$cut" "$archive_seeds/valid.h5" >"$archive_seeds/truncated-$cut.h5"
    done
    cp "$archive_seeds/valid.h5" "$archive_seeds/bad-superblock-checksum.h5"
    printf '\x0e\x33\x00\x00' | dd of="$archive_seeds/bad-superblock-checksum.h5" bs=1 seek=44 conv=notrunc status=none
fi

# Leaks inside libhdf5 on damaged files are the library's, not ours (see the file).
export LSAN_OPTIONS="suppressions=$source_dir/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

budget=(-max_total_time="$seconds")
if [[ -n $runs ]]; then
    budget+=(-runs="$runs" -seed="${FUZZ_SEED:-1}")
fi

failed=()
for target in "$@"; do
    corpus="$corpus_root/$target"
    if [[ -n $runs ]]; then
        # What earlier runs learned would change what this one tries.
        corpus="$build_dir/fuzz-smoke-corpus/$target"
        rm -rf "$corpus"
    fi
    mkdir -p "$corpus"
    target_budget=("${budget[@]}")
    if [[ " ${FUZZ_SEEDS_ONLY:-} " == *" $target "* ]]; then
        target_budget+=(-runs=0) # the last -runs wins: the seeds once, nothing mutated
    fi
    seeds=("$source_dir/tests/fuzz/$target")
    [[ $target == fuzz_archive_reader ]] && seeds+=("$archive_seeds")
    if [[ " ${FUZZ_SEEDS_ONLY:-} " == *" $target "* ]]; then
        echo "== $target: its seed corpus only"
    else
        echo "== $target: ${runs:+$runs runs, seed ${FUZZ_SEED:-1}, at most }${seconds}s"
    fi
    # -timeout: one input taking over 10 s is a finding (a hang); -rss_limit_mb: so is memory past 2 GiB.
    if ! "$fuzz_bin/$target" "$corpus" "${seeds[@]}" "${target_budget[@]}" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/$target-" \
        >"$findings/$target.log" 2>&1; then
        failed+=("$target")
        grep -E "^==[0-9]+==ERROR|SUMMARY|Test unit written" "$findings/$target.log" || tail -5 "$findings/$target.log"
    else
        grep -E "^stat::number_of_executed_units|^Done" "$findings/$target.log" | tr '\n' ' '
        echo
    fi
done

if ((${#failed[@]} > 0)); then
    echo "fuzzing found problems in: ${failed[*]} (logs and inputs in $findings/)" >&2
    exit 1
fi
echo "fuzzing: $# targets, ${runs:+$runs runs or }${seconds}s each, no findings"
