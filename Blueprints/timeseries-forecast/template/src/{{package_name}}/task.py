"""What this project evaluates, in one place: the task's name and units, the data, the systems.

The harness (impact/harness.py) reads everything it needs from TASK. Here a
"test row" is one forecast day of one origin: the harness's predict hook runs
the whole rolling-origin backtest (backtest.forecast), and the bootstrap
resamples origins, not days (Split.groups). `make tune` scores the candidate's
settings on rolling origins inside the training window (tune_score), so it
never reads test.csv. figures.draw adds a plot of the forecasts against the
actual values to the report. NAME, UNIT and TEST_UNITS below are rendered from
the answers task_name, unit and units (scaffold.json): when you bring your own
series, change them with `scaffold update --set task_name=... --set
description=...` (and --set unit=... --set units=... if an origin means
something else to you; see the README, "Use your own data").
"""

import json
from pathlib import Path

import numpy as np

from . import backtest, figures, models, pipeline
from .features import Days
from .impact import ImpactError
from .impact.bootstrap import Metric
from .impact.harness import Split, System, Task

# What is evaluated, in words (the log's `task`, the report's title). UNIT: one bootstrap unit, a
# forecast made on one day for the next horizon days; TEST_UNITS: its plural ("on 12 ...": 12 origins).
NAME = "{{task_name}}"
UNIT = "{{unit}}"
TEST_UNITS = "{{units}}"


def load_split(processed: Path, include_test: bool = True) -> Split:
    """train.csv (the history before the first test origin) and calendar.csv; X_val: the rolling
    origins inside that history that tuning scores (no file of its own); X_test: the backtest of
    test.csv, unless tuning (include_test=False: test.csv is not opened)."""
    train = pipeline.read_processed(processed / "train.csv")
    calendar = pipeline.read_calendar_file(processed / "calendar.csv")
    horizon = int(json.loads((processed / "manifest.json").read_text(encoding="utf-8"))["params"]["horizon"])
    try:
        tuning: backtest.Backtest | None = backtest.inside(train["date"], train["value"], horizon,
                                                           calendar)
    except ImpactError:  # too short to tune: evaluate still runs with the defaults; tune_score says why
        tuning = None
    split = Split(X_train=Days(train["date"], calendar), y_train=train["value"].tolist(), X_val=tuning,
                  y_val=tuning.actuals().tolist() if tuning else [], X_test=None, y_test=[])
    if include_test:
        bt = backtest.from_files(train, pipeline.read_processed(processed / "test.csv"), calendar)
        split.X_test, split.y_test, split.groups = bt, bt.actuals().tolist(), bt.groups()
    return split


def task_metrics(split: Split) -> dict[str, Metric]:
    """mase (primary), smape and mae on the test backtest, scaled per origin by its own history
    (while tuning, when there is no test backtest: on the tuning origins)."""
    bt = split.X_test if split.X_test is not None else split.X_val
    if bt is None:
        return backtest.forecast_metrics(np.ones(0))  # nothing to score: tune_score explains
    return backtest.forecast_metrics(bt.scales())


def tune_score(split: Split, system: System) -> float:
    """MASE of `system` over the rolling origins inside the training window (split.X_val: the last
    backtest.TUNE_ORIGINS windows of train.csv): what `make tune` minimises."""
    bt = split.X_val
    if bt is None:
        raise ImpactError(f"the training window has {len(split.y_train)} days: too few for a tuning "
                          f"origin ({backtest.MIN_HISTORY} days of history and one forecast window): add "
                          "data or lower --origins; `make eval` still runs, with the defaults")
    predicted = backtest.forecast(system.model, bt)
    mase = backtest.forecast_metrics(bt.scales())["mase"]
    return float(mase(bt.actuals(), predicted, np.ones((1, len(predicted))))[0])


TASK = Task(
    name=NAME,
    load_split=load_split,
    baselines=models.baselines,
    candidate=models.candidate,
    default_params=models.DEFAULT_PARAMS,
    search_space=models.SEARCH_SPACE,
    metrics=task_metrics,
    primary_metric="mase",
    greater_is_better=False,
    metric_labels={"mase": "MASE", "smape": "sMAPE (%)", "mae": "MAE"},
    test_units=TEST_UNITS,
    unit=UNIT,
    hub_task="time-series-forecasting",  # Hugging Face task type for the model card
    predict=backtest.forecast,
    figures=figures.draw,
    tune_split="cross-validation",
    tune_score=tune_score,
    take_unit=backtest.take_origin,
)
