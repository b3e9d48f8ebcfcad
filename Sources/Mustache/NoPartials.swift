/// A provider without partials: every `{{>name}}` renders as the empty string.
public struct NoPartials: MustachePartialProvider {
    /// Creates the empty provider.
    public init() {}

    /// Always nil.
    public func source(forPartial name: String) throws(MustacheError) -> String? { nil }
}
