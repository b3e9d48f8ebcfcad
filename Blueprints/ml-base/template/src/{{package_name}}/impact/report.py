"""IMPACT.md and a chart of the primary metric over runs, written from the impact log.

Reads impact-log/1 and impact-log/2 records alike (a /1 run has one baseline, no costs, seeds
or previous-best comparison; those parts of the report are left out for it).
"""

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import ImpactError, environment, log

EXAMPLE_LINE = "example data shipped with the blueprint: replace it before quoting this result"


@dataclass
class Run:
    number: int
    baselines: list[dict[str, Any]] = field(default_factory=list)
    candidate: dict[str, Any] | None = None

    @property
    def baseline(self) -> dict[str, Any] | None:
        """The baseline the candidate's headline compares with (the strongest), else the last one."""
        if self.candidate and self.candidate.get("comparison"):
            wanted = self.candidate["comparison"].get("baseline_id")
            for b in self.baselines:
                if b["id"] == wanted:
                    return b
        return self.baselines[-1] if self.baselines else None

    @property
    def first(self) -> dict[str, Any]:
        found = self.candidate or (self.baselines[0] if self.baselines else None)
        assert found is not None
        return found


def runs(records: list[dict[str, Any]]) -> list[Run]:
    """Records grouped by evaluation run, oldest first."""
    grouped: dict[str, Run] = {}
    for r in records:
        run = grouped.setdefault(r["run"], Run(len(grouped) + 1))
        if r.get("role") == "candidate":
            run.candidate = r
        else:
            run.baselines.append(r)
    return list(grouped.values())


def _f(x: float | None, digits: int = 2) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def _ci(metric: dict[str, Any]) -> str:
    low, high = metric["ci95"]
    return f"{_f(metric['value'])} [{_f(low)}, {_f(high)}]"


def _signed(x: float | None, digits: int = 2) -> str:
    return "n/a" if x is None else f"{x:+.{digits}f}"


def headline(candidate: dict[str, Any], metric_label: str, test_units: str) -> str:
    """The one-sentence result, e.g. `macro-F1 0.62 → 0.83 (+0.21, 95% CI [0.15, 0.27]) vs
    naive-bayes (strongest of 2 baselines) on 120 held-out reviews`."""
    c = candidate["comparison"]
    low, high = c["ci95"]
    n_baselines = len(candidate.get("comparisons") or []) or 1
    against = (
        f"{c['baseline_system']} (strongest of {n_baselines} baselines)"
        if c.get("strongest") and n_baselines > 1
        else f"{c['baseline_system']} baseline"
    )
    text = (
        f"{metric_label} {_f(c['baseline'])} → {_f(c['candidate'])} ({_signed(c['delta'])}, 95% CI "
        f"[{_f(low)}, {_f(high)}]) vs {against} on {candidate['bootstrap']['units']} {test_units}"
    )
    if not c["improved"]:
        better = candidate["greater_is_better"]
        worse = high is not None and low is not None and (high < 0 if better else low > 0)
        text += (
            f" (worse than {c['baseline_system']})"
            if worse
            else f" (the interval includes 0: no clear difference from {c['baseline_system']})"
        )
    return text


def previous_sentence(candidate: dict[str, Any]) -> str:
    """`vs previous best `tfidf-logreg` (run 3): +0.031, 95% CI [0.012, 0.049] (...)`."""
    p = candidate["previous_best"]
    low, high = p["ci95"]
    text = (
        f"vs previous best `{p['system']}` (run {p.get('run_number', p['run'])}): {_signed(p['delta'], 3)}, "
        f"95% CI [{_f(low, 3)}, {_f(high, 3)}]"
    )
    if p["improved"]:
        return text + " (a clear improvement)"
    if p["regressed"]:
        return text + " (a regression: the whole interval is on the worse side of 0)"
    return text + " (the interval includes 0: no clear difference)"


def _when(record: dict[str, Any]) -> str:
    return str(record["timestamp"]).replace("T", " ")[:16]


def _commit(record: dict[str, Any]) -> str:
    git = record["git"]
    if git["commit"] is None:
        return "no git"
    return f"`{git['commit'][:7]}`" + ("*" if git["dirty"] else "")


def _commit_prose(record: dict[str, Any]) -> str:
    git = record["git"]
    if git["commit"] is None:
        return "no git commit"
    return f"commit `{git['commit'][:7]}`" + (" with uncommitted changes" if git["dirty"] else "")


def _bytes(n: int | None) -> str:
    if n is None:
        return "n/a"
    for unit, size in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} B"


def _spread(record: dict[str, Any]) -> str:
    seeds = record.get("seeds") or {}
    s = seeds.get("spread")
    if s:
        return f"{_f(s['mean'])} ({_f(s['min'])}–{_f(s['max'])}, {len(s['values'])} seeds)"
    if "seed_dependent" in record and not record["seed_dependent"]:
        return "seed-free"
    return "1 seed" if seeds else "n/a"


def _cost_cells(record: dict[str, Any]) -> str:
    k = record.get("costs") or {}
    lat = k.get("latency_ms") or {}
    latency = f"{_f(lat.get('p50'))} / {_f(lat.get('p95'))}" if lat else "n/a"
    throughput = "n/a" if k.get("throughput_per_s") is None else f"{k['throughput_per_s']:,.0f}"
    fit = "n/a" if k.get("fit_seconds") is None else f"{k['fit_seconds']:.2f}"
    return f"{latency} | {throughput} | {_bytes(k.get('model_bytes'))} | {fit}"


def _params_prose(record: dict[str, Any]) -> str:
    src = record.get("params_source")
    if not src:
        return ""
    text = {
        "validation": f"tuned on the validation split ({src.get('tried')} settings tried)",
        "cross-validation": f"tuned by cross-validation inside train ({src.get('tried')} settings tried)",
        "defaults": "the defaults of models.py (not tuned)",
    }.get(src["split"], src["split"])
    if src.get("overrides"):
        text += f", overridden by `--param` {json.dumps(src['overrides'], sort_keys=True)}"
    return f" Parameters: {text}."


def render(
    records: list[dict[str, Any]], task: Any, chart_name: str, figures: Sequence[tuple[str, str]] = ()
) -> str:
    """The Markdown of IMPACT.md. `task` gives prose labels (see harness.Task); `figures`:
    [(title, path relative to IMPACT.md)] of the latest run."""
    all_runs = [r for r in runs(records) if r.candidate and r.candidate.get("comparison")]
    if not all_runs:
        raise ImpactError("the impact log has no candidate evaluation yet: run the evaluation first")
    latest = all_runs[-1]
    last = latest.candidate
    assert last is not None
    metric = last["primary_metric"]
    label = task.label(metric)
    data: dict[str, Any] = last["data"]
    lines = [f"# Impact: {task.name}", "", f"**{headline(last, label, task.test_units)}.**", ""]
    if data.get("example"):
        lines += [f"_{EXAMPLE_LINE}._", ""]
    if "source" in data:
        lines += [
            f"Data: {data['source']}"
            if data["source"]
            else "Data: source not stated (add a `Source: ...` line to data/README.md).",
            "",
        ]
    if last.get("previous_best"):
        p = last["previous_best"]
        lines += [f"{previous_sentence(last)}.", ""]
        best = next((r for r in records if r["id"] == p["id"]), None)
        diffs = environment.differences(best.get("environment") if best else None, last.get("environment"))
        if diffs:
            lines += [
                f"**Environment differs** from run {p.get('run_number', p['run'])}: {'; '.join(diffs)}. "
                "Part of the difference may come from the software, not the model.",
                "",
            ]
    tests = last["test_evaluations"]
    boot_seed = (last.get("seeds") or {}).get("bootstrap", last["seed"])
    lines += [
        f"Latest run (#{latest.number}, {_when(last)} UTC): candidate `{last['system']}`, "
        f"{_commit_prose(last)}, data `{data['fingerprint'][:19]}`, paired bootstrap with "
        f"{last['bootstrap']['resamples']} resamples (bootstrap seed {boot_seed})."
        f"{_params_prose(last)} {tests} distinct configuration{'s have' if tests != 1 else ' has'} "
        "been scored on this test split.",
        "",
        f"![{label} per evaluation run]({chart_name})",
        "",
    ]
    ladder = [*latest.baselines, last]
    strongest_id = last["comparison"].get("baseline_id")
    lines += [
        "## The ladder (latest run)",
        "",
        f"| system | role | {label} [95% CI] | seed spread | latency p50 / p95 (ms) | throughput (units/s) "
        "| model size | fit (s) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in ladder:
        role = "candidate" if r is last else ("strongest baseline" if r["id"] == strongest_id else "baseline")
        lines.append(
            f"| `{r['system']}` | {role} | {_ci(r['metrics'][metric]) if metric in r['metrics'] else 'n/a'} "
            f"| {_spread(r)} | {_cost_cells(r)} |"
        )
    lines += [
        "",
        "## Latest run, every metric",
        "",
        "| metric | " + " | ".join(f"{r['system']}" for r in ladder) + " |",
        "| --- |" + " --- |" * len(ladder),
    ]
    for name in last["metrics"]:
        shown = f"**{name}**" if name == metric else name
        cells = [(_ci(r["metrics"][name]) if name in r["metrics"] else "n/a") for r in ladder]
        lines.append(f"| {shown} | " + " | ".join(cells) + " |")
    for title, path in figures:
        lines += ["", f"### {title}", "", f"![{title}]({path})"]
    lines += [
        "",
        "## All runs",
        "",
        f"| run | when (UTC) | commit | data | candidate | {label} [95% CI] | strongest baseline "
        "| Δ [95% CI] | clear win | vs previous best | test evals |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in all_runs:
        rc = run.candidate
        assert rc is not None
        k = rc["comparison"]
        pb = rc.get("previous_best")
        prev = (
            f"{_signed(pb['delta'], 3)} [{_f(pb['ci95'][0], 3)}, {_f(pb['ci95'][1], 3)}] vs run "
            f"{pb.get('run_number', '?')}"
            if pb
            else "–"
        )
        lines.append(
            f"| {run.number} | {_when(rc)} | {_commit(rc)} | `{rc['data']['fingerprint'][7:15]}` "
            f"| `{rc['system']}` | {_ci(rc['metrics'][metric])} "
            f"| `{k['baseline_system']}` {_f(k['baseline'])} "
            f"| {_signed(k['delta'])} [{_f(k['ci95'][0])}, {_f(k['ci95'][1])}] "
            f"| {'yes' if k['improved'] else 'no'} | {prev} | {rc['test_evaluations']} |"
        )
    notes = []
    if last["git"]["commit"] is None:
        notes.append(
            "The latest run was made outside a git repository (or before the first commit), "
            "so no commit ties it to the code that produced it."
        )
    elif last["git"]["dirty"]:
        notes.append(
            "The latest run had uncommitted changes (marked `*`): commit them and re-run "
            "before quoting the result."
        )
    versions = len({r.first["data"]["fingerprint"] for r in all_runs})
    if versions > 1:
        notes.append(
            f"The runs used {versions} different data versions (column `data`); only runs "
            "with the same data are directly comparable."
        )
    leak = data.get("leakage")
    if leak and leak.get("action") == "allowed":
        left = leak.get("across_splits") or {}
        notes.append(
            f"Duplicates remain across the splits ({left.get('exact', '?')} exact, {left.get('near', '?')} "
            "near; allowed with --allow-leakage): the test scores are optimistic."
        )
    if tests > 10:
        notes.append(
            f"{tests} distinct configurations have been scored on this test split. Each look at "
            "test scores can steer your choices; tune on the validation split (`make tune`) and "
            "treat this count as a budget."
        )
    if notes:
        lines += ["", "## Caveats", ""] + [f"- {n}" for n in notes]
    better = "higher" if last["greater_is_better"] else "lower"
    lines += [
        "",
        "## How to read this",
        "",
        f"- The bold sentence compares the latest candidate with the strongest baseline of its run on "
        f"{label} ({better} is better); every system is fitted on the same training data and scored "
        "on the same test units.",
        "- `[low, high]` is a 95% percentile bootstrap interval: it covers the sampling of the test set "
        "only, for this one split and one model seed; it says nothing about another split, other "
        "data or another seed. `Δ` is candidate minus baseline; its interval is paired (both systems "
        "on the same resamples). A clear win means the whole interval of Δ lies on the better side of 0.",
        "- The seed spread (mean, min–max over model seeds, `evaluate --seeds N`) covers how much the "
        "primary metric moves when a seed-dependent system is refitted with another seed, on the same "
        "split; seed-free systems are fitted once.",
        "- Costs: latency per unit is measured by predicting single units (a sample of the test set), "
        "throughput from one batch prediction of the whole test set, size is the saved (pickled) "
        "model, all on the machine that ran the evaluation.",
        "- `*` after a commit: uncommitted changes. `test evals`: how many distinct configurations "
        "(code, parameters, data, seeds) have scored this exact test split so far.",
        "- Every row comes from `impact/log.jsonl`; this file is rebuilt from it by the report command.",
        "",
    ]
    return "\n".join(lines)


def _point(record: dict[str, Any] | None, metric: str) -> tuple[float | None, float | None, float | None]:
    if not record or metric not in record.get("metrics", {}):
        return None, None, None
    m = record["metrics"][metric]
    return m["value"], m["ci95"][0], m["ci95"][1]


def draw_chart(records: list[dict[str, Any]], task: Any, path: Path) -> list[str]:
    """The primary metric per run (PNG + SVG): the candidate, the strongest baseline and the
    previous champion; lines never join runs on another task or test split."""
    from . import chart  # matplotlib is imported only when a chart is drawn

    all_runs = [r for r in runs(records) if r.candidate]
    if not all_runs:
        raise ImpactError("the impact log has no candidate evaluation yet: run the evaluation first")
    last = all_runs[-1].first
    metric = last["primary_metric"]
    label = task.label(metric)

    def key(r: Run) -> str:
        return f"{r.first['task']}|{r.first['data']['test_fingerprint']}"

    cand, base, champ = [], [], []
    breaks: list[tuple[float, str]] = []
    for i, run in enumerate(all_runs):
        k = key(run)
        cand.append((run.number, *_point(run.candidate, metric), k))
        base.append((run.number, *_point(run.baseline, metric), k))
        p = (run.candidate or {}).get("previous_best")
        champ.append((run.number, p["previous"] if p else None, None, None, k))
        if i and k != key(all_runs[i - 1]):
            what = "new task" if run.first["task"] != all_runs[i - 1].first["task"] else "new test split"
            breaks.append((run.number - 0.5, what))
    better = "higher" if last["greater_is_better"] else "lower"
    latest_cand = all_runs[-1].candidate["system"] if all_runs[-1].candidate else ""
    latest_base = (all_runs[-1].baseline or {}).get("system", "")
    series: list[dict[str, Any]] = [
        {"label": f"candidate ({latest_cand})", "color": chart.CANDIDATE, "points": cand},
        {
            "label": f"strongest baseline ({latest_base})",
            "color": chart.BASELINE,
            "dashed": True,
            "points": base,
            "marker": "s",
        },
    ]
    if any(p[1] is not None for p in champ):
        series.append(
            {
                "label": "previous best",
                "color": chart.CHAMPION,
                "dashed": True,
                "points": champ,
                "marker": "D",
            }
        )
    return chart.runs_chart(
        path,
        title=f"{label} per evaluation run",
        subtitle=f"{task.name}: {better} is better; bars are 95% bootstrap CIs",
        series=series,
        breaks=breaks,
        x_labels={r.number: f"#{r.number}" for r in all_runs},
        y_label=label,
    )


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


def write(
    task: Any, log_path: Path, report_path: Path, chart_path: Path, figures_path: Path | None = None
) -> list[dict[str, Any]]:
    """Write IMPACT.md and the chart (PNG + SVG); return the records they were made from.
    `figures_path`: the index written by the evaluation when the task draws figures."""
    records = log.read(log_path)
    if not records:
        pkg = __package__.rsplit(".", 1)[0]
        raise ImpactError(
            f"{log_path} has no records yet: run the evaluation first "
            f"(`python -m {pkg}.evaluate` or `make eval`)"
        )
    chart_path.parent.mkdir(parents=True, exist_ok=True)
    draw_chart(records, task, chart_path)
    here = Path(report_path).parent

    def rel(path: Path) -> str:
        return Path(os.path.relpath(path, here)).as_posix()

    figures: list[tuple[str, str]] = []
    latest = next((r.candidate for r in reversed(runs(records)) if r.candidate), None)
    if figures_path is not None and latest is not None:
        figures = [
            (title, rel(figures_path.parent / file))
            for title, file in read_figures(figures_path, latest["run"])
        ]
    report_path.write_text(render(records, task, rel(chart_path), figures), encoding="utf-8")
    return records
