"""IMPACT.md and the SVG chart render from the log."""

import dataclasses
import xml.etree.ElementTree as ET

from {{package_name}} import report, settings
from {{package_name}}.impact import harness
from {{package_name}}.impact import report as impact_report


def test_report_renders_headline_table_and_chart(evaluated, capsys):
    assert report.main(["--root", str(evaluated.root)]) == 0
    md = (evaluated.root / settings.REPORT).read_text(encoding="utf-8")
    last = evaluated.records[-1]
    sentence = impact_report.headline(last, report.TASK.label(last["primary_metric"]), report.TASK.test_units)
    assert f"**{sentence}.**" in md
    assert "](primary_metric.svg)" in md
    assert md.count(f"| `{last['system']}` |") == 2  # one row per run
    svg = ET.parse(evaluated.root / settings.CHART).getroot()
    assert svg.tag.endswith("svg")
    assert len(svg.findall(".//{http://www.w3.org/2000/svg}circle")) >= 4
    assert "wrote" in capsys.readouterr().out


def test_report_without_a_log_says_what_to_run(tmp_path, capsys):
    assert report.main(["--root", str(tmp_path)]) == 1
    assert "run the evaluation first" in capsys.readouterr().err


def test_figures_a_task_draws_are_shown_for_the_run_that_drew_them(prepared, quiet):
    """Task.figures: files written beside IMPACT.md at evaluation, linked by the report while
    they belong to the latest run. Both systems are the cheap baseline here."""
    def figures(split, systems, predictions, directory):
        assert set(systems) == set(predictions) == {"baseline", "candidate"}
        assert len(predictions["candidate"]) == len(split.y_test)
        (directory / "extra.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n', encoding="utf-8")
        return [(f"Extra figure of {systems['candidate'].name}", "extra.svg")]

    def twin(seed):
        return harness.System("baseline-twin", report.TASK.baseline(seed).model)

    task = dataclasses.replace(report.TASK, candidate=twin, figures=figures)
    paths = (prepared / settings.LOG, prepared / settings.REPORT, prepared / settings.CHART,
             prepared / settings.FIGURES)
    harness.evaluate(task, prepared, n_resamples=200, out=quiet)
    impact_report.write(task, *paths)
    assert "![Extra figure of baseline-twin](extra.svg)" in paths[1].read_text(encoding="utf-8")
    harness.evaluate(dataclasses.replace(task, figures=None), prepared, n_resamples=200, out=quiet)
    impact_report.write(task, *paths)
    assert "extra.svg" not in paths[1].read_text(encoding="utf-8")  # drawn by an earlier run
