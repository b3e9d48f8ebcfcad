"""impact/MODEL_CARD.md: a model card filled from the impact log, the task and the data card.

The sections follow "Model Cards for Model Reporting" (Mitchell et al., FAT* 2019):
model details, intended use, factors, metrics, evaluation data, training data,
quantitative analyses, ethical considerations, caveats and recommendations.
While the project still runs on the example data shipped with its blueprint,
the limitations come first.

The card opens with YAML front matter in the Hugging Face Hub's `model-index`
format (task, dataset, metrics with values; the 95% interval goes into each
metric's `name`, since the Hub's metric entry has no interval field), so the
Hub and `huggingface_hub.ModelCard` read the results back. Values that come
from the log or the data card are quoted for YAML and escaped for Markdown.
"""

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import ImpactError, log

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&$])")


def md(text: object) -> str:
    """Inline Markdown text: markup characters backslash-escaped, line breaks folded."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def code(text: object) -> str:
    """Text for inside a Markdown code span (`...`), where backslash escapes do not apply."""
    return " ".join(str(text).replace("`", "'").split())


def yaml_str(text: object) -> str:
    """A YAML scalar that is always read back as this exact string (JSON strings are YAML)."""
    return json.dumps(str(text), ensure_ascii=False)


def _f(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _latest(records: Sequence[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The latest candidate record and the baseline records of its run."""
    candidates = [r for r in records if r.get("role") == "candidate" and r.get("comparison")]
    if not candidates:
        raise ImpactError("the impact log has no candidate evaluation yet: run the evaluation first")
    last = candidates[-1]
    baselines = [r for r in records if r.get("run") == last["run"] and r.get("role") == "baseline"]
    return last, baselines


def data_card_sections(text: str) -> dict[str, str]:
    """`## Heading` -> the section's text, from the data card (lower-cased headings)."""
    sections: dict[str, str] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip().lower()
            sections[current] = ""
        elif current:
            sections[current] += line + "\n"
    return {k: v.strip() for k, v in sections.items()}


def _section(sections: dict[str, str], *words: str) -> str | None:
    for heading, body in sections.items():
        if any(w in heading for w in words) and body:
            return body
    return None


def front_matter(
    last: dict[str, Any],
    *,
    model_name: str,
    task_type: str,
    task_label: str,
    dataset_name: str,
    dataset_type: str,
    metric_label: Any,
) -> str:
    """The YAML front matter with the Hub's model-index (every metric of the latest candidate)."""
    lines = [
        "---",
        "tags:",
        "- scaffold",
        "- impact-log",
        "model-index:",
        f"- name: {yaml_str(model_name)}",
        "  results:",
        "  - task:",
        f"      type: {yaml_str(task_type)}",
        f"      name: {yaml_str(task_label)}",
        "    dataset:",
        f"      name: {yaml_str(dataset_name)}",
        f"      type: {yaml_str(dataset_type)}",
        "    metrics:",
    ]
    primary = last["primary_metric"]
    names = [primary] + [m for m in last["metrics"] if m != primary]
    for name in names:
        estimate = last["metrics"][name]
        if estimate.get("value") is None:
            continue
        low, high = estimate["ci95"]
        units = last["bootstrap"]["units"]
        shown = f"{metric_label(name)} (95% CI [{_f(low)}, {_f(high)}], {units} test units)"
        lines += [
            f"    - type: {yaml_str(name)}",
            f"      value: {float(estimate['value']):.6g}",
            f"      name: {yaml_str(shown)}",
        ]
        if low is not None and high is not None:
            bounds = {"ci95_low": round(float(low), 6), "ci95_high": round(float(high), 6)}
            lines.append("      args: " + json.dumps(bounds))  # JSON is YAML
    lines.append("---")
    return "\n".join(lines)


def render(
    records: Sequence[dict[str, Any]],
    task: Any,
    *,
    project: str,
    data_card: str | None,
    task_type: str = "other",
) -> str:
    """The model card's Markdown. `task`: the project's harness.Task (name, labels, units)."""
    last, baselines = _latest(records)
    metric = last["primary_metric"]
    label = task.label(metric)
    data = last.get("data", {})
    example = bool(data.get("example"))
    source = data.get("source") or "not stated (write data/README.md with a `Source:` line)"
    sections = data_card_sections(data_card or "")
    c = last["comparison"]
    better = "higher" if last["greater_is_better"] else "lower"
    dataset_name = str(source)[:120]
    out = [
        front_matter(
            last,
            model_name=project,
            task_type=task_type,
            task_label=task.name,
            dataset_name=dataset_name,
            dataset_type="example" if example else "custom",
            metric_label=task.label,
        ),
        "",
        f"# Model card: {md(project)}",
        "",
    ]
    limitations = [
        f"Results come from one test split of {last['bootstrap']['units']} {md(task.test_units)}; the 95% "
        "intervals cover the sampling of that test set for one split and one model seed, not a change of "
        "data, population or time.",
    ]
    spread = (last.get("seeds") or {}).get("spread")
    if spread:
        limitations.append(
            f"Across {len(spread['values'])} model seeds the {md(label)} ranged "
            f"{_f(spread['min'])}–{_f(spread['max'])} (mean {_f(spread['mean'])})."
        )
    known = _section(sections, "limitation")
    if known:
        limitations.append("From the data card: " + md(known))
    if last.get("test_evaluations", 1) > 1:
        limitations.append(
            f"The test split has been scored by {last['test_evaluations']} different "
            "configurations; each look can steer choices."
        )
    if example:
        out += [
            "## Limitations (read first)",
            "",
            "**This model was evaluated on the example data shipped with the project's blueprint, not on "
            "data collected for a real use: replace it before quoting any result.**",
            "",
        ]
        out += [f"- {item}" for item in limitations] + [""]
    systems = ", ".join(f"`{code(b['system'])}`" for b in baselines)
    out += [
        "## Model details",
        "",
        f"- System: `{code(last['system'])}`, evaluated {md(last['timestamp'])}"
        + (f" at commit `{last['git']['commit'][:7]}`" if last.get("git", {}).get("commit") else "")
        + ".",
        f"- Parameters: `{code(json.dumps(last.get('params', {}), sort_keys=True))}`"
        + (
            f", chosen on the {md(last['params_source']['split'])} split"
            if last.get("params_source")
            else ""
        )
        + ".",
        f"- Compared with: {systems or 'n/a'} (baselines of the same run).",
    ]
    checkpoint = last.get("checkpoint")
    if checkpoint:
        out.append(
            f"- Checkpoint: {md(checkpoint.get('source', ''))}, "
            f"saved to `{code(checkpoint.get('path', ''))}`."
        )
    env = last.get("environment")
    if env:
        packages = ", ".join(f"{md(k)} {md(v)}" for k, v in sorted(env.get("packages", {}).items()))
        out.append(
            f"- Environment: Python {md(env.get('python', '?'))} on {md(env.get('platform', '?'))}"
            + (f"; {packages}" if packages else "")
            + "."
        )
    out += [
        "",
        "## Intended use",
        "",
        f"- Task: {md(task.name)}. Primary metric: {md(label)} ({better} is better).",
        "- A portfolio or research prototype measured against simple baselines; not validated for "
        "decisions about people or for production use.",
        "",
        "## Factors",
        "",
        _section_text(
            sections,
            ("balance", "size"),
            "Group-level results are not computed by this project; "
            "slice the stored test predictions (impact/predictions/) by the factors that matter "
            "for your data.",
        ),
        "",
        "## Metrics",
        "",
        f"- {md(label)} is primary; every metric below has a 95% percentile bootstrap interval over "
        f"{last['bootstrap']['resamples']} resamples of the test units, paired across systems.",
        "",
        "## Evaluation data",
        "",
        f"- Source: {md(source)}.",
        f"- Rows per split: {md(', '.join(f'{k} {v}' for k, v in data.get('rows', {}).items()))}.",
        f"- Test split fingerprint: `{code(data.get('test_fingerprint', 'n/a'))}`.",
        "",
        "## Training data",
        "",
        "- The training split of the same source (and the validation split for tuning); no test row "
        "is used to fit or tune.",
        "",
        "## Quantitative analyses",
        "",
        "| system | role | " + md(label) + " [95% CI] |",
        "| --- | --- | --- |",
    ]
    for r in [*baselines, last]:
        est = r["metrics"].get(metric, {"value": None, "ci95": [None, None]})
        out.append(
            f"| `{code(r['system'])}` | {r['role']} | {_f(est['value'])} "
            f"[{_f(est['ci95'][0])}, {_f(est['ci95'][1])}] |"
        )
    delta = "n/a" if c["delta"] is None else f"{c['delta']:+.3f}"
    out += [
        "",
        f"Against the strongest baseline `{code(c['baseline_system'])}`: {delta} "
        f"(paired 95% CI [{_f(c['ci95'][0])}, {_f(c['ci95'][1])}])"
        + ("." if c["improved"] else ", not a clear improvement."),
        "",
    ]
    out += [
        "## Ethical considerations",
        "",
        _section_text(
            sections,
            ("ethic", "licen", "consent", "privacy"),
            "Not assessed by this project. Before using real data, check its licence, consent "
            "and personal information, and who could be harmed by errors.",
        ),
        "",
        "## Caveats and recommendations",
        "",
    ]
    if not example:
        out += [f"- {item}" for item in limitations]
    out += [
        "- Re-run `make all` after any change; IMPACT.md and this card are rebuilt from impact/log.jsonl.",
        "",
    ]
    return "\n".join(out)


def _section_text(sections: dict[str, str], words: tuple[str, ...], fallback: str) -> str:
    found = _section(sections, *words)
    return md(found) if found else fallback


def write(
    task: Any,
    log_path: Path,
    card_path: Path,
    *,
    project: str,
    data_card_path: Path,
    task_type: str = "other",
) -> Path:
    """Write the model card from the log; return its path."""
    records = log.read(log_path)
    try:
        data_card = data_card_path.read_text(encoding="utf-8")
    except OSError:
        data_card = None
    card_path.parent.mkdir(parents=True, exist_ok=True)
    card_path.write_text(
        render(records, task, project=project, data_card=data_card, task_type=task_type), encoding="utf-8"
    )
    return card_path
