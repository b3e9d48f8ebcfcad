/// Rules for names that Python code imports, so a derived package name always works.
public enum PythonName {
    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    /// Lower-case, every run of characters outside [a-z0-9] becomes one `_`,
    /// a leading digit gets a `p_` prefix, a keyword gets a `_` suffix.
    public static func identifier(from text: String) -> String {
        var out = ""
        var pendingUnderscore = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingUnderscore && !out.isEmpty { out += "_" }
                pendingUnderscore = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingUnderscore = true
            }
        }
        if out.isEmpty { return "project" }
        if let first = out.unicodeScalars.first, ("0"..."9").contains(first) { out = "p_" + out }
        if keywords.contains(out) { out += "_" }
        return out
    }

    /// Why `text` is not a usable Python package name, or nil when it is.
    public static func problem(with text: String) -> String? {
        guard let first = text.unicodeScalars.first else { return "it is empty" }
        let valid = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
        if !valid { return "a Python package name may hold only lower-case letters, digits and _" }
        if ("0"..."9").contains(first) { return "a Python name cannot start with a digit" }
        if keywords.contains(text) { return "'\(text)' is a Python keyword" }
        return nil
    }
}
