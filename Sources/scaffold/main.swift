import Dispatch
import Foundation
import ScaffoldKit

// The thin executable: real streams and environment in, exit code out.
// SIGINT/SIGTERM run the library's registered cleanups (removing a
// half-written staging directory) before the process ends with 128 + signal.
let context = ScaffoldContext.standard()
let interruption = context.interruption

let signalSources = [SIGINT, SIGTERM].map { signalNumber in
    signal(signalNumber, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
    // @Sendable: the handler runs on a global queue. Without it, Swift 6 isolates a closure
    // written in top-level code to the main actor and traps (SIGILL) when it runs elsewhere.
    source.setEventHandler { @Sendable in
        interruption.interrupt(signal: signalNumber)
        // _exit, not exit: the main thread may be exiting at the same moment (exit is not
        // thread-safe), with the same status (below).
        _exit(128 + signalNumber)
    }
    source.resume()
    return source
}

let status = ScaffoldCLI.run(arguments: CommandLine.arguments, context: context)
// Interrupted: the cleanups have run (a command stopped because of them); exit as the signal
// handler does, so the status is 128 + the signal whichever thread gets there first.
if let signalNumber = interruption.signal { _exit(128 + signalNumber) }
exit(status)
