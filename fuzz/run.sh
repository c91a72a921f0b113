#!/usr/bin/env bash
# Run the aliasres fuzz target for a bounded time: fuzz/run.sh SECONDS [extra libFuzzer flags]
#   needs atheris (pip install atheris); CI runs it for ~60 s.
#   FUZZ_TARGET picks the target (default fuzz_resolve.py; fuzz_scan.py for scan()).
# The seed corpus (fuzz/seeds) is copied to a scratch directory, so the checkout is not
# written to; a failing input is saved as fuzz/artifacts/crash-* (or slow-unit-*, timeout-*)
# and the script exits non-zero. The last lines report how many inputs were executed.
set -euo pipefail
seconds=${1:?usage: fuzz/run.sh SECONDS [libFuzzer flags]}
shift
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/seeds" "$work/corpus"
mkdir -p "$here/artifacts"
log="$work/fuzz.log"
status=0
"$python" "$here/${FUZZ_TARGET:-fuzz_resolve.py}" \
    -max_total_time="$seconds" \
    -max_len=4096 \
    -timeout=20 \
    -rss_limit_mb=4096 \
    -print_final_stats=1 \
    -dict="$here/names.dict" \
    -artifact_prefix="$here/artifacts/" \
    "$@" "$work/corpus" >"$log" 2>&1 || status=$?
# the log without libFuzzer's progress lines and recommended dictionary
grep -v -E '^#[0-9]+|^"|ecommended dictionary' "$log" || true
runs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
corpus=$(ls "$work/corpus" | wc -l)
echo "fuzz: ${runs} executions in ${seconds} s, corpus ${corpus} inputs, exit ${status}"
exit "$status"
