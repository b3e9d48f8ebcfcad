/// The pristine render of a blueprint version — its output with the project's answers,
/// untouched — kept as a commit in the project's own history. `new` makes the first
/// one (the project's first commit); each `update` makes the next as a child of the
/// previous one and merges it into the project (it is the update merge's second
/// parent). The newest one reachable from HEAD is the base of the next 3-way merge, so
/// the base travels with every clone and needs neither the old blueprint nor the old
/// scaffold binary.
///
/// A pristine commit is recognised by its trailer: `Scaffold-Pristine: NAME VERSION`.
public enum PristineRender {
    public static let trailer = "Scaffold-Pristine"

    /// The commit message of a pristine render.
    public static func message(subject: String, blueprint: String, version: String) -> String {
        """
        \(subject)

        This commit is the blueprint's own output with this project's answers. scaffold update
        merges the next version from it: keep it in the history (merge, do not squash).

        \(trailer): \(blueprint) \(version)

        """
    }

    /// The newest pristine commit reachable from `commit` in the repository at `directory`:
    /// (commit, blueprint name, version), or nil when the history holds none.
    static func latest(from commit: String, in directory: String, git: Git) throws(ScaffoldError) -> (commit: String, name: String, version: String)? {
        // --topo-order shows a commit before its parents, so the first pristine found has
        // no pristine descendant reachable from HEAD: the newest of the chain.
        let found = try git.run(
            ["rev-list", "--topo-order", "-n", "1", "--grep=^\(trailer): ", commit], in: directory).line
        guard !found.isEmpty else { return nil }
        let body = try git.run(["log", "-1", "--format=%B", found], in: directory).text
        for line in body.split(separator: "\n").reversed() where line.hasPrefix(trailer + ": ") {
            let parts = line.dropFirst(trailer.count + 2).split(separator: " ")
            if parts.count == 2 { return (found, String(parts[0]), String(parts[1])) }
        }
        return (found, "", "")
    }
}
