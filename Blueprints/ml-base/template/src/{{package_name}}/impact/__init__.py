"""Impact tracking shared by every blueprint: log, bootstrap, metrics, harness, report.

Nothing in here knows about a particular task. A blueprint plugs in with three
modules next to this package:

- pipeline.py: `main(argv) -> int` taking --root (cli.pipeline_main parses it and
  the split options); reads data/raw/ (rawcsv reads CSV files with errors naming
  file and line), writes the splits under data/processed/ and a manifest
  (fingerprint.write_splits, or write_manifest) with at least a "test" output.
- models.py: functions seed -> harness.System for the baseline and the candidate.
- task.py: `TASK = harness.Task(...)`: how to load the split, the two systems,
  the metrics, the primary metric and its direction (and optionally extra
  figures for the report).

evaluate.py and report.py (the commands) and the generic tests use only that.
"""


class ImpactError(Exception):
    """A problem the user can fix; commands print it as one line and exit 1."""
