"""What this project evaluates: forecasting daily demand weeks ahead.

The harness (impact/harness.py) reads everything it needs from TASK. Here a
"test row" is one forecast day of one origin: the harness's predict hook runs
the whole rolling-origin backtest (backtest.forecast), and the bootstrap
resamples origins, not days (Split.groups). figures.draw adds a plot of the
forecasts against the actual values to the report.
"""

from pathlib import Path

from . import backtest, figures, models, pipeline
from .impact.harness import Split, Task


def load_split(processed: Path) -> Split:
    train = pipeline.read_processed(processed / "train.csv")
    bt = backtest.from_files(train, pipeline.read_processed(processed / "test.csv"))
    return Split(X_train=train["date"], y_train=train["value"], X_test=bt, y_test=bt.actuals(),
                 groups=bt.groups())


def task_metrics(split: Split) -> dict:
    """mase (primary), smape and mae, scaled per origin by its own history."""
    return backtest.forecast_metrics(split.X_test.scales())


TASK = Task(
    name="daily demand forecasting (rolling-origin backtest)",
    load_split=load_split,
    baseline=models.baseline,
    candidate=models.candidate,
    metrics=task_metrics,
    primary_metric="mase",
    greater_is_better=False,
    metric_labels={"mase": "MASE", "smape": "sMAPE (%)", "mae": "MAE"},
    test_units="rolling origins",
    predict=backtest.forecast,
    figures=figures.draw,
)
