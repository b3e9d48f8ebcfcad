"""IMPACT.md and the SVG chart render from the log."""

import xml.etree.ElementTree as ET

from {{package_name}} import report, settings
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
