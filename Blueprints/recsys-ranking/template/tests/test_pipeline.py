"""The interaction pipeline: the synthetic example, checks naming file and line, leave-last-out."""

from collections import Counter

import pytest

from {{package_name}} import pipeline, settings, synthetic

HEADER = "user,item,timestamp\n"


def processed(root, name: str):
    return pipeline.read_processed(root / settings.PROCESSED_DIR / f"{name}.csv")


def test_an_empty_data_raw_gets_the_synthetic_example_with_skew_and_taste(tmp_path):
    said = []
    pipeline.run(tmp_path, out=said.append)
    raw = tmp_path / settings.RAW_DIR / "interactions.csv"
    assert "wrote the example data data/raw/interactions.csv" in said[0]
    rows = pipeline.read_file(raw, "interactions.csv")
    plays = Counter(r.item for r in rows)
    top = sum(n for _, n in plays.most_common(len(plays) // 10))
    assert len({r.user for r in rows}) == 800 and top > 0.3 * len(rows)  # 10% of the items, 30%+ of plays
    genres = Counter(r.item.split("-")[0] for r in rows if r.user == rows[0].user)
    assert genres.most_common(1)[0][1] > 0.4 * sum(genres.values())  # a listener has favourite genres
    again = tmp_path / "again.csv"
    synthetic.write(again)
    assert again.read_bytes() == raw.read_bytes()  # seeded: the same bytes every time


def test_each_users_latest_new_item_is_held_out_and_everything_else_trains(tmp_path, quiet, write_raw):
    write_raw(tmp_path, {"plays.csv": HEADER + "".join([
        "ann,a,2024-01-01T10:00:00Z\n",
        "ann,b,1704106800\n",            # 2024-01-01T11:00:00Z
        "bob,a,2024-01-02\n",
        "ann,c,2024-01-01T09:00:00\n",    # earlier than a: no zone means UTC
        "ann,a,2024-01-03T00:00:00Z\n",   # a repeat: ann's first time with a counts
        "bob,c,2024-01-02\n",             # same time as bob's a: the later row is the latest
        "cy,b,2024-01-05\n",              # a single item: nothing to hold out
    ])})
    pipeline.run(tmp_path, out=quiet)
    test = [(r.user, r.item) for r in processed(tmp_path, "test")]
    train = [(r.user, r.item) for r in processed(tmp_path, "train")]
    assert test == [("ann", "b"), ("bob", "c")]
    assert train == [("ann", "c"), ("ann", "a"), ("bob", "a"), ("cy", "b")]


def test_the_split_is_deterministic_and_complete(project, quiet):
    pipeline.run(project, out=quiet)
    files = ("train.csv", "test.csv", "manifest.json")
    first = {n: (project / settings.PROCESSED_DIR / n).read_bytes() for n in files}
    pipeline.run(project, out=quiet)
    assert {n: (project / settings.PROCESSED_DIR / n).read_bytes() for n in files} == first
    by_user, _ = pipeline.histories(pipeline.read_raw(project, out=quiet)[0])
    train, test = processed(project, "train"), processed(project, "test")
    assert len(train) + len(test) == sum(len(h) for h in by_user.values())
    assert len({r.user for r in test}) == len(test)
    latest = {r.user: r.time for r in train}
    assert all(r.time >= latest.get(r.user, r.time) for r in test)


@pytest.mark.parametrize("content, problem", [
    (HEADER + "u1,a,1\nu1,,2\n", r"bad\.csv:3: empty 'item'"),
    (HEADER + " ,a,1\n", r"bad\.csv:2: empty 'user'"),
    (HEADER + "u1,a,1\nu1,b,yesterday\n", r"bad\.csv:3: timestamp 'yesterday' is neither Unix seconds"),
    (HEADER + "u1,a,1\nu1,b,nan\n", r"bad\.csv:3: timestamp 'nan'"),
    (HEADER + "u1,a,1\nu1,b\n", r"bad\.csv:3: 2 fields, but the header has 3"),
    ("user,item,rating\nu1,a,5\n", r"bad\.csv:1: no 'timestamp' column .*; expected a header with user,item"),
    (HEADER + "u1,a,1\nu2,b,2\n", r"no user has 2 or more distinct items"),
])
def test_bad_rows_are_rejected_naming_file_line_and_problem(tmp_path, write_raw, pipeline_refuses,
                                                           content, problem):
    write_raw(tmp_path, {"bad.csv": content})
    pipeline_refuses(tmp_path, problem)


def test_the_command_fails_with_one_clear_line_and_nonzero_exit(tmp_path, write_raw, pipeline_command):
    write_raw(tmp_path, {"plays.csv": HEADER + "u1,a,1\nu1,b,2\nu1,c,\n"})
    done = pipeline_command(tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["error: data/raw/plays.csv:4: empty 'timestamp'"]
