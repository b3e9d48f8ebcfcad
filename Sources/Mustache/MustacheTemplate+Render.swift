extension MustacheTemplate {
    /// The state of one render call.
    ///
    /// Rendering is iterative: nested content (sections, partials, parents, blocks) is pushed
    /// on an explicit frame stack instead of recursing, so no template, however deep, can
    /// overflow the machine stack. `maxDepth` is enforced on top of that.
    struct Renderer {
        var output = ""
        let escapesHTML: Bool
        let strict: Bool
        let maxDepth: Int
        let maxExpansions: Int
        let maxOutputBytes: Int
        /// Sections, list items, partials, parents and blocks entered so far.
        var expansions = 0
        let partials: any MustachePartialProvider
        var partialCache: [String: MustacheTemplate?] = [:]
        var contextStack: [MustacheValue]
        /// Block arguments in force: the outermost caller's argument for a name wins.
        var overrides: [String: BlockReference] = [:]
        var indentation = Indentation()
        /// True when `indentation` does nothing, so text is copied straight through.
        var plain = true
        /// Indentation to write before the next output on the current line, if any.
        var pendingIndentation: String?
        var sectionDepth = 0
        var partialDepth = 0
        private var frames: [Frame] = []

        /// Work left to do, innermost last.
        private enum Frame {
            /// Render operations `next..<end` of the program.
            case run(Program, next: Int, end: Int)
            /// A list section: after each pass over the body, move on to item `next`.
            case iterate(Program, bodyStart: Int, bodyEnd: Int, items: [MustacheValue], next: Int)
            /// A section that pushed one context frame.
            case popContext
            /// An inverted section.
            case endSection
            /// A transform section; `saved` is the output written before the section.
            case transform(@Sendable (String) -> String, saved: String)
            /// A partial or parent: restore indentation and block arguments.
            case endInclude(SavedContext, standalone: Bool, overrides: [String: BlockReference])
            /// A block: restore indentation if an argument filled it, then put back a dropped
            /// line break if needed.
            case endBlock(SavedContext?, standalone: Bool, startCount: Int, trailingNewline: Substring?)
        }

        init(context: MustacheValue, partials: any MustachePartialProvider, options: MustacheRenderOptions) {
            self.escapesHTML = options.escaping == .html
            self.strict = options.strict
            self.maxDepth = max(options.maxDepth, 0)
            self.maxExpansions = max(options.maxExpansions, 0)
            self.maxOutputBytes = max(options.maxOutputBytes, 0)
            self.partials = partials
            self.contextStack = [context]
        }

        /// Renders a whole program.
        mutating func render(_ program: Program) throws(MustacheError) {
            frames.reserveCapacity(16)
            frames.append(.run(program, next: 0, end: program.operations.count))
            while let frame = frames.popLast() {
                switch frame {
                case .run(let program, let next, let end):
                    try execute(program, from: next, to: end)
                case .iterate(let program, let bodyStart, let bodyEnd, let items, let next):
                    contextStack.removeLast()
                    if next < items.count {
                        contextStack.append(items[next])
                        frames.append(.iterate(program, bodyStart: bodyStart, bodyEnd: bodyEnd, items: items, next: next + 1))
                        frames.append(.run(program, next: bodyStart, end: bodyEnd))
                    } else {
                        sectionDepth -= 1
                    }
                case .popContext:
                    contextStack.removeLast()
                    sectionDepth -= 1
                case .endSection:
                    sectionDepth -= 1
                case .transform(let transform, var rendered):
                    swap(&output, &rendered)
                    sectionDepth -= 1
                    writeValueText(transform(rendered), escaped: false)
                case .endInclude(let saved, let standalone, let savedOverrides):
                    leaveContext(saved, standalone: standalone)
                    overrides = savedOverrides
                    partialDepth -= 1
                case .endBlock(let saved, let standalone, let startCount, let trailingNewline):
                    if let saved { leaveContext(saved, standalone: standalone) }
                    // A standalone block line dropped its line break; content that does not end
                    // its own last line gets it back.
                    if let trailingNewline, output.utf8.count != startCount, output.utf8.last != ASCII.newline {
                        output.append(contentsOf: trailingNewline)
                        pendingIndentation = indentation.add.isEmpty ? nil : indentation.add
                    }
                    sectionDepth -= 1
                }
            }
            // A transform section's result is written after its body: check it too.
            try checkOutputSize(program, at: 0)
        }

        /// Runs operations `start..<end` until the range ends or an operation opens nested
        /// content; then pushes the rest of the range and the nested content, and returns.
        private mutating func execute(_ program: Program, from start: Int, to end: Int) throws(MustacheError) {
            var index = start
            while index < end {
                switch program.operations[index] {
                case .text(let textStart, let textEnd, let startsLine):
                    if plain, pendingIndentation == nil {
                        output.append(contentsOf: program.text(Int(textStart), Int(textEnd)))
                    } else {
                        writeIndented(program, from: Int(textStart), to: Int(textEnd), startsLine: startsLine)
                    }
                    try checkOutputSize(program, at: Int(textStart))
                    index += 1
                case .variable(let name, let offset, let escaped):
                    let name = program.names[Int(name)]
                    if let value = lookup(name) {
                        write(value, escaped: escaped && escapesHTML)
                    } else if strict {
                        throw missingValueError(name, at: Int(offset), in: program)
                    }
                    try checkOutputSize(program, at: Int(offset))
                    index += 1
                case .section(let name, let sectionEnd, let offset, let inverted):
                    let resume = Int(sectionEnd)
                    if try enterSection(
                        program, at: index, name: Int(name), inverted: inverted, offset: Int(offset), resume: resume,
                        end: end)
                    {
                        return
                    }
                    index = resume
                case .partial(let partial, let offset):
                    let tag = program.partials[Int(partial)]
                    if try enterInclude(
                        program, offset: Int(offset), tag.name, arguments: nil, indentation: tag.indentation,
                        resume: index + 1, end: end)
                    {
                        return
                    }
                    index += 1
                case .parent(let parent, let parentEnd, let offset):
                    let tag = program.parents[Int(parent)]
                    if try enterInclude(
                        program, offset: Int(offset), tag.name, arguments: tag.arguments, indentation: tag.indentation,
                        resume: Int(parentEnd), end: end)
                    {
                        return
                    }
                    index = Int(parentEnd)
                case .block(let block, let blockEnd):
                    try enterBlock(program, Int(block), resume: Int(blockEnd), end: end)
                    return
                }
            }
        }

        /// Pushes the rest of the current range, to continue with once nested content is done.
        private mutating func pushContinuation(_ program: Program, resume: Int, end: Int) {
            if resume < end { frames.append(.run(program, next: resume, end: end)) }
        }

        // MARK: Limits

        /// Counts `count` more expansions; throws past `maxExpansions`.
        private mutating func expand(by count: Int, _ program: Program, at offset: Int) throws(MustacheError) {
            expansions += count
            guard expansions <= maxExpansions else {
                throw MustacheError(
                    name: program.name, at: program.location(of: offset),
                    "rendering enters more than \(maxExpansions) sections, list items and partials (maxExpansions) "
                        + "— check for partials that include each other over and over")
            }
        }

        /// Throws once the output is larger than `maxOutputBytes`.
        func checkOutputSize(_ program: Program, at offset: Int) throws(MustacheError) {
            guard output.utf8.count > maxOutputBytes else { return }
            throw MustacheError(
                name: program.name, at: program.location(of: offset),
                "the output grows past \(maxOutputBytes) bytes here (maxOutputBytes) — check for partials or "
                    + "sections that repeat large content")
        }

        // MARK: Sections

        /// Starts a section; returns false when it renders nothing.
        private mutating func enterSection(
            _ program: Program, at index: Int, name: Int, inverted: Bool, offset: Int, resume: Int, end: Int
        ) throws(MustacheError) -> Bool {
            let value = lookup(program.names[name])
            let truthy = value?.isTruthy ?? false
            guard truthy != inverted else { return false }
            guard sectionDepth < maxDepth else {
                throw MustacheError(
                    name: program.name, at: program.location(of: offset),
                    "sections nest deeper than \(maxDepth) levels at '\(program.names[name].text)' (maxDepth)")
            }
            if !inverted, case .array(let items)? = value {
                try expand(by: items.count, program, at: offset)
            } else {
                try expand(by: 1, program, at: offset)
            }
            sectionDepth += 1
            pushContinuation(program, resume: resume, end: end)
            let bodyStart = index + 1
            let body = Frame.run(program, next: bodyStart, end: resume)
            guard !inverted, let value else {
                frames.append(.endSection)
                frames.append(body)
                return true
            }
            switch value {
            case .array(let items):
                contextStack.append(items.first ?? .null)  // truthy, so never empty
                frames.append(.iterate(program, bodyStart: bodyStart, bodyEnd: resume, items: items, next: 1))
            case .transform(let transform):
                var saved = ""
                swap(&output, &saved)
                frames.append(.transform(transform, saved: saved))
            default:
                contextStack.append(value)
                frames.append(.popContext)
            }
            frames.append(body)
            return true
        }

        // MARK: Partials and parents

        /// Starts a partial (`arguments == nil`) or a parent with its block arguments;
        /// returns false when there is nothing to render.
        private mutating func enterInclude(
            _ program: Program, offset: Int, _ partial: PartialName, arguments: [String: Int]?,
            indentation standalone: Substring?, resume: Int, end: Int
        ) throws(MustacheError) -> Bool {
            let partialName: String
            switch partial {
            case .literal(let name):
                partialName = name
            case .dynamic(let name):
                guard case .string(let resolved) = lookup(name) else { return false }
                partialName = resolved
            }
            guard partialDepth < maxDepth else {
                let kind = arguments == nil ? "partial" : "parent"
                throw MustacheError(
                    name: program.name, at: program.location(of: offset),
                    "\(kind) '\(partialName)' nests deeper than \(maxDepth) levels — check for a \(kind) that "
                        + "includes itself")
            }
            guard let included = try loadPartial(partialName)?.program else { return false }
            try expand(by: 1, program, at: offset)
            partialDepth += 1
            pushContinuation(program, resume: resume, end: end)
            let savedOverrides = overrides
            if let arguments {
                for (name, block) in arguments where overrides[name] == nil {
                    overrides[name] = BlockReference(program: program, index: block)
                }
            }
            let saved = enterContext(strip: "", standaloneIndentation: standalone)
            frames.append(.endInclude(saved, standalone: standalone != nil, overrides: savedOverrides))
            frames.append(.run(included, next: 0, end: included.operations.count))
            return true
        }

        private mutating func loadPartial(_ name: String) throws(MustacheError) -> MustacheTemplate? {
            if let cached = partialCache[name] { return cached }
            guard let source = try partials.source(forPartial: name) else {
                partialCache.updateValue(nil, forKey: name)
                return nil
            }
            let template = try MustacheTemplate(source: source, name: partials.displayName(forPartial: name))
            partialCache[name] = template
            return template
        }

        // MARK: Blocks

        /// Starts a block: the caller's argument for it if there is one, else its own content.
        private mutating func enterBlock(_ program: Program, _ index: Int, resume: Int, end: Int) throws(MustacheError) {
            let block = program.blocks[index]
            guard sectionDepth < maxDepth else {
                throw MustacheError(
                    name: program.name, at: program.location(of: block.offset),
                    "block '\(block.name)' nests deeper than \(maxDepth) levels — check for a block argument "
                        + "that contains the same block")
            }
            try expand(by: 1, program, at: block.offset)
            sectionDepth += 1
            pushContinuation(program, resume: resume, end: end)
            let startCount = output.utf8.count
            guard let argument = overrides[block.name] else {
                frames.append(.endBlock(nil, standalone: false, startCount: startCount, trailingNewline: block.trailingNewline))
                frames.append(.run(program, next: block.bodyStart, end: block.bodyEnd))
                return
            }
            var siteIndentation: Substring?
            if let indentation = block.siteIndentation {
                siteIndentation = block.intrinsicIndentation.isEmpty ? indentation : block.intrinsicIndentation
            }
            let definition = argument.block
            let saved = enterContext(strip: definition.intrinsicIndentation, standaloneIndentation: siteIndentation)
            frames.append(
                .endBlock(
                    saved, standalone: siteIndentation != nil, startCount: startCount,
                    trailingNewline: block.trailingNewline))
            frames.append(.run(argument.program, next: definition.bodyStart, end: definition.bodyEnd))
        }

        // MARK: Names

        /// Resolves a name against the context stack (spec: the first frame holding the first
        /// part wins; the remaining parts are looked up inside it only).
        func lookup(_ name: Name) -> MustacheValue? {
            guard let first = name.parts.first else { return contextStack.last }
            var frameIndex = contextStack.count - 1
            while frameIndex >= 0 {
                if case .object(let fields) = contextStack[frameIndex], let found = fields[first] {
                    var value = found
                    for part in name.parts.dropFirst() {
                        guard case .object(let fields) = value, let next = fields[part] else { return nil }
                        value = next
                    }
                    return value
                }
                frameIndex -= 1
            }
            return nil
        }

        private func missingValueError(_ name: Name, at offset: Int, in program: Program) -> MustacheError {
            var message = "no value for '\(name.text)' (strict mode): "
            var found: MustacheValue?
            if let first = name.parts.first {
                for frame in contextStack.reversed() {
                    if let value = frame[first] {
                        found = value
                        break
                    }
                }
            }
            if var value = found, name.parts.count > 1 {
                var path = name.parts[0]
                for part in name.parts.dropFirst() {
                    guard let next = value[part] else {
                        let what: String =
                            switch value {
                            case .object: "has no key '\(part)'"
                            default: "is not an object, so it has no key '\(part)'"
                            }
                        message += "'\(path)' \(what)"
                        break
                    }
                    value = next
                    path += "." + part
                }
            } else {
                message += "'\(name.parts.first ?? name.text)' is not in the data nor in any enclosing section"
            }
            message += "; check the spelling, or provide the value"
            return MustacheError(name: program.name, at: program.location(of: offset), message)
        }
    }
}
