"""Duplicates across the splits: find them, keep each group on one side, or refuse.

A unit in the test split that also sits (verbatim, or nearly) in the training split makes a
model look better than it is. A pipeline calls these helpers before and after splitting:

- `key(text)`: the normalised key of exact duplicates (Unicode NFKC, case-folded, every run of
  characters other than letters and digits made one space). Two units are exact duplicates when
  their keys are equal. For non-text units (feature rows, images) pass any string that is equal
  exactly when the units are, e.g. `row_key(values)`.
- near duplicates of text: Jaccard similarity of the sets of word 5-gram shingles of the keys
  (a text shorter than 5 words is one shingle) of at least NEAR_THRESHOLD. `MEASURE` says so
  in words and is recorded in the manifest and the log.
- `duplicate_groups(keys, texts)`: one group id per unit, joining exact and near duplicates
  (transitively), so a split made over groups keeps every group on one side (`group_split`).
- `across(splits)`: the units of each later split with an exact or a near duplicate in an
  earlier split, i.e. leakage that remains. `decide(...)` turns that into the manifest's
  `leakage` entry, refusing (ImpactError) unless the user allowed it (`--allow-leakage`).
"""

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import ImpactError

SHINGLE_WORDS = 5
NEAR_THRESHOLD = 0.5
BOILERPLATE = 200  # a shingle in more units than this proposes no candidate pairs (see near_pairs)
MEASURE = (
    f"Jaccard similarity >= {NEAR_THRESHOLD} of word {SHINGLE_WORDS}-gram shingles, after NFKC, "
    "case folding and punctuation removal; exact = equal normalised text"
)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def key(text: str) -> str:
    """The normalised form two exact duplicates share."""
    return " ".join(_NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())


def row_key(values: Iterable[object]) -> str:
    """An exact-duplicate key for a feature row or any sequence of values (repr of each, joined)."""
    return hashlib.sha256("\x1f".join(repr(v) for v in values).encode()).hexdigest()


def shingles(text: str, n: int = SHINGLE_WORDS) -> frozenset[str]:
    """The word n-grams of key(text); a text of fewer than n words is a single shingle."""
    words = key(text).split()
    if len(words) < n:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def near_pairs(
    texts: Sequence[str], threshold: float = NEAR_THRESHOLD, n: int = SHINGLE_WORDS
) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, whose shingle sets have Jaccard similarity >= threshold.

    Candidates come from an inverted index over shingles, so only texts sharing at least one
    shingle are compared. A shingle found in more than BOILERPLATE units (a signature, a greeting)
    proposes no candidates, so the work stays near-linear; pairs it would join still meet through
    their other shingles, and the similarity counts every shingle."""
    sets = [shingles(t, n) for t in texts]
    index: dict[str, list[int]] = {}
    for i, s in enumerate(sets):
        for sh in s:
            index.setdefault(sh, []).append(i)
    shared: dict[tuple[int, int], int] = {}
    for members in index.values():
        if len(members) > BOILERPLATE:
            continue
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pair = (members[a], members[b])
                shared[pair] = shared.get(pair, 0) + 1
    pairs = []
    for (i, j) in shared:
        common = len(sets[i] & sets[j])
        union = len(sets[i]) + len(sets[j]) - common
        if union and common / union >= threshold:
            pairs.append((i, j))
    return sorted(pairs)


class _Groups:
    """Union-find over unit indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


@dataclass
class Found:
    """Duplicates in a data set: units that duplicate an earlier unit, and one group id per unit."""

    exact: int  # units whose key equals an earlier unit's
    near: int  # further units nearly equal to an earlier unit (and no exact duplicate of one)
    groups: list[int]  # group id per unit: duplicates (exact or near, transitively) share one


def duplicate_groups(
    keys: Sequence[str], texts: Sequence[str] | None = None, threshold: float = NEAR_THRESHOLD
) -> Found:
    """Group units that are exact duplicates (equal `keys`) or, when `texts` are given, near
    duplicates (see MEASURE)."""
    groups = _Groups(len(keys))
    first: dict[str, int] = {}
    exact = 0
    for i, k in enumerate(keys):
        if k in first:
            groups.join(first[k], i)
            exact += 1
        else:
            first[k] = i
    near_units: set[int] = set()
    if texts is not None:
        for i, j in near_pairs(texts, threshold):
            if keys[i] != keys[j]:
                if groups.find(i) != groups.find(j):
                    near_units.add(j)
                groups.join(i, j)
    return Found(exact, len(near_units), [groups.find(i) for i in range(len(keys))])


def group_split(
    groups: Sequence[int], strata: Sequence[Any], fractions: dict[str, float], *, seed: int
) -> dict[str, list[int]]:
    """Indices per split for `fractions` {name: share} (the first name, e.g. "train", takes the
    rest), assigning whole groups, stratified by the stratum of each group's first unit; seeded;
    indices sorted. Within a stratum the last split (e.g. "test") is filled first; each later split
    gets at least one group while the first keeps at least one."""
    names = list(fractions)
    members: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    by_stratum: dict[str, list[int]] = {}
    for g, idx in members.items():
        by_stratum.setdefault(str(strata[idx[0]]), []).append(g)
    rng = np.random.default_rng(seed)
    out: dict[str, list[int]] = {name: [] for name in names}
    for stratum in sorted(by_stratum):
        gs = [by_stratum[stratum][int(k)] for k in rng.permutation(len(by_stratum[stratum]))]
        total = sum(len(members[g]) for g in gs)
        at = 0
        for name in reversed(names[1:]):
            target = max(1, round(fractions[name] * total))
            got = 0
            while at < len(gs) - 1 and got < target:
                size = len(members[gs[at]])
                if got and got + size - target > target - got:
                    break  # this group overshoots the share more than leaving it out undershoots
                out[name] += members[gs[at]]
                got += size
                at += 1
        for g in gs[at:]:
            out[names[0]] += members[g]
    return {name: sorted(idx) for name, idx in out.items()}


def across(
    splits: dict[str, Sequence[str]],
    keyer: Callable[[str], str] = key,
    threshold: float = NEAR_THRESHOLD,
    near: bool = True,
) -> dict[str, int]:
    """Units of each split after the first that duplicate a unit of an earlier split:
    {"exact": n, "near": m} (a unit counts once, as exact when it is one). `splits` maps the split
    name to the texts (or keys, with keyer=str and near=False) in split order, e.g. train,
    validation, test."""
    names = list(splits)
    texts = [t for name in names for t in splits[name]]
    owner = [k for k, name in enumerate(names) for _ in splits[name]]
    keys = [keyer(t) for t in texts]
    seen: dict[str, int] = {}
    exact_units: set[int] = set()
    for i, k in enumerate(keys):
        if k in seen and seen[k] < owner[i]:
            exact_units.add(i)
        seen.setdefault(k, owner[i])
    near_units: set[int] = set()
    if near:
        for i, j in near_pairs(texts, threshold):
            if owner[i] != owner[j]:
                later = j if owner[j] > owner[i] else i
                if later not in exact_units:
                    near_units.add(later)
    return {"exact": len(exact_units), "near": len(near_units)}


def decide(
    found: Found | None, remaining: dict[str, int], *, grouped: bool, allow: bool, measure: str = MEASURE
) -> dict[str, Any]:
    """The manifest's `leakage` entry: {"exact", "near" (found in the data), "action", "measure",
    "across_splits" (remaining after the split)}. Refuses when duplicates remain across the splits
    and `allow` is false."""
    left = remaining["exact"] + remaining["near"]
    if left and not allow:
        raise ImpactError(
            f"{remaining['exact']} exact and {remaining['near']} near duplicate units "
            "across the splits (a later split repeats an earlier one): group them onto "
            "one side, remove them, or pass --allow-leakage to accept and record it"
        )
    action = "allowed" if left else ("grouped" if grouped else "removed")
    return {
        "exact": found.exact if found else remaining["exact"],
        "near": found.near if found else remaining["near"],
        "action": action,
        "measure": measure,
        "across_splits": dict(remaining),
    }


def describe(entry: dict[str, Any]) -> str:
    """One line for the pipeline to print."""
    left = entry.get("across_splits", {})
    what = {
        "grouped": "kept each duplicate group on one side of the split",
        "removed": "removed them",
        "allowed": "ALLOWED them to remain (--allow-leakage)",
        "refused": "refused",
    }[entry["action"]]
    return (
        f"leakage check: {entry['exact']} exact and {entry['near']} near duplicates found; {what}; "
        f"across splits now: {left.get('exact', 0)} exact, {left.get('near', 0)} near "
        f"({entry['measure']})"
    )
