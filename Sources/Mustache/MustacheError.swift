/// An error found while parsing or rendering a Mustache template, or while parsing JSON data.
///
/// Every error points at a place: the template (or partial, or JSON document) `name`,
/// and the 1-based `line` and `column` of the offending tag or character. The `message`
/// says what is wrong and, where it helps, how to fix it.
///
/// `description` has the conventional compiler-style form `NAME:LINE:COLUMN: MESSAGE`.
public struct MustacheError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The template, partial or data file the error is in (a file path usually).
    public var name: String
    /// The 1-based line of the offending tag or character.
    public var line: Int
    /// The 1-based column (counted in Unicode scalars) of the offending tag or character.
    public var column: Int
    /// What is wrong, plus how to fix it where that helps.
    public var message: String

    /// Creates an error. Partial providers may throw errors of their own this way.
    public init(name: String, line: Int, column: Int, message: String) {
        self.name = name
        self.line = line
        self.column = column
        self.message = message
    }

    /// `NAME:LINE:COLUMN: MESSAGE`.
    public var description: String {
        "\(name):\(line):\(column): \(message)"
    }
}

extension MustacheError {
    init(name: String, at location: SourceLocation, _ message: String) {
        self.init(name: name, line: location.line, column: location.column, message: message)
    }
}
