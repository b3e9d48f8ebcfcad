/// The decoded `blueprint.json` of one blueprint layer (before `extends` is applied).
/// The format is documented in README ("Blueprint format") and in
/// `Blueprints/blueprint.schema.json`.
public struct BlueprintManifest: Sendable, Equatable {
    /// A path (relative to `template/`, a file or a directory prefix) that is
    /// generated only when a boolean variable is true, or a choice variable has one value
    /// (`variable` is then `name=choice`); `!` negates.
    public struct ConditionalPath: Sendable, Equatable {
        public var path: String
        public var variable: String
        public var negated: Bool
    }

    public var name: String
    public var version: String
    public var summary: String
    public var description: String?
    public var extends: String?
    /// A base layer that exists only to be extended: not listed, not generated.
    public var abstract: Bool
    public var variables: [Variable]
    public var conditional: [ConditionalPath]
    /// Globs over template source paths copied without rendering (`*`, `**`, `?`).
    public var verbatim: [String]
    /// Shell-free hints printed after generation (Mustache templates).
    public var nextSteps: [String]
    /// The impact contract written into scaffold.json (string values are templates).
    public var impact: [String: JSONValue]?

    /// The keys `blueprint.json` may hold.
    static let keys: Set<String> = [
        "$schema", "name", "version", "summary", "description", "extends", "abstract", "variables",
        "conditional", "verbatim", "next_steps", "impact",
    ]
    static let variableKeys: Set<String> = ["name", "type", "default", "choices", "pattern", "format", "minimum", "maximum", "help"]
}
