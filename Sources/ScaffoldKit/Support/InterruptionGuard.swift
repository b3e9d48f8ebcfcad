import Foundation

/// Cleanup actions to run if the process is interrupted (SIGINT/SIGTERM) while
/// a command is writing. The library registers them; the executable's signal
/// handler calls `interrupt()` and exits. A lock makes "commit" and "clean up"
/// mutually exclusive, so an interrupted `new` leaves either no project or the
/// whole project.
public final class InterruptionGuard: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Int: () -> Void] = [:]
    private var nextToken = 0
    private var interrupted = false
    private var receivedSignal: Int32?

    public init() {}

    /// Registers a cleanup; returns a token for `remove`.
    public func register(_ action: @escaping () -> Void) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextToken += 1
        actions[nextToken] = action
        return nextToken
    }

    public func remove(_ token: Int) {
        lock.lock()
        defer { lock.unlock() }
        actions[token] = nil
    }

    /// Runs `body` with no interruption cleanup able to run at the same time;
    /// returns false without running it when an interruption already began.
    public func critical(_ body: () throws -> Void) rethrows -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if interrupted { return false }
        try body()
        return true
    }

    /// The signal passed to `interrupt(signal:)`, once an interruption has begun and its
    /// cleanups have run (the executable exits with 128 + it, from whichever thread is first).
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return receivedSignal
    }

    /// Runs every registered cleanup once (called from the signal handler).
    /// Nothing may commit once this has run: `critical` then returns false.
    public func interrupt(signal: Int32 = 2) {
        lock.lock()
        interrupted = true
        if receivedSignal == nil { receivedSignal = signal }
        let pending = actions.sorted { $0.key > $1.key }.map(\.value)
        actions.removeAll()
        for action in pending { action() }
        lock.unlock()
    }
}
