import Foundation
import ScaffoldKit
import Testing

/// The ML evidence rules (EVD001–EVD006) on impact-log/1 and impact-log/2 logs.
@Suite struct ValidateEvidenceTests {
    static let fingerprint = ValidateFixture.fingerprint
    static let validationFingerprint = "sha256:" + String(repeating: "1e", count: 32)

    /// The /2 fields of one record (SPEC.md "impact-log/2").
    static func version2(_ record: inout [String: JSONValue], role: String, previousBest: JSONValue = .null) {
        record["schema"] = .string("impact-log/2")
        record["seed_dependent"] = .bool(role == "candidate")
        let spread: JSONValue = role == "candidate"
            ? .object(["metric": .string("macro_f1"), "values": .array([.double(0.82), .double(0.84), .double(0.83)]),
                       "mean": .double(0.83), "min": .double(0.82), "max": .double(0.84), "std": .double(0.008)])
            : .null
        record["seeds"] = .object(["model": .int(42), "bootstrap": .int(7), "evaluated": .array(role == "candidate" ? [.int(42), .int(43), .int(44)] : [.int(42)]), "spread": spread])
        record["params_source"] = .object(["split": .string("validation"), "file": .string("impact/params.json"), "tried": .int(6)])
        record["config"] = .string("sha256:" + String(repeating: "ab", count: 32))
        record["environment"] = .object(["python": .string("3.11.7"), "platform": .string("Linux-6.1-x86_64"),
                                         "packages": .object(["numpy": .string("1.26.4"), "scikit-learn": .string("1.5.2")])])
        record["costs"] = .object(["fit_seconds": .double(0.5), "predict_seconds": .double(0.01), "latency_ms": .object(["p50": .double(0.1), "p95": .double(0.2)]),
                                   "throughput_per_s": .double(1e4), "model_bytes": .int(2048), "device": .string("cpu")])
        record["predictions"] = .object(["file": .string("impact/predictions/0f0f0f0f0f0f/run1.npz"), "sha256": .string(String(repeating: "cd", count: 32)), "key": record["system"]!])
        if var data = record["data"]?.objectValue {
            data["validation_fingerprint"] = .string(validationFingerprint)
            data["raw_fingerprint"] = .string(fingerprint)
            data["example"] = .bool(true)
            data["source"] = .string("example tickets")
            data["leakage"] = .object(["exact": .int(0), "near": .int(0), "action": .string("grouped"), "measure": .string("jaccard")])
            data["rows"] = .object(["train": .int(400), "validation": .int(80), "test": .int(120)])
            record["data"] = .object(data)
        }
        record["comparisons"] = .null
        record["previous_best"] = .null
        if role == "candidate" {
            if case .object(var comparison)? = record["comparison"] {
                comparison["strongest"] = .bool(true)
                record["comparison"] = .object(comparison)
                record["comparisons"] = .array([.object(comparison)])
            }
            record["previous_best"] = previousBest
        }
    }

    /// One /2 run: the trivial and a strong baseline, then the candidate (compared with the strong one).
    static func run2(_ run: Int, previousBest: JSONValue = .null) -> [String] {
        let trivial = String(format: "%032x", run * 3), strong = String(format: "%032x", run * 3 + 1)
        return [
            ValidateFixture.record(role: "baseline", system: "majority-class", id: trivial, run: "run\(run)", evaluations: run) { version2(&$0, role: "baseline") },
            ValidateFixture.record(role: "baseline", system: "tfidf-logreg", id: strong, run: "run\(run)", evaluations: run) { version2(&$0, role: "baseline") },
            ValidateFixture.record(role: "candidate", system: "tfidf-svm", id: String(format: "%032x", run * 3 + 2), baselineID: strong, run: "run\(run)", evaluations: run) {
                $0["comparison"] = .object([
                    "metric": .string("macro_f1"), "baseline_id": .string(strong), "baseline_system": .string("tfidf-logreg"),
                    "baseline": .double(0.80), "candidate": .double(0.83), "delta": .double(0.03),
                    "ci95": .array([.double(0.01), .double(0.05)]), "improved": .bool(true),
                ])
                version2(&$0, role: "candidate", previousBest: previousBest)
            },
        ]
    }

    static func contract(baseline: String) -> String {
        ValidateFixture.contract.replacingOccurrences(of: "\"baseline\": \"majority-class\"", with: "\"baseline\": \"\(baseline)\"")
    }

    @Test func anImpactLog1ProjectIsToldWhatEvidenceIsMissing() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        dir.write("p/impact/log.jsonl", ValidateFixture.log(ValidateFixture.runLines(2)))
        let (status, _, results) = try ValidateFixture.report([root], in: root)
        #expect(status == 0, "warnings only")
        #expect(results["LOG002"]?.ruleOutcome == "pass")
        #expect(results["LOG002"]?.ruleMessage == "4 records in impact/log.jsonl, all impact-log/1")
        #expect(results["EVD001"]?.ruleOutcome == "fail")
        #expect(results["EVD001"]?.ruleMessage == "the latest run (from line 3) compares only with 'majority-class', which knows nothing about the input")
        #expect(results["EVD002"]?.ruleMessage == "line 4: no validation split is recorded (data.rows has test, train, no params_source)")
        #expect(results["EVD003"]?.ruleMessage.hasPrefix("line 4: no seeds recorded (impact-log/1 has no 'seeds')") == true)
        #expect(results["EVD004"]?.ruleMessage == "line 4: no environment recorded (impact-log/1 has no 'environment')")
        #expect(results["EVD005"]?.ruleOutcome == "pass")
        #expect(results["EVD005"]?.ruleMessage.hasPrefix("data/README.md:3 Source: example support tickets") == true)
        #expect(results["EVD006"]?.ruleOutcome == "skip")
    }

    @Test func anImpactLog2ProjectPassesEveryEvidenceRule() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir, contract: Self.contract(baseline: "tfidf-logreg"))
        let previous: JSONValue = .object([
            "run": .string("run1"), "id": .string(String(format: "%032x", 5)), "system": .string("tfidf-svm"), "metric": .string("macro_f1"),
            "previous": .double(0.83), "candidate": .double(0.83), "delta": .double(0.0), "ci95": .array([.double(-0.01), .double(0.01)]),
            "improved": .bool(false), "regressed": .bool(false),
        ])
        dir.write("p/impact/log.jsonl", ValidateFixture.log(Self.run2(1) + Self.run2(2, previousBest: previous)))
        let (status, json, results) = try ValidateFixture.report([root], in: root)
        #expect(status == 0, "\(json)")
        for id in ["LOG002", "MET002", "BAS002", "CMP001", "PRV001", "EVD001", "EVD002", "EVD003", "EVD004", "EVD005", "EVD006"] {
            #expect(results[id]?.ruleOutcome == "pass", "\(id): \(results[id]?.ruleMessage ?? "")")
        }
        #expect(results["LOG002"]?.ruleMessage == "6 records in impact/log.jsonl, all impact-log/2")
        #expect(results["EVD001"]?.ruleMessage == "the latest run (from line 4) compares with 2 baselines: 'majority-class', 'tfidf-logreg'")
        #expect(results["EVD002"]?.ruleMessage == "line 6: parameters chosen by validation, 6 settings tried")
        #expect(results["EVD003"]?.ruleMessage == "line 6: macro_f1 over 3 seeds: 0.83 ± 0.008")
        #expect(results["EVD006"]?.ruleMessage == "line 6: not distinguishable from 'tfidf-svm' (run run1) on macro_f1: Δ +0, 95% CI [-0.01, +0.01]")
    }

    @Test func aRegressedCandidateFailsTheGate() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir, contract: Self.contract(baseline: "tfidf-logreg"))
        let previous: JSONValue = .object([
            "run": .string("run1"), "id": .string(String(format: "%032x", 5)), "system": .string("tfidf-svm"), "metric": .string("macro_f1"),
            "previous": .double(0.86), "candidate": .double(0.83), "delta": .double(-0.03), "ci95": .array([.double(-0.05), .double(-0.01)]),
            "improved": .bool(false), "regressed": .bool(true),
        ])
        dir.write("p/impact/log.jsonl", ValidateFixture.log(Self.run2(1) + Self.run2(2, previousBest: previous)))
        let (status, _, results) = try ValidateFixture.report([root], in: root)
        #expect(status == 1)
        #expect(results["EVD006"]?.ruleOutcome == "fail")
        #expect(results["EVD006"]?.ruleMessage == "line 6: 'tfidf-svm' is worse than 'tfidf-svm' (run run1) on macro_f1: Δ -0.03, 95% CI [-0.05, -0.01], the whole interval on the worse side")
    }

    @Test func tuningOnTheTestSplitIsCalledOut() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir, contract: Self.contract(baseline: "tfidf-logreg"))
        var lines = Self.run2(1)
        lines[2] = ValidateFixture.record(role: "candidate", system: "tfidf-svm", id: String(format: "%032x", 5), baselineID: String(format: "%032x", 4)) {
            Self.version2(&$0, role: "candidate")
            $0["data"] = .object(($0["data"]!.objectValue!).merging(["validation_fingerprint": .string(Self.fingerprint)]) { _, new in new })
            $0["comparison"] = .object(($0["comparison"]!.objectValue!).merging(["baseline_system": .string("tfidf-logreg")]) { _, new in new })
        }
        dir.write("p/impact/log.jsonl", ValidateFixture.log(lines))
        let (_, _, results) = try ValidateFixture.report([root], in: root)
        #expect(results["EVD002"]?.ruleMessage == "line 3: the validation split has the test split's fingerprint: parameters were tuned on test data")
    }

    @Test func everyRuleIsOneTypeWithMetadataAndResolvableRequirements() {
        let ids = RuleCatalog.all.map(\.rule.id)
        #expect(Set(ids).count == ids.count)
        for rule in RuleCatalog.rules {
            for required in rule.requiredRules { #expect(RuleCatalog.rule(required) != nil, "\(rule.id) requires \(required)") }
            #expect(rule.id.hasPrefix(rule.family.prefix))
            #expect(!rule.why.isEmpty && !rule.fix.isEmpty)
        }
        #expect(RuleCatalog.rule("EVD006")?.severity == .error)
        #expect(RuleCatalog.rule("RUN006")?.requirements.contains(.reproduceFlag) == true)
    }
}
