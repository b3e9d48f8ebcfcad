import Foundation
@testable import ScaffoldKit
import Testing

/// The impact-log/1 checker, the line reader, SHA-256 and the JSON syntax locator.
@Suite struct ValidateLogTests {
    static func record(_ text: String) -> JSONValue { try! JSONValue.parse(Data(text.utf8)) }

    @Test func sha256KnownVectorsAndStreaming() {
        #expect(SHA256.hash(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hash(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var hasher = SHA256()
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 999)
        for _ in 0..<1001 { hasher.update(chunk) }
        hasher.update(Data(repeating: UInt8(ascii: "a"), count: 1_000_000 - 999 * 1001))
        #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func lineReaderSplitsAcrossChunksAndCapsLongLines() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.write("log", "one\n\ntwo two\n" + String(repeating: "x", count: 50) + "\ntail")
        var reader = LogLineReader(fileSystem: LocalFileSystem(), path: path)
        reader.chunkSize = 3
        reader.maxLineBytes = 10
        var lines: [LogLineReader.Line] = []
        let summary = try reader.forEachLine { lines.append($0) }
        #expect(lines.map(\.number) == [1, 2, 3, 4, 5])
        #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["one", "", "two two", "xxxxxxxxxx", "tail"])
        #expect(lines.map(\.offset) == [0, 4, 5, 13, 64])
        #expect(lines[3].overlong && lines[3].length == 50)
        #expect(lines.map(\.terminated) == [true, true, true, true, false])
        #expect(summary.lines == 5 && !summary.stopped)
        var resumed: [Int] = []
        try reader.forEachLine(from: 5, firstLine: 3) { resumed.append($0.number) }
        #expect(resumed == [3, 4, 5])
        reader.maxBytes = 6
        let stopped = try reader.forEachLine { _ in }
        #expect(stopped.stopped)
    }

    @Test func bothRecordShapesMatchTheSchema() {
        let harness = Self.record(ValidateFixture.record(role: "candidate", system: "c", id: "b", baselineID: "a"))
        #expect(ImpactLogChecker.problems(in: harness) == [])
        // The issue's shape: no run/task/bootstrap, row counts beside the fingerprint, names in the comparison.
        let issue = Self.record("""
            {"schema": "impact-log/1", "id": "x1", "timestamp": "2025-01-31T12:00:00.5+00:00",
             "git": {"commit": null, "dirty": false}, "data": {"fingerprint": "\(ValidateFixture.fingerprint)", "train": 10, "test": 3},
             "params": {"C": 1.0}, "seed": null, "role": "candidate", "system": "lr",
             "metrics": {"f1": {"value": 0.5, "ci95": [0.4, 0.6]}}, "primary_metric": "f1", "greater_is_better": true,
             "comparison": {"baseline_id": "x0", "baseline": "majority", "candidate": "lr", "delta": 0.1, "ci95": [0.0, 0.2], "improved": false},
             "test_evaluations": 1}
            """)
        #expect(ImpactLogChecker.problems(in: issue) == [])
    }

    @Test(arguments: [
        ("schema", JSONValue.string("impact-log/3"), "field 'schema' must be \"impact-log/1\" or \"impact-log/2\", found \"impact-log/3\""),
        ("id", .string(""), "field 'id' must be a non-empty string"),
        ("timestamp", .string("2025-03-01 12:00:00"), "field 'timestamp' must be a UTC RFC 3339 time"),
        ("timestamp", .string("2025-03-01T12:00:00+02:00"), "field 'timestamp' must be a UTC RFC 3339 time"),
        ("git", .object(["commit": .string("abc"), "dirty": .bool(false)]), "field 'git.commit' must be a 40-character hex commit or null"),
        ("git", .object(["commit": .null]), "missing field 'git.dirty'"),
        ("data", .object(["rows": .object([:])]), "missing field 'data.fingerprint'"),
        ("data", .object(["fingerprint": .string("md5:00")]), "field 'data.fingerprint' must be \"sha256:\" and 64 hex digits"),
        ("data", .object(["fingerprint": .string(ValidateFixture.fingerprint), "rows": .object(["test": .int(-1)])]), "field 'data.rows.test' must be a row count"),
        ("data", .object(["fingerprint": .string(ValidateFixture.fingerprint), "test": .string("many")]), "field 'data.test' must be a row count"),
        ("params", .array([]), "field 'params' must be an object"),
        ("seed", .double(1.5), "field 'seed' must be an integer or null"),
        ("role", .string("challenger"), "field 'role' must be \"baseline\" or \"candidate\""),
        ("system", .int(3), "field 'system' must be a non-empty string"),
        ("metrics", .object([:]), "field 'metrics' must be a non-empty object"),
        ("metrics", .object(["macro_f1": .object(["value": .string("high"), "ci95": .array([.int(0), .int(1)])])]), "field 'metrics.macro_f1.value' must be a number"),
        ("metrics", .object(["macro_f1": .object(["value": .double(0.5), "ci95": .array([.double(0.9), .double(0.1)])])]), "field 'metrics.macro_f1.ci95' must be [low, high] with low ≤ high"),
        ("metrics", .object(["macro_f1": .object(["value": .double(0.5)])]), "missing field 'metrics.macro_f1.ci95'"),
        ("metrics", .object(["accuracy": .object(["value": .double(0.5), "ci95": .array([.double(0.4), .double(0.6)])])]), "field 'primary_metric' names 'macro_f1', which is not in metrics"),
        ("greater_is_better", .string("yes"), "field 'greater_is_better' must be true or false"),
        ("comparison", .null, "field 'comparison' must be an object for a candidate, found null"),
        ("comparison", .object(["baseline_id": .string("a")]), "missing field 'comparison.ci95'"),
        ("test_evaluations", .int(0), "field 'test_evaluations' must be an integer ≥ 1"),
        ("bootstrap", .object(["resamples": .int(0), "units": .int(1), "method": .string("percentile"), "paired": .bool(true)]), "field 'bootstrap.resamples' must be an integer ≥ 1"),
        ("primary_metrc", .string("x"), "unknown field 'primary_metrc' (did you mean 'primary_metric'?)"),
    ] as [(String, JSONValue, String)])
    func eachFieldIsCheckedByName(field: String, value: JSONValue, expected: String) {
        let line = ValidateFixture.record(role: "candidate", system: "c", id: "b", baselineID: "a") { $0[field] = value }
        let problems = ImpactLogChecker.problems(in: Self.record(line))
        #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
    }

    @Test func missingFieldsAndABaselineWithAComparison() {
        let missing = ValidateFixture.record(role: "baseline", system: "b", id: "a") { $0["metrics"] = nil; $0["seed"] = nil }
        let problems = ImpactLogChecker.problems(in: Self.record(missing))
        #expect(problems.contains("missing field 'metrics'") && problems.contains("missing field 'seed'"))
        let compared = ValidateFixture.record(role: "baseline", system: "b", id: "a", baselineID: "z")
        #expect(ImpactLogChecker.problems(in: Self.record(compared)).contains("field 'comparison' must be null for a baseline, found an object"))
        #expect(ImpactLogChecker.problems(in: .array([])) == ["not a JSON object but an array"])
    }

    @Test(arguments: [
        ("2025-01-31T23:59:60Z", true), ("2024-02-29T00:00:00.123456Z", true), ("2025-01-31t12:00:00z", true),
        ("2025-02-29T00:00:00Z", false), ("2025-13-01T00:00:00Z", false), ("2025-01-31T24:00:00Z", false),
        ("2025-01-31T12:00:00", false), ("2025-01-31T12:00:00.Z", false), ("2025-01-31", false), ("", false),
    ])
    func timestamps(text: String, valid: Bool) {
        #expect(ImpactLogChecker.isUTCTimestamp(text) == valid)
    }

    @Test func analyseNamesEveryBadLineAndSeparatesACutLastLine() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var lines = ValidateFixture.runLines(2)
        lines[1] = String(lines[1].dropLast(20))  // broken JSON on line 2
        lines.insert("", at: 2)  // empty line 3
        var data = Data(ValidateFixture.log(lines).utf8)
        data.append(contentsOf: [0xFF, 0xFE, 0x0A])  // invalid UTF-8 on line 6
        data.append(Data((lines[0] + "\n").utf8))  // id repeats line 1, on line 7
        data.append(Data(ValidateFixture.runLines(1, from: 9)[0].prefix(80).utf8))  // cut line 8
        dir.writeData("log.jsonl", data)
        let analysis = ImpactLogChecker.analyse(ProjectAccess(fileSystem: LocalFileSystem(), root: dir.path), log: "log.jsonl")
        #expect(analysis.lineCount == 8)
        #expect(analysis.badLines == [2, 3, 6, 7])
        #expect(analysis.problems.first { $0.line == 2 }?.message.hasPrefix("not valid JSON: column ") == true)
        #expect(analysis.problems.first { $0.line == 3 }?.message.hasPrefix("empty line") == true)
        #expect(analysis.problems.first { $0.line == 6 }?.message == "not valid UTF-8")
        #expect(analysis.problems.first { $0.line == 7 }?.message.contains("repeats the id of line 1") == true)
        #expect(analysis.ending == .cut(line: 8, bytes: 80))
        #expect(analysis.records.map(\.line) == [1, 4, 5, 7])
    }

    @Test func aWholeRecordWithoutItsNewlineIsNotCut() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let lines = ValidateFixture.runLines(1)
        dir.write("log.jsonl", lines[0] + "\n" + lines[1])
        let analysis = ImpactLogChecker.analyse(ProjectAccess(fileSystem: LocalFileSystem(), root: dir.path), log: "log.jsonl")
        #expect(analysis.ending == .noTrailingNewline(line: 2))
        #expect(analysis.problems.isEmpty && analysis.records.count == 2)
    }

    @Test(arguments: [
        (#"{"a": 1 "b": 2}"#, "column 9: expected ',' or '}' in the object, found '\"'"),
        (#"{"a": tru}"#, "column 7: unexpected 't': expected a JSON value"),
        (#"{"a": [1, 2}"#, "column 12: expected ',' or ']' in the array, found '}'"),
        (#"{"a": "x"#, "column 7: unterminated string: add the closing '\"'"),
        (#"{"a": 01}"#, "column 8: numbers cannot have leading zeros"),
        ("{\"a\":\n 1,\n}", "line 3, column 1: expected a quoted key in the object, found '}'"),
        (#"{"a": 1} x"#, "column 10: unexpected 'x' after the JSON value; remove it (or wrap several values in an array)"),
        (#"{"a": 1"#, "column 8: expected ',' or '}' in the object, found end of input"),
    ])
    func syntaxErrorsSayWhere(text: String, expected: String) {
        do {
            _ = try JSONValue.parseLocated(Data(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func validJSONHasNoSyntaxError() {
        for text in [#"{"a": [1, -2.5e3, true, false, null, "\u00e9\n"], "b": {}}"#, "[]", " 3 "] {
            #expect(throws: Never.self) { try JSONValue.parseLocated(Data(text.utf8)) }
        }
    }
}
