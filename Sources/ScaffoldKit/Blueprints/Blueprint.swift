import Foundation

/// A file of a blueprint's `template/` tree.
public struct BlueprintFile: Sendable, Equatable {
    /// Path relative to `template/`, `/`-separated; components may be templates.
    public var path: String
    public var contents: Data
    public var executable: Bool
}

/// Where a blueprint layer was read from.
public enum BlueprintOrigin: Sendable, Equatable, CustomStringConvertible {
    case builtIn
    case directory(String)

    public var description: String {
        switch self {
        case .builtIn: "built-in"
        case .directory(let path): path
        }
    }
}

/// One blueprint directory as read: its manifest, template tree and partials.
public struct BlueprintLayer: Sendable {
    public var manifest: BlueprintManifest
    public var files: [BlueprintFile]
    /// Partial name (file name without `.mustache`) to source.
    public var partials: [String: String]
    public var origin: BlueprintOrigin
}

/// A blueprint ready to generate: its layers (base first) merged.
///
/// Merging rules (`extends`): variables keep the base's order, a layer that
/// re-declares a name replaces that variable in place, new ones are appended;
/// files and partials of a later layer replace the base's at the same path or
/// name; `conditional` and `verbatim` add up; `impact` keys override one by one.
public struct Blueprint: Sendable {
    public var manifest: BlueprintManifest
    public var files: [BlueprintFile]
    public var partials: [String: String]
    /// The chain, base first, ending with this blueprint.
    public var layers: [BlueprintLayer]

    public var name: String { manifest.name }
    public var version: String { manifest.version }
    public var origin: BlueprintOrigin { layers.last?.origin ?? .builtIn }
    /// What scaffold.json records as its source: `built-in`, the directory, or
    /// `git+URL` with the commit (set by the catalog for a git blueprint).
    public var provenance: BlueprintProvenance

    init(layers: [BlueprintLayer]) {
        self.layers = layers
        switch layers.last?.origin ?? .builtIn {
        case .builtIn: provenance = BlueprintProvenance(source: BlueprintProvenance.builtIn)
        case .directory(let path): provenance = BlueprintProvenance(source: path)
        }
        var manifest = layers.last!.manifest
        var variables: [Variable] = []
        var files: [String: BlueprintFile] = [:]
        var partials: [String: String] = [:]
        var conditional: [BlueprintManifest.ConditionalPath] = []
        var verbatim: [String] = []
        var impact: [String: JSONValue]?
        var nextSteps: [String] = []
        for layer in layers {
            for variable in layer.manifest.variables {
                if let index = variables.firstIndex(where: { $0.name == variable.name }) {
                    variables[index] = variable
                } else {
                    variables.append(variable)
                }
            }
            for file in layer.files { files[file.path] = file }
            partials.merge(layer.partials) { _, new in new }
            conditional += layer.manifest.conditional
            verbatim += layer.manifest.verbatim
            if let own = layer.manifest.impact { impact = (impact ?? [:]).merging(own) { _, new in new } }
            if !layer.manifest.nextSteps.isEmpty { nextSteps = layer.manifest.nextSteps }
        }
        manifest.variables = variables
        manifest.conditional = conditional
        manifest.verbatim = verbatim
        manifest.impact = impact
        manifest.nextSteps = nextSteps
        self.manifest = manifest
        // A file replaced by a later layer at the same source path is dropped.
        self.files = files.values.sorted { $0.path < $1.path }
        self.partials = partials
    }
}
