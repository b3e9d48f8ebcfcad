import Testing
@testable import ScaffoldKit

@Suite struct ArgumentParserTests {
    let parser = ArgumentParser()

    func command(_ arguments: [String]) throws -> ParsedCommand {
        guard case .run(let command) = try parser.parse(arguments) else {
            Issue.record("expected a command")
            throw ScaffoldError("not a command")
        }
        return command
    }

    @Test func parsesNewWithEveryOptionForm() throws {
        let parsed = try command(["new", "dir", "--blueprint=nlp-eval", "--set", "a=1", "--set", "b=2", "--no-input"])
        #expect(parsed.name == "new")
        #expect(parsed.argument("DIRECTORY") == "dir")
        #expect(parsed.value("blueprint") == "nlp-eval")
        #expect(parsed.allValues("set") == ["a=1", "b=2"])
        #expect(parsed.flag("no-input"))
        #expect(!parsed.flag("force"))
        let short = try command(["new", "-b", "nlp-eval"])
        #expect(short.value("blueprint") == "nlp-eval")
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try command(["new", "--blueprint", "x", "--", "--weird-dir"])
        #expect(parsed.argument("DIRECTORY") == "--weird-dir")
    }

    @Test func helpAndVersionForms() throws {
        guard case .help(nil) = try parser.parse([]) else { Issue.record("no args → help"); return }
        guard case .help(nil) = try parser.parse(["--help"]) else { Issue.record("--help"); return }
        guard case .version = try parser.parse(["--version"]) else { Issue.record("--version"); return }
        guard case .help("new") = try parser.parse(["help", "new"]) else { Issue.record("help new"); return }
        guard case .help("list") = try parser.parse(["list", "--help"]) else { Issue.record("list --help"); return }
        guard case .help("show") = try parser.parse(["show", "-h"]) else { Issue.record("show -h"); return }
    }

    @Test(arguments: [
        (["lst"], "unknown command 'lst'", "did you mean 'list'?"),
        (["new", "--drry-run"], "unknown option '--drry-run' for 'scaffold new'", "did you mean '--dry-run'?"),
        (["new", "--blueprint"], "option '--blueprint' needs a value", "--blueprint NAME|PATH"),
        (["list", "extra"], "unexpected argument 'extra'", "scaffold list --help"),
        (["show"], "missing argument BLUEPRINT", "scaffold show BLUEPRINT"),
        (["render", "t", "--escape", "htm"], "invalid value 'htm' for '--escape'", "did you mean 'html'?"),
        (["new", "--no-git=yes"], "option '--no-git' takes no value", "--no-git"),
        (["new", "--answers", "a", "--answers", "b"], "option '--answers' is given twice", "give it once"),
        (["--verison"], "unknown option '--verison'", "did you mean '--version'?"),
        (["help", "nope"], "unknown command 'nope'", "scaffold --help"),
    ])
    func usageErrorsNameTheProblemAndTheFix(arguments: [String], what: String, fix: String) {
        do {
            _ = try parser.parse(arguments)
            Issue.record("expected a usage error for \(arguments)")
        } catch {
            #expect(error.what.contains(what), "\(error.what)")
            #expect(error.fix.contains(fix), "\(error.fix)")
            #expect(error.exitCode == .usage)
        }
    }
}

@Suite struct HelpAndCompletionTests {
    @Test func rootHelpListsEveryCommand() {
        let help = HelpFormatter().rootHelp()
        #expect(help.hasPrefix("OVERVIEW: "))
        #expect(help.contains("USAGE: scaffold <command> [options]"))
        for command in CommandTable.commands { #expect(help.contains("  \(command.name) ")) }
    }

    @Test func everyCommandHasOverviewUsageAndOptions() {
        for command in CommandTable.commands where !command.options.isEmpty {
            let help = HelpFormatter().help(for: command)
            #expect(help.hasPrefix("OVERVIEW: \(command.abstract)"))
            #expect(help.contains("\nUSAGE: scaffold \(command.name)"))
            #expect(help.contains("\nOPTIONS:\n"))
            for option in command.options { #expect(help.contains("--\(option.name)"), "\(command.name) --\(option.name)") }
            if !command.arguments.isEmpty { #expect(help.contains("\nARGUMENTS:\n")) }
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionsCoverTheTable(shell: String) throws {
        let script = try #require(CompletionScript.script(for: shell))
        for command in CommandTable.commands {
            #expect(script.contains(command.name))
            for option in command.options { #expect(script.contains(option.name), "\(shell): \(command.name) --\(option.name)") }
        }
        #expect(script.contains("html"))  // choices come from the table
    }

    @Test func suggestionFindsCloseWords() {
        #expect(Suggestion.closest(to: "nlp-evl", in: ["nlp-eval", "tabular-classification"]) == "nlp-eval")
        #expect(Suggestion.closest(to: "zzzzzz", in: ["nlp-eval"]) == nil)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    }
}
