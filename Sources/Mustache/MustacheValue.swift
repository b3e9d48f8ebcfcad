/// The data a template is rendered against: JSON-like values plus section transforms.
///
/// Truthiness follows the Mustache spec: `null`, `false` and the empty array are falsey;
/// everything else (including `""`, `0` and `{}`) is truthy.
public enum MustacheValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([MustacheValue])
    case object([String: MustacheValue])
    /// A built-in section transform: `{{#name}}inner{{/name}}` renders `inner` against the
    /// current context, then passes the rendered text through the function (used for helpers
    /// like `python_identifier`). The function's result is written as is: it is never parsed
    /// as a template. Interpolating a transform renders "". An inverted section on a transform
    /// renders nothing.
    case transform(@Sendable (String) -> String)
}

extension MustacheValue {
    /// Whether a section on this value renders (spec: only `null`, `false` and `[]` are falsey).
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .array(let items): !items.isEmpty
        case .int, .double, .string, .object, .transform: true
        }
    }

    /// The value of `key` when this is an object, otherwise `nil`.
    public subscript(key: String) -> MustacheValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }
}

extension MustacheValue: Equatable {
    /// Structural equality. Transforms are never equal to anything, themselves included,
    /// because functions cannot be compared.
    public static func == (lhs: MustacheValue, rhs: MustacheValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }
}
