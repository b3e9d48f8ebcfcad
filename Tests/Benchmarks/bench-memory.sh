#!/usr/bin/env bash
# Peak memory (maximum resident set size, from /usr/bin/time -v) of the real binary on
# large inputs, printed beside the input size:
#   1. `scaffold render` of a 50 MB template (one substitution per line);
#   2. `scaffold new` on a blueprint with a 50 MB template file and a 1 MB answer.
# The 1 MB answer goes through --answers: Linux caps one command-line argument at 128 KiB,
# so `--set KEY=<1 MB>` cannot even be passed to exec (E2BIG). A 100 KB --set answer is
# measured too. A measurement, not a test: exits 0 unless something fails to run; the
# Reliability memory suite in `swift test` asserts the bound.
#
# usage: Tests/Benchmarks/bench-memory.sh [SCAFFOLD_BINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scaffold=$(realpath "${1:-$here/../../.build/release/scaffold}")
if [[ ! -x /usr/bin/time ]]; then
    echo "bench-memory: /usr/bin/time not found (Debian/Ubuntu: apt-get install -y time) — skipped"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
line = "row {n} of {{{{project_name}}}}: lorem ipsum dolor sit amet, consectetur adipiscing elit\n"
with open(os.path.join(work, "big.mustache"), "w") as f:
    size, n = 0, 0
    while size < 50_000_000:
        text = line.format(n=n); f.write(text); size += len(text); n += 1
json.dump({"project_name": "demo"}, open(os.path.join(work, "data.json"), "w"))
bp = os.path.join(work, "bp")
os.makedirs(os.path.join(bp, "template", "data"))
json.dump({"name": "bp", "version": "1.0.0", "summary": "Large.",
           "variables": [{"name": "project_name", "default": "demo"}, {"name": "owner", "default": "Ada"}]},
          open(os.path.join(bp, "blueprint.json"), "w"))
os.link(os.path.join(work, "big.mustache"), os.path.join(bp, "template", "data", "big.txt"))
open(os.path.join(bp, "template", "OWNER.md"), "w").write("owner: {{owner}}\n")
json.dump({"owner": "0123456789" * 100_000}, open(os.path.join(work, "answers.json"), "w"))
PY

# peak_kb COMMAND...: runs it under /usr/bin/time -v, prints the peak RSS in kB.
peak_kb() {
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
    awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt"
}
report() {  # report LABEL INPUT_BYTES PEAK_KB BASELINE_KB
    awk -v label="$1" -v input="$2" -v peak="$3" -v base="$4" 'BEGIN {
        printf "  %-52s input %6.1f MB  peak RSS %6.1f MB  peak/input %.2f  (peak - baseline)/input %.2f\n",
            label, input / 1e6, peak * 1024 / 1e6, peak * 1024 / input, (peak - base) * 1024 / input }'
}

template_bytes=$(wc -c < "$work/big.mustache")
answer_bytes=1000000
base=$(peak_kb "$scaffold" --version)
render=$(peak_kb "$scaffold" render "$work/big.mustache" --data "$work/data.json")
new=$(peak_kb "$scaffold" new "$work/out1" --blueprint "$work/bp" --answers "$work/answers.json" --no-input --no-git)
small_answer=$(printf '%0100000d' 0)
new_set=$(peak_kb "$scaffold" new "$work/out2" --blueprint "$work/bp" --set "owner=$small_answer" --no-input --no-git)

echo "bench-memory: $(basename "$scaffold") ($("$scaffold" --version)), baseline peak RSS (scaffold --version) $(awk -v b="$base" 'BEGIN { printf "%.1f MB", b * 1024 / 1e6 }')"
report "render: 50 MB template" "$template_bytes" "$render" "$base"
report "new: 50 MB file + 1 MB answer (--answers)" "$((template_bytes + answer_bytes))" "$new" "$base"
report "new: 50 MB file + 100 KB answer (--set)" "$((template_bytes + 100000))" "$new_set" "$base"
