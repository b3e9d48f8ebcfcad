extension MustacheTemplate.Compiler {
    enum TokenKind: UInt8 {
        case text, variable, unescaped, section, inverted, close, comment, partial, parent, block, delimiters

        /// Interpolations are never standalone; every other tag may be.
        var canBeStandalone: Bool {
            switch self {
            case .text, .variable, .unescaped: false
            default: true
            }
        }
    }

    /// A piece of the source: literal text, or a tag.
    struct Token {
        var kind: TokenKind
        /// Text: first byte. Tag: first byte of the opening delimiter.
        var start: Int
        /// One past the last byte (for a tag: past the closing delimiter).
        var end: Int
        /// The tag's content with surrounding whitespace trimmed (the name, usually).
        var contentStart = 0
        var contentEnd = 0
        var location = SourceLocation(line: 1, column: 1)
        /// Index into `delimiterHistory` of the delimiters this tag was written with.
        var delimiters = 0
        /// The tag sits on a line holding only whitespace and standalone-capable tags.
        var isStandalone = false
        /// For standalone tags: the whitespace that started the line.
        var indentationStart = 0
        var indentationEnd = 0
        /// For standalone tags: the line break that ended the line (empty at end of input).
        var newlineStart = 0
        var newlineEnd = 0
        /// For standalone tags: this is the last tag of its line.
        var endsLine = false
    }

    /// Tracks line and column incrementally as the scanner moves forward, so locating every
    /// tag costs time linear in the template size (even for one very long line).
    struct LineCounter {
        private var line = 1
        private var column = 1
        /// Lines are counted up to here; `column` is the column of this offset.
        private var counted = 0

        mutating func location(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
            while counted < offset, let newline = ASCII.firstIndex(of: ASCII.newline, in: bytes, from: counted, to: offset) {
                line += 1
                column = 1
                counted = newline + 1
            }
            if counted < offset {
                column = SourceLocation.column(of: offset, lineStart: counted, in: bytes) + column - 1
                counted = offset
            }
            return SourceLocation(line: line, column: column)
        }
    }

    // MARK: Scanning

    /// Splits the source into text and tags (following set-delimiter tags as it goes) and
    /// hands each finished line's tokens to `consume(_:)`.
    mutating func scan() throws(MustacheError) {
        var open = delimiterHistory[0].open
        var close = delimiterHistory[0].close
        let count = bytes.count
        var textStart = 0
        var index = 0
        while index < count {
            guard let candidate = firstIndex(of: open[0], from: index, to: count) else { break }
            guard matches(open, at: candidate) else {
                index = candidate + 1
                continue
            }
            if textStart < candidate {
                try append(Token(kind: .text, start: textStart, end: candidate))
            }
            let location = lines.location(at: candidate, in: bytes)
            let end = try scanTag(at: candidate, location: location, open: &open, close: &close)
            index = end
            textStart = end
        }
        if textStart < count {
            try append(Token(kind: .text, start: textStart, end: count))
        }
        if lineIsBlank, lineHasTag, !pending.isEmpty {
            markStandalone(from: lineFirstToken, through: pending.count - 1, newline: count..<count)
        }
        try flush(pending.count)
    }

    /// Scans the tag whose opening delimiter starts at `start`; returns the offset after it.
    private mutating func scanTag(
        at start: Int, location: SourceLocation, open: inout [UInt8], close: inout [UInt8]
    ) throws(MustacheError) -> Int {
        var contentStart = start + open.count
        var kind = TokenKind.variable
        var terminator = close
        if contentStart < bytes.count {
            switch bytes[contentStart] {
            case UInt8(ascii: "#"): kind = .section
            case UInt8(ascii: "^"): kind = .inverted
            case UInt8(ascii: "/"): kind = .close
            case UInt8(ascii: "!"): kind = .comment
            case UInt8(ascii: ">"): kind = .partial
            case UInt8(ascii: "<"): kind = .parent
            case UInt8(ascii: "$"): kind = .block
            case UInt8(ascii: "&"): kind = .unescaped
            case UInt8(ascii: "{"):
                kind = .unescaped
                terminator = [UInt8(ascii: "}")] + close
            case UInt8(ascii: "="):
                kind = .delimiters
                terminator = [UInt8(ascii: "=")] + close
            default: break
            }
            if kind != .variable { contentStart += 1 }
        }
        guard let terminatorStart = find(terminator, from: contentStart) else {
            var snippetEnd = min(bytes.count, contentStart + 30)
            if let newline = firstIndex(of: ASCII.newline, from: start, to: snippetEnd) { snippetEnd = newline }
            while snippetEnd < bytes.count, bytes[snippetEnd] & 0xC0 == 0x80 { snippetEnd += 1 }
            let snippet = self.snippet(from: start, to: snippetEnd)
            let closing = String(decoding: terminator, as: UTF8.self)
            throw MustacheError(
                name: name, at: location,
                "unclosed tag \(snippet): there is no '\(closing)' after it; add '\(closing)' to close the tag")
        }
        var token = Token(kind: kind, start: start, end: terminatorStart + terminator.count)
        token.location = location
        token.delimiters = delimiterHistory.count - 1
        var contentEnd = terminatorStart
        while contentStart < contentEnd, ASCII.isWhitespace(bytes[contentStart]) { contentStart += 1 }
        while contentEnd > contentStart, ASCII.isWhitespace(bytes[contentEnd - 1]) { contentEnd -= 1 }
        token.contentStart = contentStart
        token.contentEnd = contentEnd

        switch kind {
        case .comment, .text:
            break
        case .delimiters:
            let parts = splitOnWhitespace(contentStart, contentEnd)
            guard parts.count == 2,
                parts.allSatisfy({ !$0.isEmpty && !$0.contains(UInt8(ascii: "=")) })
            else {
                throw MustacheError(
                    name: name, at: location,
                    "invalid set-delimiter tag \(snippet(of: token)): write two delimiters separated by a space, "
                        + "without '=' or whitespace inside them, e.g. {{=<% %>=}}")
            }
            open = parts[0]
            close = parts[1]
            delimiterHistory.append((open, close))
        default:
            try validateName(of: token)
        }
        try append(token)
        return token.end
    }

    private func validateName(of token: Token) throws(MustacheError) {
        var start = token.contentStart
        let end = token.contentEnd
        if start == end {
            throw MustacheError(
                name: name, at: token.location,
                "empty tag \(snippet(of: token)): put a name between the delimiters, e.g. \(example(token, "name"))")
        }
        let allowsDynamic = token.kind == .partial || token.kind == .parent || token.kind == .close
        if allowsDynamic, bytes[start] == UInt8(ascii: "*") {
            start += 1
            while start < end, ASCII.isWhitespace(bytes[start]) { start += 1 }
            if start == end {
                throw MustacheError(
                    name: name, at: token.location,
                    "tag \(snippet(of: token)) has '*' but no name after it; write e.g. \(example(token, "*name"))")
            }
        }
        var index = start
        while index < end {
            if ASCII.isWhitespace(bytes[index]) {
                throw MustacheError(
                    name: name, at: token.location,
                    "tag \(snippet(of: token)) has whitespace inside its name '\(text(start, end))'; "
                        + "names cannot contain spaces (is a closing delimiter missing?)")
            }
            index += 1
        }
        switch token.kind {
        case .variable, .unescaped, .section, .inverted:
            if end - start == 1, bytes[start] == UInt8(ascii: ".") { return }
            var previousWasDot = true
            index = start
            while index < end {
                let isDot = bytes[index] == UInt8(ascii: ".")
                if isDot, previousWasDot { break }
                previousWasDot = isDot
                index += 1
            }
            if index < end || previousWasDot {
                throw MustacheError(
                    name: name, at: token.location,
                    "invalid name '\(text(start, end))' in \(snippet(of: token)): a dotted name needs a key "
                        + "between every pair of dots, e.g. \(example(token, "person.name")), or use '.' alone "
                        + "for the current item")
            }
        default:
            return
        }
    }

    // MARK: Standalone lines

    /// Adds a token to the current line. A line holding at least one standalone-capable tag
    /// and otherwise only spaces and tabs is standalone: its whitespace and line break are
    /// removed from the output. Tokens are handed on as soon as their line is settled.
    private mutating func append(_ token: Token) throws(MustacheError) {
        pending.append(token)
        let tokenIndex = pending.count - 1
        if token.kind != .text {
            lineHasTag = true
            if !token.kind.canBeStandalone { lineIsBlank = false }
        } else if let firstNewline = firstIndex(of: ASCII.newline, from: token.start, to: token.end) {
            // The rest of the line the previous tags are on.
            if lineIsBlank, lineHasTag, isBlank(token.start, firstNewline, endsAtNewline: true) {
                let hasReturn = firstNewline > lineStart && bytes[firstNewline - 1] == ASCII.carriageReturn
                markStandalone(
                    from: lineFirstToken, through: tokenIndex,
                    newline: (hasReturn ? firstNewline - 1 : firstNewline)..<(firstNewline + 1))
            }
            // Lines wholly inside the text hold no tags; only the last line, which the next
            // tags continue, matters. This token may still lose its end to that line.
            var lastNewline = token.end - 1
            while lastNewline > firstNewline, bytes[lastNewline] != ASCII.newline { lastNewline -= 1 }
            try flush(tokenIndex)
            lineFirstToken = 0
            lineStart = lastNewline + 1
            lineIsBlank = isBlank(lineStart, token.end, endsAtNewline: false)
            lineHasTag = false
        } else if lineIsBlank {
            lineIsBlank = isBlank(token.start, token.end, endsAtNewline: false)
        }
        // Nothing on a line that cannot be standalone will change any more.
        if !lineIsBlank {
            try flush(pending.count)
            lineFirstToken = 0
        }
    }

    /// Hands the first `count` pending tokens to `consume(_:)`.
    private mutating func flush(_ count: Int) throws(MustacheError) {
        guard count > 0 else { return }
        for index in 0..<count { try consume(pending[index]) }
        pending.removeFirst(count)
    }

    /// Whether `bytes[start..<end]` holds only spaces and tabs (and, when the range ends at a
    /// line feed, a carriage return just before it).
    private func isBlank(_ start: Int, _ end: Int, endsAtNewline: Bool) -> Bool {
        var index = start
        let limit = endsAtNewline && end > start && bytes[end - 1] == ASCII.carriageReturn ? end - 1 : end
        while index < limit {
            let byte = bytes[index]
            if byte != ASCII.space, byte != ASCII.tab { return false }
            index += 1
        }
        return true
    }

    private mutating func markStandalone(from first: Int, through last: Int, newline: Range<Int>) {
        var firstTagStart = -1
        var lastTag = -1
        for index in first...last {
            let token = pending[index]
            if token.kind == .text {
                // Remove the part of this text lying on the line (all whitespace).
                let removeStart = max(token.start, lineStart)
                let removeEnd = min(token.end, newline.upperBound)
                if removeStart <= token.start {
                    pending[index].start = max(removeEnd, token.start)
                } else {
                    pending[index].end = removeStart
                }
                continue
            }
            if firstTagStart < 0 { firstTagStart = token.start }
            lastTag = index
        }
        guard lastTag >= 0 else { return }
        for index in first...last where pending[index].kind != .text {
            pending[index].isStandalone = true
            pending[index].indentationStart = lineStart
            pending[index].indentationEnd = firstTagStart
            pending[index].newlineStart = newline.lowerBound
            pending[index].newlineEnd = newline.upperBound
            pending[index].endsLine = index == lastTag
        }
    }

    // MARK: Helpers

    private func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
        guard offset + pattern.count <= bytes.count else { return false }
        var index = 0
        while index < pattern.count {
            if bytes[offset + index] != pattern[index] { return false }
            index += 1
        }
        return true
    }

    private func find(_ pattern: [UInt8], from offset: Int) -> Int? {
        guard let first = pattern.first else { return nil }
        var index = offset
        let last = bytes.count - pattern.count
        while index <= last, let candidate = firstIndex(of: first, from: index, to: last + 1) {
            if matches(pattern, at: candidate) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    /// The offset of the first `byte` in `bytes[start..<end]`, or nil.
    func firstIndex(of byte: UInt8, from start: Int, to end: Int) -> Int? {
        ASCII.firstIndex(of: byte, in: bytes, from: start, to: end)
    }

    private func splitOnWhitespace(_ start: Int, _ end: Int) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var current: [UInt8] = []
        var index = start
        while index < end {
            let byte = bytes[index]
            if ASCII.isWhitespace(byte) {
                if !current.isEmpty { parts.append(current) }
                current = []
            } else {
                current.append(byte)
            }
            index += 1
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The tag as written, shortened when long.
    func snippet(of token: Token) -> String {
        snippet(from: token.start, to: token.end)
    }

    private func snippet(from start: Int, to end: Int) -> String {
        let limit = 60
        if end - start <= limit { return text(start, end).replacingNewlines() }
        var cut = start + limit
        while cut > start, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return (text(start, cut) + "…").replacingNewlines()
    }

    /// An example tag like the given one, written with the delimiters in force at it.
    func example(_ token: Token, _ content: String) -> String {
        let (open, close) = delimiterHistory[token.delimiters]
        let sigil: String =
            switch token.kind {
            case .section: "#"
            case .inverted: "^"
            case .close: "/"
            case .partial: ">"
            case .parent: "<"
            case .block: "$"
            case .unescaped: "&"
            default: ""
            }
        return String(decoding: open, as: UTF8.self) + sigil + content + String(decoding: close, as: UTF8.self)
    }

    /// `{{<sigil>name}}` with the delimiters in force at `token`.
    func tag(_ sigil: String, _ content: String, delimitersOf token: Token) -> String {
        let (open, close) = delimiterHistory[token.delimiters]
        return String(decoding: open, as: UTF8.self) + sigil + content + String(decoding: close, as: UTF8.self)
    }
}

extension String {
    /// Newlines shown as `\n`, so a multi-line snippet stays on one line of an error message.
    fileprivate func replacingNewlines() -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
