import Foundation

extension JSONValue {
    /// Parses JSON text strictly: integers stay integers (falling back to a
    /// double when they do not fit in `Int`), booleans are never numbers, a
    /// leading byte order mark is skipped, invalid UTF-8 and lone surrogates
    /// become U+FFFD. The error names the line and column.
    public static func parseLocated(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(JSONSyntaxError) -> JSONValue in
                var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self))
                return try parser.parseDocument()
            }
        }
        return try result.get()
    }

    /// Parses JSON text given as a string; see `parseLocated(_:)`.
    public static func parseLocated(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parseLocated(Data(text.utf8))
    }
}
