/// A 1-based line and column in a template or JSON document.
struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    var line: Int
    var column: Int

    /// `LINE:COLUMN`, as used inside error messages ("opened at 3:5").
    var description: String { "\(line):\(column)" }

    /// The location of byte `offset` in `bytes`, found by counting from the start.
    /// Columns count Unicode scalars, so a tag after "é" is reported where an editor shows it.
    /// Meant for error paths only: it is linear in `offset`.
    static func locate(offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < end {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return SourceLocation(line: line, column: column(of: end, lineStart: lineStart, in: bytes))
    }

    /// The 1-based column of byte `offset` on a line starting at byte `lineStart`,
    /// counting Unicode scalars (UTF-8 continuation bytes are skipped).
    static func column(of offset: Int, lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var column = 1
        var index = lineStart
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }
}
