import Foundation

/// Finds where JSON text first goes wrong, for messages that say where
/// ("line 3, column 12: expected ',' or '}'") — Foundation's decoder only says
/// that the data is not valid JSON.
public enum JSONSyntaxLocator {
    public struct Failure: Sendable, Equatable {
        /// Byte offset of the problem.
        public var offset: Int
        public var message: String
        /// 1-based line and column (in bytes) of the offset.
        public var line: Int
        public var column: Int

        public var description: String { line == 1 ? "column \(column): \(message)" : "line \(line), column \(column): \(message)" }
    }

    private struct Stop: Error {
        var offset: Int
        var message: String
    }

    /// The first syntax error in `bytes`, or nil when it is one valid JSON value.
    public static func firstError(in bytes: [UInt8]) -> Failure? {
        var index = 0
        do {
            skipSpace(bytes, &index)
            try value(bytes, &index, depth: 0)
            skipSpace(bytes, &index)
            if index < bytes.count { throw Stop(offset: index, message: "unexpected \(show(bytes, index)) after the end of the value") }
            return nil
        } catch let stop as Stop {
            var line = 1, lineStart = 0
            for position in 0..<min(stop.offset, bytes.count) where bytes[position] == 0x0A {
                line += 1
                lineStart = position + 1
            }
            return Failure(offset: stop.offset, message: stop.message, line: line, column: stop.offset - lineStart + 1)
        } catch {
            return nil
        }
    }

    private static func show(_ bytes: [UInt8], _ index: Int) -> String {
        guard index < bytes.count else { return "end of text" }
        let byte = bytes[index]
        return (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : String(format: "byte 0x%02X", byte)
    }

    private static func skipSpace(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private static func value(_ bytes: [UInt8], _ index: inout Int, depth: Int) throws {
        guard depth < 512 else { throw Stop(offset: index, message: "nested more than 512 levels deep") }
        guard index < bytes.count else { throw Stop(offset: index, message: "unexpected end of text: the value is incomplete") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            skipSpace(bytes, &index)
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipSpace(bytes, &index)
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw Stop(offset: index, message: "expected a key in double quotes, found \(show(bytes, index))")
                }
                try string(bytes, &index)
                skipSpace(bytes, &index)
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw Stop(offset: index, message: "expected ':' after the key, found \(show(bytes, index))")
                }
                index += 1
                skipSpace(bytes, &index)
                try value(bytes, &index, depth: depth + 1)
                skipSpace(bytes, &index)
                guard index < bytes.count else { throw Stop(offset: index, message: "unexpected end of text: expected ',' or '}'") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return }
                throw Stop(offset: index, message: "expected ',' or '}', found \(show(bytes, index))")
            }
        case UInt8(ascii: "["):
            index += 1
            skipSpace(bytes, &index)
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
            while true {
                skipSpace(bytes, &index)
                try value(bytes, &index, depth: depth + 1)
                skipSpace(bytes, &index)
                guard index < bytes.count else { throw Stop(offset: index, message: "unexpected end of text: expected ',' or ']'") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return }
                throw Stop(offset: index, message: "expected ',' or ']', found \(show(bytes, index))")
            }
        case UInt8(ascii: "\""):
            try string(bytes, &index)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number(bytes, &index)
        default:
            for word in ["true", "false", "null"] {
                let utf8 = Array(word.utf8)
                if index + utf8.count <= bytes.count, Array(bytes[index..<(index + utf8.count)]) == utf8 {
                    index += utf8.count
                    return
                }
            }
            throw Stop(offset: index, message: "unexpected \(show(bytes, index)): expected a value")
        }
    }

    private static func string(_ bytes: [UInt8], _ index: inout Int) throws {
        let start = index
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; return }
            if byte < 0x20 { throw Stop(offset: index, message: "control character in a string (escape it)") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                if escape == UInt8(ascii: "u") {
                    let hex = bytes[min(index + 1, bytes.count)..<min(index + 5, bytes.count)]
                    guard hex.count == 4, hex.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) else {
                        throw Stop(offset: index - 1, message: "invalid \\u escape in a string")
                    }
                    index += 4
                } else if !Array("\"\\/bfnrt".utf8).contains(escape) {
                    throw Stop(offset: index - 1, message: "invalid escape \\\(Character(Unicode.Scalar(escape))) in a string")
                }
            }
            index += 1
        }
        throw Stop(offset: start, message: "unterminated string: the text ends inside it")
    }

    private static func number(_ bytes: [UInt8], _ index: inout Int) throws {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integer = digits()
        guard integer > 0 else { throw Stop(offset: start, message: "invalid number") }
        if integer > 1, bytes[index - integer] == UInt8(ascii: "0") { throw Stop(offset: start, message: "invalid number (leading zero)") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw Stop(offset: start, message: "invalid number (no digits after '.')") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw Stop(offset: start, message: "invalid number (no digits in the exponent)") }
        }
    }
}
