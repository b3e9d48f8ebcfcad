import Foundation
import JSON

extension MustacheValue {
    /// Parses JSON text so that integers stay integers (`85` renders as `85`, `1.21` as `1.21`,
    /// `1.0` as `1.0`), booleans stay booleans, and key order does not matter.
    ///
    /// The parser is the JSON module's (`JSONValue.parseLocated`): integers too large for `Int`
    /// become doubles, a lone UTF-16 surrogate or an invalid UTF-8 byte becomes U+FFFD, a leading
    /// byte order mark is skipped. Throws `MustacheError` (named `<json>`) with the line and
    /// column of the first error.
    public static func parseJSON(_ data: Data) throws(MustacheError) -> MustacheValue {
        try parseJSON(data, name: "<json>")
    }

    /// Parses JSON text like `parseJSON(_:)`; errors are reported under `name` (a file path).
    public static func parseJSON(_ data: Data, name: String) throws(MustacheError) -> MustacheValue {
        do {
            return MustacheValue(json: try JSONValue.parseLocated(data))
        } catch {
            throw MustacheError(name: name, line: error.line, column: error.column, message: error.message)
        }
    }

    /// Parses JSON text given as a string; see `parseJSON(_:)`.
    public static func parseJSON(_ text: String, name: String = "<json>") throws(MustacheError) -> MustacheValue {
        try parseJSON(Data(text.utf8), name: name)
    }

    /// The template value of a JSON value.
    public init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(MustacheValue.init(json:)))
        case .object(let members): self = .object(members.mapValues(MustacheValue.init(json:)))
        }
    }
}
