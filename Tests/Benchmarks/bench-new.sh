#!/usr/bin/env bash
# Times `scaffold new` on a synthetic 200-file blueprint (3 KB a file, 40
# substitutions a file) side by side, in one run, with `cp -r` of the result
# and — when installed — cookiecutter rendering the same files; and times
# `scaffold list`. Prints the best of N runs and the ratios. A measurement,
# not a test: it always exits 0 unless something fails to run.
#
# usage: Tests/Benchmarks/bench-new.sh [SCAFFOLD_BINARY] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scaffold=$(realpath "${1:-$here/../../.build/release/scaffold}")
runs=${2:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, os, random, sys
work = sys.argv[1]
random.seed(7)
variables = [f"v{i}" for i in range(40)]
bp = os.path.join(work, "bench")
cc = os.path.join(work, "cookie")
os.makedirs(os.path.join(bp, "template"))
os.makedirs(os.path.join(cc, "{{cookiecutter.project_name}}"))
json.dump({"name": "bench", "version": "1.0.0", "summary": "Benchmark blueprint.",
           "variables": [{"name": "project_name", "default": "bench-project"}] +
                        [{"name": v, "default": f"value-{v}"} for v in variables]},
          open(os.path.join(bp, "blueprint.json"), "w"))
json.dump(dict({"project_name": "bench-project"}, **{v: f"value-{v}" for v in variables}),
          open(os.path.join(cc, "cookiecutter.json"), "w"))
words = "model data split metric baseline candidate evaluate pipeline report impact".split()
for n in range(200):
    parts_m, parts_j, size = [], [], 0
    for i, v in enumerate(variables):
        filler = " ".join(random.choice(words) for _ in range(9)) + "\n"
        parts_m.append(filler + "{{" + v + "}} ")
        parts_j.append(filler + "{{ cookiecutter." + v + " }} ")
    body_m, body_j = "".join(parts_m), "".join(parts_j)
    pad = " ".join(random.choice(words) for _ in range(max(0, (3072 - len(body_m)) // 7))) + "\n"
    sub = f"pkg{n % 10}"
    for root, body in ((os.path.join(bp, "template"), body_m), (os.path.join(cc, "{{cookiecutter.project_name}}"), body_j)):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
        with open(os.path.join(root, sub, f"file{n}.txt"), "w") as f:
            f.write(body + pad)
PY

now() { date +%s%N; }
# best_of NAME COMMAND...: runs the command $runs times (fresh output dir each time), prints the best in ms.
best_of() {
    local best="" start end elapsed
    for _ in $(seq "$runs"); do
        rm -rf "$work/out"; mkdir "$work/out"
        start=$(now); "$@" >/dev/null 2>&1; end=$(now)
        elapsed=$(( (end - start) / 1000 ))
        if [[ -z $best || $elapsed -lt $best ]]; then best=$elapsed; fi
    done
    echo "$best"
}

"$scaffold" new "$work/reference" --blueprint "$work/bench" --no-input --no-git >/dev/null
files=$(find "$work/reference" -type f | wc -l)
bytes=$(du -sb "$work/reference" | cut -f1)

# Let earlier writes (other benchmarks, the inputs above) reach the disk first, so they don't skew the timings.
sync
scaffold_us=$(best_of "$scaffold" new "$work/out/p" --blueprint "$work/bench" --no-input --no-git)
cp_us=$(best_of cp -r "$work/reference" "$work/out/p")
list_us=$(best_of "$scaffold" list)

cookiecutter=$(command -v cookiecutter || true)
[[ -z $cookiecutter && -x $here/../../.build/test-venv/bin/cookiecutter ]] && cookiecutter=$here/../../.build/test-venv/bin/cookiecutter
if [[ -n $cookiecutter ]]; then
    cc_us=$(best_of "$cookiecutter" --no-input -o "$work/out" "$work/cookie")
fi

ms() { awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo "bench-new: $files files, $bytes bytes, best of $runs runs ($(nproc) cores)"
printf '  %-34s %s\n' "scaffold new --no-git" "$(ms "$scaffold_us")"
printf '  %-34s %s   scaffold/cp = %s (goal <= 3x)\n' "cp -r (of the generated tree)" "$(ms "$cp_us")" "$(ratio "$scaffold_us" "$cp_us")"
if [[ -n ${cc_us:-} ]]; then
    printf '  %-34s %s   cookiecutter/scaffold = %s (goal >= 30x)\n' "cookiecutter $("$cookiecutter" --version | awk '{print $2}')" "$(ms "$cc_us")" "$(ratio "$cc_us" "$scaffold_us")"
else
    printf '  %-34s %s\n' "cookiecutter" "not installed: skipped"
fi
printf '  %-34s %s   (goal < 20 ms)\n' "scaffold list" "$(ms "$list_us")"
