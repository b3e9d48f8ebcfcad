import Foundation

// libFuzzer entry point (built by run-fuzz.sh with -sanitize=fuzzer,address): runs the same
// harness as the seeded fuzz test (Tests/ScaffoldKitTests/ReliabilityFuzzHarness.swift) on
// each input. SCAFFOLD_FUZZ_TARGET picks it: "mustache" (a template, then partials p0, p1, …
// separated by NUL bytes) or "manifest" (a blueprint.json).
let fuzzTarget = ProcessInfo.processInfo.environment["SCAFFOLD_FUZZ_TARGET"] ?? "mustache"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    _ = fuzzTarget == "manifest" ? FuzzHarness.manifest(data) : FuzzHarness.mustache(data)
    return 0
}
