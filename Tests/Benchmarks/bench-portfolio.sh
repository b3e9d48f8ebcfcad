#!/usr/bin/env bash
# Times `scaffold portfolio` on 6 projects with 50 evaluation runs each
# (impact-log/2, 3 records a run: 900 records, ~1 MB of logs) side by side,
# in one run, with `cat` reading the same logs (the floor: every byte read
# once). Prints the best of N runs and the ratio. A measurement, not a test.
#
# usage: Tests/Benchmarks/bench-portfolio.sh [SCAFFOLD_BINARY] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scaffold=$(realpath "${1:-$here/../../.build/release/scaffold}")
runs=${2:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
for p in range(6):
    root = os.path.join(work, f"project-{p}")
    os.makedirs(os.path.join(root, "impact"))
    os.makedirs(os.path.join(root, "data"))
    json.dump({"blueprint": {"name": "nlp-eval", "version": "2.0.0", "answers": {"project_name": f"project-{p}"}},
               "impact": {"log": "impact/log.jsonl", "primary_metric": "macro_f1", "greater_is_better": True}},
              open(os.path.join(root, "scaffold.json"), "w"))
    open(os.path.join(root, "data", "README.md"), "w").write("# Data\n\nSource: 900 synthetic support tickets\n")
    with open(os.path.join(root, "impact", "log.jsonl"), "w") as log:
        for run in range(1, 51):
            for role, system, value in (("baseline", "majority-class", 0.08), ("baseline", "naive-bayes", 0.7),
                                        ("candidate", "tfidf-logreg", 0.7 + run * 0.004)):
                record = {"schema": "impact-log/2", "id": f"{p:02x}{run:04x}{system[:2].encode().hex()}".ljust(32, "0"),
                          "run": f"r{run:011d}", "timestamp": f"2026-{1 + run // 28:02d}-{1 + run % 28:02d}T10:00:00Z",
                          "task": "support-ticket routing", "git": {"commit": f"{run:040x}", "dirty": False},
                          "data": {"fingerprint": "sha256:" + "1" * 64, "test_fingerprint": "sha256:" + "2" * 64,
                                   "rows": {"train": 540, "validation": 180, "test": 180}, "example": True,
                                   "source": "900 synthetic support tickets"},
                          "params": {"C": 1.0}, "seed": 42, "role": role, "system": system,
                          "metrics": {"macro_f1": {"value": value, "ci95": [value - 0.05, value + 0.05]}},
                          "primary_metric": "macro_f1", "greater_is_better": True, "test_evaluations": run,
                          "bootstrap": {"resamples": 2000, "units": 180, "method": "percentile", "paired": True},
                          "comparison": None if role == "baseline" else {
                              "metric": "macro_f1", "baseline_id": "0" * 32, "baseline_system": "naive-bayes",
                              "baseline": 0.7, "candidate": value, "delta": value - 0.7,
                              "ci95": [value - 0.74, value - 0.66], "improved": value - 0.74 > 0}}
                log.write(json.dumps(record) + "\n")
PY

best() { sort -n | head -1; }
time_ms() {  # best wall time of $runs runs of "$@", in ms
    for _ in $(seq "$runs"); do
        start=$(date +%s%N); "$@" > /dev/null 2>&1; end=$(date +%s%N)
        echo $(( (end - start) / 1000 ))
    done | best | awk '{printf "%.1f", $1 / 1000}'
}
projects=("$work"/project-*)
bytes=$(cat "$work"/project-*/impact/log.jsonl | wc -c)
sync
portfolio=$(time_ms "$scaffold" portfolio "${projects[@]}" --output "$work/out")
reading=$(time_ms cat "$work"/project-*/impact/log.jsonl)
ratio=$(awk -v a="$portfolio" -v b="$reading" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
echo "==> bench-portfolio: 6 projects x 50 runs (900 records, $((bytes / 1024)) KiB of logs), best of $runs"
echo "    scaffold portfolio  ${portfolio} ms"
echo "    cat of the logs     ${reading} ms   (portfolio is ${ratio}x the time to read the logs once)"
