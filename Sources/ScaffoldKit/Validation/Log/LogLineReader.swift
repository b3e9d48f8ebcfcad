import Foundation

/// Reads a file line by line in fixed-size chunks: memory stays bounded by the
/// line cap whatever the file's size, an over-long line is reported (its
/// first bytes kept) rather than accumulated, and the total read is capped.
public struct LogLineReader: Sendable {
    public struct Line: Sendable {
        /// 1-based line number.
        public var number: Int
        /// The line without its newline (only the first `maxLineBytes` when over-long).
        public var bytes: [UInt8]
        /// Byte offset of the line's start in the file.
        public var offset: UInt64
        /// The full length of the line in bytes, without the newline.
        public var length: Int
        /// Whether a newline ended it (false only for the file's last line).
        public var terminated: Bool

        public var overlong: Bool { length > bytes.count }
    }

    public struct Summary: Sendable {
        public var bytesRead: UInt64 = 0
        public var lines = 0
        /// True when the byte cap stopped the read before the end of the file.
        public var stopped = false
    }

    public let fileSystem: any FileSystem
    /// Absolute path of the file.
    public let path: String
    public var maxLineBytes = 1 << 20
    public var maxBytes: UInt64 = 256 << 20
    public var chunkSize = 1 << 16

    public init(fileSystem: any FileSystem, path: String) {
        self.fileSystem = fileSystem
        self.path = path
    }

    /// Calls `body` for every line from byte `offset` (which should start a line) on.
    @discardableResult
    public func forEachLine(
        from offset: UInt64 = 0, firstLine: Int = 1, _ body: (Line) -> Void
    ) throws(FileSystemError) -> Summary {
        var summary = Summary()
        var current: [UInt8] = []
        var length = 0
        var lineStart = offset
        var number = firstLine
        let maxLine = maxLineBytes
        let limit = maxBytes
        try fileSystem.readChunks(path, from: offset, chunkSize: chunkSize) { chunk in
            chunk.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                let bytes = buffer.bindMemory(to: UInt8.self)
                var start = 0
                while start < bytes.count {
                    let end: Int
                    if let found = memchr(buffer.baseAddress! + start, 0x0A, bytes.count - start) {
                        end = buffer.baseAddress!.distance(to: UnsafeRawPointer(found))
                    } else {
                        end = bytes.count
                    }
                    let piece = end - start
                    if current.count < maxLine {
                        let room = min(maxLine - current.count, piece)
                        current.append(contentsOf: bytes[start..<(start + room)])
                    }
                    length += piece
                    if end < bytes.count {
                        body(Line(number: number, bytes: current, offset: lineStart, length: length, terminated: true))
                        summary.lines += 1
                        number += 1
                        lineStart += UInt64(length + 1)
                        current.removeAll(keepingCapacity: true)
                        length = 0
                        start = end + 1
                    } else {
                        start = end
                    }
                }
            }
            summary.bytesRead += UInt64(chunk.count)
            if summary.bytesRead >= limit {
                summary.stopped = true
                return false
            }
            return true
        }
        // The last line, or — when the cap stopped the read — one already known to be over-long.
        if length > 0 && (!summary.stopped || length > maxLine) {
            body(Line(number: number, bytes: current, offset: lineStart, length: length, terminated: false))
            summary.lines += 1
        }
        return summary
    }
}
