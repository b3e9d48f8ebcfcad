extension MustacheTemplate {
    /// Line-start rewriting in force while rendering some template text: `strip` is removed
    /// from the start of each source line (block re-indentation), then `add` is written before
    /// the line's first output (standalone partial/parent/block indentation).
    struct Indentation {
        var strip: Substring = ""
        var add: String = ""
    }
}

extension MustacheTemplate.Renderer {
    // MARK: Indentation contexts

    /// What `enterContext` changed, for `leaveContext` to restore.
    struct SavedContext {
        var indentation: MustacheTemplate.Indentation
        var plain: Bool
        var pendingIndentation: String?
    }

    /// Starts rendering text from elsewhere (a partial, a parent, a block argument).
    /// A standalone inclusion indents every line by its own indentation on top of the current
    /// one; an inline inclusion continues the current line and keeps the current indentation.
    mutating func enterContext(strip: Substring, standaloneIndentation: Substring?) -> SavedContext {
        let saved = SavedContext(indentation: indentation, plain: plain, pendingIndentation: pendingIndentation)
        var add = indentation.add
        if let standaloneIndentation {
            add += standaloneIndentation.droppingCommonPrefix(with: indentation.strip)
            pendingIndentation = add.isEmpty ? nil : add
        }
        indentation = MustacheTemplate.Indentation(strip: strip, add: add)
        plain = strip.isEmpty && add.isEmpty
        return saved
    }

    /// Ends text from elsewhere. After a standalone inclusion the line state is restored; after an
    /// inline one the current line simply continues.
    mutating func leaveContext(_ saved: SavedContext, standalone: Bool) {
        indentation = saved.indentation
        plain = saved.plain
        if standalone { pendingIndentation = saved.pendingIndentation }
    }

    // MARK: Output

    /// Writes literal template text, applying the indentation context at line starts.
    mutating func writeIndented(_ text: Substring, startsLine: Bool) {
        let utf8 = text.utf8
        let strip = indentation.strip.utf8
        var lineStart = utf8.startIndex
        var atLineStart = startsLine
        while lineStart != utf8.endIndex {
            var lineEnd = lineStart
            var endsWithNewline = false
            while lineEnd != utf8.endIndex {
                let byte = utf8[lineEnd]
                utf8.formIndex(after: &lineEnd)
                if byte == ASCII.newline {
                    endsWithNewline = true
                    break
                }
            }
            var contentStart = lineStart
            if atLineStart {
                var stripIndex = strip.startIndex
                while contentStart != lineEnd, stripIndex != strip.endIndex, utf8[contentStart] == strip[stripIndex] {
                    utf8.formIndex(after: &contentStart)
                    strip.formIndex(after: &stripIndex)
                }
            }
            if contentStart != lineEnd {
                if let pending = pendingIndentation {
                    if !isBlankLine(utf8, from: contentStart, to: lineEnd) { output.append(pending) }
                    pendingIndentation = nil
                }
                output.append(contentsOf: Substring(utf8[contentStart..<lineEnd]))
            }
            if endsWithNewline {
                pendingIndentation = indentation.add.isEmpty ? nil : indentation.add
                atLineStart = true
            }
            lineStart = lineEnd
        }
    }

    /// Whether the line is empty (just its line break): empty lines get no indentation.
    func isBlankLine(_ utf8: Substring.UTF8View, from start: Substring.Index, to end: Substring.Index) -> Bool {
        let first = utf8[start]
        if first == ASCII.newline { return true }
        guard first == ASCII.carriageReturn else { return false }
        let next = utf8.index(after: start)
        return next != end && utf8[next] == ASCII.newline
    }

    mutating func write(_ value: MustacheValue, escaped: Bool) {
        switch value {
        case .string(let text): writeValueText(text, escaped: escaped)
        case .int(let number): writeValueText(String(number), escaped: false)
        case .double(let number): writeValueText(number.description, escaped: false)
        case .bool(let flag): writeValueText(flag ? "true" : "false", escaped: false)
        case .null, .array, .object, .transform: break
        }
    }

    /// Writes a value as is (values are never re-rendered), HTML-escaped when asked.
    mutating func writeValueText(_ text: String, escaped: Bool) {
        guard !text.isEmpty else { return }
        if let pending = pendingIndentation {
            output.append(pending)
            pendingIndentation = nil
        }
        guard escaped else {
            output.append(text)
            return
        }
        let utf8 = text.utf8
        var chunkStart = utf8.startIndex
        var index = chunkStart
        while index != utf8.endIndex {
            let replacement: String? =
                switch utf8[index] {
                case UInt8(ascii: "&"): "&amp;"
                case UInt8(ascii: "\""): "&quot;"
                case UInt8(ascii: "<"): "&lt;"
                case UInt8(ascii: ">"): "&gt;"
                default: nil
                }
            if let replacement {
                if chunkStart != index { output.append(contentsOf: Substring(utf8[chunkStart..<index])) }
                output.append(replacement)
                chunkStart = utf8.index(after: index)
            }
            utf8.formIndex(after: &index)
        }
        if chunkStart != utf8.endIndex { output.append(contentsOf: Substring(utf8[chunkStart..<utf8.endIndex])) }
    }
}

extension Substring {
    /// `self` without the longest prefix it shares with `other`.
    func droppingCommonPrefix(with other: Substring) -> Substring {
        var index = utf8.startIndex
        var otherIndex = other.utf8.startIndex
        while index != utf8.endIndex, otherIndex != other.utf8.endIndex, utf8[index] == other.utf8[otherIndex] {
            utf8.formIndex(after: &index)
            other.utf8.formIndex(after: &otherIndex)
        }
        return Substring(utf8[index..<utf8.endIndex])
    }
}
