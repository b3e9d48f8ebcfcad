/// A parsed Mustache template: parse once, render many times.
///
/// Supports the Mustache spec's interpolation, sections, inverted sections, comments,
/// partials, set-delimiter tags, inheritance (`{{<parent}}`, `{{$block}}`) and dynamic
/// partial names (`{{>*name}}`). Lambdas are not supported; `MustacheValue.transform`
/// covers helper-style sections instead.
///
/// ```swift
/// let template = try MustacheTemplate(source: "Hello {{name}}!", name: "greeting.mustache")
/// let text = try template.render(["name": "world"])   // "Hello world!"
/// ```
///
/// Parsing and rendering never trap: any input ends in a result or a `MustacheError`
/// that names the template (or partial), the line and column, and what to do.
public struct MustacheTemplate: Sendable {
    /// The name given at parse time, used in error messages (a file path usually).
    public var name: String { program.name }
    let program: Program

    /// Parses `source`. `name` is used in error messages (a file path usually).
    ///
    /// Throws a `MustacheError` for an unclosed tag, an unclosed or mismatched section,
    /// parent or block, an unexpected closing tag, an invalid set-delimiter tag, an empty
    /// or malformed tag name, or nesting deeper than `MustacheTemplate.maximumNesting`.
    public init(source: String, name: String = "<template>") throws(MustacheError) {
        var source = source
        source.makeContiguousUTF8()
        let contiguous = source
        let parsed = contiguous.utf8.withContiguousStorageIfAvailable { bytes in
            Result { () throws(MustacheError) -> Program in
                try Compiler.compile(source: contiguous, bytes: bytes, name: name)
            }
        }
        guard let parsed else {
            // Unreachable: a string made contiguous always offers contiguous storage.
            throw MustacheError(name: name, line: 1, column: 1, message: "template text is not stored contiguously")
        }
        self.program = try parsed.get()
    }

    /// Renders the template against `context`.
    ///
    /// - Parameters:
    ///   - context: The data, the bottom frame of the context stack.
    ///   - partials: Supplies `{{>name}}` partials and `{{<name}}` parents; each is asked for
    ///     and parsed at most once per call.
    ///   - options: Escaping, strict mode, the depth limit and the work and output limits.
    /// - Throws: `MustacheError` for a parse error in a partial (naming the partial), a missing
    ///   value in strict mode, nesting deeper than `options.maxDepth`, more expansions than
    ///   `options.maxExpansions` or more output than `options.maxOutputBytes`, or an error thrown
    ///   by the partial provider.
    public func render(
        _ context: MustacheValue, partials: any MustachePartialProvider = NoPartials(),
        options: MustacheRenderOptions = .init()
    ) throws(MustacheError) -> String {
        var usage = MustacheRenderUsage()
        return try render(context, partials: partials, options: options, usage: &usage)
    }

    /// Renders like `render(_:partials:options:)` and adds what this render used to `usage`
    /// (also when it throws), so that a caller can hold many renders to one budget.
    public func render(
        _ context: MustacheValue, partials: any MustachePartialProvider = NoPartials(),
        options: MustacheRenderOptions = .init(), usage: inout MustacheRenderUsage
    ) throws(MustacheError) -> String {
        var renderer = Renderer(context: context, partials: partials, options: options)
        renderer.output.reserveCapacity(program.textByteCount + program.textByteCount / 8 + 64)
        defer {
            usage.expansions += renderer.expansions
            usage.outputBytes += renderer.output.utf8.count
        }
        try renderer.render(program)
        return renderer.output
    }

    /// Every variable/section name referenced, as the top level of a dotted name
    /// (`{{a.b}}` gives "a"), for blueprint linting. Includes interpolations, sections,
    /// inverted sections and dynamic partial names (`{{>*a}}` gives "a"); excludes `.`,
    /// comments, partial names and block names. Names inside blocks and parent arguments count.
    public var referencedNames: Set<String> {
        var names = Set<String>()
        var ranges = [program.operations.startIndex..<program.operations.endIndex]
        while let range = ranges.popLast() {
            var index = range.lowerBound
            while index < range.upperBound {
                switch program.operations[index] {
                case .text, .block:
                    index += 1
                case .variable(let name, _, _), .section(let name, _, _, _):
                    if let first = program.names[Int(name)].parts.first { names.insert(first) }
                    index += 1
                case .partial(let partial, _):
                    if case .dynamic(let name) = program.partials[Int(partial)].name, let first = name.parts.first {
                        names.insert(first)
                    }
                    index += 1
                case .parent(let parent, let end, _):
                    let tag = program.parents[Int(parent)]
                    if case .dynamic(let name) = tag.name, let first = name.parts.first { names.insert(first) }
                    for argument in tag.arguments.values {
                        let block = program.blocks[argument]
                        ranges.append(block.bodyStart..<block.bodyEnd)
                    }
                    index = Int(end)
                }
            }
        }
        return names
    }
}
