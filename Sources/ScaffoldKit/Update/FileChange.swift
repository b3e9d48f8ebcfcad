/// One file of an update's plan, as the summary and `--dry-run` list it.
public struct FileChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The blueprint changed it (merged with your edits, if any).
        case updated
        case added
        case removed
        /// Moved (a changed answer renamed its path), with your edits.
        case renamed
        /// Both you and the blueprint changed the same lines: diff3 markers to resolve.
        case conflicted
        /// You deleted it and the blueprint changed it: it stays deleted.
        case keptDeleted = "kept deleted"
        /// The blueprint dropped it but you changed it: your file stays.
        case keptYours = "kept"
    }

    public var kind: Kind
    public var path: String
    /// The old path of a rename.
    public var from: String?
}
