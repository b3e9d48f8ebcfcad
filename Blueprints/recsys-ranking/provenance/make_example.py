"""How the recsys-ranking blueprint's example data was made (run once; the output is committed).

    python make_example.py OUT.csv

Writes a synthetic listening history: who played which track, when, over 2024.
It uses only Python's standard library and draws every random number with
`random.Random(SEED).random()`, whose sequence Python keeps stable across
versions, so the same seed gives the same bytes on any platform (the previous
generator used numpy's Generator, whose streams may change between numpy
versions). The file this wrote is shipped verbatim as
template/data/raw/interactions.csv and is never regenerated at run time.

What is in it, and why:

- a catalogue of tracks in 12 genres; 40 per genre exist on 1 January, and
  new tracks are released week by week through the year;
- popularity skew: each track has an appeal drawn from a Zipf law (exponent
  ZIPF), so a few tracks get most plays;
- trends: a track's pull is its appeal times (EVERGREEN + a burst that fades
  with half-life BURST_DAYS after release), so what is popular changes over time;
- taste: each listener favours one or two genres and takes a share TASTE of
  their plays from them;
- listeners join through the year and play in sessions of a few tracks; a
  share REPLAY of plays are tracks the listener played before, and a share
  DOUBLE of plays is logged twice (the same user, track and second: the kind of
  duplicate event real logs hold, which the pipeline detects and removes).
"""

import csv
import math
import random
import sys
from datetime import UTC, datetime

SEED = 20240101
GENRES = ("ambient", "blues", "classical", "country", "electronic", "folk",
          "hiphop", "jazz", "metal", "pop", "reggae", "rock")
START = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp())
DAYS = 366
CATALOGUE = 40  # tracks per genre on the first day
RELEASES = 25  # new tracks per genre over the year
LISTENERS = 2000
ZIPF = 1.0
EVERGREEN = 0.15
BURST_DAYS = 21.0
TASTE = 0.8
REPLAY = 0.1
DOUBLE = 0.004
DAY = 86400


class Draw:
    """Random numbers from `random.Random(seed).random()` only (its stream is stable across Python
    versions), with the few distributions the generator needs."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def uniform(self) -> float:
        return self.rng.random()

    def below(self, n: int) -> int:
        return min(int(self.rng.random() * n), n - 1)

    def exponential(self, mean: float) -> float:
        return -mean * math.log(1.0 - self.rng.random())

    def geometric(self, p: float) -> int:
        """Trials up to the first success (1, 2, ...)."""
        return 1 + int(math.log(1.0 - self.rng.random()) / math.log(1.0 - p))

    def weighted(self, weights: list[float], total: float) -> int:
        point = self.rng.random() * total
        for k, w in enumerate(weights):
            point -= w
            if point < 0:
                return k
        return len(weights) - 1


def tracks(draw: Draw) -> list[tuple[str, int, int, float]]:
    """(name, genre, release day, appeal) of every track."""
    out = []
    for g, genre in enumerate(GENRES):
        for k in range(CATALOGUE + RELEASES):
            release = -1000 if k < CATALOGUE else int(draw.uniform() * DAYS)
            out.append((f"{genre}-{k + 1:03d}", g, release, 0.0))
    ranks = list(range(1, len(out) + 1))
    for k in range(len(ranks) - 1, 0, -1):  # Fisher-Yates with our own draws
        j = draw.below(k + 1)
        ranks[k], ranks[j] = ranks[j], ranks[k]
    return [(name, g, release, 1.0 / ranks[k] ** ZIPF) for k, (name, g, release, _) in enumerate(out)]


def pull(appeal: float, release: int, day: float) -> float:
    if day < release:
        return 0.0
    return appeal * (EVERGREEN + 0.5 ** ((day - release) / BURST_DAYS))


def main(path: str) -> None:
    draw = Draw(SEED)
    catalogue = tracks(draw)
    rows: list[tuple[int, str, str]] = []
    for u in range(LISTENERS):
        user = f"u{u + 1:04d}"
        n_favourite = 1 + (draw.uniform() < 0.4)
        favourite: set[int] = set()
        while len(favourite) < n_favourite:
            favourite.add(draw.below(len(GENRES)))
        day = draw.uniform() * DAYS  # listeners join through the year
        last = min(DAYS, day + draw.exponential(100.0))
        sessions_every = 4.0 + draw.exponential(16.0)  # days between sessions, on average
        played: list[int] = []
        heard: set[int] = set()
        while True:
            day += draw.exponential(sessions_every)
            if day >= last:
                break
            weights = [pull(a, r, day) * (TASTE / n_favourite if g in favourite else (1 - TASTE) / 10)
                       for _, g, r, a in catalogue]
            second = START + int(day * DAY)
            for _ in range(draw.geometric(1 / 3)):
                if played and draw.uniform() < REPLAY:
                    track = played[draw.below(len(played))]
                else:
                    fresh = [0.0 if k in heard else w for k, w in enumerate(weights)]
                    track = draw.weighted(fresh, sum(fresh))
                    played.append(track)
                    heard.add(track)
                second += 60 + int(draw.exponential(200.0))
                rows.append((second, user, catalogue[track][0]))
                if draw.uniform() < DOUBLE:
                    rows.append((second, user, catalogue[track][0]))
    rows.sort()
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("user", "item", "timestamp"))
        w.writerows((user, item, second) for second, user, item in rows)


if __name__ == "__main__":
    main(sys.argv[1])
