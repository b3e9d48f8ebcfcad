// swift-tools-version: 6.0
import PackageDescription

// scaffold has no third-party dependencies: Foundation, Dispatch and the
// toolchain's test libraries only (see README "Design rules").
let package = Package(
    name: "scaffold",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "scaffold", targets: ["scaffold"]),
        .library(name: "ScaffoldKit", targets: ["ScaffoldKit"]),
    ],
    targets: [
        // Thin executable: hands CommandLine.arguments to ScaffoldKit, exits with its code.
        .executableTarget(name: "scaffold", dependencies: ["ScaffoldKit"]),
        // Everything else: command line, blueprints, generation, validation.
        .target(name: "ScaffoldKit", dependencies: ["JSON", "Mustache", "BuiltinBlueprints"]),
        // The Mustache template engine (spec-conformant, no HTML escaping by default).
        .target(name: "Mustache", dependencies: ["JSON"]),
        // The strict JSON parser and value (integers stay integers, errors name line and column).
        .target(name: "JSON"),
        // Blueprints/ embedded into the binary at build time by the EmbedBlueprints plugin.
        .target(name: "BuiltinBlueprints", plugins: ["EmbedBlueprints"]),
        .executableTarget(name: "blueprint-embed", path: "Sources/blueprint-embed"),
        .plugin(name: "EmbedBlueprints", capability: .buildTool(), dependencies: ["blueprint-embed"]),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache"]),
        // Corpus/: fuzz inputs that once failed, read by the Reliability tests through #filePath.
        .testTarget(name: "ScaffoldKitTests", dependencies: ["ScaffoldKit", "scaffold"], exclude: ["Corpus"]),
    ],
    swiftLanguageModes: [.v6]
)
