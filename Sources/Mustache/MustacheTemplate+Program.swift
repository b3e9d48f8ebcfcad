extension MustacheTemplate {
    /// The compiled form of a template: a flat list of trivial operations plus the tables
    /// they index. Operations hold no references, so walking them costs no reference counting;
    /// text is kept as slices of the template source (no copies).
    final class Program: Sendable {
        /// The template's name, for error messages.
        let name: String
        /// The template source; text operations and error locations refer to its UTF-8 offsets.
        let source: String
        let operations: [Operation]
        let names: [Name]
        let partials: [PartialTag]
        let parents: [ParentTag]
        let blocks: [Block]
        /// Total bytes of literal text, used to size the output buffer.
        let textByteCount: Int

        init(
            name: String, source: String, operations: [Operation], names: [Name], partials: [PartialTag],
            parents: [ParentTag], blocks: [Block], textByteCount: Int
        ) {
            self.name = name
            self.source = source
            self.operations = operations
            self.names = names
            self.partials = partials
            self.parents = parents
            self.blocks = blocks
            self.textByteCount = textByteCount
        }

        /// The source text between two UTF-8 offsets.
        func text(_ start: Int, _ end: Int) -> Substring {
            let utf8 = source.utf8
            let lower = utf8.index(utf8.startIndex, offsetBy: start)
            let upper = utf8.index(lower, offsetBy: end - start)
            return Substring(utf8[lower..<upper])
        }

        /// The line and column of a UTF-8 offset (for error messages; linear in the offset).
        func location(of offset: Int) -> SourceLocation {
            source.utf8.withContiguousStorageIfAvailable { SourceLocation.locate(offset: offset, in: $0) }
                ?? SourceLocation(line: 1, column: 1)
        }
    }

    /// One step of a program; 16 bytes, no references. Indices refer to the program's tables,
    /// offsets to UTF-8 offsets in its source (the tag's start, for error messages). Nested
    /// content (a section's body) is the operations after the opening one, up to `end`.
    enum Operation: Sendable {
        /// Literal text. `startsLine`: the text begins at the start of a source line, where
        /// block re-indentation strips definition-site indentation.
        case text(start: UInt32, end: UInt32, startsLine: Bool)
        /// `{{name}}` (escaped when the options ask for it), `{{{name}}}` or `{{&name}}`.
        case variable(name: UInt32, offset: UInt32, escaped: Bool)
        /// `{{#name}}...{{/name}}` or, when `inverted`, `{{^name}}...{{/name}}`.
        case section(name: UInt32, end: UInt32, offset: UInt32, inverted: Bool)
        /// `{{>name}}`: `partials[index]`.
        case partial(UInt32, offset: UInt32)
        /// `{{<name}}...{{/name}}`: `parents[index]`. Its own operations (up to `end`) are not
        /// rendered; only its block arguments are used.
        case parent(UInt32, end: UInt32, offset: UInt32)
        /// `{{$name}}default{{/name}}`: `blocks[index]`, a place a parent's caller may fill.
        case block(UInt32, end: UInt32)
    }

    /// A dotted name such as `person.name`, or `.` (no parts) for the top of the context stack.
    struct Name: Sendable {
        var text: String
        var parts: [String]

        init(_ text: String) {
            self.text = text
            guard text != "." else {
                self.parts = []
                return
            }
            guard text.utf8.contains(UInt8(ascii: ".")) else {
                self.parts = [text]
                return
            }
            var parts: [String] = []
            let utf8 = text.utf8
            var start = utf8.startIndex
            var index = start
            while index != utf8.endIndex {
                if utf8[index] == UInt8(ascii: ".") {
                    parts.append(String(Substring(utf8[start..<index])))
                    start = utf8.index(after: index)
                }
                utf8.formIndex(after: &index)
            }
            parts.append(String(Substring(utf8[start..<utf8.endIndex])))
            self.parts = parts
        }
    }

    /// The name in a partial or parent tag: literal, or `*name` looked up in the context.
    enum PartialName: Sendable {
        case literal(String)
        case dynamic(Name)
    }

    /// A `{{>name}}` tag.
    struct PartialTag: Sendable {
        var name: PartialName
        /// The whitespace before the tag when its line is standalone.
        var indentation: Substring?
    }

    /// A `{{<name}}...{{/name}}` tag.
    struct ParentTag: Sendable {
        var name: PartialName
        /// The whitespace before the tag when its line is standalone.
        var indentation: Substring?
        /// The blocks directly inside the parent tag, by name (indices into `blocks`).
        var arguments: [String: Int]
    }

    /// A `{{$name}}...{{/name}}` block, either a place to fill (in a template) or an argument
    /// (directly inside a parent tag).
    struct Block: Sendable {
        var name: String
        /// The block's content: operations `bodyStart..<bodyEnd`.
        var bodyStart: Int
        var bodyEnd: Int
        /// UTF-8 offset of the opening tag.
        var offset: Int
        /// The whitespace before the opening tag when the tag's line is standalone.
        var siteIndentation: Substring?
        /// When the opening tag ends its line, the indentation of the first line after it:
        /// removed from the block's lines where it is defined, and used as the indentation
        /// for whatever fills the block.
        var intrinsicIndentation: Substring
        /// The line break dropped after the closing tag when its line is standalone. When the
        /// content filling the block does not end its last line, this break is put back.
        var trailingNewline: Substring?
    }

    /// A block argument together with the program it was written in.
    struct BlockReference: Sendable {
        var program: Program
        var index: Int
        var block: Block { program.blocks[index] }
    }
}
