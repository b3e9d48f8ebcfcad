"""Calendar features of daily dates: trend, weekday, time of year, holidays.

All of them are known in advance for any date, so a model may use them for the
days it forecasts without seeing anything of the future.

HOLIDAYS is the US retail calendar the shipped series follows: edit it for the
country (or the business) your data comes from.
"""

import datetime as dt
from collections.abc import Callable

import numpy as np


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th `weekday` (Monday = 0) of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta((weekday - first.weekday()) % 7 + 7 * (n - 1))


def last_weekday(year: int, month: int, weekday: int) -> dt.date:
    """The last `weekday` (Monday = 0) of a month."""
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(1)
    return last - dt.timedelta((last.weekday() - weekday) % 7)


def _thanksgiving(year: int) -> dt.date:
    return nth_weekday(year, 11, 3, 4)


# name -> the holiday's date in a given year
HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "new_year": lambda y: dt.date(y, 1, 1),
    "memorial_day": lambda y: last_weekday(y, 5, 0),
    "independence_day": lambda y: dt.date(y, 7, 4),
    "labor_day": lambda y: nth_weekday(y, 9, 0, 1),
    "thanksgiving": _thanksgiving,
    "black_friday": lambda y: _thanksgiving(y) + dt.timedelta(1),
    "black_saturday": lambda y: _thanksgiving(y) + dt.timedelta(2),
    "dec_23": lambda y: dt.date(y, 12, 23),
    "christmas_eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "new_years_eve": lambda y: dt.date(y, 12, 31),
}


def as_days(dates) -> np.ndarray:
    return np.asarray(dates, dtype="datetime64[D]")


def weekday(dates) -> np.ndarray:
    """Monday = 0 ... Sunday = 6."""
    return (as_days(dates).astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday


def holiday_flags(dates) -> np.ndarray:
    """(days, len(HOLIDAYS)) 0/1: which holiday each day is."""
    days = as_days(dates)
    years = days.astype("datetime64[Y]").astype(int) + 1970
    flags = np.zeros((len(days), len(HOLIDAYS)))
    for j, rule in enumerate(HOLIDAYS.values()):
        when = np.array([rule(int(y)) for y in np.unique(years)], dtype="datetime64[D]")
        flags[:, j] = np.isin(days, when)
    return flags


def calendar(dates, *, start, fourier_terms: int = 4) -> np.ndarray:
    """Feature matrix: years since `start`, weekday dummies (Monday is the reference),
    `fourier_terms` sine/cosine pairs of the time of year, holiday flags."""
    days = as_days(dates)
    years = (days - as_days(start)).astype(float) / 365.25
    day_of_year = (days - days.astype("datetime64[Y]").astype("datetime64[D]")).astype(float) / 365.25
    wd = weekday(days)
    columns = [years[:, None], (wd[:, None] == np.arange(1, 7)).astype(float)]
    k = np.arange(1, fourier_terms + 1)
    columns += [np.sin(2 * np.pi * day_of_year[:, None] * k), np.cos(2 * np.pi * day_of_year[:, None] * k)]
    columns.append(holiday_flags(days))
    return np.hstack(columns)
