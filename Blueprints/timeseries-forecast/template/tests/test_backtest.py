"""The rolling-origin backtest: windows, no look-ahead, per-origin MASE, origins as bootstrap units."""

import numpy as np
import pytest

from {{package_name}} import backtest, models, pipeline, settings
from {{package_name}}.impact.bootstrap import bootstrap
from {{package_name}}.task import TASK


@pytest.fixture
def split(prepared):
    return TASK.load_split(prepared / settings.PROCESSED_DIR)


class Spy:
    """A forecaster that records what it is given and forecasts the mean of its history."""

    def __init__(self):
        self.fits, self.asked = [], []

    def fit(self, dates, values):
        self.fits.append((dates, values))
        self.mean_ = float(np.mean(values))
        return self

    def predict(self, dates):
        self.asked.append(dates)
        return np.full(len(dates), self.mean_)


def test_windows_are_back_to_back_and_end_with_the_series(prepared, split):
    bt = split.X_test
    raw, _ = pipeline.read_raw(prepared)
    assert np.array_equal(bt.values, [d.value for d in raw])
    assert len(bt.origins) == pipeline.ORIGINS and bt.horizon == pipeline.HORIZON
    assert np.all(np.diff(bt.origins) == bt.horizon)
    assert bt.origins[-1] + bt.horizon == len(bt.values)
    assert bt.origins[0] == len(split.y_train)
    assert np.array_equal(split.y_test, bt.values[bt.origins[0]:])
    assert split.groups[:bt.horizon] == [str(bt.dates[bt.origins[0]])] * bt.horizon


def test_each_fit_sees_only_the_days_before_its_origin(split):
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


@pytest.mark.parametrize("make", [models.baseline, models.candidate])
def test_changing_the_future_never_changes_a_forecast(split, make):
    """Scramble every value from origin k on: forecasts for origins <= k stay identical."""
    bt = split.X_test
    before = backtest.forecast(make(0).model, bt).reshape(len(bt.origins), bt.horizon)
    k = len(bt.origins) // 2
    values = bt.values.copy()
    values[bt.origins[k]:] = np.random.default_rng(0).permutation(values[bt.origins[k]:]) * 3 + 100
    changed = backtest.Backtest(bt.dates, values, bt.origins, bt.horizon)
    after = backtest.forecast(make(0).model, changed).reshape(len(bt.origins), bt.horizon)
    assert np.array_equal(after[:k + 1], before[:k + 1])
    assert not np.array_equal(after[k + 1:], before[k + 1:])  # later origins do see those days


def test_mase_is_the_mean_over_origins_of_each_origins_scaled_error(split):
    bt = split.X_test
    predicted = backtest.forecast(models.baseline(0).model, bt)
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


def test_the_bootstrap_resamples_whole_origins(split):
    predicted = backtest.forecast(models.baseline(0).model, split.X_test)
    result = bootstrap(TASK.metrics(split), split.y_test, {"naive": predicted}, n_resamples=200, seed=0,
                       groups=split.groups)
    assert result.n_units == pipeline.ORIGINS
