extension MustacheTemplate {
    /// The deepest nesting of sections, parents and blocks a template may have.
    /// Deeper templates are rejected when parsed (rendering limits depth separately, see
    /// `MustacheRenderOptions.maxDepth`).
    public static let maximumNesting = 1_000

    /// The largest template source accepted, in UTF-8 bytes (operations store 32-bit offsets).
    public static let maximumSourceSize = Int(UInt32.max) - 1

    /// Compiles template source into a `Program` in a single pass: scans tags (following
    /// set-delimiter tags), applies the standalone-line rules one line at a time, and builds
    /// operations, checking that sections nest properly. Only the tokens of the line being
    /// scanned are held at any time. Scanning lives in `MustacheTemplate+Scanner.swift`.
    struct Compiler {
        let source: String
        let bytes: UnsafeBufferPointer<UInt8>
        let name: String

        // Scanning state.
        var delimiterHistory: [(open: [UInt8], close: [UInt8])] = [(Array("{{".utf8), Array("}}".utf8))]
        var lines = LineCounter()
        /// The tokens of the current line, led by the text token the line starts in.
        var pending: [Token] = []
        var lineFirstToken = 0
        var lineStart = 0
        var lineIsBlank = true
        var lineHasTag = false

        // Building state.
        private struct Frame {
            var opener: Token
            /// Index of the opening tag's operation, patched when the tag closes.
            var operation: Int
            /// For parent tags: the blocks directly inside, by name.
            var arguments: [String: Int] = [:]
        }

        private var stack: [Frame] = []
        private var operations: [Operation] = []
        private var names: [Name] = []
        private var nameIndices: [String: Int] = [:]
        private var partials: [PartialTag] = []
        private var parents: [ParentTag] = []
        private var blocks: [Block] = []
        private var textByteCount = 0

        private init(source: String, bytes: UnsafeBufferPointer<UInt8>, name: String) {
            self.source = source
            self.bytes = bytes
            self.name = name
        }

        /// Compiles `source`, whose UTF-8 bytes are `bytes`.
        static func compile(source: String, bytes: UnsafeBufferPointer<UInt8>, name: String) throws(MustacheError) -> Program {
            guard bytes.count <= MustacheTemplate.maximumSourceSize else {
                throw MustacheError(
                    name: name, line: 1, column: 1,
                    message: "template is \(bytes.count) bytes; the largest supported is \(MustacheTemplate.maximumSourceSize)")
            }
            var compiler = Compiler(source: source, bytes: bytes, name: name)
            try compiler.scan()
            try compiler.finish()
            return Program(
                name: name, source: source, operations: compiler.operations, names: compiler.names,
                partials: compiler.partials, parents: compiler.parents, blocks: compiler.blocks,
                textByteCount: compiler.textByteCount)
        }

        // MARK: Building

        /// Turns one settled token into operations.
        mutating func consume(_ token: Token) throws(MustacheError) {
            switch token.kind {
            case .text:
                guard token.start < token.end else { return }
                textByteCount += token.end - token.start
                let startsLine = token.start == 0 || bytes[token.start - 1] == ASCII.newline
                operations.append(.text(start: offset(token.start), end: offset(token.end), startsLine: startsLine))
            case .variable, .unescaped:
                operations.append(
                    .variable(
                        name: nameIndex(content(of: token)), offset: offset(token.start), escaped: token.kind == .variable))
            case .comment, .delimiters:
                return
            case .partial:
                partials.append(PartialTag(name: partialName(of: token), indentation: indentation(of: token)))
                operations.append(.partial(offset(partials.count - 1), offset: offset(token.start)))
            case .section, .inverted, .parent, .block:
                if stack.count >= MustacheTemplate.maximumNesting {
                    throw MustacheError(
                        name: name, at: token.location,
                        "sections nest deeper than \(MustacheTemplate.maximumNesting) levels at \(snippet(of: token)); "
                            + "flatten the template")
                }
                stack.append(Frame(opener: token, operation: operations.count))
                operations.append(.partial(0, offset: 0))  // placeholder, patched by the closing tag
            case .close:
                guard let frame = stack.popLast() else {
                    throw MustacheError(
                        name: name, at: token.location,
                        "unexpected closing tag \(snippet(of: token)): no section is open here; remove it, or open "
                            + "the section before it with \(tag("#", content(of: token), delimitersOf: token))")
                }
                let opener = frame.opener
                let openName = normalizedName(of: opener)
                guard normalizedName(of: token) == openName else {
                    throw MustacheError(
                        name: name, at: token.location,
                        "closing tag \(snippet(of: token)) does not match \(snippet(of: opener)) opened at "
                            + "\(opener.location); add \(tag("/", openName, delimitersOf: token)) before it "
                            + "(sections close in the reverse order they open)")
                }
                close(frame, closer: token)
            }
        }

        /// Checks that every section was closed.
        private func finish() throws(MustacheError) {
            guard let frame = stack.last else { return }
            let opener = frame.opener
            let what =
                switch opener.kind {
                case .parent: "parent tag"
                case .block: "block"
                case .inverted: "inverted section"
                default: "section"
                }
            let closing = tag("/", normalizedName(of: opener), delimitersOf: opener)
            throw MustacheError(
                name: name, at: opener.location,
                "unclosed \(what) \(snippet(of: opener)): add \(closing) to close the \(what) opened at \(opener.location)")
        }

        private mutating func close(_ frame: Frame, closer: Token) {
            let opener = frame.opener
            let end = offset(operations.count)
            switch opener.kind {
            case .parent:
                parents.append(
                    ParentTag(name: partialName(of: opener), indentation: indentation(of: opener), arguments: frame.arguments))
                operations[frame.operation] = .parent(offset(parents.count - 1), end: end, offset: offset(opener.start))
            case .block:
                var intrinsic: Substring = ""
                if opener.isStandalone, opener.endsLine {
                    var indentationEnd = opener.newlineEnd
                    while indentationEnd < bytes.count,
                        bytes[indentationEnd] == ASCII.space || bytes[indentationEnd] == ASCII.tab
                    {
                        indentationEnd += 1
                    }
                    intrinsic = slice(opener.newlineEnd, indentationEnd)
                }
                let trailingNewline: Substring? =
                    closer.isStandalone && closer.newlineEnd > closer.newlineStart
                    ? slice(closer.newlineStart, closer.newlineEnd) : nil
                let blockName = content(of: opener)
                blocks.append(
                    Block(
                        name: blockName, bodyStart: frame.operation + 1, bodyEnd: operations.count,
                        offset: opener.start, siteIndentation: indentation(of: opener), intrinsicIndentation: intrinsic,
                        trailingNewline: trailingNewline))
                operations[frame.operation] = .block(offset(blocks.count - 1), end: end)
                if let last = stack.indices.last, stack[last].opener.kind == .parent {
                    stack[last].arguments[blockName] = blocks.count - 1
                }
            default:
                operations[frame.operation] = .section(
                    name: nameIndex(content(of: opener)), end: end, offset: offset(opener.start),
                    inverted: opener.kind == .inverted)
            }
        }

        // MARK: Helpers

        /// An index or byte offset as stored in operations (the source size is capped, so it fits).
        private func offset(_ value: Int) -> UInt32 {
            UInt32(truncatingIfNeeded: value)
        }

        private mutating func nameIndex(_ text: String) -> UInt32 {
            if let index = nameIndices[text] { return offset(index) }
            names.append(Name(text))
            nameIndices[text] = names.count - 1
            return offset(names.count - 1)
        }

        private func slice(_ start: Int, _ end: Int) -> Substring {
            let utf8 = source.utf8
            let lower = utf8.index(utf8.startIndex, offsetBy: start)
            let upper = utf8.index(lower, offsetBy: end - start)
            return Substring(utf8[lower..<upper])
        }

        private func content(of token: Token) -> String {
            text(token.contentStart, token.contentEnd)
        }

        /// The name used to pair opening and closing tags: `* name` and `*name` are the same.
        private func normalizedName(of token: Token) -> String {
            let text = content(of: token)
            guard text.hasPrefix("*") else { return text }
            return "*" + text.dropFirst().drop(while: { $0.isWhitespace })
        }

        private func partialName(of token: Token) -> PartialName {
            let text = content(of: token)
            guard text.hasPrefix("*") else { return .literal(text) }
            return .dynamic(Name(String(text.dropFirst().drop(while: { $0.isWhitespace }))))
        }

        private func indentation(of token: Token) -> Substring? {
            token.isStandalone ? slice(token.indentationStart, token.indentationEnd) : nil
        }
    }
}
