"""The interaction pipeline: checks naming file and line, duplicate events, the global temporal split,
what is evaluated in a period (cold-start users and repeats left out) and the leakage report."""

import json
import math

import pytest

from {{package_name}} import pipeline, settings, task

HEADER = "user,item,timestamp\n"


def processed(root, name: str):
    return pipeline.read_processed(root / settings.PROCESSED_DIR / f"{name}.csv")


def manifest(root) -> dict:
    return json.loads((root / settings.MANIFEST).read_text(encoding="utf-8"))


def history(n_users: int = 6, per_user: int = 5, start: int = 1_700_000_000) -> str:
    """A made-up history: user k plays items k, k+1, ... one hour apart, users interleaved."""
    lines = [f"user{k},item{(k + j) % 9},{start + 3600 * (j * n_users + k)}\n"
             for j in range(per_user) for k in range(n_users)]
    return HEADER + "".join(lines)


def test_the_split_is_global_and_temporal_every_training_event_before_every_evaluated_one(
        tmp_path, quiet, write_raw):
    write_raw(tmp_path, {"plays.csv": history()})
    pipeline.run(tmp_path, out=quiet)
    train, val, test = (processed(tmp_path, n) for n in ("train", "validation", "test"))
    assert train and val and test
    assert max(r.time for r in train) < min(r.time for r in val)
    assert max(r.time for r in val) < min(r.time for r in test)
    assert len(train) + len(val) + len(test) == 30
    n = 30
    assert len(test) == math.ceil(n * pipeline.TEST_SHARE)  # distinct times: exact shares
    params = manifest(tmp_path)["params"]
    assert params["split"] == "global temporal"
    assert params["test_cutoff"] == pipeline.iso(min(r.time for r in test))


def test_events_at_a_cutoff_second_all_go_to_the_later_period(tmp_path, quiet, write_raw):
    rows = [f"u{k},i{k % 4},{1000 + k}\n" for k in range(20)]
    rows += [f"v{k},i{k % 4},1017\n" for k in range(3)]  # three more events at the second of u17's
    write_raw(tmp_path, {"plays.csv": HEADER + "".join(rows)})
    events, _ = pipeline.distinct_events(pipeline.read_raw(tmp_path, out=quiet)[0])
    parts = pipeline.split(events)
    cut = min(r.time for r in parts["test"])
    assert all(r.time < cut for r in parts["train"] + parts["validation"])
    at_cut = [r for r in events if r.time == cut]
    assert all(r in parts["test"] for r in at_cut)


def test_a_period_evaluates_returning_users_on_items_new_to_them():
    I = pipeline.Interaction  # noqa: E741
    before = [I("ann", "a", 1), I("ann", "b", 2), I("bob", "a", 3)]
    period = [I("ann", "c", 10), I("ann", "a", 11),   # a: a repeat, not a target
              I("ann", "c", 12), I("ann", "z", 13),   # c counts once; no event before the cutoff has c or z
              I("bob", "b", 14), I("cy", "a", 15)]    # cy: cold start, excluded
    t = pipeline.targets(before, period)
    assert t.items == {"ann": ["c", "z"], "bob": ["b"]}
    assert (t.cold_users, t.repeats, t.unknown_items) == (1, 1, 2)


def test_duplicate_events_and_repeats_across_the_cutoff_are_found_reported_and_removed(
        tmp_path, write_raw):
    lines = history().splitlines(keepends=True)
    user, item, stamp = lines[-1].strip().split(",")  # the latest event: user5 in the test period
    assert (user, item) == ("user5", "item0")
    planted = [lines[-1],  # the same event logged twice: an exact duplicate
               f"user5,item5,{int(stamp) + 1}\n"]  # user5's first item again, after the cutoff: a repeat
    write_raw(tmp_path, {"plays.csv": "".join(lines + planted)})
    said: list[str] = []
    pipeline.run(tmp_path, out=said.append)
    entry = manifest(tmp_path)["leakage"]
    assert entry["exact"] == 1 and entry["near"] == 1 and entry["action"] == "removed"
    assert entry["across_splits"] == {"exact": 0, "near": 0}
    assert any("1 exact" in line for line in said) and any("removed 1 duplicate events" in line
                                                            for line in said)
    split = task.load_split(tmp_path / settings.PROCESSED_DIR)
    had: dict[str, set] = {}
    for (u, _), item in zip(split.X_train, split.y_train, strict=True):
        had.setdefault(u, set()).add(item)
    for u, items in zip(split.X_test, split.y_test, strict=True):
        assert not had[u] & {i for i in items if i}  # no target is an item the user had before


def test_the_split_is_deterministic_and_complete_on_the_projects_data(project, quiet):
    pipeline.run(project, out=quiet)
    files = ("train.csv", "validation.csv", "test.csv", "manifest.json")
    first = {n: (project / settings.PROCESSED_DIR / n).read_bytes() for n in files}
    pipeline.run(project, out=quiet)
    assert {n: (project / settings.PROCESSED_DIR / n).read_bytes() for n in files} == first
    events, _ = pipeline.distinct_events(pipeline.read_raw(project, out=quiet)[0])
    train, val, test = (processed(project, n) for n in ("train", "validation", "test"))
    assert len(train) + len(val) + len(test) == len(events)
    assert max(r.time for r in train) < min(r.time for r in val) <= max(r.time for r in val) \
        < min(r.time for r in test)


def test_tuning_loads_train_and_validation_without_the_test_file(tmp_path, quiet, write_raw):
    write_raw(tmp_path, {"plays.csv": history()})
    pipeline.run(tmp_path, out=quiet)
    (tmp_path / settings.PROCESSED_DIR / "test.csv").unlink()
    split = task.load_split(tmp_path / settings.PROCESSED_DIR, include_test=False)
    assert split.X_val and len(split.X_test) == 0 and len(split.y_test) == 0
    cutoff = min(r.time for r in processed(tmp_path, "validation"))
    assert all(t < cutoff for _, t in split.X_train)  # tuning learns from the training period only


@pytest.mark.parametrize("content, problem", [
    (HEADER + "u1,a,1\nu1,,2\n", r"bad\.csv:3: empty 'item'"),
    (HEADER + " ,a,1\n", r"bad\.csv:2: empty 'user'"),
    (HEADER + "u1,a,1\nu1,b,yesterday\n", r"bad\.csv:3: timestamp 'yesterday' is neither Unix seconds"),
    (HEADER + "u1,a,1\nu1,b,nan\n", r"bad\.csv:3: timestamp 'nan'"),
    (HEADER + "u1,a,1\nu1,b\n", r"bad\.csv:3: 2 fields, but the header has 3"),
    ("user,item,rating\nu1,a,5\n", r"bad\.csv:1: no 'timestamp' column .*; expected a header with user,item"),
    (HEADER + "u1,a,1\nu2,b,2\n", r"only 2 distinct interactions"),
    (HEADER + "u1,a,5\nu1,b,5\nu2,a,5\nu2,c,5\n", r"too few distinct timestamps"),
    (HEADER + "".join(f"u{k},a,{k}\n" for k in range(30)), r"no user of the validation period has history"),
])
def test_bad_data_is_rejected_naming_the_problem(tmp_path, write_raw, pipeline_refuses, content, problem):
    write_raw(tmp_path, {"bad.csv": content})
    pipeline_refuses(tmp_path, problem)


def test_the_command_fails_with_one_clear_line_and_nonzero_exit(tmp_path, write_raw, pipeline_command):
    write_raw(tmp_path, {"plays.csv": HEADER + "u1,a,1\nu1,b,2\nu1,c,\n"})
    done = pipeline_command(tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["error: data/raw/plays.csv:4: empty 'timestamp'"]
