/// Options for `MustacheTemplate.render(_:partials:options:)`.
public struct MustacheRenderOptions: Sendable {
    /// How `{{name}}` interpolations are escaped. Default `.none`.
    public var escaping: MustacheEscaping

    /// When `true`, an interpolation (`{{x}}`, `{{{x}}}`, `{{&x}}`) whose name cannot be
    /// resolved in any context frame throws a `MustacheError` pointing at the tag, instead of
    /// rendering as the empty string. This catches typos in blueprints. Sections and inverted
    /// sections on missing names stay legal (they are falsey) even in strict mode.
    /// Default `false`.
    public var strict: Bool

    /// The deepest allowed nesting, counted separately for sections (including blocks) and for
    /// partial/parent inclusion. Exceeding it throws, so a partial that includes itself ends in
    /// an error instead of running forever. Default 256; negative values count as 0. (Rendering
    /// does not recurse on the machine stack, so any value is safe.)
    public var maxDepth: Int

    /// The most sections (a list section counts each item), partials, parents and blocks one
    /// render may enter. Depth alone does not bound the work: partials that each include the
    /// next one twice, forty deep, are 2^40 inclusions. Exceeding it throws. Default 10,000,000.
    public var maxExpansions: Int

    /// The largest output one render may produce, in UTF-8 bytes; exceeding it throws.
    /// Default 1 GiB.
    public var maxOutputBytes: Int

    /// Creates render options.
    public init(
        escaping: MustacheEscaping = .none, strict: Bool = false, maxDepth: Int = 256,
        maxExpansions: Int = 10_000_000, maxOutputBytes: Int = 1 << 30
    ) {
        self.escaping = escaping
        self.strict = strict
        self.maxDepth = maxDepth
        self.maxExpansions = maxExpansions
        self.maxOutputBytes = maxOutputBytes
    }
}

/// What renders used: see `MustacheTemplate.render(_:partials:options:usage:)`.
public struct MustacheRenderUsage: Sendable, Equatable {
    /// Sections (each list item), partials, parents and blocks entered.
    public var expansions = 0
    /// UTF-8 bytes of output produced (up to the error, for a render that threw).
    public var outputBytes = 0

    public init() {}
}
