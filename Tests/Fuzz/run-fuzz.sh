#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (the toolchain's -sanitize=fuzzer, with
# AddressSanitizer) of the Mustache parser/renderer and of the blueprint.json decoder
# (with answer resolution and planning), through the same harness as the seeded fuzz
# test in `swift test` (ReliabilityFuzzTests).
#
# usage: Tests/Fuzz/run-fuzz.sh [SECONDS]     (default 60, split between the two targets)
#
# Seeds: Tests/ScaffoldKitTests/Corpus/{mustache,manifest} (inputs that once failed) plus the
# built-in blueprints. The working corpus and any crash, timeout or out-of-memory input go to
# .build/fuzz/. A failing input ends the run with exit 1: add it to the Corpus folder (named
# error-*.bin / error-*.json when it must end in an error) so `swift test` replays it.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
seconds=${1:-60}
out=.build/fuzz
mkdir -p "$out/modules"

flags=(-sanitize=fuzzer,address -parse-as-library -O -g -I "$out/modules")
binary=$out/fuzz-scaffold
sources=(Sources/JSON/*.swift Sources/Mustache/*.swift Sources/BuiltinBlueprints/*.swift $(find Sources/ScaffoldKit -name '*.swift') Tests/Fuzz/*.swift Tests/ScaffoldKitTests/ReliabilityFuzzHarness.swift)
if [[ ! -x $binary || -n $(find "${sources[@]}" "$0" -newer "$binary" -print -quit) ]]; then
    echo "==> Building $binary (-sanitize=fuzzer,address; log: $out/build.log)"
    {
    swiftc "${flags[@]}" -wmo -module-name JSON -emit-module -emit-module-path "$out/modules/JSON.swiftmodule" \
        -c Sources/JSON/*.swift -o "$out/JSON.o"
    swiftc "${flags[@]}" -wmo -module-name Mustache -emit-module -emit-module-path "$out/modules/Mustache.swiftmodule" \
        -c Sources/Mustache/*.swift -o "$out/Mustache.o"
    swiftc "${flags[@]}" -wmo -module-name BuiltinBlueprints -emit-module -emit-module-path "$out/modules/BuiltinBlueprints.swiftmodule" \
        -c Sources/BuiltinBlueprints/*.swift Tests/Fuzz/EmptyArchive.swift -o "$out/BuiltinBlueprints.o"
    swiftc "${flags[@]}" -wmo -enable-testing -module-name ScaffoldKit -emit-module -emit-module-path "$out/modules/ScaffoldKit.swiftmodule" \
        -c $(find Sources/ScaffoldKit -name '*.swift') -o "$out/ScaffoldKit.o"
    swiftc "${flags[@]}" -module-name FuzzScaffold Tests/Fuzz/FuzzMain.swift Tests/ScaffoldKitTests/ReliabilityFuzzHarness.swift \
        "$out/JSON.o" "$out/Mustache.o" "$out/BuiltinBlueprints.o" "$out/ScaffoldKit.o" -o "$binary"
    } >"$out/build.log" 2>&1 || { grep -E "error" "$out/build.log" | head -20; echo "build failed: $out/build.log"; exit 2; }
fi

status=0
for target in mustache manifest; do
    corpus=$out/corpus-$target
    mkdir -p "$corpus" "$out/artifacts"
    cp Tests/ScaffoldKitTests/Corpus/$target/* "$corpus/"
    if [[ $target == manifest ]]; then
        for manifest in Blueprints/*/blueprint.json; do cp "$manifest" "$corpus/builtin-$(basename "$(dirname "$manifest")").json"; done
    else
        find Blueprints -type f \( -name '*.py' -o -name '*.md' -o -name '*.mustache' -o -name '*.toml' -o -name 'Makefile' \) -size -32k \
            | while read -r file; do cp "$file" "$corpus/builtin-$(echo "$file" | tr '/{}' '___')"; done
    fi
    echo "==> Fuzzing $target for $((seconds / 2)) s"
    if ! SCAFFOLD_FUZZ_TARGET=$target "$binary" "$corpus" -max_total_time=$((seconds / 2)) -timeout=10 \
        -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 -artifact_prefix="$out/artifacts/$target-" 2>"$out/$target.log"; then
        status=1
        echo "FAILED: $target — see $out/$target.log and $out/artifacts/; add the input to Tests/ScaffoldKitTests/Corpus/$target/"
        grep -E "ERROR|SUMMARY|Test unit written" "$out/$target.log" | head -5
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/$target.log" | sed "s/^/  $target: /"
done
exit $status
