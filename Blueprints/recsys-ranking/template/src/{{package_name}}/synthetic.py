"""The example data: a seeded, synthetic listening history (who played which track, when).

The pipeline writes it to data/raw/interactions.csv when data/raw/ has no
.csv file; the same seed always gives the same bytes. It has the two things
that make recommendation data hard and interesting:

- popularity skew: track popularity follows a Zipf law, so a few tracks get
  most plays and recommending the charts is a strong baseline;
- taste: each listener favours one or two of twelve genres, so listeners with
  overlapping histories predict each other, which collaborative filtering uses.

Over time each listener drifts from hits to less-played tracks (tracks are
drawn without replacement, popular ones first), and some tracks are played
again later (the pipeline keeps the first play).
"""

import csv
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from . import settings

GENRES = ("ambient", "blues", "classical", "country", "electronic", "folk",
          "hiphop", "jazz", "metal", "pop", "reggae", "rock")
START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def interactions(seed: int = settings.SEED, *, users: int = 800, tracks_per_genre: int = 30,
                 taste: float = 0.75, zipf: float = 0.9, mean_tracks: int = 16,
                 replays: float = 0.08) -> list[tuple[str, str, str]]:
    """(user, item, timestamp) rows, oldest first. `taste`: share of a listener's plays from their
    favourite genres; `zipf`: popularity skew; `replays`: chance that a play is a track played before."""
    rng = np.random.default_rng(seed)
    items = [f"{g}-{k:03d}" for g in GENRES for k in range(1, tracks_per_genre + 1)]
    genre = np.repeat(np.arange(len(GENRES)), tracks_per_genre)
    popularity = 1 / (rng.permutation(len(items)) + 1.0) ** zipf
    everyone = popularity / popularity.sum()
    rows = []
    for u in range(users):
        favourite = np.isin(genre, rng.choice(len(GENRES), size=rng.integers(1, 3), replace=False))
        liked = np.where(favourite, popularity, 0.0)
        p = taste * liked / liked.sum() + (1 - taste) * everyone
        n = min(3 + rng.geometric(1 / mean_tracks), 60)
        plays = list(rng.choice(len(items), size=n, replace=False, p=p))
        for k in range(1, len(plays)):
            if rng.random() < replays:
                plays.insert(k, plays[rng.integers(0, k)])
        when = START + timedelta(days=float(rng.uniform(0, 300)))
        for item in plays:
            when += timedelta(hours=float(rng.exponential(36)))
            rows.append((when, f"u{u + 1:04d}", items[item]))
    rows.sort()
    return [(user, item, when.strftime("%Y-%m-%dT%H:%M:%SZ")) for when, user, item in rows]


def write(path: Path, seed: int = settings.SEED) -> str:
    """Write the example data as a raw CSV; say what was written."""
    rows = interactions(seed)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("user", "item", "timestamp"))
        w.writerows(rows)
    users, items = len({r[0] for r in rows}), len({r[1] for r in rows})
    return f"{len(rows)} synthetic plays of {items} tracks by {users} listeners, seed {seed}"
