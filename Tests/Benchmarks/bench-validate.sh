#!/usr/bin/env bash
# Times static `scaffold validate` on two trees, side by side with the tools
# that do the least comparable work on the same tree:
#  1. skipped folders: an nlp-eval-like project (with an impact log) that also
#     holds a 50,000-file virtualenv (.venv/lib/python3.11/site-packages/…, with
#     pyvenv.cfg) and a 20,000-file data/ folder (CSV shards: walked for code,
#     never read). Goal: at most 1x `find -type f`.
#  2. ordinary folders: the same project plus 70,000 small source files in
#     ordinary folders (lib/pkgN/subM/modK.py). Goal: at most 1x `grep -rl`
#     over the same tree (which reads every file), aiming at 2x `find -type f`.
# Prints the best of N runs of each and the ratios. A measurement, not a test:
# exits 0 unless something fails to run.
#
# usage: Tests/Benchmarks/bench-validate.sh [SCAFFOLD_BINARY] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scaffold=$(realpath "${1:-$here/../../.build/release/scaffold}")
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project="$work/project"
ordinary="$work/ordinary"

python3 - "$project" "$ordinary" <<'PY'
import json, os, shutil, sys
root = sys.argv[1]
def write(rel, text=""):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
pkg = "bench_project"
write("scaffold.json", json.dumps({
    "blueprint": {"name": "nlp-eval", "version": "1.0.0", "answers": {"package_name": pkg}},
    "impact": {"pipeline": f"python -m {pkg}.pipeline", "evaluate": f"python -m {pkg}.evaluate",
               "report": f"python -m {pkg}.report", "log": "impact/log.jsonl", "primary_metric": "macro_f1",
               "greater_is_better": True, "baseline": "majority-class"}}, indent=2))
for module in ["__init__", "pipeline", "evaluate", "report", "task", "models"]:
    write(f"src/{pkg}/{module}.py", f'"""{module}"""\n' + "x = 1\n" * 200)
write(f"src/{pkg}/settings.py", 'from pathlib import Path\nLOG = Path("impact") / "log.jsonl"\n')
for module in ["__init__", "log", "harness", "bootstrap", "report", "metrics", "fingerprint", "gitinfo", "cli", "chart"]:
    write(f"src/{pkg}/impact/{module}.py", f'"""{module}"""\n' + "y = 2\n" * 300)
for name in ["harness", "bootstrap", "impact_log", "report", "models", "pipeline"]:
    write(f"tests/test_{name}.py", f"from {pkg}.impact import harness\n")
write("Makefile", f"data:\n\tpython -m {pkg}.pipeline\neval:\n\tpython -m {pkg}.evaluate\n")
write("pyproject.toml", f'[project]\nname = "{pkg}"\n')
write("README.md", "# bench\n")
fp = "sha256:" + "0f" * 32
lines = []
for run in range(50):
    base = {"schema": "impact-log/1", "id": f"{2 * run:032x}", "run": f"r{run}", "timestamp": "2025-03-01T12:00:00Z",
            "task": "t", "git": {"commit": "a1" * 20, "dirty": False},
            "data": {"fingerprint": fp, "test_fingerprint": fp, "rows": {"train": 480, "test": 120}},
            "params": {}, "seed": 42, "role": "baseline", "system": "majority-class",
            "metrics": {"macro_f1": {"value": 0.08, "ci95": [0.06, 0.1]}}, "primary_metric": "macro_f1",
            "greater_is_better": True, "comparison": None, "test_evaluations": run + 1,
            "bootstrap": {"resamples": 2000, "units": 120, "method": "percentile", "paired": True}}
    cand = dict(base, id=f"{2 * run + 1:032x}", role="candidate", system="tfidf-logreg",
                comparison={"metric": "macro_f1", "baseline_id": base["id"], "baseline_system": "majority-class",
                            "baseline": 0.08, "candidate": 0.83, "delta": 0.75, "ci95": [0.67, 0.81], "improved": True})
    lines += [json.dumps(base), json.dumps(cand)]
write("impact/log.jsonl", "\n".join(lines) + "\n")
write("impact/IMPACT.md", "# Impact\n")
write(".venv/pyvenv.cfg", "home = /usr/bin\nversion = 3.11.7\n")
for index in range(50_000):
    write(f".venv/lib/python3.11/site-packages/pkg{index // 500}/sub{index // 50 % 10}/mod{index}.py", "")
for index in range(20_000):
    write(f"data/raw/shard{index // 1000}/part{index}.csv", "text,label\n")
# Tree 2: the project without .venv and data/, plus 70,000 small source files.
ordinary = sys.argv[2]
shutil.copytree(root, ordinary, ignore=shutil.ignore_patterns(".venv", "data"))
root = ordinary
for index in range(70_000):
    write(f"lib/pkg{index // 1000}/sub{index // 100 % 10}/mod{index}.py",
          f'"""module {index}"""\n\ndef f{index}(x):\n    return x + {index}\n')
PY

now() { date +%s%N; }
# best_of COMMAND...: runs it $runs times, prints the best wall time in microseconds.
best_of() {
    local best="" start end elapsed
    for _ in $(seq "$runs"); do
        start=$(now); "$@" >/dev/null 2>&1 || true; end=$(now)
        elapsed=$(( (end - start) / 1000 ))
        if [[ -z $best || $elapsed -lt $best ]]; then best=$elapsed; fi
    done
    echo "$best"
}
ms() { python3 -c "print(f'{$1 / 1000:8.1f}')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
summary() {
    "$scaffold" validate "$1" --format json > "$work/report.json" || true
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["status"], r["summary"])' "$work/report.json"
}

tree=$project
find_files() { find "$tree" -type f | wc -l; }
grep_files() { grep -rl 'impact/log.jsonl' "$tree" | wc -l; }
validate() { "$scaffold" validate "$tree" --format json; }

files=$(find_files)
status=$(summary "$tree")
find_us=$(best_of find_files)
validate_us=$(best_of validate)
printf 'bench-validate 1 (skipped folders): %s files (50,000 in .venv, 20,000 in data/), best of %s runs\n' "$files" "$runs"
printf '  find PROJECT -type f | wc -l               %s ms\n' "$(ms "$find_us")"
printf '  scaffold validate PROJECT --format json    %s ms   (%s)\n' "$(ms "$validate_us")" "$status"
printf '  ratio validate / find: %s (goal: at most 1.00)\n' "$(ratio "$validate_us" "$find_us")"

tree=$ordinary
files=$(find_files)
status=$(summary "$tree")
find_us=$(best_of find_files)
grep_us=$(best_of grep_files)
validate_us=$(best_of validate)
printf 'bench-validate 2 (ordinary folders): %s files (70,000 small .py files in lib/), best of %s runs\n' "$files" "$runs"
printf '  find TREE -type f | wc -l                  %s ms\n' "$(ms "$find_us")"
printf '  grep -rl impact/log.jsonl TREE | wc -l     %s ms\n' "$(ms "$grep_us")"
printf '  scaffold validate TREE --format json       %s ms   (%s)\n' "$(ms "$validate_us")" "$status"
printf '  ratio validate / grep: %s (goal: at most 1.00)\n' "$(ratio "$validate_us" "$grep_us")"
printf '  ratio validate / find: %s (aim: at most 2.00)\n' "$(ratio "$validate_us" "$find_us")"
