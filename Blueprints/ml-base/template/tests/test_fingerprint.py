"""The data manifest: splits written with their fingerprints, and any later change refused."""

import pytest

from {{package_name}} import settings
from {{package_name}}.impact import ImpactError, fingerprint


def write_lines(path, rows):
    path.write_text("".join(f"{r}\n" for r in rows), encoding="utf-8")


def test_write_splits_writes_each_split_and_a_manifest_that_checks_them(tmp_path):
    raw = tmp_path / settings.RAW_DIR / "in.csv"
    raw.parent.mkdir(parents=True)
    raw.write_text("x\n1\n2\n3\n", encoding="utf-8")
    said = []
    manifest = fingerprint.write_splits(tmp_path, {"train": [1, 2], "test": [3]}, write_lines,
                                        inputs={raw: 3}, params={"seed": 0}, out=said.append)
    assert (tmp_path / settings.PROCESSED_DIR / "test.csv").read_text() == "3\n"
    assert {n: e["rows"] for n, e in manifest["outputs"].items()} == {"train": 2, "test": 1}
    assert manifest["inputs"][0]["path"] == "data/raw/in.csv"
    assert said == [f"  wrote data/processed/train.csv, test.csv and manifest.json "
                    f"(data {manifest['fingerprint'][:19]})"]
    path = tmp_path / settings.MANIFEST
    assert fingerprint.load_manifest(tmp_path, path, make_data="make data") == manifest
    raw.write_text("x\n1\n2\n4\n", encoding="utf-8")
    with pytest.raises(ImpactError, match=r"data/raw/in\.csv changed since the data pipeline ran"):
        fingerprint.load_manifest(tmp_path, path, make_data="make data")


def test_write_splits_can_write_other_formats(tmp_path):
    said = []
    manifest = fingerprint.write_splits(tmp_path, {"dev": [1], "test": [2], "extra": [3, 4]}, write_lines,
                                        inputs={}, params={}, out=said.append, suffix=".jsonl")
    assert [e["path"] for e in manifest["outputs"].values()] == [
        "data/processed/dev.jsonl", "data/processed/test.jsonl", "data/processed/extra.jsonl"]
    assert said[0].startswith("  wrote data/processed/dev.jsonl, test.jsonl, extra.jsonl and manifest.json")
