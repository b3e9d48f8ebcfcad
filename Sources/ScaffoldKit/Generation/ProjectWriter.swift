import Foundation

/// Writes a checked `GenerationPlan` to disk so that a failure or an
/// interruption leaves either no project or the whole project:
///
/// - New target (missing or an empty directory): everything is written into a
///   staging directory beside the target (`.NAME.scaffold-PID-RANDOM`), the
///   git repository is created there, and one rename(2) puts it in place. Two
///   runs racing for one target: the second rename fails, and that run removes
///   its staging directory and reports it.
/// - `--force` on a non-empty directory: every conflict is checked first
///   (a file where a directory is needed, a symbolic link on the way), all
///   files are staged beside the target, then each is renamed over its
///   destination, so each file is whole. Nothing the blueprint does not
///   generate is touched.
public struct ProjectWriter: Sendable {
    public var fileSystem: any FileSystem
    public var interruption: InterruptionGuard
    /// Called with the staging directory before it is moved into place (git init).
    public var beforeCommit: (@Sendable (String) throws(ScaffoldError) -> Void)?

    public init(fileSystem: any FileSystem, interruption: InterruptionGuard) {
        self.fileSystem = fileSystem
        self.interruption = interruption
    }

    /// The state of a target directory before writing.
    public enum TargetState: Sendable, Equatable {
        case missing, empty, nonEmpty
    }

    /// Checks the target; throws when it cannot be used at all.
    public func state(of target: String) throws(ScaffoldError) -> TargetState {
        switch fileSystem.kind(of: target) {
        case .missing:
            // Missing parents are created (as `git clone` and `cargo new` do); the
            // nearest existing ancestor must be a directory.
            var ancestor = Path.parent(target)
            while fileSystem.kind(of: ancestor) == .missing, ancestor != "/" { ancestor = Path.parent(ancestor) }
            let ancestorKind = fileSystem.kind(of: ancestor)
            guard ancestorKind == .directory || ancestorKind == .symlink else {
                throw ScaffoldError("cannot create \(target): \(ancestor) is not a directory", fix: "choose another directory")
            }
            return .missing
        case .directory:
            let names: [String]
            do { names = try fileSystem.listDirectory(target) } catch {
                throw ScaffoldError(error.description, fix: "choose a directory you can read")
            }
            return names.isEmpty ? .empty : .nonEmpty
        case .symlink:
            throw ScaffoldError("target \(target) is a symbolic link", fix: "give the real directory's path instead")
        case .file, .other:
            throw ScaffoldError("target \(target) exists and is not a directory", fix: "choose another path")
        }
    }

    /// Writes the plan. `force` allows a non-empty target.
    public func write(_ plan: GenerationPlan, to target: String, force: Bool) throws(ScaffoldError) {
        switch try state(of: target) {
        case .missing, .empty:
            try writeFresh(plan, to: target)
        case .nonEmpty:
            guard force else {
                throw ScaffoldError("target \(target) is not empty", fix: "choose a new directory, or pass --force to overwrite only the files the blueprint generates")
            }
            try writeOver(plan, into: target)
        }
    }

    private func stagingPath(for target: String) -> String {
        let random = UInt32.random(in: 0...UInt32.max)
        return Path.parent(target) + "/." + Path.lastComponent(target) + ".scaffold-\(getpid())-" + String(random, radix: 36)
    }

    /// Writes every file into `root` (which must not exist yet). Each step runs inside
    /// `interruption.critical`, so the interruption cleanup (which removes `root`) never runs
    /// while a step is creating something in it, and no step runs after it.
    private func stage(_ plan: GenerationPlan, at root: String) throws(ScaffoldError) {
        try step { () throws(FileSystemError) in try fileSystem.createDirectory(root) }
        for directory in plan.directories {
            try step { () throws(FileSystemError) in try fileSystem.createDirectory(root + "/" + directory) }
        }
        for file in plan.files {
            try step { () throws(FileSystemError) in
                try fileSystem.createFile(root + "/" + file.path, contents: file.contents, executable: file.executable)
            }
        }
    }

    /// Runs one staging step unless an interruption has begun.
    private func step(_ body: () throws(FileSystemError) -> Void) throws(ScaffoldError) {
        var failure: FileSystemError?
        let ran = interruption.critical {
            do throws(FileSystemError) { try body() } catch { failure = error }
        }
        if let failure {
            throw ScaffoldError(failure.description, fix: "nothing was written; check free space and permissions", exitCode: .failure)
        }
        if !ran { throw ScaffoldError("interrupted", fix: "nothing was written", exitCode: .interrupted) }
    }

    /// Removes a staging directory; again if something wrote into it meanwhile (a git
    /// process still finishing when an interruption removes it).
    static func remove(_ staging: String, fileSystem: any FileSystem) {
        for _ in 0..<100 where fileSystem.kind(of: staging) != .missing {
            try? fileSystem.removeTree(staging)
        }
    }

    /// The missing directories above `target`, outermost first.
    public func missingParents(of target: String) -> [String] {
        var missing: [String] = []
        var parent = Path.parent(target)
        while fileSystem.kind(of: parent) == .missing, parent != "/" {
            missing.insert(parent, at: 0)
            parent = Path.parent(parent)
        }
        return missing
    }

    /// Removes the parents this run created, innermost first, each only while empty.
    static func removeCreated(_ parents: [String], fileSystem: any FileSystem) {
        for parent in parents.reversed() {
            guard (try? fileSystem.listDirectory(parent))?.isEmpty == true else { return }
            try? fileSystem.removeTree(parent)
        }
    }

    private func writeFresh(_ plan: GenerationPlan, to target: String) throws(ScaffoldError) {
        let staging = stagingPath(for: target)
        let fileSystem = self.fileSystem
        let parents = missingParents(of: target)
        let token = interruption.register {
            Self.remove(staging, fileSystem: fileSystem)
            Self.removeCreated(parents, fileSystem: fileSystem)
        }
        defer { interruption.remove(token) }
        var committed = false
        // Never at the same time as the interruption cleanup; not at all once it has run.
        defer {
            if !committed {
                _ = interruption.critical {
                    Self.remove(staging, fileSystem: fileSystem)
                    Self.removeCreated(parents, fileSystem: fileSystem)
                }
            }
        }
        for parent in parents {
            try step { () throws(FileSystemError) in
                if fileSystem.kind(of: parent) == .missing { try fileSystem.createDirectory(parent) }
            }
        }
        try stage(plan, at: staging)
        try beforeCommit?(staging)
        var failure: FileSystemError?
        let ran = interruption.critical {
            do throws(FileSystemError) {
                try fileSystem.rename(staging, to: target)
                committed = true
            } catch {
                failure = error
            }
        }
        if let failure {
            let raced = fileSystem.kind(of: target) == .directory
            throw ScaffoldError(
                raced ? "target \(target) was filled by another process while scaffold was writing" : failure.description,
                fix: raced ? "nothing of this run was written; choose another directory" : "nothing was written; check the permissions of \(Path.parent(target))",
                exitCode: raced ? .usage : .failure)
        }
        if !ran { throw ScaffoldError("interrupted", fix: "nothing was written", exitCode: .interrupted) }
    }

    private func writeOver(_ plan: GenerationPlan, into target: String) throws(ScaffoldError) {
        var conflicts: [String] = []
        for file in plan.files {
            var prefix = target
            for component in file.path.split(separator: "/").dropLast() {
                prefix += "/" + component
                switch fileSystem.kind(of: prefix) {
                case .directory, .missing: continue
                case .symlink: conflicts.append("\(prefix) is a symbolic link; scaffold never writes through links")
                default: conflicts.append("\(prefix) is a file, but the blueprint needs a directory there")
                }
                break
            }
            let destination = target + "/" + file.path
            switch fileSystem.kind(of: destination) {
            case .missing, .file: break
            case .symlink: conflicts.append("\(destination) is a symbolic link; scaffold does not replace links")
            case .directory: conflicts.append("\(destination) is a directory, but the blueprint generates a file there")
            case .other: conflicts.append("\(destination) is a special file")
            }
        }
        if !conflicts.isEmpty {
            let unique = Array(Set(conflicts)).sorted()
            throw ScaffoldError(
                unique.count == 1 ? "cannot overwrite: \(unique[0])" : "cannot overwrite \(target): \(unique.count) conflicts",
                fix: "move the conflicting paths away (nothing was written)", details: unique.count == 1 ? [] : unique)
        }
        let staging = stagingPath(for: target)
        let fileSystem = self.fileSystem
        let token = interruption.register { Self.remove(staging, fileSystem: fileSystem) }
        defer {
            interruption.remove(token)
            _ = interruption.critical { Self.remove(staging, fileSystem: fileSystem) }
        }
        try stage(plan, at: staging)
        do {
            for directory in plan.directories where fileSystem.kind(of: target + "/" + directory) == .missing {
                try fileSystem.createDirectory(target + "/" + directory)
            }
            for file in plan.files {
                try fileSystem.rename(staging + "/" + file.path, to: target + "/" + file.path)
            }
        } catch {
            throw ScaffoldError(error.description, fix: "check free space and permissions; files already moved are whole", exitCode: .failure)
        }
    }
}
