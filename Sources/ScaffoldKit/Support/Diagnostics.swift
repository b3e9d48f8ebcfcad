/// Where scaffold writes what it has to say. The executable wires these to
/// stdout/stderr; tests capture them in memory.
public protocol TextOutput: Sendable {
    func write(_ text: String)
    /// True when the output is an interactive terminal (colour and prompts).
    var isTerminal: Bool { get }
}

/// Severity of a diagnostic line on stderr.
public enum DiagnosticLevel: String, Sendable {
    case error, warning, note
}

/// The injected sink for diagnostics (stderr). Formats `error: …`,
/// `warning: …`, `note: …` lines with colour only when allowed.
public struct Diagnostics: Sendable {
    public let output: any TextOutput
    public let style: TextStyle

    public init(output: any TextOutput, style: TextStyle) {
        self.output = output
        self.style = style
    }

    public func emit(_ level: DiagnosticLevel, _ message: String) {
        let label: String
        switch level {
        case .error: label = style.apply(.red, "error:")
        case .warning: label = style.apply(.yellow, "warning:")
        case .note: label = style.apply(.cyan, "note:")
        }
        output.write("\(label) \(Self.printable(message))\n")
    }

    /// `text` with control characters other than line feed and tab written as `\u{1B}`: a
    /// message may quote a blueprint's file names or text, or an answer, which must not be
    /// able to drive the terminal (escape sequences).
    static func printable(_ text: String) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    public func error(_ error: ScaffoldError) { emit(.error, error.description) }
    public func warning(_ message: String) { emit(.warning, message) }
    public func note(_ message: String) { emit(.note, message) }
}

/// ANSI styling that is a no-op unless enabled (a terminal, and no NO_COLOR).
public struct TextStyle: Sendable {
    public enum Color: String, Sendable {
        case red = "31", green = "32", yellow = "33", cyan = "36", bold = "1", dim = "2"
    }

    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// Colour is used only on a terminal and never when NO_COLOR is set (https://no-color.org).
    public static func forOutput(_ output: any TextOutput, environment: [String: String]) -> TextStyle {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return TextStyle(enabled: output.isTerminal && !noColor && environment["TERM"] != "dumb")
    }

    public func apply(_ color: Color, _ text: String) -> String {
        enabled ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }
}
