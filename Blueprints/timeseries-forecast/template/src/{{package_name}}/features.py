"""What a forecaster may know about any day, past or future: its date and the declared calendar.

A forecaster gets `Days`: consecutive dates plus the holidays you declared in
data/raw/calendar.csv (the pipeline checks it and copies it to data/processed/).
The calendar is known in advance for every date, so a model may use it for the
days it forecasts without seeing anything of the future. Nothing here knows
how the example series was made: the holidays are only the ones you declare.

`calendar()` turns dates into the candidate's features: trend, weekday, time of
year, and one flag per declared holiday (and, with `window`, per day before and
after it: the shopping day before a closure, the rush after it).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# holiday name -> the dates it falls on (datetime64[D]), as declared in calendar.csv
Calendar = Mapping[str, np.ndarray]


@dataclass(frozen=True, eq=False)
class Days:
    """Consecutive days (datetime64[D]) and the declared calendar, which covers past and future."""

    dates: np.ndarray
    calendar: Calendar = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.dates)

    def __getitem__(self, rows: slice) -> "Days":
        """The days in `rows`, as a copy (no view into the longer series)."""
        return Days(self.dates[rows].copy(), self.calendar)


def as_days(dates: Any) -> np.ndarray:
    return np.asarray(dates, dtype="datetime64[D]")


def weekday(dates: Any) -> np.ndarray:
    """Monday = 0 ... Sunday = 6."""
    return (as_days(dates).astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday


def holiday_flags(dates: Any, calendar: Calendar, names: list[str], window: int = 0) -> np.ndarray:
    """(days, len(names) * (2 * window + 1)) 0/1 columns: for each holiday name and each offset
    from -window to +window, whether the day lies that many days after the holiday."""
    days = as_days(dates)
    columns = []
    for name in names:
        when = as_days(calendar.get(name, np.array([], dtype="datetime64[D]")))
        for offset in range(-window, window + 1):
            columns.append(np.isin(days - offset, when).astype(float))
    return np.column_stack(columns) if columns else np.zeros((len(days), 0))


def calendar(days: Days, *, start: Any, names: list[str], fourier_terms: int = 4,
             window: int = 0) -> np.ndarray:
    """Feature matrix: years since `start`, weekday dummies (Monday is the reference),
    `fourier_terms` sine/cosine pairs of the time of year, and the flags of the holidays `names`."""
    d = as_days(days.dates)
    years = (d - as_days(start)).astype(float) / 365.25
    day_of_year = (d - d.astype("datetime64[Y]").astype("datetime64[D]")).astype(float) / 365.25
    wd = weekday(d)
    columns = [years[:, None], (wd[:, None] == np.arange(1, 7)).astype(float)]
    k = np.arange(1, fourier_terms + 1)
    columns += [np.sin(2 * np.pi * day_of_year[:, None] * k), np.cos(2 * np.pi * day_of_year[:, None] * k)]
    columns.append(holiday_flags(d, days.calendar, names, window))
    return np.hstack(columns)


def holidays_in(days: Days) -> list[str]:
    """The declared holidays that fall on at least one of `days`, sorted by name."""
    d = as_days(days.dates)
    return sorted(name for name, when in days.calendar.items() if np.isin(as_days(when), d).any())
