import Foundation
import PackagePlugin

/// Build-tool plugin: embeds every file under the package's `Blueprints/`
/// directory into the `BuiltinBlueprints` target, so the built binary carries
/// its blueprints and never reads the source checkout at run time.
@main
struct EmbedBlueprints: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "Blueprints")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedBlueprints.swift")
        return [
            .buildCommand(
                displayName: "Embedding blueprints from \(root.path)",
                executable: try context.tool(named: "blueprint-embed").url,
                arguments: [root.path, output.path],
                inputFiles: Self.files(under: root),
                outputFiles: [output]
            )
        ]
    }

    /// Every file below `root` (the plugin runs on each build, so added files are seen).
    static func files(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: []
        ) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                found.append(url)
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}
