/// Supplies the source of partials (`{{>name}}`) and parents (`{{<name}}...{{/name}}`).
///
/// A provider is asked at most once per partial name per render call; the parsed partial is
/// cached for the rest of that call.
public protocol MustachePartialProvider: Sendable {
    /// The partial's source, or nil when there is none (spec: a missing partial renders as
    /// the empty string). A provider may throw to make a missing partial an error.
    func source(forPartial name: String) throws(MustacheError) -> String?

    /// The name used for the partial in error messages (a file path, say).
    /// Defaults to the partial's name.
    func displayName(forPartial name: String) -> String
}

extension MustachePartialProvider {
    /// The partial's own name.
    public func displayName(forPartial name: String) -> String { name }
}
