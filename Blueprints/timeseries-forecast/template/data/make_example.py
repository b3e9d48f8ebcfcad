"""Write the synthetic example series data/raw/daily_demand.csv (the generator, kept for the record).

    python data/make_example.py

Four years of daily units sold by one imaginary store, 2021-01-01 to 2024-12-31:
a growing level with a slow random wander, a weekly cycle peaking on Saturdays,
a yearly cycle (summer high, a run-up to Christmas), the retail days below, and
noise; each day's value is a Poisson draw around that mean. Seeded: running it
again writes the same bytes. Nothing in src/ reads this file or its RETAIL_DAYS:
the forecaster knows only the calendar you declare in data/raw/calendar.csv.
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import numpy as np

SEED = 20210101
START, END = dt.date(2021, 1, 1), dt.date(2024, 12, 31)
WEEK = (0.87, 0.86, 0.91, 0.95, 1.13, 1.30, 0.98)  # Monday .. Sunday


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta((weekday - first.weekday()) % 7 + 7 * (n - 1))


def last_weekday(year: int, month: int, weekday: int) -> dt.date:
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(1)
    return last - dt.timedelta((last.weekday() - weekday) % 7)


def thanksgiving(year: int) -> dt.date:
    return nth_weekday(year, 11, 3, 4)


# day -> multiplier of that day's demand (the generator's secret: not in calendar.csv as such)
RETAIL_DAYS: dict[str, tuple[Callable[[int], dt.date], float]] = {
    "new_year": (lambda y: dt.date(y, 1, 1), 0.30),
    "memorial_day": (lambda y: last_weekday(y, 5, 0), 1.30),
    "independence_day": (lambda y: dt.date(y, 7, 4), 0.60),
    "labor_day": (lambda y: nth_weekday(y, 9, 0, 1), 1.25),
    "thanksgiving": (thanksgiving, 0.25),
    "black_friday": (lambda y: thanksgiving(y) + dt.timedelta(1), 2.00),
    "black_saturday": (lambda y: thanksgiving(y) + dt.timedelta(2), 1.45),
    "dec_23": (lambda y: dt.date(y, 12, 23), 1.25),
    "christmas_eve": (lambda y: dt.date(y, 12, 24), 1.05),
    "christmas": (lambda y: dt.date(y, 12, 25), 0.04),
    "new_years_eve": (lambda y: dt.date(y, 12, 31), 0.55),
}


def mean_demand(rng: np.random.Generator) -> tuple[list[dt.date], np.ndarray]:
    days = [START + dt.timedelta(i) for i in range((END - START).days + 1)]
    t = np.arange(len(days)) / 365.25  # years since START
    level = 200 * np.exp(0.10 * t - 0.006 * t**2)
    wander = np.zeros(len(days))  # a slow, mean-reverting drift of the level (log scale)
    for i in range(1, len(days)):
        wander[i] = 0.99 * wander[i - 1] + rng.normal(0, 0.004)
    day_of_year = np.array([d.timetuple().tm_yday for d in days], dtype=float)
    year = 1 + 0.14 * np.sin(2 * np.pi * (day_of_year - 105) / 365.25) \
        + 0.25 * np.exp(-(((day_of_year - 352) / 9) ** 2))
    week = np.array([WEEK[d.weekday()] for d in days])
    special = np.ones(len(days))
    index = {d: i for i, d in enumerate(days)}
    for rule, factor in RETAIL_DAYS.values():
        for y in range(START.year, END.year + 1):
            if rule(y) in index:
                special[index[rule(y)]] *= factor
    noise = np.exp(rng.normal(0, 0.07, len(days)))
    return days, level * np.exp(wander) * year * week * special * noise


def main() -> None:
    rng = np.random.default_rng(SEED)
    days, mean = mean_demand(rng)
    values = rng.poisson(mean)
    out = Path(__file__).resolve().parent / "raw" / "daily_demand.csv"
    out.write_text("date,value\n" + "".join(f"{d},{v}\n" for d, v in zip(days, values, strict=True)),
                   encoding="utf-8")
    print(f"wrote {out} ({len(days)} days)")


if __name__ == "__main__":
    main()
