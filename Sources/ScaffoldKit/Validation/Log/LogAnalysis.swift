/// What reading the impact log gave: its records, the problems of each line
/// (LOG002), and how the file ends (LOG003).
public struct LogAnalysis: Sendable {
    /// A line that parsed as a JSON object (valid against the schema or not).
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String: JSONValue]
        /// Whether the record matches impact-log/1 exactly.
        public var valid: Bool

        public subscript(key: String) -> JSONValue? { fields[key] }
        public var role: String? { fields["role"]?.stringValue }
        public var system: String? { fields["system"]?.stringValue }
        public var id: String? { fields["id"]?.stringValue }
    }

    /// One problem of one line.
    public struct LineProblem: Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    /// How the file ends.
    public enum Ending: Sendable, Equatable {
        /// No bytes at all.
        case empty
        /// The last line ends with a newline.
        case complete
        /// The last line is a whole JSON object but lacks its newline.
        case noTrailingNewline(line: Int)
        /// The last line is partial: no newline and not a whole JSON object.
        case cut(line: Int, bytes: Int)
    }

    /// Path relative to the project root.
    public var path: String
    public var size: UInt64 = 0
    public var lineCount = 0
    public var records: [Record] = []
    /// Problems of every line but a cut last one (LOG003 reports that).
    public var problems: [LineProblem] = []
    public var ending: Ending = .empty
    /// The read stopped at the byte cap; later lines were not checked.
    public var stoppedAfter: UInt64?

    public init(path: String) { self.path = path }

    /// Lines with at least one problem.
    public var badLines: [Int] {
        var seen = Set<Int>()
        return problems.compactMap { seen.insert($0.line).inserted ? $0.line : nil }
    }

    public var validRecords: [Record] { records.filter(\.valid) }

    /// The record with an `id`, if any.
    public func record(id: String) -> Record? { records.first { $0.id == id } }
}
