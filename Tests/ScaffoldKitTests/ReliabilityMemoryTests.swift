import Foundation
import Testing

/// Peak memory of the real binary on large inputs, measured exactly (wait4's rusage of the
/// child): a 50 MB template through `scaffold render`, and `scaffold new` on a blueprint with
/// a 50 MB file and a 1 MB answer. Peak RSS must stay within a small multiple of the input.
/// (The same measurements, on a release build: Tests/Benchmarks/bench-memory.sh.)
@Suite("Reliability: memory", .serialized)
struct ReliabilityMemoryTests {
    /// Peak RSS may be at most this many times the input, on top of the process's own baseline.
    static let allowedMultiple = 6.0

    /// About `bytes` of template text: lines with a substitution each.
    static func largeTemplate(bytes: Int) -> Data {
        var text = ""
        text.reserveCapacity(bytes + 200)
        var line = 0
        while text.utf8.count < bytes {
            text += "row \(line) of {{project_name}}: lorem ipsum dolor sit amet, consectetur adipiscing elit\n"
            line += 1
        }
        return Data(text.utf8)
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }

    /// Peak RSS of `scaffold --version`: the runtime's own footprint.
    static func baseline() throws -> Int {
        try #require(Reliability.measurePeakRSS([Binary.path, "--version"]), "python3 is needed to measure peak RSS").peakRSS
    }

    @Test func renderingA50MBTemplateStaysWithinASmallMultiple() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let template = Self.largeTemplate(bytes: 50_000_000)
        dir.writeData("big.mustache", template)
        dir.write("data.json", #"{"project_name": "demo"}"#)
        let base = try Self.baseline()
        let outcome = try #require(Reliability.measurePeakRSS(
            [Binary.path, "render", dir.path + "/big.mustache", "--data", dir.path + "/data.json"], stdout: dir.path + "/out.txt"))
        #expect(outcome.status == 0)
        let rendered = FileManager.default.contents(atPath: dir.path + "/out.txt") ?? Data()
        #expect(rendered.count > template.count * 8 / 10 && rendered.count < template.count)
        let ratio = Double(outcome.peakRSS - base) / Double(template.count)
        print(
            "memory: scaffold render of a \(Self.megabytes(template.count)) template: peak RSS \(Self.megabytes(outcome.peakRSS)) "
                + "(baseline \(Self.megabytes(base))); (peak − baseline) / input = \(String(format: "%.2f", ratio))")
        #expect(ratio <= Self.allowedMultiple, "peak RSS \(Self.megabytes(outcome.peakRSS)) for \(Self.megabytes(template.count))")
    }

    @Test func generatingA50MBFileWithA1MBAnswerStaysWithinASmallMultiple() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let template = Self.largeTemplate(bytes: 50_000_000)
        dir.write(
            "bp/blueprint.json",
            #"{"name": "bp", "version": "1.0.0", "summary": "Large.", "variables": [{"name": "project_name", "default": "demo"}, {"name": "owner", "default": "Ada"}]}"#)
        dir.writeData("bp/template/data/big.txt", template)
        dir.write("bp/template/OWNER.md", "owner: {{owner}}\n")
        // 1 MB: more than one command-line argument may hold on Linux (128 KiB), so --answers.
        let answer = String(repeating: "0123456789", count: 100_000)
        dir.write("answers.json", #"{"owner": "\#(answer)"}"#)
        let input = template.count + answer.utf8.count
        let base = try Self.baseline()
        let outcome = try #require(Reliability.measurePeakRSS(
            [Binary.path, "new", dir.path + "/out", "--blueprint", dir.path + "/bp", "--answers", dir.path + "/answers.json", "--no-input", "--no-git"],
            stderr: dir.path + "/err.txt"))
        #expect(outcome.status == 0, "\((try? String(contentsOfFile: dir.path + "/err.txt", encoding: .utf8)) ?? "")")
        #expect(dir.read("out/OWNER.md") == "owner: \(answer)\n")
        #expect(FileManager.default.contents(atPath: dir.path + "/out/data/big.txt")?.count ?? 0 > 40_000_000)
        let ratio = Double(outcome.peakRSS - base) / Double(input)
        print(
            "memory: scaffold new with a \(Self.megabytes(template.count)) file and a \(Self.megabytes(answer.utf8.count)) answer: "
                + "peak RSS \(Self.megabytes(outcome.peakRSS)) (baseline \(Self.megabytes(base))); (peak − baseline) / input = \(String(format: "%.2f", ratio))")
        #expect(ratio <= Self.allowedMultiple, "peak RSS \(Self.megabytes(outcome.peakRSS)) for \(Self.megabytes(input))")
    }
}
