// TEMPORARY stub until the real engine lands. DELETE.
import Foundation
public struct MustacheError: Error, Sendable, CustomStringConvertible, Equatable {
    public var name: String
    public var line: Int
    public var column: Int
    public var message: String
    public init(name: String, line: Int, column: Int, message: String) { self.name = name; self.line = line; self.column = column; self.message = message }
    public var description: String { "\(name):\(line):\(column): \(message)" }
}
public enum MustacheEscaping: Sendable { case none, html }
public struct MustacheRenderOptions: Sendable {
    public var escaping: MustacheEscaping; public var strict: Bool; public var maxDepth: Int
    public init(escaping: MustacheEscaping = .none, strict: Bool = false, maxDepth: Int = 256) { self.escaping = escaping; self.strict = strict; self.maxDepth = maxDepth }
}
public indirect enum MustacheValue: Sendable {
    case null, bool(Bool), int(Int), double(Double), string(String)
    case array([MustacheValue]), object([String: MustacheValue])
    case transform(@Sendable (String) -> String)
    public static func parseJSON(_ data: Data) throws(MustacheError) -> MustacheValue { .object([:]) }
}
public protocol MustachePartialProvider: Sendable { func source(forPartial name: String) throws(MustacheError) -> String? }
public struct NoPartials: MustachePartialProvider { public init() {}; public func source(forPartial name: String) throws(MustacheError) -> String? { nil } }
public struct MustacheTemplate: Sendable {
    let source: String
    public init(source: String, name: String = "<template>") throws(MustacheError) { self.source = source }
    public var referencedNames: Set<String> { [] }
    public func render(_ context: MustacheValue, partials: any MustachePartialProvider = NoPartials(), options: MustacheRenderOptions = .init()) throws(MustacheError) -> String {
        var out = source
        if case .object(let m) = context { for (k, v) in m { if case .string(let s) = v { out = out.replacingOccurrences(of: "{{\(k)}}", with: s) } } }
        return out
    }
}
