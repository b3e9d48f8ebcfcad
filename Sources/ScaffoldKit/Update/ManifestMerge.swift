/// The 3-way merge of scaffold.json, member by member rather than line by line:
/// `blueprint` always comes from the new render (it records what was rendered: name,
/// version, answers, source); every other member keeps your change when only you made
/// one, takes the blueprint's when only it did, and merges objects member by member
/// when both did (your value wins a true clash: it is your project's configuration).
enum ManifestMerge {
    static func merge(base: JSONValue, ours: JSONValue, theirs: JSONValue) -> JSONValue {
        guard case .object(var merged) = mergeValue(base: base, ours: ours, theirs: theirs) ?? .null else { return theirs }
        merged["blueprint"] = theirs["blueprint"]
        return .object(merged)
    }

    private static func mergeValue(base: JSONValue?, ours: JSONValue?, theirs: JSONValue?) -> JSONValue? {
        if ours == base { return theirs }
        if theirs == base || theirs == ours { return ours }
        guard case .object(let oursMembers)? = ours, case .object(let theirsMembers)? = theirs else { return ours }
        let baseMembers = base?.objectValue ?? [:]
        var merged: [String: JSONValue] = [:]
        for key in Set(oursMembers.keys).union(theirsMembers.keys) {
            if let value = mergeValue(base: baseMembers[key], ours: oursMembers[key], theirs: theirsMembers[key]) {
                merged[key] = value
            }
        }
        return .object(merged)
    }
}
