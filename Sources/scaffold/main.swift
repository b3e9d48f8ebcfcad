import Dispatch
import Foundation
import ScaffoldKit

// The thin executable: real streams and environment in, exit code out.
// SIGINT/SIGTERM run the library's registered cleanups (removing a
// half-written staging directory) before the process ends with 128 + signal.
let context = ScaffoldContext.standard()

let signalSources = [SIGINT, SIGTERM].map { signalNumber in
    signal(signalNumber, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
    source.setEventHandler {
        context.interruption.interrupt()
        exit(128 + signalNumber)
    }
    source.resume()
    return source
}

exit(ScaffoldCLI.run(arguments: CommandLine.arguments, context: context))
