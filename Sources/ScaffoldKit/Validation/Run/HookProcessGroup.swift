import Foundation

/// The process group of one running hook: learns its id from the wrapper's
/// first line (which it keeps out of the output shown), and stops the whole
/// group — the hook and everything it started — at the deadline or on Ctrl-C.
final class HookProcessGroup: @unchecked Sendable {
    static let marker = "\u{1}scaffold-hook-pgid "

    private let lock = NSLock()
    private let output: any TextOutput
    private var id: pid_t?
    private var pending = ""
    private var finished = false
    private(set) var timedOut = false

    init(output: any TextOutput) { self.output = output }

    /// Output as it arrives: the marker line is taken, the rest shown.
    func pass(_ text: String) {
        lock.lock()
        var shown = text
        if id == nil {
            pending += text
            guard let newline = pending.firstIndex(of: "\n") else {
                lock.unlock()
                return
            }
            let first = pending[..<newline]
            if first.hasPrefix(Self.marker), let number = pid_t(first.dropFirst(Self.marker.count)) {
                id = number
                shown = String(pending[pending.index(after: newline)...])
            } else {
                id = 0
                shown = pending
            }
            pending = ""
        }
        lock.unlock()
        if !shown.isEmpty { output.write(shown) }
    }

    /// The deadline passed: stop the group, then kill what is left.
    func expire() {
        lock.lock()
        timedOut = !finished
        lock.unlock()
        signal(SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + 3) { self.signal(SIGKILL) }
    }

    func signal(_ number: Int32) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished, let id, id > 0 else { return }
        kill(-id, number)
        kill(id, number)
    }

    func finish() {
        lock.lock()
        finished = true
        lock.unlock()
    }

    /// The captured output without the marker line.
    static func strip(_ output: String) -> String {
        guard output.hasPrefix(marker), let newline = output.firstIndex(of: "\n") else { return output }
        return String(output[output.index(after: newline)...])
    }
}
