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

    func options<Options: CommandOptions>(_ arguments: [String], as: Options.Type) throws -> Options {
        try #require(try command(arguments).options as? Options)
    }

    @Test func parsesNewWithEveryOptionFormIntoTypedOptions() throws {
        let parsed = try options(["new", "dir", "--blueprint=nlp-eval", "--set", "a=1", "--set", "b=c=d", "--no-input"], as: NewCommand.Options.self)
        #expect(parsed.directory == "dir")
        #expect(parsed.blueprint == "nlp-eval")
        #expect(parsed.sets == [KeyValue(key: "a", value: "1"), KeyValue(key: "b", value: "c=d")])
        #expect(parsed.noInput)
        #expect(!parsed.force && !parsed.dryRun && !parsed.noGit)
        let short = try options(["new", "-b", "nlp-eval"], as: NewCommand.Options.self)
        #expect(short.blueprint == "nlp-eval")
    }

    @Test func typedValuesOfOtherCommands() throws {
        let validate = try options(["validate", "p", "--format", "sarif", "--timeout", "2.5", "--select", "LOG,CON", "--run"], as: ValidateCommand.Options.self)
        #expect(validate.path == "p" && validate.run)
        #expect(validate.format == .sarif)
        #expect(validate.timeout == Seconds(argument: "2.5"))
        #expect(validate.select == ["LOG,CON"])
        let render = try options(["render", "t.mustache", "--escape", "html"], as: RenderCommand.Options.self)
        #expect(render.template == "t.mustache" && render.escape == .html)
        let help = try options(["help", "new"], as: HelpCommand.Options.self)
        #expect(help.command == "new")
    }

    /// The step between parsing and running: values that parse but cannot be used.
    @Test(arguments: [
        (["new", "x"], "missing --blueprint"),
        (["completions", "tcsh"], "unknown shell 'tcsh'"),
        (["help", "nope"], "unknown command 'nope'"),
        (["validate", "--select", "LOGG"], "--select 'LOGG' names no rule"),
    ])
    func validationBetweenParseAndRun(arguments: [String], what: String) throws {
        var parsed = try command(arguments)
        do {
            try parsed.validate()
            Issue.record("expected \(arguments) to fail validation")
        } catch {
            #expect(error.what.contains(what), "\(error.what)")
            #expect(error.exitCode == .usage)
        }
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try command(["new", "--blueprint", "x", "--", "--weird-dir"])
        #expect((parsed.options as? NewCommand.Options)?.directory == "--weird-dir")
    }

    @Test func helpAndVersionForms() throws {
        guard case .help(nil) = try parser.parse([]) else { Issue.record("no args → help"); return }
        guard case .help(nil) = try parser.parse(["--help"]) else { Issue.record("--help"); return }
        guard case .version = try parser.parse(["--version"]) else { Issue.record("--version"); return }
        #expect(try command(["help", "new"]).name == "help")
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
        (["new", "--set", "novalue"], "invalid --set 'novalue'", "give KEY=VALUE, e.g. --set project_name=my-project"),
        (["validate", "--timeout", "-1"], "invalid --timeout '-1'", "give a number of seconds greater than 0, e.g. --timeout 900"),
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
