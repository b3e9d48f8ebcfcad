/// Every rule of `scaffold validate`, in output order. IDs are stable: a rule
/// that is retired keeps its ID unused, and new rules take new numbers.
public enum RuleCatalog {
    public static let rules: [Rule] = [
        Rule(
            "CON001", .contract, .error, "scaffold.json impact contract exists",
            why: """
                The contract is how anyone (a teammate, CI, scaffold) learns which commands rebuild the data, run the \
                evaluation and write the report, where results are logged, and what counts as an improvement. \
                Without it the project's impact can be reproduced only by its author.
                """,
            fix: """
                Create scaffold.json at the project root with an "impact" object: {"impact": {"pipeline": "...", \
                "evaluate": "...", "report": "...", "log": "impact/log.jsonl", "primary_metric": "...", \
                "greater_is_better": true, "baseline": "..."}}. 'scaffold new --blueprint nlp-eval' writes a complete one.
                """),
        Rule(
            "CON002", .contract, .error, "impact contract is valid",
            why: """
                Every tool that reads the contract silently ignores a misspelt key or a value of the wrong type, so \
                the hook it meant to declare is missing without anyone noticing.
                """,
            fix: """
                Fix what is named. Top-level keys: blueprint, impact, validate. impact: pipeline, evaluate, report, \
                log (strings), primary_metric (string), greater_is_better (boolean), baseline (string). validate: \
                select, ignore (arrays of rule IDs or family prefixes).
                """,
            requires: [.rule("CON001")]),
        Rule(
            "PIP001", .pipeline, .error, "pipeline command points at something in the project",
            why: """
                A result can be compared with another only when the data behind both can be rebuilt from the raw \
                inputs by one command.
                """,
            fix: """
                Set impact.pipeline in scaffold.json to the command that rebuilds the processed data from the raw \
                inputs (e.g. "python -m yourpkg.pipeline"), and make sure the module, script or make target it \
                names exists.
                """,
            requires: [.readableContract]),
        Rule(
            "EVA001", .evaluation, .error, "evaluate command points at something in the project",
            why: """
                The evaluation harness turns a model into numbers that can be compared with a baseline; it must be \
                runnable by one command, by anyone.
                """,
            fix: """
                Set impact.evaluate in scaffold.json to the command that evaluates the baseline and the candidate \
                and appends their records to the log (e.g. "python -m yourpkg.evaluate"), and make sure what it \
                names exists.
                """,
            requires: [.readableContract]),
        Rule(
            "EVA002", .evaluation, .error, "evaluation code writes to the declared log",
            why: "A log that no code appends to stays empty or gets edited by hand, and then it proves nothing.",
            fix: """
                Make the evaluation append one JSON record per evaluated system to the declared log (append mode, \
                one object per line, earlier lines never rewritten), referring to the log by its declared path.
                """,
            requires: [.rule("LOG001")]),
        Rule(
            "LOG001", .log, .error, "impact log is declared inside the project",
            why: """
                The impact log is the project's memory: which code and which data produced which number, against \
                which baseline. It must live in the project, as a plain file.
                """,
            fix: """
                Set impact.log in scaffold.json to a relative path inside the project, e.g. "impact/log.jsonl", and \
                keep it a regular file (not a link, directory or FIFO).
                """,
            requires: [.readableContract]),
        Rule(
            "LOG002", .log, .error, "every log line is an impact-log/1 record",
            why: """
                Whatever compares runs, draws the chart or writes the report reads every line; one malformed record \
                breaks it or silently drops a result.
                """,
            fix: """
                Correct or remove the lines named. Each line is one JSON object with schema "impact-log/1", id, \
                timestamp (UTC RFC 3339), git {commit, dirty}, data {fingerprint "sha256:…", row counts}, params, \
                seed, role, system, metrics {name: {value, ci95}}, primary_metric, greater_is_better, comparison, \
                test_evaluations. The harness writes valid records; hand edits and merges are the usual cause.
                """,
            requires: [.rule("LOG001"), .logPresent]),
        Rule(
            "LOG003", .log, .error, "last log line is complete",
            why: """
                A crash in the middle of a write leaves a partial last line: writers then refuse to append (or glue \
                the next record onto it) and readers fail on it.
                """,
            fix: """
                Remove the partial last line (in a scaffold project 'python -m PACKAGE.impact.log --repair' moves it \
                to LOG.cut), then run evaluate again.
                """,
            requires: [.rule("LOG001"), .logPresent]),
        Rule(
            "MET001", .metric, .error, "primary metric and its direction are declared",
            why: """
                Without one declared metric, and whether higher is better, "improved" means whatever the last person \
                to look chose.
                """,
            fix: """
                Set impact.primary_metric (e.g. "macro_f1") and impact.greater_is_better (true or false) in \
                scaffold.json.
                """,
            requires: [.readableContract]),
        Rule(
            "MET002", .metric, .error, "primary metric appears in every log record",
            why: "A record that does not report the declared metric, in the declared direction, cannot be compared with the others.",
            fix: """
                Make the harness compute the declared primary metric for every system, record it under metrics, and \
                copy primary_metric and greater_is_better from the contract into every record.
                """,
            requires: [.rule("MET001"), .rule("LOG001"), .logPresent]),
        Rule(
            "BAS001", .baseline, .error, "baseline is declared",
            why: "Impact is a difference: without a named baseline there is nothing to improve on.",
            fix: """
                Set impact.baseline in scaffold.json to the name of a simple system the harness evaluates on every \
                run (e.g. "majority-class" or "tfidf-logreg").
                """,
            requires: [.readableContract]),
        Rule(
            "BAS002", .baseline, .error, "declared baseline is logged",
            why: "A baseline that is declared but never evaluated on the same data makes every comparison unverifiable.",
            fix: """
                Evaluate the declared baseline in the harness and log it with role "baseline" and system set to its \
                declared name.
                """,
            requires: [.rule("BAS001"), .rule("LOG001"), .logPresent]),
        Rule(
            "CMP001", .comparison, .error, "candidate records carry a comparison with a confidence interval",
            why: """
                A score on its own says nothing about impact; its difference from the baseline on the same data, \
                with a 95% confidence interval, does.
                """,
            fix: """
                Log every candidate with comparison {baseline_id, baseline, candidate, delta, ci95: [low, high], \
                improved}, computed against a baseline record of the log on the same data (e.g. a paired bootstrap).
                """,
            requires: [.rule("LOG001"), .logPresent]),
        Rule(
            "PRV001", .provenance, .warning, "records carry a data fingerprint and a git commit",
            why: "A number without the commit of the code and the fingerprint of the data it came from cannot be reproduced or trusted later.",
            fix: """
                Run evaluate from a committed git checkout: the harness records HEAD in git.commit and the \
                fingerprint (sha256) of the pipeline's data in data.fingerprint.
                """,
            requires: [.rule("LOG001"), .logPresent]),
        Rule(
            "TST001", .tests, .error, "tests exist",
            why: "The harness computes the numbers everything else relies on; untested, a bug in it silently changes every result.",
            fix: "Add tests, e.g. tests/test_harness.py run by pytest.",
            requires: []),
        Rule(
            "TST002", .tests, .error, "tests exercise the evaluation harness",
            why: "Tests of data loading alone do not catch a broken metric, bootstrap or log writer.",
            fix: """
                Add a test that runs the evaluation (harness) on a small fixture and checks the record it appends: \
                metrics, comparison and ci95.
                """,
            requires: [.rule("TST001")]),
        Rule(
            "REP001", .report, .error, "an impact report is declared or present",
            why: """
                The log is for machines; a report (impact/IMPACT.md) tells a reader what improved, by how much, and \
                how sure we are. Passes when impact.report points at something in the project (the report file \
                itself appears only once evaluate and report have run), or, with no report command, when IMPACT.md \
                is present beside the log.
                """,
            fix: """
                Set impact.report in scaffold.json to the command that writes the report from the log (e.g. \
                "python -m yourpkg.report", writing impact/IMPACT.md), and make sure what it names exists.
                """,
            requires: [.readableContract]),
        Rule(
            "HYG001", .hygiene, .warning, "large data files are not tracked by git",
            why: """
                Data in git bloats every clone forever and is the wrong place to version it; the data fingerprint in \
                the log already pins its exact bytes.
                """,
            fix: """
                'git rm --cached' the files named, add them to .gitignore, and have the pipeline fetch or rebuild \
                them (or track them with DVC or git-lfs).
                """,
            requires: []),
        Rule(
            "RUN001", .run, .error, "pipeline command runs and exits 0",
            why: "Declared hooks prove nothing until they run; the pipeline must rebuild the data unattended.",
            fix: "Run the pipeline command from the project root yourself, fix what its output shows, then validate --run again.",
            requires: [.runFlag, .readableContract]),
        Rule(
            "RUN002", .run, .error, "evaluate command runs and exits 0",
            why: "The evaluation must run unattended on the data the pipeline just built.",
            fix: "Run the evaluate command from the project root yourself, fix what its output shows, then validate --run again.",
            requires: [.runFlag, .rule("RUN001")]),
        Rule(
            "RUN003", .run, .error, "evaluate appended new valid records to the log",
            why: "An evaluation that does not append to the declared log leaves no trace of its result.",
            fix: "Make evaluate append one impact-log/1 record per evaluated system to the declared log on every run.",
            requires: [.runFlag, .rule("RUN002"), .rule("LOG001")]),
        Rule(
            "RUN004", .run, .error, "earlier log bytes are unchanged",
            why: "The log is append-only history; a run that rewrites earlier records can erase or alter past results.",
            fix: "Open the log in append mode and only ever add whole lines at its end; never rewrite, sort or truncate it.",
            requires: [.runFlag, .rule("RUN002"), .rule("LOG001")]),
        Rule(
            "RUN005", .run, .error, "the new candidate records carry a comparison",
            why: "A run that evaluates the candidate without comparing it to the baseline shows no impact.",
            fix: """
                Make each run evaluate the baseline and the candidate on the same data and log the candidate with a \
                comparison {baseline_id, baseline, candidate, delta, ci95, improved}.
                """,
            requires: [.runFlag, .rule("RUN003")]),
    ]

    /// The rule with this ID (case-insensitive), or nil.
    public static func rule(_ id: String) -> Rule? {
        let wanted = id.uppercased()
        return rules.first { $0.id == wanted }
    }
}
