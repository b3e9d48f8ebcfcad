"""Data pipeline: data/raw/*.csv -> data/processed/{train,test}.csv + manifest.json.

    python -m PACKAGE.pipeline [--seed N] [--test-percent P] [--root DIR]

Input: one or more UTF-8 CSV files in data/raw/, one image per row: a `label`
column and one column per pixel, px0, px1, ... row by row from the top left (a
square number of them: 64 for 8x8 images, 784 for 28x28); an `id` column is
kept if present, other columns are ignored. Pixels are grayscale intensities,
numbers >= 0 where higher means more ink, on any scale (0-16, 0-255, 0-1).
With no .csv file in data/raw/, the pipeline first exports scikit-learn's
bundled handwritten digits there (digits.csv: 1,797 8x8 images of 0-9).

Checks: every row has as many fields as the header, labels are not empty,
pixels are numbers >= 0, every file has the same pixel columns, ids are
unique, each label has at least two images. The first problem stops the
pipeline with `FILE:LINE: problem` and exit code 1. Cleaning: exact duplicate
(pixels, label) rows are dropped. Split: stratified by label and seeded, so the
same input always gives the same bytes.
"""

import csv
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import train_test_split

from . import settings
from .impact import ImpactError, cli, fingerprint, rawcsv

TEST_PERCENT = {{test_percent}}
EXAMPLE = "digits.csv"
EXPECTED = "a header with label,px0,px1,... (one column per pixel, id optional)"
PIXEL = re.compile(r"px(0|[1-9][0-9]*)")


@dataclass(frozen=True)
class Image:
    id: str
    label: str
    pixels: np.ndarray  # side * side grayscale values, row by row
    where: str = ""  # FILE:LINE it came from


def ordered(labels) -> list[str]:
    """Labels sorted as numbers when they all are ("2" before "10"), else as text."""
    labels = sorted(set(map(str, labels)))
    if all(label.lstrip("-").isdigit() for label in labels):
        return sorted(labels, key=int)
    return labels


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


def export_digits(path: Path) -> str:
    """Write scikit-learn's bundled digits (on disk, no download) as a raw CSV; say what was written."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    write_images(path, [Image(f"digit-{i:04d}", str(t), x)
                        for i, (x, t) in enumerate(zip(digits.data, digits.target, strict=True))])
    return f"scikit-learn's {len(digits.target)} handwritten digits, 8x8 pixels, intensities 0-16"


def read_raw(root: Path, out=print) -> tuple[list[Image], dict[Path, int]]:
    """All images of data/raw/*.csv (sorted by file name) and the row count of each file."""
    images, counts, first_at, size = [], {}, {}, None
    for path in rawcsv.raw_files(root, example=(EXAMPLE, export_digits), expected=EXPECTED, out=out):
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
    seen, kept = set(), []
    for image in images:
        key = (image.pixels.tobytes(), image.label)
        if key not in seen:
            seen.add(key)
            kept.append(image)
    return kept


def split(images: list[Image], *, seed: int, test_fraction: float) -> tuple[list[Image], list[Image]]:
    """Seeded split stratified by label; both parts keep the input order."""
    labels = [image.label for image in images]
    for label, n in Counter(labels).items():
        if n < 2:
            where = next(image.where for image in images if image.label == label)
            raise ImpactError(f"{where}: label '{label}' has a single image; the stratified split needs "
                              "at least 2 per label: add images or drop the label")
    try:
        train, test = train_test_split(np.arange(len(images)), test_size=test_fraction, stratify=labels,
                                       random_state=seed)
    except ValueError as exc:
        raise ImpactError(f"cannot split {len(images)} images into train and test: {exc}") from None
    return [images[i] for i in sorted(train)], [images[i] for i in sorted(test)]


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


def run(root: Path, *, seed: int = settings.SEED, test_percent: int = TEST_PERCENT, out=print) -> dict:
    """Read, check, clean, split and write; return the manifest."""
    cli.check_test_percent(test_percent)
    images, counts = read_raw(root, out=out)
    n = side(len(images[0].pixels))
    out(f"pipeline: read {len(images)} {n}x{n} images from {len(counts)} file"
        f"{'s' if len(counts) > 1 else ''} in {settings.RAW_DIR}/ ({', '.join(p.name for p in counts)})")
    kept = deduplicate(images)
    out(f"  checked labels and pixels; dropped {len(images) - len(kept)} duplicate images")
    train, test = split(kept, seed=seed, test_fraction=test_percent / 100)
    tr, te = Counter(i.label for i in train), Counter(i.label for i in test)
    out(f"  split {len(train)} train / {len(test)} test images, stratified by label (seed {seed}, "
        f"test {test_percent}%): " + ", ".join(f"{k} {tr[k]}/{te[k]}" for k in ordered(tr)))
    return fingerprint.write_splits(root, {"train": train, "test": test}, write_images, inputs=counts,
                                    params={"seed": seed, "test_fraction": test_percent / 100,
                                            "stratify": "label", "image_side": n}, out=out)


def main(argv: list[str] | None = None) -> int:
    return cli.pipeline_main(
        argv, "Check, clean and split the images of data/raw/*.csv into data/processed/.", run,
        test_percent=TEST_PERCENT, units="images")


if __name__ == "__main__":
    sys.exit(main())
