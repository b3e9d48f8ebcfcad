import Foundation

extension MustacheValue {
    /// Parses JSON text so that integers stay integers (`85` renders as `85`, `1.21` as `1.21`,
    /// `1.0` as `1.0`), booleans stay booleans, and key order does not matter.
    ///
    /// Integers too large for `Int` become doubles. A lone UTF-16 surrogate in a `\u` escape
    /// becomes U+FFFD, and so do invalid UTF-8 bytes. A leading byte order mark is skipped.
    /// Throws `MustacheError` (named `<json>`) with the line and column of the first error.
    public static func parseJSON(_ data: Data) throws(MustacheError) -> MustacheValue {
        try parseJSON(data, name: "<json>")
    }

    /// Parses JSON text like `parseJSON(_:)`; errors are reported under `name` (a file path).
    public static func parseJSON(_ data: Data, name: String) throws(MustacheError) -> MustacheValue {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(MustacheError) -> MustacheValue in
                var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self), name: name)
                return try parser.parseDocument()
            }
        }
        return try result.get()
    }

    /// Parses JSON text given as a string; see `parseJSON(_:)`.
    public static func parseJSON(_ text: String, name: String = "<json>") throws(MustacheError) -> MustacheValue {
        try parseJSON(Data(text.utf8), name: name)
    }
}
