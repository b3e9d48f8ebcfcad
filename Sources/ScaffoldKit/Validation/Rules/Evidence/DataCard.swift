/// EVD005: the data is described by a data card (data/README.md or a datasheet).
struct DataCard: ValidationRule {
    let rule = Rule(
        "EVD005", .evidence, .warning, "a data card exists",
        why: """
            Without a statement of where the data comes from, what it covers and how it was split, a reviewer cannot \
            judge whether the result transfers, or whether the test set leaks.
            """,
        fix: """
            Write data/README.md with a line "Source: …" and the licence, collection, splits and known gaps of the data.
            """,
        requires: [])

    static let names = ["data/README.md", "data/README.rst", "data/README", "data/DATACARD.md", "DATA_CARD.md", "DATACARD.md", "DATASHEET.md", "datasheet.md", "docs/data.md", "docs/datasheet.md"]

    func check(_ context: ValidationContext) -> RuleResult {
        guard let card = Self.names.first(where: { context.access.isFile($0) }) else {
            return fail("no data card: none of \(Self.names.prefix(3).joined(separator: ", ")) … exists",
                        help: "write data/README.md: where the data comes from (a line 'Source: …'), its licence, how it was collected and split, what it does not cover")
        }
        let text = context.access.text(card, limit: 64 << 10) ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let index = lines.firstIndex(where: { $0.hasPrefix("Source:") }) {
            return pass("\(card):\(index + 1) \(lines[index].prefix(100))", locations: [.init(card, line: index + 1)])
        }
        return pass("\(card) (no 'Source:' line says where the data comes from)", locations: [.init(card)])
    }
}
