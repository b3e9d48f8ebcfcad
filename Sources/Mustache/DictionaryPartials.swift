/// Partials given as a dictionary from partial name to template source.
public struct DictionaryPartials: MustachePartialProvider {
    /// The partial sources by name.
    public var partials: [String: String]

    /// Creates a provider serving `partials`.
    public init(_ partials: [String: String]) {
        self.partials = partials
    }

    /// The source stored under `name`, or nil.
    public func source(forPartial name: String) throws(MustacheError) -> String? {
        partials[name]
    }
}
