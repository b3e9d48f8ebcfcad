/// Quotes words for `sh`, so a command built from a path with spaces, quotes
/// or non-ASCII characters runs the file it names (and `CommandResolver`,
/// which splits commands the way sh does, finds it again).
public enum ShellQuote {
    /// `word` as is when it is made of safe characters only, else in single quotes.
    public static func quote(_ word: String) -> String {
        let safe = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-./=:@%+,".unicodeScalars.contains(scalar))
        }
        if safe { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The words quoted and joined by spaces.
    public static func command(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }
}
