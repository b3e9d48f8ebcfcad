"""The forecasters the harness compares: a ladder of baselines and the candidate.

To try another model, change `candidate()` (and DEFAULT_PARAMS / SEARCH_SPACE, the
parameters `make tune` searches with rolling origins inside the training window).

A forecaster has fit(days, values) and predict(days) -> one value per day, for
days after the history. `days` is a features.Days: consecutive dates
(`days.dates`, datetime64[D]) and the calendar you declared (`days.calendar`).
The backtest (backtest.py) refits it before every origin.

The ladder, weakest first:
- seasonal-naive: every day repeats the same weekday of the last observed week;
- holt-winters: exponential smoothing of level, damped trend and weekly
  season (additive), its smoothing weights fitted on the history by one-step
  errors. It is what a forecaster tries right after seasonal naive: it follows
  a drifting level and a changing weekly pattern, with no calendar at all.
"""

import itertools
from typing import Any

import numpy as np
from sklearn.linear_model import Ridge

from . import features
from .backtest import SEASON
from .features import Days
from .impact.harness import System


def _days_ahead(days: Days, end: np.datetime64) -> np.ndarray:
    ahead = (features.as_days(days.dates) - end).astype(int)
    if ahead.size and ahead.min() < 1:
        raise ValueError(f"forecast dates must come after the fitted history (which ends {end})")
    return ahead


class SeasonalNaive:
    """Every forecast day repeats the last observed value one season (a week) earlier."""

    def __init__(self, season: int = SEASON) -> None:
        self.season = season

    def fit(self, days: Days, values: Any) -> "SeasonalNaive":
        v = np.asarray(values, dtype=float)
        if len(v) < self.season:
            raise ValueError(f"seasonal naive needs at least {self.season} days of history")
        self.end_ = features.as_days(days.dates)[-1]
        self.last_season_ = v[-self.season:].copy()
        return self

    def predict(self, days: Days) -> np.ndarray:
        return np.asarray(self.last_season_[(_days_ahead(days, self.end_) - 1) % self.season])


# Holt-Winters smoothing weights tried (every combination): level, trend, season, trend damping
HW_GRID = np.array(list(itertools.product([0.05, 0.1, 0.2, 0.35, 0.5], [0.0, 0.01, 0.05],
                                          [0.02, 0.05, 0.1, 0.2, 0.3], [0.9, 0.98])))


class HoltWinters:
    """Additive Holt-Winters with a damped trend and a weekly season.

    State: level l, trend b, one seasonal term per weekday s. Each day t:
    forecast l + phi*b + s; then l' = a*(y - s) + (1-a)*(l + phi*b),
    b' = beta*(l' - l) + (1-beta)*phi*b, s' = g*(y - l') + (1-g)*s. The weights
    (a, beta, g, phi) are the combination in HW_GRID with the smallest sum of
    squared one-step errors over the history (all combinations run at once, as
    arrays). h days ahead: l + (phi + ... + phi^h) * b + the weekday's s.
    """

    def fit(self, days: Days, values: Any) -> "HoltWinters":
        y = np.asarray(values, dtype=float)
        m = SEASON
        if len(y) < 2 * m:
            raise ValueError(f"Holt-Winters needs at least {2 * m} days of history")
        a, beta, g, phi = (np.ascontiguousarray(column) for column in HW_GRID.T)
        keep_a, keep_beta, keep_g = 1 - a, 1 - beta, 1 - g
        level = np.full(len(HW_GRID), y[:m].mean())
        trend = np.zeros(len(HW_GRID))
        season = np.tile(y[:m] - y[:m].mean(), (len(HW_GRID), 1)).T.copy()  # (weekday, grid point)
        sse = np.zeros(len(HW_GRID))
        for t in range(m, len(y)):
            s = season[t % m]
            damped = phi * trend
            error = y[t] - level - damped - s  # the one-step forecast error
            sse += error * error
            new_level = a * (y[t] - s) + keep_a * (level + damped)
            trend = beta * (new_level - level) + keep_beta * damped
            season[t % m] = g * (y[t] - new_level) + keep_g * s
            level = new_level
        best = int(np.argmin(sse))
        self.weights_ = {k: float(v) for k, v in zip(("alpha", "beta", "gamma", "phi"), HW_GRID[best],
                                                     strict=True)}
        self.level_, self.trend_ = float(level[best]), float(trend[best])
        self.season_ = season[:, best].copy()
        self.n_, self.end_ = len(y), features.as_days(days.dates)[-1]
        return self

    def predict(self, days: Days) -> np.ndarray:
        ahead = _days_ahead(days, self.end_)
        phi = self.weights_["phi"]
        damped = phi * (1 - phi ** ahead) / (1 - phi)
        return np.asarray(self.level_ + damped * self.trend_ + self.season_[(self.n_ - 1 + ahead) % SEASON])


class CalendarRidge:
    """Ridge regression of log(1 + value) on calendar features (features.calendar): trend,
    weekday, time of year, and the declared holidays (with `holiday_window` days before and after).

    Recent days weigh more (weights halve every `half_life` days back), and the mean residual
    of the last `level_days` days, which tells how far the series currently runs above or below
    the fit, is added to the forecast, fading by `level_decay` per day ahead. Series with
    negative values are modelled as is.
    """

    def __init__(self, alpha: float = 0.1, half_life: float = 365, fourier_terms: int = 4,
                 holiday_window: int = 1, level_days: int = 14, level_decay: float = 0.8) -> None:
        self.alpha, self.half_life, self.fourier_terms = alpha, half_life, fourier_terms
        self.holiday_window, self.level_days, self.level_decay = holiday_window, level_days, level_decay

    def _features(self, days: Days) -> np.ndarray:
        return features.calendar(days, start=self.start_, names=self.holidays_,
                                 fourier_terms=self.fourier_terms, window=self.holiday_window)

    def fit(self, days: Days, values: Any) -> "CalendarRidge":
        d, y = features.as_days(days.dates), np.asarray(values, dtype=float)
        self.start_, self.end_ = d[0], d[-1]
        self.holidays_ = features.holidays_in(days)  # a holiday never seen in the history has no effect
        self.log_ = bool(y.min() >= 0)
        target = np.log1p(y) if self.log_ else y
        X = self._features(days)
        age = (self.end_ - d).astype(float)
        self.regression_ = Ridge(alpha=self.alpha).fit(X, target, sample_weight=0.5 ** (age / self.half_life))
        residual = target - self.regression_.predict(X)
        self.level_ = float(residual[-self.level_days:].mean())
        return self

    def predict(self, days: Days) -> np.ndarray:
        ahead = _days_ahead(days, self.end_)
        target = self.regression_.predict(self._features(days)) + self.level_ * self.level_decay ** ahead
        return np.asarray(np.maximum(np.expm1(target), 0.0) if self.log_ else target)


def baselines(seed: int) -> list[System]:
    """The ladder, weakest first."""
    return [
        System("seasonal-naive", SeasonalNaive(SEASON), {"season": SEASON}, seed_dependent=False),
        System("holt-winters", HoltWinters(),
               {"season": SEASON, "trend": "additive, damped", "weights": "fitted on each history",
                "grid": len(HW_GRID)}, seed_dependent=False),
    ]


# The candidate's parameters when `make tune` has not chosen others (impact/params.json).
DEFAULT_PARAMS: dict[str, Any] = {"alpha": 0.1, "half_life": 365, "fourier_terms": 4, "holiday_window": 1,
                                  "level_days": 14, "level_decay": 0.8}
# The grid `make tune` searches, each point scored by MASE over rolling origins inside the training window.
SEARCH_SPACE: dict[str, list[Any]] = {"alpha": [0.01, 0.1, 1.0], "holiday_window": [0, 1, 2],
                                      "level_decay": [0.8, 0.95]}


def candidate(seed: int, params: dict[str, Any]) -> System:
    """Ridge on trend, weekday, time-of-year and declared-holiday features, with a recent-level
    correction."""
    return System("calendar-ridge", CalendarRidge(**params), dict(params))
