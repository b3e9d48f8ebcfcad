import Foundation

extension BlueprintManifest {
    /// Decodes and checks `blueprint.json`, collecting every problem so the
    /// author sees them all at once (one line each, naming the field).
    public static func decode(_ data: Data, file: String) throws(ScaffoldError) -> BlueprintManifest {
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw ScaffoldError("\(file): \(error.what)", fix: "fix the JSON syntax")
        }
        guard case .object(let root) = json else {
            throw ScaffoldError("\(file): the top level must be a JSON object", fix: "see README \"Blueprint format\"")
        }
        var problems: [String] = []
        // list, show and new print a blueprint's text: no terminal escape sequences in it.
        for place in controlCharacterPlaces(json, at: "") {
            let quoted = place.contains(where: { $0 == "." || $0 == "[" || $0 == " " }) ? place : "'\(place)'"
            problems.append("\(quoted) contains a control character (only line feeds and tabs are allowed)")
        }
        for key in root.keys.sorted() where !keys.contains(key) {
            let hint = Suggestion.closest(to: key, in: Array(keys)).map { " (did you mean '\($0)'?)" } ?? ""
            problems.append("unknown key '\(key)'\(hint)")
        }

        func string(_ key: String, required: Bool) -> String? {
            switch root[key] {
            case nil: if required { problems.append("'\(key)' is missing") }
            case .string(let value)?:
                if value.isEmpty { problems.append("'\(key)' is empty") } else { return value }
            case let other?: problems.append("'\(key)' must be a string, not \(other.typeName)")
            }
            return nil
        }

        let name = string("name", required: true) ?? ""
        if !name.isEmpty, !Names.isBlueprintName(name) {
            problems.append("'name' \"\(name)\" must be lower-case letters, digits, '.', '_' or '-'")
        }
        let version = string("version", required: true) ?? ""
        if !version.isEmpty, !SemanticVersion.isValid(version) {
            problems.append("'version' \"\(version)\" is not a semantic version like 1.0.0")
        }
        let summary = string("summary", required: true) ?? ""
        if summary.contains("\n") { problems.append("'summary' must be one line") }
        let description = string("description", required: false)
        let extends = string("extends", required: false)
        if let extends, !Names.isBlueprintName(extends) {
            problems.append("'extends' \"\(extends)\" must be a blueprint name (lower-case letters, digits, '.', '_' or '-'), not a path")
        }

        var abstract = false
        switch root["abstract"] {
        case nil: break
        case .bool(let value)?: abstract = value
        case let other?: problems.append("'abstract' must be true or false, not \(other.typeName)")
        }

        var variables: [Variable] = []
        switch root["variables"] {
        case nil: break
        case .array(let items)?:
            var seen: Set<String> = []
            for (index, item) in items.enumerated() {
                if let variable = decodeVariable(item, at: "variables[\(index)]", problems: &problems) {
                    if !seen.insert(variable.name).inserted {
                        problems.append("variables[\(index)]: '\(variable.name)' is declared twice")
                    }
                    variables.append(variable)
                }
            }
        case let other?: problems.append("'variables' must be an array, not \(other.typeName)")
        }

        var conditional: [ConditionalPath] = []
        switch root["conditional"] {
        case nil: break
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                guard case .object(let entry) = item,
                      case .string(let path)? = entry["path"], !path.isEmpty,
                      case .string(var variable)? = entry["if"], !variable.isEmpty,
                      entry.keys.allSatisfy({ $0 == "path" || $0 == "if" })
                else {
                    problems.append("conditional[\(index)] must be {\"path\": \"...\", \"if\": \"bool_variable\"} (or \"choice_variable=choice\")")
                    continue
                }
                let negated = variable.hasPrefix("!")
                if negated { variable.removeFirst() }
                let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
                conditional.append(ConditionalPath(path: trimmed, variable: variable, negated: negated))
            }
        case let other?: problems.append("'conditional' must be an array, not \(other.typeName)")
        }

        func strings(_ key: String) -> [String] {
            switch root[key] {
            case nil: return []
            case .array(let items)?:
                let values = items.compactMap(\.stringValue)
                if values.count != items.count { problems.append("'\(key)' must be an array of strings") }
                return values
            case let other?:
                problems.append("'\(key)' must be an array of strings, not \(other.typeName)")
                return []
            }
        }
        let verbatim = strings("verbatim")
        let nextSteps = strings("next_steps")

        var impact: [String: JSONValue]?
        switch root["impact"] {
        case nil: break
        case .object(let members)?: impact = members
        case let other?: problems.append("'impact' must be an object, not \(other.typeName)")
        }

        if !problems.isEmpty {
            throw ScaffoldError(
                "\(file): \(problems.count == 1 ? problems[0] : "\(problems.count) problems")",
                fix: "fix blueprint.json (format: README \"Blueprint format\")",
                details: problems.count == 1 ? [] : problems)
        }
        return BlueprintManifest(
            name: name, version: version, summary: summary, description: description, extends: extends,
            abstract: abstract, variables: variables, conditional: conditional, verbatim: verbatim,
            nextSteps: nextSteps, impact: impact)
    }

    /// Where a string or key of the manifest holds a control character other than a line
    /// feed or a tab ('summary', variables[0].help, …).
    private static func controlCharacterPlaces(_ value: JSONValue, at place: String) -> [String] {
        func hasControl(_ text: String) -> Bool {
            text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
        }
        switch value {
        case .string(let text): return hasControl(text) ? [place.isEmpty ? "the document" : place] : []
        case .array(let items):
            return items.enumerated().flatMap { controlCharacterPlaces($0.element, at: "\(place)[\($0.offset)]") }
        case .object(let members):
            return members.keys.sorted().flatMap { key -> [String] in
                let inner = place.isEmpty ? key : "\(place).\(key)"
                if hasControl(key) { return [place.isEmpty ? "a key" : "a key in \(place)"] }
                return controlCharacterPlaces(members[key]!, at: inner)
            }
        default: return []
        }
    }

    private static func decodeVariable(_ json: JSONValue, at place: String, problems: inout [String]) -> Variable? {
        guard case .object(let fields) = json else {
            problems.append("\(place) must be an object with at least a 'name'")
            return nil
        }
        let before = problems.count
        for key in fields.keys.sorted() where !variableKeys.contains(key) {
            let hint = Suggestion.closest(to: key, in: Array(variableKeys)).map { " (did you mean '\($0)'?)" } ?? ""
            problems.append("\(place): unknown key '\(key)'\(hint)")
        }
        guard case .string(let name)? = fields["name"], Names.isIdentifier(name) else {
            problems.append("\(place): 'name' must be an identifier (letters, digits, _)")
            return nil
        }
        let at = "\(place) '\(name)'"
        var variable = Variable(name: name)
        if let type = fields["type"] {
            if case .string(let text) = type, let kind = Variable.Kind(rawValue: text) {
                variable.kind = kind
            } else {
                problems.append("\(at): 'type' must be one of string, bool, choice, integer")
            }
        }
        if case .string(let help)? = fields["help"] { variable.help = help }
        else if fields["help"] != nil { problems.append("\(at): 'help' must be a string") }
        if let choices = fields["choices"] {
            if case .array(let items) = choices, items.allSatisfy({ $0.stringValue != nil }), !items.isEmpty {
                variable.choices = items.compactMap(\.stringValue)
            } else {
                problems.append("\(at): 'choices' must be a non-empty array of strings")
            }
        }
        if variable.kind == .choice, variable.choices.isEmpty, fields["choices"] == nil {
            problems.append("\(at): a choice variable needs 'choices'")
        }
        if let pattern = fields["pattern"] {
            if case .string(let text) = pattern, Variable.isValidPattern(text) {
                variable.pattern = text
            } else {
                problems.append("\(at): 'pattern' must be a valid regular expression")
            }
        }
        if let format = fields["format"] {
            if case .string(let text) = format, Variable.formats.contains(text) {
                variable.format = text
            } else {
                problems.append("\(at): 'format' must be one of \(Variable.formats.joined(separator: ", "))")
            }
        }
        for key in ["minimum", "maximum"] {
            guard let bound = fields[key] else { continue }
            guard variable.kind == .integer, case .int(let number) = bound else {
                problems.append("\(at): '\(key)' must be a whole number, on an integer variable")
                continue
            }
            if key == "minimum" { variable.minimum = number } else { variable.maximum = number }
        }
        if let low = variable.minimum, let high = variable.maximum, low > high {
            problems.append("\(at): 'minimum' \(low) is above 'maximum' \(high)")
        }
        if let value = fields["default"] {
            switch (variable.kind, value) {
            case (_, .string): break  // a template, checked when rendered
            case (.bool, .bool), (.integer, .int): break
            default: problems.append("\(at): 'default' \(value.compact()) does not fit type \(variable.kind.rawValue)")
            }
            if variable.kind == .choice, case .string(let text) = value, !text.contains("{{"),
               !variable.choices.contains(text) {
                problems.append("\(at): default '\(text)' is not one of its choices")
            }
            if case .int(let number) = value, (variable.minimum.map { number < $0 } ?? false) || (variable.maximum.map { number > $0 } ?? false) {
                problems.append("\(at): default \(number) is outside its bounds (\(variable.bounds))")
            }
            variable.defaultValue = value
        }
        return problems.count == before ? variable : nil
    }
}

/// Syntax checks for names in manifests, without regular expressions (they
/// run for every variable of every blueprint `list` and `new` read).
enum Names {
    private static func isLowerOrDigit(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
    private static func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }

    /// `[a-z0-9][a-z0-9._-]*`
    static func isBlueprintName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLowerOrDigit(first) else { return false }
        return text.unicodeScalars.allSatisfy { isLowerOrDigit($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLetter(first) || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

/// Semantic Versioning 2.0.0 syntax check.
enum SemanticVersion {
    static func isValid(_ text: String) -> Bool {
        let (core, _, rest) = split(text)
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3, numbers.allSatisfy(isNumericIdentifier) else { return false }
        guard let rest else { return true }
        // rest: "-pre.release+build.meta" or "+build.meta"
        var pre = rest, build: Substring?
        if let plus = rest.firstIndex(of: "+") {
            pre = rest[..<plus]
            build = rest[rest.index(after: plus)...]
        }
        if !pre.isEmpty {
            guard pre.first == "-" else { return false }
            let parts = pre.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
            guard parts.allSatisfy({ isAlphanumericIdentifier($0) && (!$0.allSatisfy(\.isASCIIDigit) || isNumericIdentifier($0)) }) else { return false }
        }
        if let build {
            guard build.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isAlphanumericIdentifier) else { return false }
        }
        return true
    }

    private static func split(_ text: String) -> (Substring, Character?, Substring?) {
        guard let index = text.firstIndex(where: { $0 == "-" || $0 == "+" }) else { return (text[...], nil, nil) }
        return (text[..<index], text[index], text[index...])
    }

    private static func isNumericIdentifier(_ part: Substring) -> Bool {
        !part.isEmpty && part.allSatisfy(\.isASCIIDigit) && (part == "0" || part.first != "0")
    }

    private static func isAlphanumericIdentifier(_ part: Substring) -> Bool {
        !part.isEmpty && part.allSatisfy { $0.isASCIIDigit || ($0.isASCII && $0.isLetter) || $0 == "-" }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
