import Foundation

/// The state of the impact log at one moment, for `validate --run`: its size,
/// line count and the SHA-256 of its bytes, so that afterwards every earlier
/// byte can be proven unchanged without keeping a copy.
public struct LogSnapshot: Sendable, Equatable {
    public var exists: Bool
    public var size: UInt64
    /// Newlines in the file (complete lines).
    public var lines: Int
    /// SHA-256 (hex) of the whole file.
    public var digest: String

    /// Reads the log at `relative` (absent, or not a regular file: `exists` false).
    public static func take(_ access: ProjectAccess, log relative: String) -> LogSnapshot {
        guard access.kind(relative) == .file else {
            return LogSnapshot(exists: false, size: 0, lines: 0, digest: SHA256.hash(Data()))
        }
        var hasher = SHA256()
        var size: UInt64 = 0
        var lines = 0
        do {
            try access.fileSystem.readChunks(access.absolute(relative), from: 0, chunkSize: 1 << 16) { chunk in
                hasher.update(chunk)
                size += UInt64(chunk.count)
                lines += chunk.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
                return true
            }
        } catch {
            return LogSnapshot(exists: false, size: 0, lines: 0, digest: SHA256.hash(Data()))
        }
        return LogSnapshot(exists: true, size: size, lines: lines, digest: SHA256.hex(hasher.finalize()))
    }

    /// SHA-256 (hex) of the first `count` bytes of the log now, or nil when it is shorter.
    public static func prefixDigest(_ access: ProjectAccess, log relative: String, count: UInt64) -> String? {
        guard access.kind(relative) == .file else { return nil }
        var hasher = SHA256()
        var remaining = count
        do {
            try access.fileSystem.readChunks(access.absolute(relative), from: 0, chunkSize: 1 << 16) { chunk in
                let take = Int(min(UInt64(chunk.count), remaining))
                hasher.update(chunk.prefix(take))
                remaining -= UInt64(take)
                return remaining > 0
            }
        } catch {
            return nil
        }
        return remaining == 0 ? SHA256.hex(hasher.finalize()) : nil
    }
}
