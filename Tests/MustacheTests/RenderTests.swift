import Foundation
import Mustache
import Testing

@Suite("Rendering")
struct RenderTests {
    // MARK: Escaping

    @Test func escapingNoneIsTheDefault() throws {
        #expect(try render("{{x}}", ["x": "a & b < c > \"d\" 'e'"]) == "a & b < c > \"d\" 'e'")
    }

    @Test func escapingHTML() throws {
        let html = MustacheRenderOptions(escaping: .html)
        #expect(try render("{{x}}", ["x": "a & b < c > \"d\" 'e'"], options: html) == "a &amp; b &lt; c &gt; &quot;d&quot; 'e'")
        #expect(try render("{{{x}}}|{{&x}}", ["x": "<&>"], options: html) == "<&>|<&>")
        #expect(try render("{{x}}", ["x": "plain"], options: html) == "plain")
        #expect(try render("{{x}}", ["x": "é<ü>"], options: html) == "é&lt;ü&gt;")
    }

    // MARK: Values are never re-rendered

    @Test func valuesContainingTagsStayLiteral() throws {
        let data: MustacheValue = ["x": "{{y}}", "y": "no", "list": ["{{#y}}"]]
        #expect(try render("{{x}} {{{x}}} {{&x}} {{#list}}{{.}}{{/list}}", data) == "{{y}} {{y}} {{y}} {{#y}}")
        #expect(try render("{{>p}}", data, partials: ["p": "{{x}}"]) == "{{y}}")
        let upper: MustacheValue = .transform { $0.uppercased() }
        #expect(try render("{{#upper}}{{x}}{{/upper}}", ["x": "{{y}}", "upper": upper]) == "{{Y}}")
    }

    // MARK: Values and truthiness

    @Test func numberFormatting() throws {
        let data: MustacheValue = ["i": 85, "n": -3, "d": 1.21, "one": 1.0, "big": .int(Int.max), "t": true, "f": false]
        #expect(try render("{{i}} {{n}} {{d}} {{one}} {{big}} {{t}} {{f}}", data) == "85 -3 1.21 1.0 9223372036854775807 true false")
    }

    @Test func nullArraysObjectsAndTransformsInterpolateAsEmpty() throws {
        let data: MustacheValue = ["n": nil, "a": [1, 2], "o": ["k": 1], "t": .transform { $0 }]
        #expect(try render("[{{n}}{{a}}{{o}}{{t}}]", data) == "[]")
    }

    @Test func falseyValuesFollowTheSpec() throws {
        let data: MustacheValue = ["empty": "", "zero": 0, "obj": [:], "list": [], "null": nil, "no": false]
        let template = "{{#empty}}E{{/empty}}{{#zero}}Z{{/zero}}{{#obj}}O{{/obj}}{{#list}}L{{/list}}{{#null}}N{{/null}}{{#no}}F{{/no}}{{#missing}}M{{/missing}}"
        #expect(try render(template, data) == "EZO")
        let inverted = "{{^empty}}E{{/empty}}{{^zero}}Z{{/zero}}{{^obj}}O{{/obj}}{{^list}}L{{/list}}{{^null}}N{{/null}}{{^no}}F{{/no}}{{^missing}}M{{/missing}}"
        #expect(try render(inverted, data) == "LNFM")
    }

    @Test func contextStackAndDottedNames() throws {
        let data: MustacheValue = [
            "name": "outer", "person": ["name": "Ada", "address": ["city": "London"]],
            "items": [["name": "a"], ["other": 1]],
        ]
        #expect(try render("{{person.address.city}} {{#person}}{{name}} {{address.city}}{{/person}}", data) == "London Ada London")
        #expect(try render("{{#items}}[{{name}}]{{/items}}", data) == "[a][outer]")
        #expect(try render("{{#person.address}}{{city}}/{{name}}{{/person.address}}", data) == "London/outer")
        #expect(try render("{{#items}}{{#.}}{{name}}{{/.}}{{/items}}", data) == "aouter")
    }

    @Test func hugeArrays() throws {
        let items = MustacheValue.array((0..<100_000).map { .int($0) })
        let output = try render("{{#items}}{{.}},{{/items}}", ["items": items])
        #expect(output.hasPrefix("0,1,2,"))
        #expect(output.hasSuffix("99998,99999,"))
    }

    // MARK: Strict mode

    @Test func strictModeThrowsForMissingInterpolations() throws {
        let strict = MustacheRenderOptions(strict: true)
        for source in ["ok\n  {{nmae}}", "ok\n  {{{nmae}}}", "ok\n  {{& nmae}}"] {
            let error = try #require(renderError(source, ["name": "x"], options: strict))
            #expect(error.name == "t.mustache")
            #expect((error.line, error.column) == (2, 3))
            #expect(error.message.contains("no value for 'nmae' (strict mode)"))
            #expect(error.message.contains("check the spelling"))
        }
    }

    @Test func strictModeExplainsBrokenDottedNames() throws {
        let strict = MustacheRenderOptions(strict: true)
        let error = try #require(renderError("{{user.adress.city}}", ["user": ["address": ["city": "x"]]], options: strict))
        #expect(error.message.contains("'user' has no key 'adress'"))
        let scalar = try #require(renderError("{{user.name}}", ["user": "bob"], options: strict))
        #expect(scalar.message.contains("'user' is not an object"))
    }

    @Test func strictModeAllowsSectionsOnMissingNamesAndNullValues() throws {
        let strict = MustacheRenderOptions(strict: true)
        #expect(try render("{{#missing}}x{{/missing}}{{^missing}}y{{/missing}}[{{present}}]", ["present": nil], options: strict) == "y[]")
        #expect(try render("{{#list}}{{.}}{{name}}{{/list}}", ["list": [1], "name": "n"], options: strict) == "1n")
    }

    @Test func strictModeErrorsInPartialsNameThePartial() throws {
        let error = try #require(
            renderError("x\n{{>row}}", [:], partials: ["row": "a\n b {{typo}}"], options: .init(strict: true)))
        #expect(error.name == "row")
        #expect((error.line, error.column) == (2, 4))
    }

    @Test func nonStrictModeRendersMissingAsEmpty() throws {
        #expect(try render("[{{nmae}}]", ["name": "x"]) == "[]")
    }

    // MARK: Transforms

    @Test func transformSections() throws {
        let data: MustacheValue = [
            "name": "My Model",
            "python_identifier": .transform { $0.lowercased().replacingOccurrences(of: " ", with: "_") },
            "models": [["name": "First One"], ["name": "Second"]],
        ]
        #expect(try render("{{#python_identifier}}{{name}}{{/python_identifier}}", data) == "my_model")
        #expect(try render("{{#models}}{{#python_identifier}}{{name}}{{/python_identifier}},{{/models}}", data) == "first_one,second,")
        #expect(try render("[{{python_identifier}}][{{^python_identifier}}never{{/python_identifier}}]", data) == "[][]")
    }

    @Test func transformOutputIsNotParsed() throws {
        let data: MustacheValue = ["wrap": .transform { "{{" + $0 + "}}" }, "x": "y"]
        #expect(try render("{{#wrap}}x{{/wrap}}", data) == "{{x}}")
    }

    @Test func transformsCanNest() throws {
        let data: MustacheValue = ["up": .transform { $0.uppercased() }, "rev": .transform { String($0.reversed()) }]
        #expect(try render("{{#up}}a{{#rev}}bc{{/rev}}d{{/up}}", data) == "ACBD")
    }

    // MARK: Partials and indentation

    @Test func standalonePartialsIndentEveryNonEmptyLine() throws {
        let output = try render("def f():\n    {{>body}}\nend\n", [:], partials: ["body": "a = 1\n\nreturn a\n"])
        #expect(output == "def f():\n    a = 1\n\n    return a\nend\n")
    }

    @Test func nestedStandalonePartialsAccumulateIndentation() throws {
        let partials = ["outer": "class A:\n  {{>inner}}\n", "inner": "def f():\n  pass\n"]
        #expect(try render("  {{>outer}}", [:], partials: partials) == "  class A:\n    def f():\n      pass\n")
    }

    @Test func interpolatedMultilineValuesAreNotReindented() throws {
        #expect(try render("  {{>p}}\n", ["v": "1\n2"], partials: ["p": "[{{v}}]\n"]) == "  [1\n2]\n")
    }

    @Test func crlfLineEndings() throws {
        #expect(try render("a\r\n{{#s}}\r\n  b\r\n{{/s}}\r\nc", ["s": true]) == "a\r\n  b\r\nc")
        #expect(try render("a\r\n  {{>p}}\r\nc", [:], partials: ["p": "x\r\ny\r\n"]) == "a\r\n  x\r\n  y\r\nc")
    }

    @Test func missingPartialRendersEmpty() throws {
        #expect(try render("[{{>nope}}]") == "[]")
    }

    @Test func partialsAreCachedPerRender() throws {
        final class Counter: @unchecked Sendable {
            var count = 0
        }
        struct Counting: MustachePartialProvider {
            let counter: Counter
            func source(forPartial name: String) throws(MustacheError) -> String? {
                counter.count += 1
                return "<{{.}}>"
            }
        }
        let counter = Counter()
        let output = try MustacheTemplate(source: "{{#items}}{{>item}}{{/items}}")
            .render(["items": [1, 2, 3]], partials: Counting(counter: counter))
        #expect(output == "<1><2><3>")
        #expect(counter.count == 1)
    }

    @Test func dynamicPartialNames() throws {
        let data: MustacheValue = ["items": [["kind": "text", "v": "hi"], ["kind": "image", "v": "x.png"], ["kind": 3]]]
        let partials = ["text": "T:{{v}};", "image": "I:{{v}};"]
        #expect(try render("{{#items}}{{>*kind}}{{/items}}", data, partials: partials) == "T:hi;I:x.png;")
    }

    // MARK: Inheritance

    @Test func inheritanceWithLayout() throws {
        let partials = [
            "base": "<html>\n  <head>\n    {{$head}}<title>Default</title>{{/head}}\n  </head>\n  <body>\n    {{$body}}\n    {{/body}}\n  </body>\n</html>\n"
        ]
        let page = "{{<base}}\n{{$head}}<title>{{title}}</title>{{/head}}\n{{$body}}\n<h1>Hi</h1>\n<p>text</p>\n{{/body}}\n{{/base}}\n"
        let expected = "<html>\n  <head>\n    <title>T</title>\n  </head>\n  <body>\n    <h1>Hi</h1>\n    <p>text</p>\n  </body>\n</html>\n"
        #expect(try render(page, ["title": "T"], partials: partials) == expected)
    }

    @Test func inlineArgumentAtStandaloneBlockKeepsTheLineBreak() throws {
        let partials = ["base": "<head>\n  {{$head}}{{/head}}\n</head>\n"]
        #expect(try render("{{<base}}{{$head}}<title>x</title>{{/head}}{{/base}}", [:], partials: partials) == "<head>\n  <title>x</title>\n</head>\n")
        #expect(try render("{{<base}}{{/base}}", [:], partials: partials) == "<head>\n</head>\n")
    }

    @Test func blockArgumentsTakeEffectInNestedPartials() throws {
        let partials = ["base": "[{{>inner}}]", "inner": "{{$x}}default{{/x}}"]
        #expect(try render("{{<base}}{{$x}}over{{/x}}{{/base}}", [:], partials: partials) == "[over]")
    }

    // MARK: Misc

    @Test func setDelimitersCarryOnAndDoNotLeakIntoPartials() throws {
        let output = try render("{{=<% %>=}}<%a%> {{a}} <%>p%>", ["a": 1], partials: ["p": "{{a}}<%a%>"])
        #expect(output == "1 {{a}} 1<%a%>")
    }

    @Test func referencedNames() throws {
        let template = try MustacheTemplate(
            source: "{{a.b}} {{#c}}{{d}}{{/c}} {{^e}}{{/e}} {{>p}} {{>*f.g}} {{.}} {{! g }} {{<par}}{{$blk}}{{h}}{{/blk}}{{i}}{{/par}} {{$site}}{{j}}{{/site}}"
        )
        #expect(template.referencedNames == ["a", "c", "d", "e", "f", "h", "j"])
    }

    @Test func parseOnceRenderMany() throws {
        let template = try MustacheTemplate(source: "Hello {{name}}!", name: "greeting")
        #expect(template.name == "greeting")
        #expect(try template.render(["name": "A"]) == "Hello A!")
        #expect(try template.render(["name": "B"]) == "Hello B!")
    }

    @Test func templatesAreSendable() async throws {
        let template = try MustacheTemplate(source: "{{n}}")
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for n in 0..<8 { group.addTask { try template.render(["n": .int(n)]) } }
            var all: [String] = []
            for try await result in group { all.append(result) }
            return all.sorted()
        }
        #expect(results == (0..<8).map(String.init))
    }

    @Test func combiningCharactersNextToTagsSurvive() throws {
        #expect(try render("e{{x}}\u{301}!", ["x": ""]) == "e\u{301}!")
        #expect(try render("{{x}}\u{301}", ["x": "a"]).unicodeScalars.map(\.value) == [0x61, 0x301])
    }

    @Test func largeTemplate() throws {
        let line = "some literal text that fills a line of generated output, {{name}}\n"
        let source = String(repeating: line, count: 20_000)
        let output = try render(source, ["name": "x"])
        #expect(output.utf8.count == (line.utf8.count - 7) * 20_000)
    }
}
