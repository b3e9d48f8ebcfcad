"""The forecasters: seasonal naive, Holt-Winters, and the calendar ridge regression (the shipped
candidate, tested as models.CalendarRidge so the tests still hold after you swap the candidate) that
knows only the declared calendar."""

import numpy as np
import pytest

from {{package_name}} import features, models
from {{package_name}}.features import Days
from {{package_name}}.impact import tuning
from {{package_name}}.task import TASK

DATES = np.arange("2022-01-01", "2024-01-01", dtype="datetime64[D]")
WEEK = np.array([1.0, 0.9, 0.9, 1.0, 1.2, 1.5, 0.6])


def days(dates: np.ndarray, calendar: dict[str, np.ndarray] | None = None) -> Days:
    return Days(dates, calendar or {})


def test_seasonal_naive_repeats_the_last_week_weekday_by_weekday() -> None:
    values = np.arange(len(DATES), dtype=float)
    model = models.baselines(0)[0].model.fit(days(DATES), values)
    future = np.arange("2024-01-01", "2024-01-16", dtype="datetime64[D]")
    predicted = model.predict(days(future))
    last_week = dict(zip(features.weekday(DATES[-7:]), values[-7:], strict=True))
    assert predicted.tolist() == [last_week[w] for w in features.weekday(future)]
    with pytest.raises(ValueError, match="after the fitted history"):
        model.predict(days(DATES[-3:]))


def test_holt_winters_follows_a_level_shift_and_the_weekly_pattern() -> None:
    t = np.arange(len(DATES))
    series = (100 + 0.05 * t + np.where(t > len(t) - 60, 40, 0)) * WEEK[features.weekday(DATES)]
    model = models.baselines(0)[1].model.fit(days(DATES[:-14]), series[:-14])
    predicted = model.predict(days(DATES[-14:]))
    assert np.mean(np.abs(predicted / series[-14:] - 1)) < 0.05
    assert set(model.weights_) == {"alpha", "beta", "gamma", "phi"}


def test_the_candidate_knows_a_holiday_only_when_it_is_declared() -> None:
    """A closure every 25 December: without a calendar the candidate cannot forecast it; declared in the
    calendar, it can. Nothing else tells the model about holidays."""
    t = np.arange(len(DATES))
    christmas = np.array(["2022-12-25", "2023-12-25"], dtype="datetime64[D]")
    series = (200 + 0.1 * t) * WEEK[features.weekday(DATES)] * np.where(np.isin(DATES, christmas), 0.1, 1.0)
    fit = DATES < np.datetime64("2023-12-01")
    christmas_day = np.flatnonzero(DATES[~fit] == christmas[1])[0]
    for calendar, closed in (({}, False), ({"christmas_day": christmas}, True)):
        model = models.CalendarRidge()
        model.fit(days(DATES[fit], calendar), series[fit])
        predicted = model.predict(days(DATES[~fit], calendar))
        assert (predicted[christmas_day] < 0.3 * predicted[christmas_day - 7]) == closed
        assert np.mean(np.abs(np.delete(predicted / series[~fit], christmas_day) - 1)) < 0.05


def test_holiday_window_flags_the_days_around_a_declared_holiday() -> None:
    calendar = {"thanksgiving_day": np.array(["2023-11-23"], dtype="datetime64[D]")}
    around = np.array(["2023-11-22", "2023-11-23", "2023-11-24", "2023-11-27"], dtype="datetime64[D]")
    flags = features.holiday_flags(around, calendar, ["thanksgiving_day"], window=1)
    assert flags.tolist() == [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]]  # day before, the day, day after
    assert features.holidays_in(days(around, calendar)) == ["thanksgiving_day"]
    assert features.holidays_in(days(around[:1], calendar)) == []


def test_the_candidate_models_negative_series_without_the_log() -> None:
    values = np.sin(np.arange(len(DATES)) * 2 * np.pi / 7) * 10 - 5
    model = models.CalendarRidge().fit(days(DATES[:-14]), values[:-14])
    assert not model.log_
    assert np.mean(np.abs(model.predict(days(DATES[-14:])) - values[-14:])) < 1.0


def test_the_ladder_has_distinct_names_and_every_search_point_makes_a_candidate() -> None:
    ladder = models.baselines(0)
    names = [s.name for s in ladder] + [models.candidate(0, models.DEFAULT_PARAMS).name]
    assert names[:2] == ["seasonal-naive", "holt-winters"] and len(set(names)) == 3
    assert set(models.SEARCH_SPACE) <= set(models.DEFAULT_PARAMS)
    series = 100 * WEEK[features.weekday(DATES)]
    for point in tuning.grid(TASK):
        system = models.candidate(0, point)
        system.model.fit(days(DATES[:-7]), series[:-7])
        assert system.model.predict(days(DATES[-7:])).shape == (7,)
        assert {k: system.params[k] for k in point} == point
