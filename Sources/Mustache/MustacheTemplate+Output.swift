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

    /// Writes the program's source text `start..<end`, applying the indentation context at
    /// line starts: strip definition-site indentation, then write the pending indentation
    /// before the first output of each line (empty lines get none).
    mutating func writeIndented(_ program: MustacheTemplate.Program, from start: Int, to end: Int, startsLine: Bool) {
        let strip = Array(indentation.strip.utf8)
        let written: Void? = program.source.utf8.withContiguousStorageIfAvailable { bytes in
            var lineStart = start
            var atLineStart = startsLine
            while lineStart < end {
                let newline = ASCII.firstIndex(of: ASCII.newline, in: bytes, from: lineStart, to: end)
                let lineEnd = newline.map { $0 + 1 } ?? end
                var contentStart = lineStart
                if atLineStart {
                    var stripIndex = 0
                    while contentStart < lineEnd, stripIndex < strip.count, bytes[contentStart] == strip[stripIndex] {
                        contentStart += 1
                        stripIndex += 1
                    }
                }
                if contentStart < lineEnd {
                    if let pending = pendingIndentation {
                        let first = bytes[contentStart]
                        let isEmptyLine =
                            first == ASCII.newline
                            || (first == ASCII.carriageReturn && contentStart + 1 < lineEnd
                                && bytes[contentStart + 1] == ASCII.newline)
                        if !isEmptyLine { output.append(pending) }
                        pendingIndentation = nil
                    }
                    output.append(contentsOf: program.text(contentStart, lineEnd))
                }
                if newline != nil {
                    pendingIndentation = indentation.add.isEmpty ? nil : indentation.add
                    atLineStart = true
                }
                lineStart = lineEnd
            }
        }
        if written == nil {
            // Unreachable: program sources are stored contiguously.
            output.append(contentsOf: program.text(start, end))
        }
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
