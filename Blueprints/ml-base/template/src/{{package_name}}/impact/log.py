"""Append-only impact log: one JSON record per line in impact/log.jsonl.

Writers take an exclusive flock, check that the last line is whole, and append
each record as one line with a single os.write on an O_APPEND descriptor.
Earlier lines are never rewritten. Record fields: impact/impact-log.schema.json.

    python -m PACKAGE.impact.log            # check the log
    python -m PACKAGE.impact.log --repair   # move a cut-off last line aside
"""

import fcntl
import json
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .. import settings
from . import ImpactError, cli

SCHEMA = "impact-log/2"
SCHEMAS = ("impact-log/1", "impact-log/2")  # what readers accept
_REPAIR = f"python -m {__package__}.log --repair"


def new_id() -> str:
    return uuid.uuid4().hex


def encode(record: dict[str, Any]) -> bytes:
    """One record as one line of UTF-8 JSON (NaN refused: JSON has none)."""
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return line.encode("utf-8") + b"\n"


def _read_all(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    return os.pread(fd, size, 0) if size else b""


def _last_line_problem(fd: int) -> tuple[int, str] | None:
    """(line number, what is wrong) if the file's last line is not a whole record."""
    size = os.fstat(fd).st_size
    if size == 0:
        return None
    tail = os.pread(fd, min(size, 1 << 16), size - min(size, 1 << 16))
    problem = None
    if not tail.endswith(b"\n"):
        problem = "it has no trailing newline"
    else:
        start = size - len(tail)
        while True:  # widen the window until it holds the whole last line
            cut = tail.rfind(b"\n", 0, len(tail) - 1)
            if cut >= 0 or start == 0:
                break
            grow = min(start, len(tail))
            start -= grow
            tail = os.pread(fd, grow, start) + tail
        try:
            if not isinstance(json.loads(tail[cut + 1:]), dict):
                problem = "it is not a JSON object"
        except ValueError:
            problem = "it is not valid JSON"
    if problem is None:
        return None
    return _read_all(fd).rstrip(b"\n").count(b"\n") + 1, problem


def _parse(data: bytes, path: Path) -> list[dict[str, Any]]:
    records = []
    lines = data.splitlines()
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except ValueError as exc:
            record = exc
        if not isinstance(record, dict):
            what = f"not valid JSON ({record})" if isinstance(record, ValueError) else "not a JSON object"
            hint = (f"; if a write was cut off, repair with `{_REPAIR} {path}`" if number == len(lines)
                    else "; lines are never rewritten by this project: restore the file from git")
            raise ImpactError(f"{path}:{number}: {what}{hint}")
        records.append(record)
    return records


class LockedLog:
    """The log while this process holds its exclusive lock (see `locked`)."""

    def __init__(self, path: Path, fd: int):
        self.path, self._fd = path, fd

    def records(self) -> list[dict[str, Any]]:
        return _parse(_read_all(self._fd), self.path)

    def append(self, record: dict[str, Any]) -> None:
        self.extend([record])

    def extend(self, records: list[dict[str, Any]]) -> None:
        """Append records, one line each, with a single os.write: the records of one run
        (baseline and candidate) land together or not at all."""
        lines = b"".join(encode(record) for record in records)
        written = os.write(self._fd, lines)
        if written != len(lines):
            raise OSError(f"{self.path}: short write ({written} of {len(lines)} bytes)")


@contextmanager
def locked(path: Path) -> Iterator[LockedLog]:
    """Hold an exclusive lock on the log; refuse to go on if its last line is cut."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        problem = _last_line_problem(fd)
        if problem:
            number, what = problem
            raise ImpactError(
                f"{path}: last line (line {number}) is cut off: {what}, probably an interrupted "
                f"write. Nothing was appended. Repair with `{_REPAIR} {path}` (moves that line "
                f"to {path}.cut) or delete the line by hand, then run again.")
        yield LockedLog(path, fd)
    finally:
        os.close(fd)  # also releases the lock


def append(path: Path, record: dict[str, Any]) -> None:
    with locked(path) as log:
        log.append(record)


def read(path: Path) -> list[dict[str, Any]]:
    """All records, oldest first; [] if the log does not exist yet."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return []
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        return _parse(_read_all(fd), path)
    finally:
        os.close(fd)


def repair(path: Path) -> int:
    """Move a cut-off last line to PATH.cut; return how many bytes were moved."""
    path = Path(path)
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        if _last_line_problem(fd) is None:
            return 0
        data = _read_all(fd)
        keep = data.rstrip(b"\n").rfind(b"\n") + 1
        with open(f"{path}.cut", "ab") as cut:
            cut.write(data[keep:].rstrip(b"\n") + b"\n")
        os.ftruncate(fd, keep)
        return len(data) - keep
    finally:
        os.close(fd)


def main(argv: list[str] | None = None) -> int:
    p = cli.parser(f"python -m {__package__}.log", "Check the impact log, or repair a cut-off last line.")
    p.add_argument("path", nargs="?", type=Path, help=f"log file (default: {settings.LOG})")
    p.add_argument("--repair", action="store_true", help="move a cut-off last line to PATH.cut")
    args = p.parse_args(argv)
    path = args.path or cli.root_of(args) / settings.LOG

    def command() -> None:
        if not path.exists():
            raise ImpactError(f"{path} does not exist yet: run the evaluation first")
        if args.repair:
            moved = repair(path)
            print(f"{path}: moved a cut-off last line ({moved} bytes) to {path}.cut" if moved
                  else f"{path}: last line is whole, nothing to repair")
        with locked(path) as log:
            print(f"{path}: {len(log.records())} records, all whole lines")

    return cli.run(command)


if __name__ == "__main__":
    sys.exit(main())
