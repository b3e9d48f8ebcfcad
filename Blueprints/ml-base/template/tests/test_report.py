"""IMPACT.md and the chart (PNG + SVG, matplotlib) render from the log, for /2 and /1 records."""

import dataclasses
import json
import xml.etree.ElementTree as ET

from {{package_name}} import report, settings
from {{package_name}}.impact import chart, harness
from {{package_name}}.impact import report as impact_report

PNG = b"\x89PNG\r\n\x1a\n"


def png_width(path):
    data = path.read_bytes()
    assert data.startswith(PNG)
    return int.from_bytes(data[16:20], "big")


def test_report_renders_headline_ladder_costs_and_chart(evaluated, capsys):
    assert report.main(["--root", str(evaluated.root)]) == 0
    md = (evaluated.root / settings.REPORT).read_text(encoding="utf-8")
    last = evaluated.records[-1]
    sentence = impact_report.headline(last, report.TASK.label(last["primary_metric"]), report.TASK.test_units)
    n = len(last["comparisons"])
    assert f"**{sentence}.**" in md
    assert f"vs {last['comparison']['baseline_system']} (strongest of {n} baselines)" in sentence
    assert impact_report.previous_sentence(last) in md and "(run 1)" in md
    assert "](primary_metric.png)" in md
    for r in evaluated.runs[-1]:
        assert f"| `{r['system']}` | " in md  # a ladder row per system
    assert "latency p50 / p95 (ms)" in md and "throughput" in md and "model size" in md
    assert "covers the sampling of the test set only" in md and "seed spread" in md
    assert png_width(evaluated.root / settings.CHART) == chart.WIDTH_PX
    svg = ET.parse(evaluated.root / settings.CHART.with_suffix(".svg")).getroot()
    assert svg.tag.endswith("svg")
    assert "wrote" in capsys.readouterr().out


def test_the_example_data_line_shows_only_on_the_shipped_data(evaluated):
    last = dict(evaluated.records[-1])
    for example in (True, False):
        last["data"] = {**last["data"], "example": example, "source": "Somewhere, CC-BY"}
        md = impact_report.render([*evaluated.records[:-1], last], report.TASK, "chart.png")
        assert (impact_report.EXAMPLE_LINE in md) is example
        assert "Data: Somewhere, CC-BY" in md


def test_an_interval_including_zero_is_said_plainly(evaluated):
    last = json.loads(json.dumps(evaluated.records[-1]))
    last["comparison"].update(delta=0.01, ci95=[-0.02, 0.04], improved=False)
    text = impact_report.headline(last, "metric", "units")
    strongest = last["comparison"]["baseline_system"]
    assert text.endswith(f"(the interval includes 0: no clear difference from {strongest})")


def test_charts_are_byte_identical_for_the_same_log(evaluated, tmp_path):
    one, two = tmp_path / "a" / "chart.png", tmp_path / "b" / "chart.png"
    for path in (one, two):
        path.parent.mkdir()
        impact_report.draw_chart(evaluated.records, report.TASK, path)
    for suffix in (".png", ".svg"):
        assert one.with_suffix(suffix).read_bytes() == two.with_suffix(suffix).read_bytes()
    assert b"<dc:date>" not in one.with_suffix(".svg").read_bytes()


def test_lines_break_where_the_test_split_changes():
    points = [(1, 0.5, 0.4, 0.6, "a"), (2, 0.6, 0.5, 0.7, "a"), (3, 0.7, None, None, "b"),
              (4, 0.8, None, None, "b")]
    assert [[p[0] for p in seg] for seg in chart._segments(points)] == [[1, 2], [3, 4]]


def test_impact_log_1_records_still_render(evaluated):
    run = evaluated.runs[0]
    old = [json.loads(json.dumps(r)) for r in (run[0], run[-1])]
    for r in old:
        r["schema"] = "impact-log/1"
        for key in ("comparisons", "previous_best", "predictions", "seed_dependent", "seeds", "params_source",
                    "config", "environment", "costs"):
            r.pop(key)
        r["data"] = {k: r["data"][k] for k in ("fingerprint", "test_fingerprint", "rows")}
    old[-1]["comparison"] = {k: v for k, v in old[-1]["comparison"].items() if k != "strongest"}
    old[-1]["comparison"].update(baseline_id=old[0]["id"], baseline_system=old[0]["system"])
    md = impact_report.render(old, report.TASK, "chart.png")
    assert f"vs {old[0]['system']} baseline on" in md


def test_report_without_a_log_says_what_to_run(tmp_path, capsys):
    assert report.main(["--root", str(tmp_path)]) == 1
    assert "run the evaluation first" in capsys.readouterr().err


def test_figures_a_task_draws_are_shown_for_the_run_that_drew_them(prepared, quiet):
    """Task.figures: files written beside IMPACT.md at evaluation (with the shared chart helper),
    linked by the report while they belong to the latest run."""
    def figures(split, systems, predictions, directory):
        assert set(systems) == set(predictions) == {"baseline", "candidate"}
        assert len(predictions["candidate"]) == len(split.y_test)
        fig, ax = chart.figure("Extra", "a test figure")
        ax.plot([0, 1], [0, 1])
        png, _svg = chart.save(fig, directory / "extra")
        return [(f"Extra figure of {systems['candidate'].name}", png)]

    task = dataclasses.replace(report.TASK, figures=figures)
    paths = (prepared / settings.LOG, prepared / settings.REPORT, prepared / settings.CHART,
             prepared / settings.FIGURES)
    harness.evaluate(task, prepared, n_resamples=200, out=quiet)
    impact_report.write(task, *paths)
    cand = task.candidate(settings.SEED, task.default_params).name
    assert f"![Extra figure of {cand}](extra.png)" in paths[1].read_text(encoding="utf-8")
    assert png_width(prepared / "impact" / "extra.png") == chart.WIDTH_PX
    harness.evaluate(dataclasses.replace(task, figures=None), prepared, n_resamples=200, out=quiet)
    impact_report.write(task, *paths)
    assert "extra.png" not in paths[1].read_text(encoding="utf-8")  # drawn by an earlier run
