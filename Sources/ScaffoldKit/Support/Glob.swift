/// A path glob over `/`-separated paths: `**` matches any number of whole
/// directories (including none), `*` any run of characters within one name,
/// `?` one character. A glob also matches everything below a directory it
/// matches (`data/raw` = `data/raw/**`).
public struct Glob: Sendable {
    public let pattern: String
    private let segments: [[Character]]

    public init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/").map(Array.init)
    }

    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(Array.init)
        return Self.match(segments[...], parts[...])
    }

    /// True when the segments match `parts` or a leading run of it.
    private static func match(_ pattern: ArraySlice<[Character]>, _ parts: ArraySlice<[Character]>) -> Bool {
        guard let first = pattern.first else { return true }  // what is left lies below a matched directory
        if first == ["*", "*"] {
            var rest = parts
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let part = parts.first, name(first[...], part[...]) else { return false }
        return match(pattern.dropFirst(), parts.dropFirst())
    }

    /// `*` and `?` within one name.
    private static func name(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "*" {
            var rest = text
            while true {
                if name(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let character = text.first, first == "?" || first == character else { return false }
        return name(pattern.dropFirst(), text.dropFirst())
    }
}
