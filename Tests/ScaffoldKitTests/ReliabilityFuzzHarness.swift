import Foundation
import Mustache
#if !SCAFFOLD_FUZZ_SINGLE_MODULE
@testable import ScaffoldKit
#endif

/// What the fuzz targets run on one input. Shared by the seeded random test
/// (ReliabilityFuzzTests) and the libFuzzer target (Tests/Fuzz/run-fuzz.sh), and
/// used to replay Corpus/: any input must end in a result or an error — never a
/// trap, a hang or unbounded recursion.
enum FuzzHarness {
    /// Limits for fuzzing: small, so that an input that multiplies ends in an error fast.
    static let maxExpansions = 50_000
    static let maxOutputBytes = 1 << 20

    /// How one input ended.
    enum Outcome: Equatable {
        case rendered(Int)
        case failed(String)
    }

    /// The data every fuzzed template renders against: scalars, nested objects, lists, a
    /// dynamic partial name, and scaffold's own section helpers.
    static let context: MustacheValue = {
        var fields: [String: MustacheValue] = [
            "project_name": "my-project", "package_name": "my_project", "owner": "Ada <ada@example.com>",
            "name": "p0", "dir": "src", "flag": true, "off": false, "count": 3, "ratio": 0.5, "nothing": .null,
            "empty": [], "list": [["name": "a", "x": 1], ["name": "b", "x": 2], ["name": "c", "x": 3]],
            "nested": ["a": ["b": ["c": "deep"]]], "html": "<b>&\"'</b>",
        ]
        fields["items"] = .array((0..<10).map { .int($0) })
        for name in TextTransform.names {
            fields[name] = Answers.context(for: [])[name]
        }
        return .object(fields)
    }()

    /// Splits an input into a template and partials `p0`, `p1`, … at NUL bytes.
    static func split(_ data: Data) -> (template: String, partials: [String: String]) {
        let parts = data.split(separator: 0, omittingEmptySubsequences: false)
        let template = String(decoding: parts.first ?? Data(), as: UTF8.self)
        var partials: [String: String] = ["self": template]
        for (index, part) in parts.dropFirst().enumerated() {
            partials["p\(index)"] = String(decoding: part, as: UTF8.self)
        }
        return (template, partials)
    }

    /// Parses and renders a template input; options vary with the input's length.
    static func mustache(_ data: Data) -> Outcome {
        let (template, partials) = split(data)
        let options = MustacheRenderOptions(
            escaping: data.count % 3 == 0 ? .html : .none, strict: data.count % 2 == 0,
            maxDepth: [16, 64, 256][data.count % 3], maxExpansions: maxExpansions, maxOutputBytes: maxOutputBytes)
        do {
            let parsed = try MustacheTemplate(source: template, name: "fuzz")
            _ = parsed.referencedNames
            let output = try parsed.render(context, partials: DictionaryPartials(partials), options: options)
            return .rendered(output.utf8.count)
        } catch {
            precondition(error.line >= 1 && error.column >= 1 && !error.message.isEmpty, "malformed error: \(error)")
            return .failed(error.description)
        }
    }

    /// Decodes a `blueprint.json` input; when it is valid, resolves its answers (defaults are
    /// templates, patterns are regular expressions) and plans a small template tree that uses
    /// every variable in a file name and in a file.
    static func manifest(_ data: Data) -> Outcome {
        let manifest: BlueprintManifest
        do {
            manifest = try BlueprintManifest.decode(data, file: "fuzz/blueprint.json")
        } catch {
            precondition(!error.what.isEmpty, "empty error")
            return .failed(error.what)
        }
        var files = [BlueprintFile(path: "README.md", contents: Data("# {{#project_name}}{{.}}{{/project_name}}\n".utf8), executable: false)]
        for variable in manifest.variables.prefix(64) {
            files.append(BlueprintFile(
                path: "v/{{\(variable.name)}}/f.txt", contents: Data("{{\(variable.name)}}|{{#\(variable.name)}}on{{/\(variable.name)}}\n".utf8),
                executable: false))
        }
        let layer = BlueprintLayer(
            manifest: manifest, files: files, partials: ["p": "{{>p}}", "q": "{{project_name}}"], origin: .directory("/fuzz"))
        let blueprint = Blueprint(layers: [layer])
        do {
            let answers = try AnswerResolver().resolve(blueprint)
            let plan = try Planner().plan(blueprint, answers: answers)
            for file in plan.files {
                precondition(!file.path.hasPrefix("/") && !file.path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }, "unsafe path \(file.path)")
            }
            return .rendered(plan.totalBytes)
        } catch {
            precondition(!error.what.isEmpty, "empty error")
            return .failed(error.what)
        }
    }
}

/// SplitMix64: a small seeded generator, so every random test is reproducible.
struct FuzzRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random mutations: byte edits plus fragments of Mustache and JSON syntax.
enum FuzzMutator {
    static let mustacheFragments: [String] = [
        "{{", "}}", "{{{", "}}}", "{{#list}}", "{{/list}}", "{{^flag}}", "{{/flag}}", "{{#items}}", "{{/items}}",
        "{{>p0}}", "{{>p1}}", "{{>p0}}{{>p0}}", "{{>self}}", "{{<p0}}", "{{/p0}}", "{{$b}}", "{{/b}}", "{{=<% %>=}}",
        "<%", "%>", "{{=| |=}}", "{{!", "{{&", "{{.}}", "{{a.b.c}}", "{{nested.a.b.c}}", "{{>*name}}",
        "{{#upper}}", "{{/upper}}", "{{#python_identifier}}", "{{/python_identifier}}", "{{missing}}", "{{html}}",
        "\n", "\r\n", "  ", "\t", "é", "\u{301}", "😀", "\u{0}", "\u{FEFF}", "{{#", "{{/", "{{^", "{{>", "{{<", "{{$",
        "{{=", "=}}", String(repeating: "{{#flag}}", count: 40), String(repeating: "{{/flag}}", count: 40),
    ]

    static let jsonFragments: [String] = [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "0", "-0", "1e999", "-1e-999",
        "18446744073709551616", "\"\\u0000\"", "\"\\ud800\"", "\"\\uDC00\\uD800\"", "\"\\\"", "\"{{x}}\"",
        "\"{{>p}}\"", "\"..\"", "\"/etc\"", "\"(a+)+$\"", "\"[\"", "\"python-identifier\"", "\"choice\"", "\"bool\"",
        "\"integer\"", "{\"name\": \"x\"}", "\"variables\"", "\"extends\"", "\"conditional\"", "\"verbatim\"",
        "\"impact\"", "\"default\"", "\"pattern\"", String(repeating: "[", count: 600), String(repeating: "{\"a\":", count: 600),
        "\u{FEFF}", "\u{0}", "é", "\\", "\\u",
    ]

    /// Values a structural mutation puts into a manifest: hostile paths, templates, patterns.
    static let hostileValues: [JSONValue] = [
        .string(""), .string(".."), .string("."), .string(".git"), .string("a/b"), .string("/etc/passwd"),
        .string("x\u{0}y"), .string("\u{1B}[2J"), .string("{{>p}}"), .string("{{>q}}{{>q}}"), .string("{{project_name}}"),
        .string("{{#upper}}{{project_name}}{{/upper}}"), .string("{{missing}}"), .string("{{#project_name}}"),
        .string("{{=| |=}}|project_name|"), .string("(a+)+$"), .string("[z-a]"), .string("^$"), .string(".*"),
        .string("python-identifier"), .string("choice"), .string("bool"), .string("integer"), .string("!with_docs"),
        .string(String(repeating: "a", count: 300)), .string("é😀\u{301}"), .string("1.0.0"), .string("../base"),
        .int(0), .int(-1), .int(Int.max), .double(1e300), .bool(true), .bool(false), .null, .array([]), .object([:]),
        .array([.string("a"), .string("b")]), .object(["name": .string("v"), "default": .string("{{project_name}}")]),
        .object(["path": .string("{{project_name}}"), "if": .string("with_docs")]),
    ]

    /// Parses `input` as JSON and changes one value, key or element (the result is valid JSON,
    /// so the mutation reaches the manifest checks, answer resolution and planning).
    static func mutateStructure(_ input: Data, using random: inout FuzzRandom) -> Data? {
        guard let json = try? JSONValue.parse(input) else { return nil }
        var mutated = json
        for _ in 0..<Int.random(in: 1...3, using: &random) { mutated = mutate(mutated, depth: 0, using: &random) }
        return Data(mutated.compact().utf8)
    }

    private static func mutate(_ value: JSONValue, depth: Int, using random: inout FuzzRandom) -> JSONValue {
        let descend = depth < 6 && Int.random(in: 0..<4, using: &random) != 0
        switch value {
        case .object(var members) where !members.isEmpty && descend:
            let key = members.keys.sorted().randomElement(using: &random)!
            switch Int.random(in: 0..<8, using: &random) {
            case 0: members[key] = nil
            case 1: members[["name", "type", "default", "pattern", "format", "choices", "extends", "x-unknown", "impact", "path", "if"].randomElement(using: &random)!] = hostileValues.randomElement(using: &random)!
            default: members[key] = mutate(members[key]!, depth: depth + 1, using: &random)
            }
            return .object(members)
        case .array(var items) where !items.isEmpty && descend:
            let index = Int.random(in: 0..<items.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: items.remove(at: index)
            case 1: items.append(items[index])
            case 2: items.insert(hostileValues.randomElement(using: &random)!, at: index)
            default: items[index] = mutate(items[index], depth: depth + 1, using: &random)
            }
            return .array(items)
        case .string(let text) where Bool.random(using: &random):
            // Keep the string, with a hostile piece inserted.
            let piece = ["{{", "}}", "{{>p}}", "/", "..", "\u{0}", "{{project_name}}", "{{#lower}}", "(", "é"].randomElement(using: &random)!
            let cut = text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &random))
            return .string(String(text[..<cut]) + piece + String(text[cut...]))
        default:
            return hostileValues.randomElement(using: &random)!
        }
    }

    static func mutate(_ input: Data, fragments: [String], using random: inout FuzzRandom) -> Data {
        var bytes = [UInt8](input)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<8, using: &random) {
            case 0, 1, 2:
                bytes.insert(contentsOf: Array(fragments.randomElement(using: &random)!.utf8), at: position)
            case 3:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...16, using: &random)))
            case 4:
                if position < bytes.count { bytes[position] = UInt8.random(in: 0...255, using: &random) }
            case 5:
                let end = min(bytes.count, position + Int.random(in: 1...64, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            case 6:
                // Splice a piece from elsewhere in the input.
                if !bytes.isEmpty {
                    let from = Int.random(in: 0..<bytes.count, using: &random)
                    let piece = bytes[from..<min(bytes.count, from + Int.random(in: 1...32, using: &random))]
                    bytes.insert(contentsOf: piece, at: position)
                }
            default:
                if position < bytes.count, Bool.random(using: &random) { bytes.removeSubrange(position...) }
            }
        }
        return Data(bytes)
    }
}
