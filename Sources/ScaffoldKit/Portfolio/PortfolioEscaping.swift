/// Escaping for text that comes from a project (system names, data cards,
/// titles): every such value goes through one of these before it reaches
/// PORTFOLIO.md or index.html.
enum PortfolioEscaping {
    /// Text for HTML element content and attribute values.
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Characters CommonMark could read as markup, HTML or an entity.
    private static let markdownSpecial: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "#", "|", "!", "~", "&", "$"]

    /// Inline Markdown text (also safe in a table cell): markup backslash-escaped, line breaks folded.
    static func markdown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" { out += " "; continue }
            if scalar.value < 0x20 || scalar.value == 0x7F { continue }
            if markdownSpecial.contains(scalar) { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        // A leading list or heading marker would turn the line into a block.
        if let first = out.unicodeScalars.first, ["-", "+", "="].contains(first) { out = "\\" + out }
        return out
    }
}
