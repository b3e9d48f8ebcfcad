#!/usr/bin/env python3
"""Make a recsys-ranking project yours, as its README says, touching only the files it lists.

    Tests/MakeItYours/recsys-ranking.py PROJECT_DIR

"Use your own data": deletes data/raw/interactions.csv and writes a differently shaped, generated
data set: an online shop's orders in two files (order_id,timestamp,item,user,quantity,price:
other columns, another column order, ISO 8601 timestamps with a zone offset, numeric customer ids,
SKUs, 18 months); rewrites data/README.md (its Source: line).
"Use your own model": replaces candidate(), DEFAULT_PARAMS and SEARCH_SPACE in models.py with the
README's own example (user-kNN), taken from the project's README.
The task's wording (ANSWERS) is not edited here: the Swift driver commits, then runs
`scaffold update --set ...` with it, as the README says, checks that none of the shipped example's
words (STALE) is left, and runs `make all`. Standard library only; prints the files it touched.
"""

import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import readme_model

CATEGORIES = ("garden", "kitchen", "toys", "books", "tools", "sports", "beauty", "office")

ANSWERS = {
    "task_name": "recommending products to returning customers",
    "unit": "customer",
    "units": "customers",
    "description": "Recommend products to returning shop customers, split in time, against popularity",
}
# The shipped example is a listening history: listeners play tracks of genres (ids like jazz-007).
# `user` and `item` stay: they are the pipeline's column names (the data contract), not the example's.
# "tracks", not "track": ml-base's README says "tracked by git" and "MLflow tracking store".
STALE = ["listen", "tracks", "play", "genre", "jazz", "song", "music"]


def orders(rng: random.Random) -> list[tuple[str, datetime, str, str, int, str]]:
    """(order id, time, sku, customer, quantity, price) rows over 18 months."""
    skus = [(f"SKU-{1000 + 37 * k}", k % len(CATEGORIES)) for k in range(240)]
    appeal = [1 / (1 + rank) for rank in rng.sample(range(len(skus)), len(skus))]
    zone = timezone(timedelta(hours=2))
    start = datetime(2023, 1, 1, tzinfo=zone)
    rows = []
    order = 50000
    for c in range(700):
        customer = str(100200 + 7 * c)
        liked = set(rng.sample(range(len(CATEGORIES)), rng.choice([1, 2, 3])))
        when = start + timedelta(days=rng.uniform(0, 540))
        for _ in range(rng.randint(1, 14)):
            when += timedelta(days=rng.expovariate(1 / 20), minutes=rng.randint(0, 600))
            if when > start + timedelta(days=545):
                break
            order += 1
            weights = [a * (6.0 if cat in liked else 1.0) for a, (_, cat) in zip(appeal, skus, strict=True)]
            for sku, _ in rng.choices(skus, weights=weights, k=rng.randint(1, 4)):
                rows.append((f"O{order}", when, sku, customer, rng.randint(1, 3),
                             f"{rng.uniform(3, 120):.2f}"))
    return rows


def write_data(root: Path, rng: random.Random) -> list[Path]:
    raw = root / "data" / "raw"
    (raw / "interactions.csv").unlink()
    rows = orders(rng)
    touched = [raw / "interactions.csv"]
    for year in (2023, 2024):
        path = raw / f"orders-{year}.csv"
        lines = ["order_id,timestamp,item,user,quantity,price\n"]
        lines += [f"{o},{t.isoformat(timespec='seconds')},{sku},{cust},{q},{p}\n"
                  for o, t, sku, cust, q, p in rows if t.year == year]
        path.write_text("".join(lines), encoding="utf-8")
        touched.append(path)
    card = root / "data" / "README.md"
    card.write_text(
        "# Data card: shop orders\n\n"
        "Source: generated shop orders (Tests/MakeItYours/recsys-ranking.py in the scaffold repository)\n\n"
        f"Synthetic: {len(rows)} order lines of {len({r[3] for r in rows})} customers and "
        f"{len({r[2] for r in rows})} products in {len(CATEGORIES)} categories, 2023-2024, one row per "
        "product in an order; quantity and price are ignored by the pipeline.\n", encoding="utf-8")
    touched.append(card)
    return touched


def main(argv: list[str]) -> int:
    return readme_model.main(argv, __doc__.splitlines()[2].strip(), 7, lambda root, rng: [
        *write_data(root, rng), readme_model.swap_model(root, 'DEFAULT_PARAMS: dict')], ANSWERS, STALE)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
