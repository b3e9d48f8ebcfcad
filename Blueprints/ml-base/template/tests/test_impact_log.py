"""The impact log is append-only, written in whole lines, and refuses to extend a cut line."""

import json
import subprocess
import sys
import time

import pytest

from {{package_name}}.impact import ImpactError, log


def test_appends_never_change_earlier_bytes(tmp_path):
    path = tmp_path / "log.jsonl"
    before = b""
    for i in range(3):
        log.append(path, {"schema": log.SCHEMA, "i": i, "text": "line\nbreak é"})
        now = path.read_bytes()
        assert now.startswith(before) and now.endswith(b"\n")
        before = now
    assert [r["i"] for r in log.read(path)] == [0, 1, 2]
    assert len(path.read_bytes().splitlines()) == 3


def test_a_runs_records_land_in_one_write(tmp_path, monkeypatch):
    path = tmp_path / "log.jsonl"
    writes = []
    real_write = log.os.write

    def counting_write(fd, data):
        writes.append(data)
        return real_write(fd, data)

    monkeypatch.setattr(log.os, "write", counting_write)
    with log.locked(path) as impact_log:
        impact_log.extend([{"role": "baseline"}, {"role": "candidate"}])
    assert len(writes) == 1
    assert [r["role"] for r in log.read(path)] == ["baseline", "candidate"]


def test_cut_log_is_reported_by_read_with_its_line(tmp_path):
    path = tmp_path / "log.jsonl"
    log.append(path, {"i": 0})
    path.write_bytes(path.read_bytes() + b'{"i": 1, "cu')
    with pytest.raises(ImpactError, match=r"log\.jsonl:2: not valid JSON.*repair"):
        log.read(path)


def test_two_processes_appending_at_once_both_land_as_whole_lines(tmp_path):
    path = tmp_path / "log.jsonl"
    writer = (f"import sys, time\nfrom {log.__name__} import append\n"
              "while time.time() < float(sys.argv[3]): pass\n"  # start together
              "for i in range(150):\n"
              "    append(sys.argv[1], {'writer': sys.argv[2], 'i': i, 'pad': 'x' * 20000})\n")
    start = str(time.time() + 1.0)
    procs = [subprocess.Popen([sys.executable, "-c", writer, str(path), w, start]) for w in "ab"]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    records = [json.loads(line) for line in lines[:-1]]
    for w in "ab":
        assert [r["i"] for r in records if r["writer"] == w] == list(range(150))


@pytest.mark.parametrize("tail", [b'{"schema": "impact-log/1", "i": 1', b'{"schema": "imp\n', b"[1]\n"])
def test_cut_last_line_is_refused_with_repair_hint(tmp_path, tail):
    path = tmp_path / "log.jsonl"
    log.append(path, {"i": 0})
    path.write_bytes(path.read_bytes() + tail)
    before = path.read_bytes()
    with pytest.raises(ImpactError, match=r"\(line 2\) is cut off.*--repair"):
        log.append(path, {"i": 2})
    assert path.read_bytes() == before


def test_repair_moves_the_cut_line_aside_and_appending_works_again(tmp_path):
    path = tmp_path / "log.jsonl"
    log.append(path, {"i": 0})
    good = path.read_bytes()
    path.write_bytes(good + b'{"i": 1, "cut')
    assert log.main([str(path), "--repair"]) == 0
    assert path.read_bytes() == good
    assert (tmp_path / "log.jsonl.cut").read_bytes() == b'{"i": 1, "cut\n'
    log.append(path, {"i": 2})
    assert [r["i"] for r in log.read(path)] == [0, 2]
