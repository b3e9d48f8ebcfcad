"""Data pipeline: data/raw/*.csv -> data/processed/{train,validation,test}.csv + manifest.json.

    python -m PACKAGE.pipeline [--seed N] [--test-percent P] [--validation-percent P]
                               [--allow-leakage] [--root DIR]

Input: one or more UTF-8 CSV files in data/raw/, one image per row: a `label`
column and one column per pixel, px0, px1, ... row by row from the top left (a
square number of them: 64 for 8x8 images, 784 for 28x28); an `id` column is
kept if present, other columns are ignored. Pixels are grayscale intensities,
numbers >= 0 where higher means more ink, on any scale (0-16, 0-255, 0-1).
The project ships data/raw/digits.csv (see data/README.md).

Checks: every row has as many fields as the header, labels are not empty,
pixels are numbers >= 0, every file has the same pixel columns, ids are
unique, each label has at least two images. The first problem stops the
pipeline with `FILE:LINE: problem` and exit code 1. Cleaning: repeated images
(the same pixels and the same label) are dropped, keeping the first.
Leakage (impact/leakage.py, MEASURE below): images with identical pixels
(exact) or identical after scaling each image to its own maximum and rounding
to 17 gray levels (near) form one group, and a group is never split across
train, validation and test; the counts go to the manifest and the output
(--allow-leakage splits image by image instead and records that). Split:
seeded and stratified by label, so the same input always gives the same bytes.
"""

import argparse
import csv
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from . import settings
from .impact import ImpactError, cli, fingerprint, leakage, rawcsv

TEST_PERCENT = {{test_percent}}
VALIDATION_PERCENT = {{validation_percent}}  # of all images: the split `tune` chooses parameters on
EXPECTED = "a header with label,px0,px1,... (one column per pixel, id optional)"
PIXEL = re.compile(r"px(0|[1-9][0-9]*)")
NEAR_LEVELS = 16  # near duplicates: equal after scaling each image to its maximum and rounding to 0..16
MEASURE = ("exact = identical pixel values; near = identical after scaling each image to its own "
           f"maximum and rounding to {NEAR_LEVELS + 1} gray levels (the same picture at another "
           "intensity scale)")


@dataclass(frozen=True)
class Image:
    id: str
    label: str
    pixels: np.ndarray  # side * side grayscale values, row by row
    where: str = ""  # FILE:LINE it came from


def ordered(labels: Iterable[object]) -> list[str]:
    """Labels sorted as numbers when they all are ("2" before "10"), else as text."""
    names = sorted(set(map(str, labels)))
    if all(label.lstrip("-").isdigit() for label in names):
        return sorted(names, key=int)
    return names


def side(n_pixels: int) -> int:
    """Width (= height) of a square image of n_pixels."""
    return math.isqrt(n_pixels)


def pixel_columns(table: rawcsv.Table) -> list[int]:
    """Indices of px0, px1, ... in the header, checked to be complete and square."""
    at = {int(m.group(1)): i for i, name in enumerate(table.header) if (m := PIXEL.fullmatch(name))}
    if not at:
        raise table.error(1, f"no pixel columns (px0, px1, ...) in the header; expected {EXPECTED}")
    missing = sorted(set(range(len(at))) - set(at))
    if missing:
        raise table.error(1, f"{len(at)} pixel columns but no 'px{missing[0]}': name them px0 to "
                             f"px{len(at) - 1}, row by row")
    if side(len(at)) ** 2 != len(at):
        raise table.error(1, f"{len(at)} pixel columns is not a square image (64 = 8x8, 784 = 28x28): "
                             "give every pixel of a square image")
    return [at[k] for k in range(len(at))]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def parse_pixels(table: rawcsv.Table, line: int, fields: list[str], columns: list[int]) -> np.ndarray:
    values = [fields[i] for i in columns]
    try:
        pixels = np.array(values, dtype=float)
    except ValueError:
        k = next(k for k, v in enumerate(values) if not _is_number(v))
        raise table.error(line, f"px{k} is {values[k].strip()!r}, not a number") from None
    bad = np.flatnonzero(~np.isfinite(pixels) | (pixels < 0))
    if len(bad):
        raise table.error(line, f"px{bad[0]} is {values[bad[0]].strip()}: pixels are numbers >= 0")
    return pixels


def read_file(path: Path, name: str) -> list[Image]:
    """Images of one raw CSV; `name` is how errors refer to the file."""
    table = rawcsv.read(path, name, required=["label"], expected=EXPECTED)
    columns = pixel_columns(table)
    label_at = table.index("label")
    id_at = table.index("id") if "id" in table.header else None
    images = []
    for line, fields in table.rows:
        label = fields[label_at].strip()
        if not label:
            raise table.error(line, "empty 'label'")
        image_id = fields[id_at].strip() if id_at is not None else f"{path.stem}:{line}"
        if not image_id:
            raise table.error(line, "empty 'id'")
        images.append(Image(image_id, label, parse_pixels(table, line, fields, columns), f"{name}:{line}"))
    return images


def read_raw(root: Path) -> tuple[list[Image], dict[Path, int]]:
    """All images of data/raw/*.csv (sorted by file name) and the row count of each file."""
    images: list[Image] = []
    counts: dict[Path, int] = {}
    first_at: dict[str, str] = {}
    size: tuple[int, str] | None = None
    for path in rawcsv.raw_files(root, expected=EXPECTED):
        name = cli.rel(path, root)
        file_images = read_file(path, name)
        n = len(file_images[0].pixels)
        if size is None:
            size = (n, name)
        elif n != size[0]:
            raise ImpactError(f"{name}:1: {n} pixel columns, but {size[1]} has {size[0]}: "
                              "all images need the same size")
        rawcsv.check_unique_ids(((image.id, image.where) for image in file_images), first_at)
        images += file_images
        counts[path] = len(file_images)
    return images, counts


def deduplicate(images: list[Image]) -> list[Image]:
    """Drop images whose (pixels, label) already occurred, keeping the first."""
    seen: set[tuple[bytes, str]] = set()
    kept: list[Image] = []
    for image in images:
        key = (image.pixels.tobytes(), image.label)
        if key not in seen:
            seen.add(key)
            kept.append(image)
    return kept


def exact_key(pixels: np.ndarray) -> str:
    """Equal for two images exactly when their pixel values are equal."""
    return leakage.row_key(pixels.tolist())


def near_key(pixels: np.ndarray) -> str:
    """Equal for two images that are the same picture at another intensity scale (MEASURE)."""
    top = float(pixels.max())
    scaled = pixels / top if top > 0 else pixels
    return leakage.row_key(np.rint(scaled * NEAR_LEVELS).astype(int).tolist())


def duplicates(images: list[Image]) -> leakage.Found:
    """Exact and near duplicate images, grouped (a near group contains its exact ones): `exact`
    counts images equal to an earlier one, `near` the further images nearly equal to one."""
    exact = leakage.duplicate_groups([exact_key(i.pixels) for i in images])
    near = leakage.duplicate_groups([near_key(i.pixels) for i in images])
    return leakage.Found(exact=exact.exact, near=near.exact - exact.exact, groups=near.groups)


def remaining(parts: dict[str, list[Image]]) -> dict[str, int]:
    """Images of a later split with an exact or near duplicate in an earlier split."""
    exact = leakage.across({n: [exact_key(i.pixels) for i in p] for n, p in parts.items()}, keyer=str,
                           near=False)["exact"]
    near = leakage.across({n: [near_key(i.pixels) for i in p] for n, p in parts.items()}, keyer=str,
                          near=False)["exact"]
    return {"exact": exact, "near": near - exact}


def split(images: list[Image], *, seed: int, test_fraction: float, validation_fraction: float,
          groups: list[int] | None = None) -> dict[str, list[Image]]:
    """Seeded split into train / validation / test, stratified by label, keeping each group
    (default: each image) on one side; every part keeps the input order."""
    for label, n in sorted(Counter(image.label for image in images).items()):
        if n < 2:
            where = next(image.where for image in images if image.label == label)
            raise ImpactError(f"{where}: label '{label}' has a single image; the stratified split needs "
                              "at least 2 per label: add images or drop the label")
    parts = leakage.group_split(groups if groups is not None else list(range(len(images))),
                                [image.label for image in images],
                                {"train": 1 - test_fraction - validation_fraction,
                                 "validation": validation_fraction, "test": test_fraction}, seed=seed)
    return {name: [images[i] for i in idx] for name, idx in parts.items()}


def _number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def write_images(path: Path, images: list[Image]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", *(f"px{k}" for k in range(len(images[0].pixels)))])
        w.writerows([image.id, image.label, *map(_number, image.pixels)] for image in images)


def read_processed(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    """ids, labels and an (images, pixels) array of a processed split."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    return [r[0] for r in rows], [r[1] for r in rows], np.array([r[2:] for r in rows], dtype=float)


def run(root: Path, *, seed: int = settings.SEED, test_percent: int = TEST_PERCENT,
        validation_percent: int = VALIDATION_PERCENT, allow_leakage: bool = False,
        out: Callable[[str], object] = print) -> dict[str, Any]:
    """Read, check, clean, check for leakage, split and write; return the manifest."""
    cli.check_test_percent(test_percent)
    if not 0 < validation_percent < 100 - test_percent:
        raise ImpactError(f"--validation-percent must be between 1 and {99 - test_percent} "
                          f"(with --test-percent {test_percent}), not {validation_percent}")
    images, counts = read_raw(root)
    n = side(len(images[0].pixels))
    out(f"pipeline: read {len(images)} {n}x{n} images from {len(counts)} file"
        f"{'s' if len(counts) > 1 else ''} in {settings.RAW_DIR}/ ({', '.join(p.name for p in counts)})")
    kept = deduplicate(images)
    out(f"  checked labels and pixels; dropped {len(images) - len(kept)} repeated images (same pixels "
        "and label)")
    found = duplicates(kept)
    parts = split(kept, seed=seed, test_fraction=test_percent / 100,
                  validation_fraction=validation_percent / 100,
                  groups=None if allow_leakage else found.groups)
    entry = leakage.decide(found, remaining(parts), grouped=not allow_leakage, allow=allow_leakage,
                           measure=MEASURE)
    out("  " + leakage.describe(entry))
    tr, va, te = (Counter(i.label for i in parts[name]) for name in ("train", "validation", "test"))
    out(f"  split {len(parts['train'])} train / {len(parts['validation'])} validation / "
        f"{len(parts['test'])} test images, stratified by label (seed {seed}, validation "
        f"{validation_percent}%, test {test_percent}%): "
        + ", ".join(f"{k} {tr[k]}/{va[k]}/{te[k]}" for k in ordered([*tr, *va, *te])))
    return fingerprint.write_splits(
        root, parts, write_images, inputs=counts, out=out, leakage=entry,
        params={"seed": seed, "test_fraction": test_percent / 100,
                "validation_fraction": validation_percent / 100, "stratify": "label",
                "group_duplicates": not allow_leakage, "image_side": n})


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--validation-percent", type=int, default=VALIDATION_PERCENT,
                   help=f"share of images in the validation split (default {VALIDATION_PERCENT})")
    p.add_argument("--allow-leakage", action="store_true",
                   help="split image by image even when duplicates then cross the splits (recorded)")


def main(argv: list[str] | None = None) -> int:
    return cli.pipeline_main(
        argv, "Check, clean and split the images of data/raw/*.csv into data/processed/.", run,
        test_percent=TEST_PERCENT, units="images", options=_options)


if __name__ == "__main__":
    sys.exit(main())
