import Foundation
import Mustache
import Testing
@testable import ScaffoldKit

/// Seeded random fuzzing of the Mustache parser/renderer and of the `blueprint.json`
/// decoder (with answer resolution and planning of what it declares). Every input must end
/// in a result or an error: a trap fails the whole test process, a hang or unbounded
/// recursion shows as an input slower than `slowInput`.
///
/// Counts: `SCAFFOLD_FUZZ_TEMPLATES` (default 60,000) and `SCAFFOLD_FUZZ_MANIFESTS` (default
/// 40,000), 100,000 in all; `SCAFFOLD_FUZZ_SEED` replays another seed. The libFuzzer target
/// (Tests/Fuzz/run-fuzz.sh) runs the same harness coverage-guided.
@Suite("Reliability: fuzzing")
struct ReliabilityFuzzTests {
    /// No single input may take this long (debug build, a loaded machine).
    static let slowInput: Duration = .seconds(2)

    /// Real-world templates: every text file and partial of the built-in blueprints, and
    /// some of our own that reach every kind of tag.
    static let templateSeeds: [Data] = {
        var seeds: [String] = [
            "Hello {{name}}! {{#list}}[{{name}}:{{x}}]{{/list}}{{^empty}}none{{/empty}}",
            "{{#list}}\n  {{name}}: {{>p0}}\n{{/list}}\n\u{0}[{{.}}]\n",
            "{{<p0}}\n{{$b}}\n  body {{nested.a.b.c}}\n{{/b}}\n{{/p0}}\n\u{0}head\n  {{$b}}\n  default\n  {{/b}}\ntail\n",
            "{{=<% %>=}}<%#flag%><%owner%><%/flag%>{{count}}",
            "{{#upper}}{{project_name}}{{/upper}} {{>*name}}\u{0}{{>p0}}",
            "{{#python_identifier}}{{project_name}}{{/python_identifier}}/{{&html}}/{{{html}}}/{{html}}",
            "{{#items}}{{#items}}{{.}}{{/items}}{{/items}}",
            "  {{>p0}}\n\u{0}a\nb\n{{>p1}}\u{0}  {{>p0}}",
            "{{! comment }}{{#nested}}{{#a}}{{b.c}}{{/a}}{{/nested}}",
        ]
        let root = Binary.packageRoot + "/Blueprints"
        if let walker = FileManager.default.enumerator(atPath: root) {
            for case let path as String in walker where !path.hasSuffix(".json") && !path.hasSuffix(".csv") && !path.hasSuffix(".jsonl") {
                if let data = FileManager.default.contents(atPath: root + "/" + path), data.count < 64 << 10,
                   let text = String(data: data, encoding: .utf8), text.contains("{{") {
                    seeds.append(text)
                }
            }
        }
        return seeds.map { Data($0.utf8) }
    }()

    /// Every built-in `blueprint.json`, and one that uses every key.
    static let manifestSeeds: [Data] = {
        var seeds = [
            Data(#"""
            {"name": "seed", "version": "1.2.3-beta.1+build", "summary": "All keys.", "description": "Long.",
             "extends": "base", "abstract": false,
             "variables": [
               {"name": "project_name", "default": "my-project", "pattern": "[a-z][a-z0-9-]*", "help": "Name"},
               {"name": "package_name", "default": "{{#python_identifier}}{{project_name}}{{/python_identifier}}", "format": "python-identifier"},
               {"name": "with_docs", "type": "bool", "default": true},
               {"name": "license", "type": "choice", "choices": ["MIT", "Apache-2.0"], "default": "MIT"},
               {"name": "seed", "type": "integer", "default": 42},
               {"name": "dir", "default": "{{package_name}}_{{seed}}"}],
             "conditional": [{"path": "docs", "if": "with_docs"}, {"path": "legacy/", "if": "!with_docs"}],
             "verbatim": ["data/raw/**", "*.bin"],
             "next_steps": ["cd {{project_name}}", "make all"],
             "impact": {"pipeline": "python -m {{package_name}}.pipeline", "log": "impact/log.jsonl",
                        "primary_metric": "macro_f1", "greater_is_better": true, "nested": [{"a": "{{dir}}"}, 1, null]}}
            """#.utf8)
        ]
        let root = Binary.packageRoot + "/Blueprints"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root))?.sorted() ?? [] {
            if let data = FileManager.default.contents(atPath: root + "/" + name + "/blueprint.json"),
               case .object(var members)? = try? JSONValue.parse(data) {
                // Without `extends` (the harness plans one layer).
                members["extends"] = nil
                seeds.append(Data(JSONValue.object(members).compact().utf8))
            }
        }
        return seeds
    }()

    struct Tally {
        var ok = 0
        var errors = 0
        var slowest: Duration = .zero
        var slowestInput = Data()
    }

    static func fuzz(
        seeds: [Data], count: Int, seed: UInt64, fragments: [String], structural: Bool = false,
        target: (Data) -> FuzzHarness.Outcome
    ) -> Tally {
        var random = FuzzRandom(seed: seed)
        var tally = Tally()
        var pool = seeds
        for iteration in 0..<count {
            var input = pool[iteration % pool.count]
            if structural, iteration % 2 == 0, let mutated = FuzzMutator.mutateStructure(input, using: &random) {
                input = mutated
            } else {
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    input = FuzzMutator.mutate(input, fragments: fragments, using: &random)
                }
            }
            if input.count > 256 << 10 { input = input.prefix(256 << 10) }
            let start = ContinuousClock.now
            switch target(input) {
            case .rendered: tally.ok += 1
            case .failed: tally.errors += 1
            }
            let elapsed = ContinuousClock.now - start
            if elapsed > tally.slowest {
                tally.slowest = elapsed
                tally.slowestInput = input
            }
            // Keep some mutants as seeds, so mutations compound (a crude corpus).
            if iteration % 97 == 0 && pool.count < 4 * seeds.count { pool.append(input) }
        }
        return tally
    }

    static func report(_ what: String, _ tally: Tally, count: Int, seed: UInt64, elapsed: Duration) {
        print(
            "fuzz \(what): \(count) inputs (seed \(seed)) in \(String(format: "%.1f", elapsed.seconds)) s: "
                + "\(tally.ok) ok, \(tally.errors) errors; slowest \(tally.slowest)")
        if tally.slowest > slowInput {
            let file = FileManager.default.temporaryDirectory.path + "/scaffold-fuzz-slow-\(what).bin"
            try? tally.slowestInput.write(to: URL(fileURLWithPath: file))
            Issue.record("fuzz \(what): an input took \(tally.slowest) (a hang?); saved as \(file) — add it to Corpus/")
        }
    }

    @Test func mutatedTemplatesRenderOrFail() {
        let count = Reliability.count("SCAFFOLD_FUZZ_TEMPLATES", default: 60_000)
        let seed = Reliability.seed(0x5CAF_F01D)
        let start = ContinuousClock.now
        let tally = Self.fuzz(seeds: Self.templateSeeds, count: count, seed: seed, fragments: FuzzMutator.mustacheFragments, target: FuzzHarness.mustache)
        Self.report("templates", tally, count: count, seed: seed, elapsed: ContinuousClock.now - start)
        #expect(tally.ok + tally.errors == count)
        #expect(count < 1_000 || (tally.ok > count / 20 && tally.errors > count / 20), "the mutations barely reach one side")
    }

    @Test func mutatedManifestsDecodeOrFail() {
        let count = Reliability.count("SCAFFOLD_FUZZ_MANIFESTS", default: 40_000)
        let seed = Reliability.seed(0xB1_0E_9121)
        let start = ContinuousClock.now
        let tally = Self.fuzz(seeds: Self.manifestSeeds, count: count, seed: seed, fragments: FuzzMutator.jsonFragments, structural: true, target: FuzzHarness.manifest)
        Self.report("manifests", tally, count: count, seed: seed, elapsed: ContinuousClock.now - start)
        #expect(tally.ok + tally.errors == count)
        #expect(count < 1_000 || (tally.ok > count / 50 && tally.errors > count / 20), "the mutations barely reach one side")
    }

    @Test func everyManifestSeedPlans() {
        #expect(Self.manifestSeeds.count >= 3)
        for seed in Self.manifestSeeds {
            // (tabular-classification's positive_label defaults to "": an empty file name here.)
            if case .failed(let why) = FuzzHarness.manifest(seed), !why.contains("renders to an empty name") {
                Issue.record("seed fails: \(why) — \(String(decoding: seed.prefix(80), as: UTF8.self))")
            }
        }
    }

    // MARK: Corpus: inputs that once failed, replayed every run

    @Test func templateCorpusReplays() throws {
        let files = Reliability.corpusFiles("mustache")
        #expect(files.count >= 5, "Corpus/mustache is missing")
        for (name, data) in files {
            let start = ContinuousClock.now
            let outcome = FuzzHarness.mustache(data)
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < Self.slowInput, "\(name) took \(elapsed)")
            // Files named error-* must end in an error (they once trapped, hung or ran away).
            if name.hasPrefix("error-") {
                guard case .failed = outcome else {
                    Issue.record("\(name) rendered: \(outcome)")
                    continue
                }
            }
        }
    }

    @Test func manifestCorpusReplays() throws {
        let files = Reliability.corpusFiles("manifest")
        #expect(files.count >= 3, "Corpus/manifest is missing")
        for (name, data) in files {
            let start = ContinuousClock.now
            let outcome = FuzzHarness.manifest(data)
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < Self.slowInput, "\(name) took \(elapsed)")
            if name.hasPrefix("error-"), case .rendered = outcome { Issue.record("\(name) was accepted") }
        }
    }

    // MARK: The limits the fuzzing relies on, with their defaults

    @Test func defaultLimitsStopMultiplyingTemplates() throws {
        // 2^40 inclusions, and 10^12 list items: both end with an error at the default limits.
        var partials: [String: String] = ["p40": ""]
        for level in 0..<40 { partials["p\(level)"] = "{{>p\(level + 1)}}{{>p\(level + 1)}}" }
        let options = MustacheRenderOptions(maxExpansions: 200_000)
        #expect(throws: MustacheError.self) {
            try MustacheTemplate(source: "{{>p0}}").render([:], partials: DictionaryPartials(partials), options: options)
        }
        let lists = String(repeating: "{{#items}}", count: 12) + "." + String(repeating: "{{/items}}", count: 12)
        do {
            _ = try MustacheTemplate(source: lists, name: "lists").render(FuzzHarness.context, options: options)
            Issue.record("10^12 list items rendered")
        } catch {
            #expect(error.message.contains("(maxExpansions)"))
            #expect(error.name == "lists")
        }
        let defaults = MustacheRenderOptions()
        #expect(defaults.maxExpansions == 10_000_000)
        #expect(defaults.maxOutputBytes == 1 << 30)
    }

    @Test func outputLimitStopsRepeatedLargeContent() throws {
        let big = String(repeating: "x", count: 1 << 16)
        let partials = ["big": big, "twice": "{{>big}}{{>big}}"]
        let source = String(repeating: "{{>twice}}", count: 100)  // 12.5 MiB
        var usage = MustacheRenderUsage()
        do {
            _ = try MustacheTemplate(source: source, name: "t").render(
                [:], partials: DictionaryPartials(partials), options: .init(maxOutputBytes: 1 << 20), usage: &usage)
            Issue.record("rendered past the output limit")
        } catch {
            #expect(error.message.contains("grows past 1048576 bytes"))
        }
        #expect(usage.outputBytes > 1 << 20 && usage.outputBytes <= (1 << 20) + (1 << 16))
        #expect(usage.expansions > 0)
        var fine = MustacheRenderUsage()
        #expect(try MustacheTemplate(source: "{{>twice}}").render([:], partials: DictionaryPartials(partials), usage: &fine).count == 2 << 16)
        #expect(fine == { var u = MustacheRenderUsage(); u.expansions = 3; u.outputBytes = 2 << 16; return u }())
    }
}
