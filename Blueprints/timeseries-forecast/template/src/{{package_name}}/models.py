"""The two forecasters the harness compares. To try another model, change `candidate()`.

A forecaster has fit(dates, values) (the history: consecutive days, datetime64[D]
and floats) and predict(dates) -> one value per date, for dates after the
history. The backtest (backtest.py) refits it before every origin. Each function
takes the seed and returns a System: a name (how the log and the report tell
models apart), the forecaster and the params to log.
"""

import numpy as np
from sklearn.linear_model import Ridge

from . import features
from .backtest import SEASON
from .impact.harness import System


def _days_ahead(dates, end) -> np.ndarray:
    ahead = (features.as_days(dates) - end).astype(int)
    if ahead.size and ahead.min() < 1:
        raise ValueError(f"forecast dates must come after the fitted history (which ends {end})")
    return ahead


class SeasonalNaive:
    """Every forecast day repeats the last observed value one season (a week) earlier."""

    def __init__(self, season: int = SEASON):
        self.season = season

    def fit(self, dates, values):
        values = np.asarray(values, dtype=float)
        if len(values) < self.season:
            raise ValueError(f"seasonal naive needs at least {self.season} days of history")
        self.end_ = features.as_days(dates)[-1]
        self.last_season_ = values[-self.season:].copy()
        return self

    def predict(self, dates) -> np.ndarray:
        return self.last_season_[(_days_ahead(dates, self.end_) - 1) % self.season]


class CalendarRidge:
    """Ridge regression of log(1 + value) on calendar features (features.calendar).

    Recent days weigh more (weights halve every `half_life` days back), and the
    mean residual of the last `level_days` days, which tells how far the series
    currently runs above or below the fit, is added to the forecast, fading by
    `level_decay` per day ahead. Series with negative values are modelled as is.
    """

    def __init__(self, alpha=0.1, half_life=365, fourier_terms=4, level_days=14, level_decay=0.8):
        self.alpha, self.half_life, self.fourier_terms = alpha, half_life, fourier_terms
        self.level_days, self.level_decay = level_days, level_decay

    def _features(self, dates) -> np.ndarray:
        return features.calendar(dates, start=self.start_, fourier_terms=self.fourier_terms)

    def fit(self, dates, values):
        days, y = features.as_days(dates), np.asarray(values, dtype=float)
        self.start_, self.end_ = days[0], days[-1]
        self.log_ = bool(y.min() >= 0)
        target = np.log1p(y) if self.log_ else y
        X = self._features(days)
        age = (self.end_ - days).astype(float)
        self.regression_ = Ridge(alpha=self.alpha).fit(X, target, sample_weight=0.5 ** (age / self.half_life))
        residual = target - self.regression_.predict(X)
        self.level_ = float(residual[-self.level_days:].mean())
        return self

    def predict(self, dates) -> np.ndarray:
        ahead = _days_ahead(dates, self.end_)
        target = self.regression_.predict(self._features(dates)) + self.level_ * self.level_decay ** ahead
        return np.maximum(np.expm1(target), 0.0) if self.log_ else target


def baseline(seed: int) -> System:
    """Same weekday last week: the forecast to beat for a weekly-seasonal series."""
    return System("seasonal-naive", SeasonalNaive(SEASON), {"season": SEASON})


def candidate(seed: int) -> System:
    """Ridge on trend, weekday, time-of-year and holiday features, with a recent-level correction."""
    params = {"alpha": 0.1, "half_life": 365, "fourier_terms": 4, "level_days": 14, "level_decay": 0.8,
              "holidays": list(features.HOLIDAYS)}
    model = CalendarRidge(**{k: v for k, v in params.items() if k != "holidays"})
    return System("calendar-ridge", model, params)
