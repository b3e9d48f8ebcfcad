#!/usr/bin/env bash
# Times `scaffold update` of a generated nlp-eval project against a fresh `scaffold new`
# of it (both with git, as a user runs them). The project is made from a copy of the
# built-in nlp-eval at version 0.9.0 whose README ends with one more paragraph; the "user"
# adds a line near the top of README.md and commits; `update --blueprint nlp-eval` then
# merges the built-in version (a clean merge: one merge commit).
# Each update starts from the same commit. Prints the best of N runs. A measurement, not
# a test: it exits 0 unless something fails to run.
#
# usage: Tests/Benchmarks/bench-update.sh [SCAFFOLD_BINARY] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scaffold=$(realpath "${1:-$here/../../.build/release/scaffold}")
runs=${2:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost
export TMPDIR="$work/tmp" && mkdir -p "$TMPDIR"

# The older version: the built-in blueprints, with nlp-eval at 0.9.0 and one README line different.
mkdir -p "$work/old"
cp -r "$here/../../Blueprints/." "$work/old/"
sed -i 's/"version": *"[^"]*"/"version": "0.9.0"/' "$work/old/nlp-eval/blueprint.json"
readme=$(find "$work/old/nlp-eval/template" -maxdepth 1 -name 'README*' | head -1)
if [[ -n $readme ]]; then printf '\nAn older paragraph that version 1 rewrote.\n' >> "$readme"; fi

now() { date +%s%N; }
new_best="" update_best=""
"$scaffold" new "$work/p" --blueprint nlp-eval --blueprints-dir "$work/old" --no-input >/dev/null
cd "$work/p"
sed -i '1a\\\nThis project is mine now: a line the blueprint never touches.' README.md
git add -A && git commit -qm "my edits"
head=$(git rev-parse HEAD)
sync
for _ in $(seq "$runs"); do
    rm -rf "$work/fresh"
    start=$(now); "$scaffold" new "$work/fresh" --blueprint nlp-eval --no-input >/dev/null; end=$(now)
    elapsed=$(( (end - start) / 1000 )); if [[ -z $new_best || $elapsed -lt $new_best ]]; then new_best=$elapsed; fi
    git update-ref -d MERGE_HEAD 2>/dev/null || true
    git reset -q --hard "$head" && git clean -fdq
    start=$(now); status=0; "$scaffold" update --blueprint nlp-eval --no-input >/dev/null || status=$?; end=$(now)
    if [[ $status != 0 ]]; then echo "bench-update: scaffold update exited $status (expected a clean merge)" >&2; exit 1; fi
    elapsed=$(( (end - start) / 1000 )); if [[ -z $update_best || $elapsed -lt $update_best ]]; then update_best=$elapsed; fi
done
files=$(git ls-files | wc -l)
ms() { awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'; }
echo "bench-update: nlp-eval project, $files tracked files, best of $runs runs ($(nproc) cores)"
printf '  %-44s %s\n' "scaffold new (with git)" "$(ms "$new_best")"
printf '  %-44s %s   update/new = %s\n' "scaffold update 0.9.0 → built-in (3-way merge)" "$(ms "$update_best")" "$(awk -v a="$update_best" -v b="$new_best" 'BEGIN { printf "%.2fx", a / b }')"
