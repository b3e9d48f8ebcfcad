"""IMPACT.md and a chart of the primary metric over runs, written from the impact log."""

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import ImpactError, chart, log


@dataclass
class Run:
    number: int
    baseline: dict | None
    candidate: dict | None

    @property
    def first(self) -> dict:
        return self.candidate or self.baseline  # type: ignore[return-value]


def runs(records: list[dict]) -> list[Run]:
    """Records grouped by evaluation run, oldest first."""
    grouped: dict[str, dict[str, dict]] = {}
    for r in records:
        grouped.setdefault(r["run"], {})[r["role"]] = r
    return [Run(i, g.get("baseline"), g.get("candidate")) for i, g in enumerate(grouped.values(), 1)]


def _f(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def _ci(metric: dict) -> str:
    low, high = metric["ci95"]
    return f"{_f(metric['value'])} [{_f(low)}, {_f(high)}]"


def headline(candidate: dict, metric_label: str, test_units: str) -> str:
    """The one-sentence result, e.g. `macro-F1 0.31 → 0.83 (+0.52, 95% CI [0.47, 0.57])
    vs majority-class baseline on 120 held-out tickets`."""
    c = candidate["comparison"]
    low, high = c["ci95"]
    delta = "n/a" if c["delta"] is None else f"{c['delta']:+.2f}"
    text = (f"{metric_label} {_f(c['baseline'])} → {_f(c['candidate'])} ({delta}, 95% CI "
            f"[{_f(low)}, {_f(high)}]) vs {c['baseline_system']} baseline on "
            f"{candidate['bootstrap']['units']} {test_units}")
    if not c["improved"]:
        better = candidate["greater_is_better"]
        worse = high is not None and low is not None and (high < 0 if better else low > 0)
        text += (" (worse than the baseline)" if worse
                 else " (not a clear improvement: the interval includes 0)")
    return text


def _when(record: dict) -> str:
    return record["timestamp"].replace("T", " ")[:16]


def _commit(record: dict) -> str:
    git = record["git"]
    if git["commit"] is None:
        return "no git"
    return f"`{git['commit'][:7]}`" + ("*" if git["dirty"] else "")


def _commit_prose(record: dict) -> str:
    git = record["git"]
    if git["commit"] is None:
        return "no git commit"
    return f"commit `{git['commit'][:7]}`" + (" with uncommitted changes" if git["dirty"] else "")


def render(records: list[dict], task, chart_name: str, figures: Sequence[tuple[str, str]] = ()) -> str:
    """The Markdown of IMPACT.md. `task` gives prose labels (see harness.Task); `figures`:
    [(title, path relative to IMPACT.md)] of the latest run."""
    all_runs = [r for r in runs(records) if r.candidate and r.candidate.get("comparison")]
    if not all_runs:
        raise ImpactError("the impact log has no candidate evaluation yet: run the evaluation first")
    last = all_runs[-1].candidate
    metric = last["primary_metric"]
    label = task.label(metric)
    c = last["comparison"]
    lines = [f"# Impact: {task.name}", "",
             f"**{headline(last, label, task.test_units)}.**", "",
             f"Latest run (#{all_runs[-1].number}, {_when(last)} UTC): candidate `{last['system']}`, "
             f"{_commit_prose(last)}, data `{last['data']['fingerprint'][:19]}`, paired bootstrap "
             f"with {last['bootstrap']['resamples']} resamples (seed {last['seed']}). This test split "
             f"has been scored {last['test_evaluations']} time"
             f"{'s' if last['test_evaluations'] != 1 else ''}.", "",
             f"![{label} per evaluation run, with the baseline]({chart_name})", "",
             "## Latest run, every metric", "",
             f"| metric | {c['baseline_system']} (baseline) | {last['system']} (candidate) |",
             "| --- | --- | --- |"]
    base = next((r for r in records if r["id"] == c["baseline_id"]), None)
    for name, value in last["metrics"].items():
        shown = f"**{name}**" if name == metric else name
        base_cell = _ci(base["metrics"][name]) if base and name in base["metrics"] else "n/a"
        lines.append(f"| {shown} | {base_cell} | {_ci(value)} |")
    for title, path in figures:
        lines += ["", f"### {title}", "", f"![{title}]({path})"]
    lines += ["", "## All runs", "",
              f"| run | when (UTC) | commit | data | candidate | {label} [95% CI] | baseline {label} "
              "| Δ [95% CI] | clear win | test evals |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for run in all_runs:
        r = run.candidate
        k = r["comparison"]
        lines.append(
            f"| {run.number} | {_when(r)} | {_commit(r)} | `{r['data']['fingerprint'][7:15]}` "
            f"| `{r['system']}` | {_ci(r['metrics'][metric])} | {_f(k['baseline'])} "
            f"| {'n/a' if k['delta'] is None else format(k['delta'], '+.2f')} "
            f"[{_f(k['ci95'][0])}, {_f(k['ci95'][1])}] | {'yes' if k['improved'] else 'no'} "
            f"| {r['test_evaluations']} |")
    notes = []
    if last["git"]["commit"] is None:
        notes.append("The latest run was made outside a git repository (or before the first commit), "
                     "so no commit ties it to the code that produced it.")
    elif last["git"]["dirty"]:
        notes.append("The latest run had uncommitted changes (marked `*`): commit them and re-run "
                     "before quoting the result.")
    versions = len({r.candidate["data"]["fingerprint"] for r in all_runs})
    if versions > 1:
        notes.append(f"The runs used {versions} different data versions (column `data`); only runs "
                     "with the same data are directly comparable.")
    if last["test_evaluations"] > 10:
        notes.append(f"This test split has been scored {last['test_evaluations']} times. Each look "
                     "at test scores can steer your choices; tune on a validation split and treat "
                     "this count as a budget.")
    if notes:
        lines += ["", "## Caveats", ""] + [f"- {n}" for n in notes]
    better = "higher" if last["greater_is_better"] else "lower"
    lines += ["", "## How to read this", "",
              f"- The bold sentence compares the latest candidate with the baseline on {label} "
              f"({better} is better), fitted on the same training data and scored on the same "
              "test rows.",
              "- `[low, high]` is a 95% percentile bootstrap interval. `Δ` is candidate minus "
              "baseline; its interval is paired (both systems on the same resamples). A clear win "
              "means the whole interval of Δ lies on the better side of 0.",
              "- `*` after a commit: uncommitted changes. `test evals`: how many runs have scored "
              "this exact test split so far.",
              "- Every row comes from `impact/log.jsonl`; this file is rebuilt from it by the "
              "report command.", ""]
    return "\n".join(lines)


def chart_svg(records: list[dict], task) -> str:
    all_runs = runs(records)
    last = all_runs[-1].first
    metric = last["primary_metric"]

    def point(record: dict | None):
        if not record or metric not in record["metrics"]:
            return None
        m = record["metrics"][metric]
        return (m["value"], *m["ci95"])

    points = [{"label": f"#{run.number}", "sublabel": run.first["timestamp"][5:10],
               "candidate": point(run.candidate), "baseline": point(run.baseline),
               "data": run.first["data"]["fingerprint"]} for run in all_runs]
    label = task.label(metric)
    better = "higher" if last["greater_is_better"] else "lower"
    cand = next((r.candidate["system"] for r in reversed(all_runs) if r.candidate), "")
    base = next((r.baseline["system"] for r in reversed(all_runs) if r.baseline), "")
    return chart.line_chart(points, title=f"{label} per evaluation run",
                            subtitle=f"{task.name}: {better} is better; bars are 95% bootstrap CIs",
                            candidate_label=cand, baseline_label=base)


def write_figures(path: Path, run: str, figures: list[tuple[str, str]]) -> None:
    """Record which figures (title, file name beside `path`) the evaluation `run` drew."""
    entries = [{"title": title, "file": file} for title, file in figures]
    path.write_text(json.dumps({"run": run, "figures": entries}, indent=2) + "\n", encoding="utf-8")


def read_figures(path: Path, run: str) -> list[tuple[str, str]]:
    """The figures drawn by `run` that still exist: [(title, file name)]; none for another run."""
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(index, dict) or index.get("run") != run:
        return []
    return [(f["title"], f["file"]) for f in index.get("figures", []) if (path.parent / f["file"]).is_file()]


def write(task, log_path: Path, report_path: Path, chart_path: Path,
          figures_path: Path | None = None) -> list[dict]:
    """Write IMPACT.md and the chart; return the records they were made from. `figures_path`:
    the index written by the evaluation when the task draws figures (harness.Task.figures)."""
    records = log.read(log_path)
    if not records:
        pkg = __package__.rsplit(".", 1)[0]
        raise ImpactError(f"{log_path} has no records yet: run the evaluation first "
                          f"(`python -m {pkg}.evaluate` or `make eval`)")
    chart_path.parent.mkdir(parents=True, exist_ok=True)
    chart_path.write_text(chart_svg(records, task), encoding="utf-8")
    here = Path(report_path).parent

    def rel(path: Path) -> str:
        return Path(os.path.relpath(path, here)).as_posix()

    figures = []
    latest = next((r.candidate for r in reversed(runs(records)) if r.candidate), None)
    if figures_path is not None and latest is not None:
        figures = [(title, rel(figures_path.parent / file))
                   for title, file in read_figures(figures_path, latest["run"])]
    report_path.write_text(render(records, task, rel(chart_path), figures), encoding="utf-8")
    return records
