/// Where and why JSON text is invalid: the 1-based line and column (counted
/// in Unicode scalars) of the offending character, and what is wrong.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// "column 9: …" for one-line text (a log record), else "line 3, column 1: …".
    public var description: String { line == 1 ? "column \(column): \(message)" : "line \(line), column \(column): \(message)" }

    /// The error at byte `offset` (error paths only: linear in `offset`).
    static func locate(offset: Int, in bytes: UnsafeBufferPointer<UInt8>, _ message: String) -> JSONSyntaxError {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        for index in 0..<end {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONSyntaxError(line: line, column: column, message: message)
    }
}
