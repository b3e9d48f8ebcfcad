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

    /// Creates render options.
    public init(escaping: MustacheEscaping = .none, strict: Bool = false, maxDepth: Int = 256) {
        self.escaping = escaping
        self.strict = strict
        self.maxDepth = maxDepth
    }
}
