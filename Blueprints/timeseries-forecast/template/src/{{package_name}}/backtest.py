"""Rolling-origin backtest: forecasts from several origins, each made from the past alone.

An origin is the first day of a forecast window. For each origin the model is
fitted afresh on every day before it (copies: the arrays it gets hold no view of
later days) and asked for the next `horizon` days by date (and the declared
calendar) only. So a model cannot see the values it forecasts, nor any later
value, and each origin mimics one real forecast. `forecast` is the task's
predict hook: the harness's single fit/predict becomes one refit and forecast
per origin.

Tuning uses the same machinery inside the training window (`inside()`): the
last TUNE_ORIGINS windows before the first test origin, so `make tune` never
sees a test day.

Metrics: MASE (mean absolute scaled error) divides each forecast's absolute
error by the in-sample error of the seasonal-naive forecast (same weekday a
week earlier) over the history before its origin: 1.0 is as good as repeating
last week in the past, lower is better. sMAPE (in %) and MAE beside it. The
bootstrap resamples whole origins (Split.groups), since the days of a window
share one forecast and are not independent.
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .features import Calendar, Days
from .impact import ImpactError, metrics
from .impact.bootstrap import Metric

SEASON = 7  # days: the seasonal period of the baseline and of the MASE scale
MIN_HISTORY = 8 * SEASON  # days before the first origin: the baselines and MASE need past seasons
TUNE_ORIGINS = 6  # origins inside the training window that `make tune` scores (fewer if it is short)


@dataclass(frozen=True, eq=False)
class Backtest:
    """A daily series and the origins (indices into it) of its forecast windows."""

    dates: np.ndarray  # datetime64[D], consecutive days
    values: np.ndarray
    origins: tuple[int, ...]
    horizon: int
    calendar: Calendar = field(default_factory=dict)

    def history(self, k: int) -> tuple[Days, np.ndarray]:
        """Days and values strictly before origin k, as copies."""
        o = self.origins[k]
        return Days(self.dates[:o].copy(), self.calendar), self.values[:o].copy()

    def window(self, k: int) -> Days:
        """The days origin k forecasts."""
        o = self.origins[k]
        return Days(self.dates[o:o + self.horizon].copy(), self.calendar)

    def only(self, k: int) -> "Backtest":
        """The backtest of origin k alone (the cost measurements time one forecast)."""
        return Backtest(self.dates, self.values, (self.origins[k],), self.horizon, self.calendar)

    def actuals(self) -> np.ndarray:
        return np.concatenate([self.values[o:o + self.horizon] for o in self.origins])

    def groups(self) -> list[str]:
        """The origin date of every forecast row: the bootstrap's resampling unit."""
        return [str(self.dates[o]) for o in self.origins for _ in range(self.horizon)]

    def scales(self) -> np.ndarray:
        """The MASE denominator of every forecast row, from the history before its origin."""
        return np.repeat([seasonal_error(self.history(k)[1]) for k in range(len(self.origins))],
                         self.horizon)


def seasonal_error(values: np.ndarray, season: int = SEASON) -> float:
    """Mean absolute difference between each value and the value one season earlier."""
    if len(values) <= season:
        raise ImpactError(f"{len(values)} days of history: MASE needs more than {season}")
    error = float(np.mean(np.abs(values[season:] - values[:-season])))
    if error == 0:
        raise ImpactError(f"the history repeats every {season} days exactly: MASE is undefined")
    return error


def inside(dates: np.ndarray, values: np.ndarray, horizon: int, calendar: Calendar,
           origins: int = TUNE_ORIGINS) -> Backtest:
    """A backtest over the last `origins` windows of a history (fewer when it is short): the
    rolling origins `make tune` scores, all inside the training window."""
    fit = (len(values) - MIN_HISTORY) // horizon
    if fit < 1:
        raise ImpactError(f"the training window has {len(values)} days: tuning needs at least "
                          f"{MIN_HISTORY + horizon} ({MIN_HISTORY} of history and one {horizon}-day window)")
    n = min(origins, fit)
    return Backtest(np.asarray(dates), np.asarray(values, dtype=float),
                    tuple(len(values) - (n - k) * horizon for k in range(n)), horizon, calendar)


def take_origin(bt: Backtest, row: int) -> Backtest:
    """Task.take_unit: the forecast of the origin that test row `row` belongs to."""
    return bt.only(min(row // bt.horizon, len(bt.origins) - 1))


def from_files(train: dict[str, np.ndarray], test: dict[str, np.ndarray], calendar: Calendar) -> Backtest:
    """The Backtest of the pipeline's train.csv (history) and test.csv (forecast windows)."""
    horizon = int(test["step"].max())
    windows = test["date"].reshape(-1, horizon)
    origins = windows[:, 0]
    dates = np.concatenate([train["date"], windows.ravel()])
    if (np.any(test["step"].reshape(-1, horizon) != np.arange(1, horizon + 1))
            or np.any(test["origin"].reshape(-1, horizon) != origins[:, None])
            or np.any(np.diff(dates) != np.timedelta64(1, "D"))):
        raise ImpactError("data/processed/test.csv does not hold back-to-back windows after "
                          "train.csv: re-run the pipeline")
    n = len(train["date"])
    return Backtest(dates, np.concatenate([train["value"], test["value"]]),
                    tuple(n + k * horizon for k in range(len(origins))), horizon, calendar)


def forecast(model: Any, backtest: Backtest) -> np.ndarray:
    """Refit `model` on the history before each origin and forecast its window; all windows in order."""
    out = []
    for k in range(len(backtest.origins)):
        model.fit(*backtest.history(k))
        window = backtest.window(k)
        predicted = np.asarray(model.predict(window), dtype=float)
        if predicted.shape != window.dates.shape:
            raise ImpactError(f"{type(model).__name__}.predict returned shape {predicted.shape} "
                              f"for {len(window)} dates")
        out.append(predicted)
    return np.concatenate(out)


def _smape(t: np.ndarray, p: np.ndarray) -> np.ndarray:
    """200 |t - p| / (|t| + |p|) per forecast, in %; 0 where both are 0."""
    total = np.abs(t) + np.abs(p)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 200 * np.abs(t - p) / total, 0.0)


def forecast_metrics(scales: np.ndarray) -> dict[str, Metric]:
    """mase (primary), smape and mae; `scales`: the MASE denominator of each forecast row."""
    return {
        "mase": metrics.mean_of(lambda t, p: np.abs(t - p) / scales),
        "smape": metrics.mean_of(_smape),
        "mae": metrics.mean_of(lambda t, p: np.abs(t - p)),
    }
