"""The rolling-origin backtest: windows, no look-ahead, per-origin MASE, origins as bootstrap units,
tuning origins inside the training window."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from {{package_name}} import backtest, models, pipeline, settings
from {{package_name}}.features import Days
from {{package_name}}.impact import ImpactError
from {{package_name}}.impact.bootstrap import bootstrap
from {{package_name}}.impact.harness import Split, System
from {{package_name}}.task import TASK


@pytest.fixture
def split(prepared: Path) -> Split:
    return TASK.load_split(prepared / settings.PROCESSED_DIR)


class Spy:
    """A forecaster that records what it is given and forecasts the mean of its history."""

    def __init__(self) -> None:
        self.fits: list[tuple[np.ndarray, np.ndarray]] = []
        self.asked: list[np.ndarray] = []

    def fit(self, days: Days, values: np.ndarray) -> "Spy":
        self.fits.append((days.dates, values))
        self.mean_ = float(np.mean(values))
        return self

    def predict(self, days: Days) -> np.ndarray:
        self.asked.append(days.dates)
        return np.full(len(days), self.mean_)


LADDER_AND_CANDIDATE: list[Callable[[int], System]] = [
    *(lambda seed, k=k: models.baselines(seed)[k] for k in range(len(models.baselines(0)))),
    lambda seed: models.candidate(seed, models.DEFAULT_PARAMS),
]


def test_windows_are_back_to_back_and_end_with_the_series(prepared: Path, split: Split) -> None:
    bt = split.X_test
    raw, _ = pipeline.read_raw(prepared)
    assert np.array_equal(bt.values, [d.value for d in raw])
    assert len(bt.origins) == pipeline.ORIGINS and bt.horizon == pipeline.HORIZON
    assert np.all(np.diff(bt.origins) == bt.horizon)
    assert bt.origins[-1] + bt.horizon == len(bt.values)
    assert bt.origins[0] == len(split.y_train)
    assert np.array_equal(split.y_test, bt.values[bt.origins[0]:])
    assert split.groups[:bt.horizon] == [str(bt.dates[bt.origins[0]])] * bt.horizon


def test_each_fit_sees_only_the_days_before_its_origin(split: Split) -> None:
    bt, spy = split.X_test, Spy()
    backtest.forecast(spy, bt)
    assert len(spy.fits) == len(bt.origins)
    for k, ((dates, values), asked) in enumerate(zip(spy.fits, spy.asked, strict=True)):
        origin = bt.dates[bt.origins[k]]
        assert dates.max() < origin and len(dates) == bt.origins[k]
        assert np.array_equal(values, bt.values[:bt.origins[k]])
        # copies: no view into the full series through which later values could be read
        assert not np.shares_memory(values, bt.values) and not np.shares_memory(dates, bt.dates)
        assert asked[0] == origin and len(asked) == bt.horizon


@pytest.mark.parametrize("make", LADDER_AND_CANDIDATE)
def test_changing_the_future_never_changes_a_forecast(split: Split, make: Callable[[int], System]) -> None:
    """Scramble every value from origin k on: forecasts for origins <= k stay identical."""
    bt = split.X_test
    before = backtest.forecast(make(0).model, bt).reshape(len(bt.origins), bt.horizon)
    k = len(bt.origins) // 2
    values = bt.values.copy()
    values[bt.origins[k]:] = np.random.default_rng(0).permutation(values[bt.origins[k]:]) * 3 + 100
    changed = backtest.Backtest(bt.dates, values, bt.origins, bt.horizon, bt.calendar)
    after = backtest.forecast(make(0).model, changed).reshape(len(bt.origins), bt.horizon)
    assert np.array_equal(after[:k + 1], before[:k + 1])
    assert not np.array_equal(after[k + 1:], before[k + 1:])  # later origins do see those days


def test_mase_is_the_mean_over_origins_of_each_origins_scaled_error(split: Split) -> None:
    bt = split.X_test
    predicted = backtest.forecast(models.baselines(0)[0].model, bt)
    per_origin = []
    for k, o in enumerate(bt.origins):
        history = bt.history(k)[1]
        scale = np.mean(np.abs(history[7:] - history[:-7]))
        window = slice(k * bt.horizon, (k + 1) * bt.horizon)
        per_origin.append(np.mean(np.abs(bt.values[o:o + bt.horizon] - predicted[window])) / scale)
    got = TASK.metrics(split)["mase"](split.y_test, predicted, np.ones((1, len(predicted))))[0]
    assert got == pytest.approx(np.mean(per_origin))
    smape = TASK.metrics(split)["smape"]
    assert smape(np.array([0.0, 100.0]), np.array([0.0, 50.0]), np.ones((1, 2)))[0] == pytest.approx(100 / 3)


def test_the_bootstrap_resamples_whole_origins(split: Split) -> None:
    predicted = backtest.forecast(models.baselines(0)[0].model, split.X_test)
    result = bootstrap(TASK.metrics(split), split.y_test, {"naive": predicted}, n_resamples=200, seed=0,
                       groups=split.groups)
    assert result.n_units == pipeline.ORIGINS


def test_tuning_origins_lie_inside_the_training_window_and_need_no_test_file(prepared: Path) -> None:
    processed = prepared / settings.PROCESSED_DIR
    (processed / "test.csv").rename(processed / "elsewhere.csv")  # tuning must not open it
    tuning = TASK.load_split(processed, include_test=False)
    bt = tuning.X_val
    assert tuning.X_test is None and len(tuning.y_test) == 0
    assert np.array_equal(bt.values, tuning.y_train)  # only training days, windows ending with them
    assert bt.origins[-1] + bt.horizon == len(tuning.y_train) and bt.horizon == pipeline.HORIZON
    fit = (len(bt.values) - backtest.MIN_HISTORY) // bt.horizon
    assert len(bt.origins) == min(backtest.TUNE_ORIGINS, fit)
    assert TASK.tune_score is not None
    score = TASK.tune_score(tuning, models.candidate(0, models.DEFAULT_PARAMS))
    assert 0 < score < 10


def test_one_origin_alone_is_one_forecast_for_the_cost_measurements(split: Split) -> None:
    bt = split.X_test
    one = backtest.take_origin(bt, bt.horizon + 3)  # a row of the second window
    assert one.origins == (bt.origins[1],)
    model: Any = models.baselines(0)[0].model
    full = backtest.forecast(model, bt)
    assert np.array_equal(backtest.forecast(model, one), full[bt.horizon:2 * bt.horizon])


def test_a_training_window_too_short_to_tune_still_evaluates(tmp_path: Path, write_raw: Callable[..., Path],
                                                             quiet: Callable[[str], None]) -> None:
    start = np.datetime64("2023-01-01")
    text = "date,value\n" + "".join(f"{start + i},{100 + i % 7 * 9 + i // 10}\n" for i in range(4 * 7 + 60))
    write_raw(tmp_path, {"short.csv": text})
    pipeline.run(tmp_path, horizon=7, origins=4, out=quiet)  # 60 days before the first origin: < 56 + 7
    processed = tmp_path / settings.PROCESSED_DIR
    assert TASK.load_split(processed).X_val is None
    assert TASK.tune_score is not None
    with pytest.raises(ImpactError, match="too few for a tuning origin"):
        TASK.tune_score(TASK.load_split(processed, include_test=False), models.baselines(0)[0])
