"""cli.pipeline_main: the options of a pipeline command, its exit code and its one-line errors."""

import pytest

from {{package_name}} import settings
from {{package_name}}.impact import ImpactError, cli


def test_options_reach_the_pipeline_by_name_and_errors_exit_1(tmp_path, capsys):
    calls = []

    def run(root, **options):
        calls.append((root, options))
        if options.get("test_percent") == 0:
            raise ImpactError("--test-percent must be between 1 and 99, not 0")

    def extra(p):
        p.add_argument("--horizon", type=int, default=7)

    assert cli.pipeline_main(["--root", str(tmp_path), "--seed", "3"], "Split.", run, test_percent=20,
                             options=extra) == 0
    assert calls[-1] == (tmp_path.resolve(), {"seed": 3, "test_percent": 20, "horizon": 7})
    assert cli.pipeline_main(["--root", str(tmp_path), "--test-percent", "0"], "Split.", run,
                             test_percent=20) == 1
    assert capsys.readouterr().err == "error: --test-percent must be between 1 and 99, not 0\n"
    assert cli.pipeline_main(["--root", str(tmp_path)], "Split.", run) == 0
    assert calls[-1] == (tmp_path.resolve(), {})


def test_test_percent_must_leave_both_splits_rows():
    cli.check_test_percent(1)
    cli.check_test_percent(99)
    for bad in (0, 100, -5):
        with pytest.raises(ImpactError, match=f"--test-percent must be between 1 and 99, not {bad}"):
            cli.check_test_percent(bad)


def test_help_names_the_command_and_the_split_options(capsys):
    with pytest.raises(SystemExit):
        cli.pipeline_main(["--help"], "Split the data.", print, test_percent=25, units="images")
    help_text = " ".join(capsys.readouterr().out.split())  # argparse wraps lines at the terminal width
    package = settings.__name__.split(".")[0]
    assert help_text.startswith(f"usage: python -m {package}.pipeline [-h] [--root ROOT] [--seed SEED] "
                                "[--test-percent TEST_PERCENT] Split the data.")
    assert f"split seed (default {settings.SEED})" in help_text
    assert "share of images in the test split (default 25)" in help_text
