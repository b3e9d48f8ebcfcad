import Mustache
import Testing

@Suite("Parse errors name the place and the fix")
struct ParseErrorTests {
    @Test func unclosedTag() throws {
        let error = try #require(parseError("Hello\n  {{name and more"))
        #expect(error.name == "t.mustache")
        #expect(error.line == 2)
        #expect(error.column == 3)
        #expect(error.message.contains("unclosed tag {{name and more"))
        #expect(error.message.contains("add '}}'"))
        #expect(error.description.hasPrefix("t.mustache:2:3: unclosed tag"))
    }

    @Test func unclosedTripleMustache() throws {
        let error = try #require(parseError("x {{{name}}"))
        #expect((error.line, error.column) == (1, 3))
        #expect(error.message.contains("add '}}}'"))
    }

    @Test func unclosedSection() throws {
        let error = try #require(parseError("line 1\nline 2\n    {{#items}}\n  {{name}}\n"))
        #expect((error.line, error.column) == (3, 5))
        #expect(error.message == "unclosed section {{#items}}: add {{/items}} to close the section opened at 3:5")
    }

    @Test func innermostUnclosedSectionIsReported() throws {
        let error = try #require(parseError("{{#a}}\n{{^b}}\n{{#c}}{{/c}}"))
        #expect((error.line, error.column) == (2, 1))
        #expect(error.message.contains("unclosed inverted section {{^b}}: add {{/b}}"))
    }

    @Test func mismatchedClosingTag() throws {
        let error = try #require(parseError("{{#a}}\n  text {{/b}}"))
        #expect((error.line, error.column) == (2, 8))
        #expect(
            error.message
                == "closing tag {{/b}} does not match {{#a}} opened at 1:1; add {{/a}} before it (sections close in the reverse order they open)"
        )
    }

    @Test func unexpectedClosingTag() throws {
        let error = try #require(parseError("a\nb {{/items}}"))
        #expect((error.line, error.column) == (2, 3))
        #expect(error.message.contains("unexpected closing tag {{/items}}"))
        #expect(error.message.contains("{{#items}}"))
    }

    @Test(arguments: ["{{=<% %> x=}}", "{{=<%=}}", "{{= <= %> =}}", "{{==}}", "{{=<% =%>=}}"])
    func invalidDelimiterChange(_ source: String) throws {
        let error = try #require(parseError("ok\n" + source))
        #expect((error.line, error.column) == (2, 1))
        #expect(error.message.contains("invalid set-delimiter tag"))
        #expect(error.message.contains("e.g. {{=<% %>=}}"))
    }

    @Test(arguments: [("a {{}} b", 3), ("{{ }}", 1), ("xy{{#}}{{/}}", 3), ("{{&}}", 1), ("{{>  }}", 1)])
    func emptyTagName(_ source: String, _ column: Int) throws {
        let error = try #require(parseError(source))
        #expect((error.line, error.column) == (1, column))
        #expect(error.message.contains("empty tag"))
        #expect(error.message.contains("put a name between the delimiters"))
    }

    @Test func whitespaceInsideName() throws {
        let error = try #require(parseError("{{first name}}"))
        #expect(error.message.contains("whitespace inside its name 'first name'"))
    }

    @Test(arguments: ["{{a..b}}", "{{.a}}", "{{a.}}", "{{#..}}{{/..}}"])
    func malformedDottedName(_ source: String) throws {
        let error = try #require(parseError(source))
        #expect(error.message.contains("dotted name needs a key between every pair of dots"))
    }

    @Test func unclosedParent() throws {
        let error = try #require(parseError("a\n{{<layout}}\n{{$body}}x{{/body}}\n"))
        #expect((error.line, error.column) == (2, 1))
        #expect(error.message == "unclosed parent tag {{<layout}}: add {{/layout}} to close the parent tag opened at 2:1")
    }

    @Test func unclosedBlock() throws {
        let error = try #require(parseError("{{<parent}}{{$block}}x"))
        #expect((error.line, error.column) == (1, 12))
        #expect(error.message == "unclosed block {{$block}}: add {{/block}} to close the block opened at 1:12")
    }

    @Test func suggestionsUseTheDelimitersInForce() throws {
        let error = try #require(parseError("{{=<% %>=}}\n<%#items%>"))
        #expect((error.line, error.column) == (2, 1))
        #expect(error.message.contains("add <%/items%>"))
    }

    @Test func columnsCountUnicodeScalars() throws {
        let error = try #require(parseError("héllo {{#a}}"))
        #expect((error.line, error.column) == (1, 7))
    }

    @Test func linesCountInsideMultilineTags() throws {
        let error = try #require(parseError("{{!\ncomment\n}}\n\n  {{/x}}"))
        #expect((error.line, error.column) == (5, 3))
    }

    @Test func tooDeeplyNestedTemplateIsAnError() throws {
        let depth = 10_000
        let source = String(repeating: "{{#a}}", count: depth) + String(repeating: "{{/a}}", count: depth)
        let error = try #require(parseError(source))
        #expect(error.line == 1)
        #expect(error.column == MustacheTemplate.maximumNesting * 6 + 1)
        #expect(error.message.contains("nest deeper than \(MustacheTemplate.maximumNesting) levels"))
    }

    @Test func errorsInPartialsNameThePartial() throws {
        let error = try #require(renderError("a {{>card}}", partials: ["card": "ok\n{{#x}}"]))
        #expect(error.name == "card")
        #expect((error.line, error.column) == (2, 1))
        #expect(error.message.contains("add {{/x}}"))
    }

    @Test func errorsInParentsNameTheParent() throws {
        let error = try #require(renderError("{{<base}}{{/base}}", partials: ["base": "{{$a}}"]))
        #expect(error.name == "base")
        #expect(error.message.contains("unclosed block {{$a}}"))
    }

    @Test func providerDisplayNameIsUsedForPartialErrors() throws {
        struct Files: MustachePartialProvider {
            func source(forPartial name: String) throws(MustacheError) -> String? { "{{/oops}}" }
            func displayName(forPartial name: String) -> String { "partials/\(name).mustache" }
        }
        do {
            _ = try MustacheTemplate(source: "{{>card}}").render([:], partials: Files())
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("partials/card.mustache:1:1: unexpected closing tag"))
        }
    }

    @Test func providerMayThrowForMissingPartials() throws {
        struct Strict: MustachePartialProvider {
            func source(forPartial name: String) throws(MustacheError) -> String? {
                throw MustacheError(name: name, line: 1, column: 1, message: "no partial named \(name)")
            }
        }
        #expect(throws: MustacheError(name: "nope", line: 1, column: 1, message: "no partial named nope")) {
            try MustacheTemplate(source: "{{>nope}}").render([:], partials: Strict())
        }
    }
}
