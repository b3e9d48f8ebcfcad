"""The two forecasters: seasonal naive and the calendar ridge regression."""

import numpy as np
import pytest

from {{package_name}} import features, models

DAYS = np.arange("2022-01-01", "2024-01-01", dtype="datetime64[D]")


def test_seasonal_naive_repeats_the_last_week_weekday_by_weekday():
    values = np.arange(len(DAYS), dtype=float)
    model = models.baseline(0).model.fit(DAYS, values)
    future = np.arange("2024-01-01", "2024-01-16", dtype="datetime64[D]")
    predicted = model.predict(future)
    last_week = dict(zip(features.weekday(DAYS[-7:]), values[-7:], strict=True))
    assert predicted.tolist() == [last_week[w] for w in features.weekday(future)]
    with pytest.raises(ValueError, match="after the fitted history"):
        model.predict(DAYS[-3:])


def test_calendar_features_know_weekdays_and_holidays():
    assert features.weekday(np.array(["2024-07-01"], dtype="datetime64[D]")).tolist() == [0]  # a Monday
    flags = features.holiday_flags(np.array(["2023-11-23", "2023-11-24", "2024-05-27", "2024-05-28"],
                                            dtype="datetime64[D]"))
    names = list(features.HOLIDAYS)
    assert flags[0, names.index("thanksgiving")] == 1 and flags[1, names.index("black_friday")] == 1
    assert flags[2, names.index("memorial_day")] == 1 and flags[3].sum() == 0


def test_candidate_learns_trend_weekdays_and_holidays():
    t = np.arange(len(DAYS))
    week = np.array([1.0, 0.9, 0.9, 1.0, 1.2, 1.5, 0.6])[features.weekday(DAYS)]
    christmas = np.where(features.holiday_flags(DAYS)[:, list(features.HOLIDAYS).index("christmas")] == 1,
                         0.1, 1.0)
    series = (200 + 0.1 * t) * week * christmas
    fit_days = DAYS < np.datetime64("2023-12-01")
    model = models.candidate(0).model.fit(DAYS[fit_days], series[fit_days])
    predicted = model.predict(DAYS[~fit_days])
    assert np.mean(np.abs(predicted / series[~fit_days] - 1)) < 0.05
    christmas_day = np.flatnonzero(DAYS[~fit_days] == np.datetime64("2023-12-25"))[0]
    assert predicted[christmas_day] < 0.3 * predicted[christmas_day - 7]


def test_candidate_models_negative_series_without_the_log():
    values = np.sin(np.arange(len(DAYS)) * 2 * np.pi / 7) * 10 - 5
    model = models.candidate(0).model.fit(DAYS[:-14], values[:-14])
    assert not model.log_
    assert np.mean(np.abs(model.predict(DAYS[-14:]) - values[-14:])) < 1.0


def test_systems_have_distinct_names_and_loggable_params():
    base, cand = models.baseline(0), models.candidate(0)
    assert base.name == "seasonal-naive" != cand.name
    assert base.params == {"season": 7}
    assert {"alpha", "half_life", "holidays"} <= set(cand.params)
