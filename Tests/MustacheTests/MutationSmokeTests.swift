import Foundation
import Mustache
import Testing

/// Random mutations of spec templates (and some of our own): every one must parse and render,
/// or throw a `MustacheError` — never trap, never hang.
@Suite("Random mutation smoke test")
struct MutationSmokeTests {
    struct Sample {
        var template: String
        var data: MustacheValue
        var partials: [String: String]
    }

    static let fragments: [String] = [
        "{{", "}}", "{{{", "}}}", "{{#a}}", "{{/a}}", "{{^a}}", "{{#list}}", "{{/list}}", "{{>p}}", "{{>self}}",
        "{{<p}}", "{{/p}}", "{{$b}}", "{{/b}}", "{{=<% %>=}}", "<%", "%>", "{{=| |=}}", "|", "{{!", "{{&", "{{.}}",
        "{{a.b}}", "{{>*name}}", "{{#upper}}", "{{/upper}}", "\n", "\r\n", "\r", " ", "\t", "  ", "a", ".", "..", "*",
        "#", "/", "^", "$", "<", ">", "=", "!", "&", "{", "}", "é", "\u{301}", "😀", "\u{0}",
    ]

    static let ownSamples: [Sample] = [
        Sample(
            template: "{{#list}}\n  {{name}}: {{>p}}\n{{/list}}\n{{^list}}none{{/list}}",
            data: ["list": [["name": "a"], ["name": "b"]]], partials: ["p": "[{{.}}]\n"]),
        Sample(
            template: "{{<p}}\n{{$b}}\n  body {{a.b}}\n{{/b}}\n{{/p}}\n",
            data: ["a": ["b": "c"]], partials: ["p": "head\n  {{$b}}\n  default\n  {{/b}}\ntail\n"]),
        Sample(template: "{{=<% %>=}}<%#a%><%b%><%/a%>{{c}}", data: ["a": true, "b": 1, "c": 2], partials: [:]),
        Sample(template: "{{#upper}}{{name}}{{/upper}} {{>*name}}", data: ["name": "p"], partials: ["p": "{{>p}}"]),
    ]

    static func samples() -> [Sample] {
        var samples = ownSamples
        for module in SpecConformanceTests.requiredModules + SpecConformanceTests.optionalModules {
            guard let cases = try? SpecConformanceTests.cases(of: module) else { continue }
            samples += cases.map { Sample(template: $0.template, data: $0.data, partials: $0.partials) }
        }
        return samples
    }

    static func mutate(_ text: String, using generator: inout SeededGenerator) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0, 1:
                let fragment = fragments.randomElement(using: &generator) ?? "{{"
                bytes.insert(contentsOf: Array(fragment.utf8), at: position)
            case 2:
                let end = min(bytes.count, position + Int.random(in: 1...8, using: &generator))
                bytes.removeSubrange(position..<end)
            case 3:
                if position < bytes.count {
                    bytes[position] = [0x7B, 0x7D, 0x23, 0x2F, 0x0A, 0x20, 0xFF, 0xC3, 0x80].randomElement(using: &generator) ?? 0
                }
            case 4:
                let end = min(bytes.count, position + Int.random(in: 1...16, using: &generator))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            default:
                bytes.removeSubrange(position..<bytes.count)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func twentyThousandMutationsReturnOrThrow() {
        var generator = SeededGenerator(seed: 0x5EED_1234)
        let samples = Self.samples()
        let upper: MustacheValue = .transform { $0.uppercased() }
        var rendered = 0
        var failed = 0
        var malformedErrors: [MustacheError] = []
        let start = ContinuousClock.now
        for iteration in 0..<20_000 {
            let sample = samples[iteration % samples.count]
            let source = Self.mutate(sample.template, using: &generator)
            var partials = sample.partials
            partials["self"] = source
            if let name = ["self", "p", "node", "partial", "parent"].randomElement(using: &generator), let partial = partials[name] {
                partials[name] = Self.mutate(partial, using: &generator)
            }
            var data = sample.data
            if case .object(var fields) = data {
                fields["upper"] = upper
                data = .object(fields)
            }
            let options = MustacheRenderOptions(
                escaping: Bool.random(using: &generator) ? .html : .none, strict: Bool.random(using: &generator),
                maxDepth: 40)
            do {
                let template = try MustacheTemplate(source: source, name: "mutant-\(iteration)")
                _ = template.referencedNames
                _ = try template.render(data, partials: DictionaryPartials(partials), options: options)
                rendered += 1
            } catch {
                if error.message.isEmpty || error.line < 1 || error.column < 1 { malformedErrors.append(error) }
                failed += 1
            }
        }
        #expect(malformedErrors.isEmpty)
        let elapsed = ContinuousClock.now - start
        print("mutation smoke test: \(rendered) rendered, \(failed) errors in \(elapsed)")
        #expect(rendered > 1_000)
        #expect(failed > 1_000)
        #expect(elapsed < .seconds(20), "far slower than the 2 s budget: a hang?")
    }

    @Test func jsonMutationsReturnOrThrow() {
        var generator = SeededGenerator(seed: 42)
        let documents = [
            #"{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d\n\u00e9\ud83d\ude00"}, "e": ""}"#,
            #"[{"name": "x", "items": [[], {}, [[1]]]}, 12345678901234567890, "\\\"/"]"#,
        ]
        var parsed = 0
        for iteration in 0..<5_000 {
            let text = Self.mutate(documents[iteration % documents.count], using: &generator)
            if (try? MustacheValue.parseJSON(text)) != nil { parsed += 1 }
        }
        #expect(parsed > 0)
    }
}
