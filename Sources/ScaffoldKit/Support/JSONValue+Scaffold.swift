import Foundation
@_exported import JSON
import Mustache

extension JSONValue {
    /// Where and why JSON text is invalid (the JSON module's error).
    public typealias SyntaxError = JSONSyntaxError

    /// Parses JSON text; the error names the line and column.
    public static func parse(_ data: Data) throws(ScaffoldError) -> JSONValue {
        do {
            return try parseLocated(data)
        } catch {
            throw ScaffoldError("invalid JSON at line \(error.line), column \(error.column): \(error.message)")
        }
    }

    init(_ value: MustacheValue) {
        switch value {
        case .null, .transform: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(JSONValue.init))
        case .object(let members): self = .object(members.mapValues(JSONValue.init))
        }
    }
}
