import Foundation
import Mustache
import Testing

@Suite("JSON data")
struct JSONTests {
    @Test func integersStayIntegersAndDoublesStayDoubles() throws {
        let value = try MustacheValue.parseJSON(Data(#"{"a": 85, "b": 1.21, "c": 1.0, "d": -7, "e": 1e2, "f": -0, "g": 2.5E-3}"#.utf8))
        #expect(value["a"] == .int(85))
        #expect(value["b"] == .double(1.21))
        #expect(value["c"] == .double(1.0))
        #expect(value["d"] == .int(-7))
        #expect(value["e"] == .double(100))
        #expect(value["f"] == .int(0))
        #expect(value["g"] == .double(0.0025))
        #expect(try MustacheTemplate(source: "{{a}} {{b}} {{c}} {{d}} {{e}}").render(value) == "85 1.21 1.0 -7 100.0")
    }

    @Test func integersOutsideIntBecomeDoubles() throws {
        let value = try MustacheValue.parseJSON(#"[9223372036854775807, -9223372036854775808, 9223372036854775808, 123456789012345678901234567890]"#)
        #expect(value == [.int(.max), .int(.min), .double(9_223_372_036_854_775_808), .double(1.2345678901234568e29)])
    }

    @Test func literalsArraysAndObjects() throws {
        let value = try MustacheValue.parseJSON(" \n{\"t\": true, \"f\": false, \"n\": null, \"list\": [1, \"two\", [], {}], \"o\": {\"k\": \"v\"}}\r\n")
        let expected: MustacheValue = ["t": true, "f": false, "n": nil, "list": [1, "two", [], [:]], "o": ["k": "v"]]
        #expect(value == expected)
    }

    @Test func keyOrderDoesNotMatter() throws {
        let one = try MustacheValue.parseJSON(#"{"a": 1, "b": {"x": [1, 2], "y": null}}"#)
        let two = try MustacheValue.parseJSON(#"{"b": {"y": null, "x": [1, 2]}, "a": 1}"#)
        #expect(one == two)
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        #expect(try MustacheValue.parseJSON(#"{"a": 1, "a": 2}"#) == ["a": 2])
    }

    @Test func stringEscapes() throws {
        let value = try MustacheValue.parseJSON(#"["\"\\\/\b\f\n\r\t", "\u00e9\u4e2D", "\ud83d\ude00", "a\ud800b", "\udc00", "plain é 😀"]"#)
        #expect(value == ["\"\\/\u{8}\u{C}\n\r\t", "é中", "😀", "a\u{FFFD}b", "\u{FFFD}", "plain é 😀"])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try MustacheValue.parseJSON(Data([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))) == [1])
    }

    @Test func invalidUTF8IsRepaired() throws {
        #expect(try MustacheValue.parseJSON(Data([0x22, 0x61, 0xFF, 0x62, 0x22])) == "a\u{FFFD}b")
    }

    @Test(arguments: [
        (#"{"a": 1,\#n  "b": tru}"#, 2, 8, "expected a JSON value"),
        ("[1, 2,]", 1, 7, "expected a JSON value"),
        (#"{"a" 1}"#, 1, 6, "expected ':' after the key \"a\""),
        (#"{"a": 1 "b": 2}"#, 1, 9, "expected ',' or '}'"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{} x", 1, 4, "after the JSON value"),
        ("", 1, 1, "unexpected end of JSON"),
        ("[01]", 1, 3, "leading zeros"),
        ("[1.]", 1, 4, "after the decimal point"),
        ("[1e]", 1, 4, "exponent"),
        ("[-]", 1, 3, "expected a digit"),
        (#"["abc"#, 1, 2, "unterminated string"),
        (#"["a\qb"]"#, 1, 4, "invalid escape"),
        (#"["\u12G4"]"#, 1, 7, "hex digit"),
        ("[\"a\nb\"]", 1, 4, "control character"),
        ("{1: 2}", 1, 2, "quoted key"),
        ("[é]", 1, 2, "expected a JSON value"),
        ("[\"é\", x]", 1, 7, "expected a JSON value"),
        ("nul", 1, 1, "expected a JSON value"),
    ])
    func invalidJSONReportsLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        do {
            _ = try MustacheValue.parseJSON(Data(text.utf8), name: "data.json")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.name == "data.json")
            #expect((error.line, error.column) == (line, column), "\(text): \(error)")
            #expect(error.message.contains(message), "\(text): \(error)")
        }
    }

    @Test func defaultNameIsJSON() throws {
        #expect(throws: MustacheError(name: "<json>", line: 1, column: 1, message: "unexpected ']': expected a JSON value (object, array, string, number, true, false or null)")) {
            try MustacheValue.parseJSON(Data("]".utf8))
        }
    }
}
