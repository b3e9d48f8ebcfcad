import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program with posix_spawn: stdout and stderr captured apart, stdin fed from
/// memory, every system call retried on EINTR (a signal arriving while `update` applies
/// its changes must not break the run), and the child in its own process group, so a
/// Ctrl-C at the terminal reaches scaffold — which finishes or rolls back — and not the
/// git process in the middle of its work.
enum SpawnedCommand {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: Data
    }

    /// Runs `arguments` (the first is the executable's path) from the current directory:
    /// callers pass the directory to the program (`git -C DIR`).
    static func run(_ arguments: [String], environment: [String: String], input: Data?) -> Result? {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0], inPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else { return nil }
        guard pipe(&errPipe) == 0 else { close(outPipe[0]); close(outPipe[1]); return nil }
        guard pipe(&inPipe) == 0 else { [outPipe[0], outPipe[1], errPipe[0], errPipe[1]].forEach { _ = close($0) }; return nil }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for descriptor in [inPipe[0], inPipe[1], outPipe[0], outPipe[1], errPipe[0], errPipe[1]] {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGPIPE)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        var spawned: Int32 = EINTR
        while spawned == EINTR { spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp) }
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        guard spawned == 0 else {
            close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
            return nil
        }

        // stdin is written from another thread while this one drains stdout and stderr.
        let writer = DispatchGroup()
        let inputEnd = inPipe[1]
        writer.enter()
        DispatchQueue.global().async {
            if let input, !input.isEmpty {
                input.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(inputEnd, buffer.baseAddress! + offset, buffer.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            break  // the child closed its stdin
                        }
                        offset += written
                    }
                }
            }
            close(inputEnd)
            writer.leave()
        }

        var stdout = Data(), stderr = Data()
        var open: [(Int32, Bool)] = [(outPipe[0], true), (errPipe[0], false)]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !open.isEmpty {
            var descriptors = open.map { pollfd(fd: $0.0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            var closed: [Int32] = []
            for (index, descriptor) in descriptors.enumerated() where descriptor.revents != 0 {
                let count = read(descriptor.fd, &buffer, buffer.count)
                if count > 0 {
                    if open[index].1 { stdout.append(buffer, count: count) } else { stderr.append(buffer, count: count) }
                } else if count == 0 || errno != EINTR {
                    closed.append(descriptor.fd)
                }
            }
            for descriptor in closed {
                close(descriptor)
                open.removeAll { $0.0 == descriptor }
            }
        }
        writer.wait()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signaled = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
        return Result(status: signaled ? 128 + (status & 0x7F) : (status >> 8) & 0xFF, stdout: stdout, stderr: stderr)
    }
}
