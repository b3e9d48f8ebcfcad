extension MustacheValue {
    /// The text an interpolation writes: integers as digits, doubles in Swift's shortest
    /// round-trip form (`1.21`, `1.0`), booleans as `true`/`false`, strings as they are.
    /// `null`, arrays, objects and transforms interpolate as the empty string.
    public var renderedText: String {
        switch self {
        case .null, .array, .object, .transform: ""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): value.description
        case .string(let value): value
        }
    }
}
