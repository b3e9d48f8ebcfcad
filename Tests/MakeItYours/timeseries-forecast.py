#!/usr/bin/env python3
"""Make a timeseries-forecast project yours, as its README says, touching only the files it lists.

    Tests/MakeItYours/timeseries-forecast.py PROJECT_DIR

"Use your own data": deletes data/raw/daily_demand.csv and writes a differently shaped, generated
series: daily revenue (in thousands, one decimal) of an imaginary UK web shop, 2022-03-01 to
2024-08-31, in two files whose columns come in another order (`channel,value,date`, an extra
column the pipeline ignores) and whose rows are not sorted; replaces data/raw/calendar.csv with
the bank holidays of England and Wales (other names, other dates, Easter moving); rewrites
data/README.md (its Source: line). "Use your own model": replaces the end of models.py, from the
comment `# The candidate's parameters` on, with the README's own example (gradient-boosted trees
on the calendar features), taken from the project's README. Prints the files it touched, the
task's new wording (ANSWERS, which the Swift driver sets with `scaffold update --set`, as the
README says: no hand edit of task.py, README.md, pyproject.toml or __init__.py) and the shipped
example's words that must then be gone (STALE). Then `make all` must pass (the Swift driver runs
it). Standard library only.
"""

import datetime as dt
import math
import random
import sys
from pathlib import Path

import readme_model

START, END = dt.date(2022, 3, 1), dt.date(2024, 8, 31)
EASTER = {2022: dt.date(2022, 4, 17), 2023: dt.date(2023, 4, 9), 2024: dt.date(2024, 3, 31),
          2025: dt.date(2025, 4, 20)}

# The unit stays a rolling origin (the method's, not the example's); set anyway, as the README says.
ANSWERS = {
    "task_name": "daily web-shop revenue, four weeks ahead",
    "unit": "rolling origin",
    "units": "rolling origins",
    "description": "Forecast daily web-shop revenue four weeks ahead, against seasonal naive and Holt-Winters",
}
# The shipped example's words (synthetic daily demand of an imaginary US store, retail days), as word
# starts. Not "store": it would also match "stored", which the generic README uses.
STALE = ["demand", "daily_demand", "sales", "retail", "units sold", "Black Friday", "Thanksgiving", "federal"]


def first_monday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta((7 - first.weekday()) % 7)


def last_monday(year: int, month: int) -> dt.date:
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(1)
    return last - dt.timedelta(last.weekday())


def bank_holidays() -> list[tuple[dt.date, str]]:
    """England and Wales, 2022-2025, on their calendar dates (no substitute days)."""
    days = []
    for y in range(2022, 2026):
        days += [(dt.date(y, 1, 1), "new_years_day"), (EASTER[y] - dt.timedelta(2), "good_friday"),
                 (EASTER[y] + dt.timedelta(1), "easter_monday"), (first_monday(y, 5), "early_may"),
                 (last_monday(y, 5), "spring_bank_holiday"), (last_monday(y, 8), "summer_bank_holiday"),
                 (dt.date(y, 12, 25), "christmas_day"), (dt.date(y, 12, 26), "boxing_day")]
    return sorted(days)


def revenue(rng: random.Random) -> list[tuple[dt.date, float]]:
    """Daily revenue: a dip then growth, a weekly cycle peaking on Tuesday, a summer lull, bank
    holidays at 70%, the Boxing Day sale at 180%, noise."""
    closed = {d: 0.7 for d, _ in bank_holidays()}
    closed.update({dt.date(y, 12, 26): 1.8 for y in range(2022, 2025)})
    week = (1.05, 1.25, 1.1, 1.0, 0.95, 0.7, 0.6)
    rows = []
    for i in range((END - START).days + 1):
        d = START + dt.timedelta(i)
        t = i / 365.25
        level = 40 * (1 - 0.15 * math.exp(-((t - 0.7) / 0.4) ** 2)) * (1 + 0.12 * t)
        year = 1 - 0.1 * math.exp(-((d.timetuple().tm_yday - 215) / 25) ** 2)
        value = level * week[d.weekday()] * year * closed.get(d, 1.0) * math.exp(rng.gauss(0, 0.08))
        rows.append((d, round(value, 1)))
    return rows


def write_data(root: Path, rng: random.Random) -> list[Path]:
    raw = root / "data" / "raw"
    (raw / "daily_demand.csv").unlink()
    rows = revenue(rng)
    touched = [raw / "daily_demand.csv"]  # deleted
    for name, part in (("revenue-a.csv", rows[:500]), ("revenue-b.csv", rows[500:])):
        shuffled = part[:]
        rng.shuffle(shuffled)
        path = raw / name
        path.write_text("channel,value,date\n" + "".join(f"web,{v},{d}\n" for d, v in shuffled),
                        encoding="utf-8")
        touched.append(path)
    calendar = raw / "calendar.csv"
    calendar.write_text("date,holiday\n" + "".join(f"{d},{n}\n" for d, n in bank_holidays()), encoding="utf-8")
    touched.append(calendar)
    card = root / "data" / "README.md"
    card.write_text(
        "# Data card: web-shop revenue\n\n"
        "Source: generated daily revenue of an imaginary UK web shop (Tests/MakeItYours/timeseries-forecast.py "
        "in the scaffold repository)\n\n"
        f"Synthetic: {len(rows)} days, {START} to {END}, revenue in thousands; calendar: the bank holidays "
        "of England and Wales, 2022-2025. Made to test the project on another series.\n", encoding="utf-8")
    touched.append(card)
    return touched


def main(argv: list[str]) -> int:
    return readme_model.main(argv, __doc__.splitlines()[2].strip(), 5, lambda root, rng: [
        *write_data(root, rng), readme_model.swap_model(root, "# The candidate's parameters")], ANSWERS, STALE)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
