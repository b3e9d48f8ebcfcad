import Foundation

/// A path glob: `**` matches across `/`, `*` and `?` within one name. A glob
/// also matches everything below a directory it names (`data/raw` = `data/raw/**`).
public struct Glob: Sendable {
    public let pattern: String
    private let regex: NSRegularExpression?

    public init(_ pattern: String) {
        self.pattern = pattern
        var source = ""
        var characters = Array(pattern)
        if characters.last == "/" { characters.removeLast() }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "*" {
                let double = index + 1 < characters.count && characters[index + 1] == "*"
                if double && index + 2 < characters.count && characters[index + 2] == "/" {
                    source += "(.*/)?"  // `**/`: any number of directories, including none
                    index += 2
                } else if double {
                    source += ".*"
                    index += 1
                } else {
                    source += "[^/]*"
                }
            } else if character == "?" {
                source += "[^/]"
            } else {
                source += NSRegularExpression.escapedPattern(for: String(character))
            }
            index += 1
        }
        regex = try? NSRegularExpression(pattern: "^" + source + "(/.*)?$")
    }

    public func matches(_ path: String) -> Bool {
        guard let regex else { return false }
        return regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }
}
