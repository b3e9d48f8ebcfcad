/// The typed options of one command, produced by the command table's bindings.
/// `validate()` runs between parsing and running: it checks what one value alone
/// cannot (a `KEY=VALUE` shape, a positive number, known names) and may normalise.
public protocol CommandOptions: Sendable {
    init()
    mutating func validate() throws(ScaffoldError)
}

extension CommandOptions {
    public mutating func validate() throws(ScaffoldError) {}
}

/// A value an option or argument can take, parsed from its text.
public protocol ArgumentValue: Sendable {
    /// The value, or nil when the text is not one.
    init?(argument: String)
    /// The accepted spellings when they are a closed set (shown in help, completed, suggested), else empty.
    static var choices: [String] { get }
    /// What a valid value looks like, for the error on an invalid one.
    static var expectation: String { get }
    /// A valid value, shown in that error.
    static var example: String? { get }
}

extension ArgumentValue {
    public static var choices: [String] { [] }
    public static var expectation: String { choices.isEmpty ? "a value" : "one of: \(choices.joined(separator: ", "))" }
    public static var example: String? { choices.first }
}

extension ArgumentValue where Self: RawRepresentable & CaseIterable, RawValue == String {
    public init?(argument: String) { self.init(rawValue: argument) }
    public static var choices: [String] { allCases.map(\.rawValue) }
}

extension String: ArgumentValue {
    public init?(argument: String) { self = argument }
}

/// `KEY=VALUE`, as `--set` takes it.
public struct KeyValue: ArgumentValue, Equatable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    public init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
        key = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
    }

    public static var expectation: String { "KEY=VALUE" }
    public static var example: String? { "project_name=my-project" }
}

/// A number of seconds greater than 0 (`--timeout`).
public struct Seconds: ArgumentValue, Equatable {
    public var value: Double

    public init?(argument: String) {
        guard let seconds = Double(argument), seconds > 0, seconds.isFinite else { return nil }
        value = seconds
    }

    public static var expectation: String { "a number of seconds greater than 0" }
    public static var example: String? { "900" }
}
