"""Duplicates across splits: planted exact and near duplicates are found, grouped, counted, refused."""

import pytest

from {{package_name}}.impact import ImpactError, leakage

BASE = [f"unit {i} says something quite different about topic {i} and nothing else at all" for i in range(40)]


def test_exact_duplicates_match_after_normalisation():
    assert leakage.key("  Hello,   WORLD!! ") == leakage.key("hello world")
    assert leakage.key("hello world") != leakage.key("hello word")


def test_planted_duplicates_are_found_and_grouped_onto_one_side():
    texts = list(BASE)
    texts.append(BASE[3].upper() + "!")  # exact after normalisation
    texts.append(BASE[7].replace("and nothing else at all", "and nothing else at all, really"))  # near
    found = leakage.duplicate_groups([leakage.key(t) for t in texts], texts)
    assert (found.exact, found.near) == (1, 1)
    assert found.groups[40] == found.groups[3] and found.groups[41] == found.groups[7]
    shares = {"train": 0.6, "validation": 0.2, "test": 0.2}
    parts = leakage.group_split(found.groups, ["x"] * len(texts), shares, seed=0)
    assert sorted(i for idx in parts.values() for i in idx) == list(range(len(texts)))
    side = {i: name for name, idx in parts.items() for i in idx}
    assert side[40] == side[3] and side[41] == side[7]
    remaining = leakage.across({name: [texts[i] for i in idx] for name, idx in parts.items()})
    assert remaining == {"exact": 0, "near": 0}
    entry = leakage.decide(found, remaining, grouped=True, allow=False)
    assert entry["action"] == "grouped" and (entry["exact"], entry["near"]) == (1, 1)
    assert "1 exact and 1 near duplicates found" in leakage.describe(entry)


def test_duplicates_left_across_the_splits_are_refused_unless_allowed():
    splits = {"train": BASE[:30], "test": BASE[30:] + [BASE[0] + ".", BASE[1] + " indeed"]}
    remaining = leakage.across(splits)
    assert remaining == {"exact": 1, "near": 1}
    with pytest.raises(ImpactError, match="1 exact and 1 near duplicate units across the splits"):
        leakage.decide(None, remaining, grouped=False, allow=False)
    assert leakage.decide(None, remaining, grouped=False, allow=True)["action"] == "allowed"


def test_the_near_measure_is_jaccard_of_word_shingles():
    a = leakage.shingles("one two three four five six")
    assert a == {"one two three four five", "two three four five six"}
    assert leakage.jaccard(a, a) == 1.0
    assert leakage.near_pairs(["a b c d e f g h", "a b c d e f g x", "z y x w v u"]) == [(0, 1)]
    assert "Jaccard" in leakage.MEASURE
