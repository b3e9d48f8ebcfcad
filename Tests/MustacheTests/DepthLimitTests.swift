import Mustache
import Testing

@Suite("Depth limits: errors, never stack overflows")
struct DepthLimitTests {
    @Test func selfIncludingPartial() throws {
        let error = try #require(renderError("{{>x}}", partials: ["x": "a{{>x}}"]))
        #expect(error.name == "x")
        #expect((error.line, error.column) == (1, 2))
        #expect(error.message == "partial 'x' nests deeper than 256 levels — check for a partial that includes itself")
    }

    @Test func mutuallyRecursivePartialsThroughSections() throws {
        let partials = ["a": "{{#t}}{{>b}}{{/t}}", "b": "\n  {{>a}}\n"]
        let error = try #require(renderError("{{>a}}", ["t": true], partials: partials))
        #expect(error.message.contains("nests deeper than 256 levels"))
    }

    @Test func selfInheritingParent() throws {
        let error = try #require(renderError("{{<p}}{{/p}}", partials: ["p": "{{<p}}{{$b}}x{{/b}}{{/p}}"]))
        #expect(error.message == "parent 'p' nests deeper than 256 levels — check for a parent that includes itself")
    }

    @Test func blockArgumentContainingItself() throws {
        let error = try #require(renderError("{{<p}}{{$a}}[{{$a}}{{/a}}]{{/a}}{{/p}}", partials: ["p": "{{$a}}{{/a}}"]))
        #expect(error.message.contains("block 'a' nests deeper than 256 levels"))
    }

    @Test func customDepthLimit() throws {
        let partials = ["x": "{{#more}}{{>x}}{{/more}}."]
        var data: MustacheValue = ["more": false]
        for _ in 0..<20 { data = ["more": data] }
        #expect(try render("{{>x}}", data, partials: partials, options: .init(maxDepth: 30)).count == 21)
        #expect(renderError("{{>x}}", data, partials: partials, options: .init(maxDepth: 10)) != nil)
    }

    @Test func tenThousandNestedSectionsIsAnErrorNotACrash() throws {
        let depth = 10_000
        let source = String(repeating: "{{#a}}", count: depth) + "x" + String(repeating: "{{/a}}", count: depth)
        let error = try #require(renderError(source, ["a": true]))
        #expect(error.message.contains("nest deeper than"))
    }

    @Test func nestedSectionsBeyondMaxDepthThrowAtRender() throws {
        let depth = 300
        let source = String(repeating: "{{#a}}", count: depth) + "x" + String(repeating: "{{/a}}", count: depth)
        let error = try #require(renderError(source, ["a": true]))
        #expect((error.line, error.column) == (1, 256 * 6 + 1))
        #expect(error.message.contains("sections nest deeper than 256 levels"))
        #expect(try render(source, ["a": true], options: .init(maxDepth: 1_000)) == "x")
    }

    @Test func veryDeepRecursionDoesNotOverflowTheStack() throws {
        let options = MustacheRenderOptions(maxDepth: 5_000)
        let partials = ["x": "{{#a}}{{>x}}{{/a}}"]
        let error = try #require(renderError("{{>x}}", ["a": true], partials: partials, options: options))
        #expect(error.message.contains("nests deeper than 5000 levels"))
        let nesting = MustacheTemplate.maximumNesting
        let source = String(repeating: "{{#a}}", count: nesting) + "x" + String(repeating: "{{/a}}", count: nesting)
        #expect(try render(source, ["a": true], options: options) == "x")
    }

    @Test func deeplyNestedJSONIsAnError() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: MustacheError.self) { try MustacheValue.parseJSON(text) }
    }
}
