import Foundation
import Mustache
import Testing

/// Runs the official Mustache spec files in-process. The files live in
/// `../shared/conformance/mustache` beside the package root; the tests are skipped when that
/// directory is absent.
@Suite("Mustache spec conformance")
struct SpecConformanceTests {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // MustacheTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/conformance/mustache")
        .standardizedFileURL

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.path)
    }

    static let requiredModules = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]
    static let optionalModules = ["~dynamic-names"]

    struct Case {
        var module: String
        var name: String
        var template: String
        var data: MustacheValue
        var partials: [String: String]
        var expected: String
    }

    /// Loads the test cases of one spec module, or nil when its file is absent.
    static func cases(of module: String) throws -> [Case]? {
        let url = directory.appendingPathComponent(module + ".json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let spec = try MustacheValue.parseJSON(data, name: url.path)
        guard case .array(let tests)? = spec["tests"] else { return [] }
        return tests.compactMap { test -> Case? in
            guard case .string(let name)? = test["name"], case .string(let template)? = test["template"],
                case .string(let expected)? = test["expected"]
            else { return nil }
            var partials: [String: String] = [:]
            if case .object(let fields)? = test["partials"] {
                for (key, value) in fields {
                    if case .string(let source) = value { partials[key] = source }
                }
            }
            return Case(
                module: module, name: name, template: template, data: test["data"] ?? .null, partials: partials,
                expected: expected)
        }
    }

    @Test(
        "spec module", .enabled(if: SpecConformanceTests.isAvailable, "spec files not found beside the package"),
        arguments: requiredModules + optionalModules)
    func module(_ module: String) throws {
        guard let cases = try Self.cases(of: module) else {
            #expect(Self.optionalModules.contains(module), "spec file \(module).json is missing")
            return
        }
        #expect(!cases.isEmpty)
        for test in cases {
            do {
                let template = try MustacheTemplate(source: test.template, name: "\(module): \(test.name)")
                let output = try template.render(
                    test.data, partials: DictionaryPartials(test.partials), options: .init(escaping: .html))
                #expect(output == test.expected, "\(module): \(test.name)")
            } catch {
                Issue.record("\(module): \(test.name) threw \(error)")
            }
        }
    }
}
