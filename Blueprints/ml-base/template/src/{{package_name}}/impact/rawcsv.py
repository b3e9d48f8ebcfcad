"""Reading the CSV files under data/raw/, with errors that name the file and the line.

A pipeline lists its inputs with `raw_files()` and reads each with `read()`,
which checks what every CSV needs (UTF-8, well-formed quoting, a header with the
required columns, as many fields per row as the header) and returns the header
and the rows with their line numbers; the pipeline checks the values and raises
`table.error(line, problem)` for the first bad one, e.g.
`data/raw/reviews.csv:57: empty 'label'`.
"""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from . import ImpactError, cli


@dataclass
class Table:
    name: str  # how errors refer to the file, e.g. data/raw/reviews.csv
    header: list[str]  # column names, stripped and lower-cased
    rows: list[tuple[int, list[str]]]  # (line number, fields) per data row; blank lines skipped

    def index(self, column: str) -> int:
        return self.header.index(column)

    def error(self, line: int, problem: str) -> ImpactError:
        return ImpactError(f"{self.name}:{line}: {problem}")


def read(path: Path, name: str, *, required: Sequence[str] = (), expected: str = "",
         fields_hint: str = "") -> Table:
    """The header and rows of one CSV file; `name` is how errors refer to it,
    `expected` (e.g. "a header with text,label") completes the errors about the header and
    `fields_hint` (e.g. "quote text that contains commas") the error about a row with
    another number of fields than the header."""
    hint = f"; expected {expected}" if expected else ""
    fields_note = f" ({fields_hint})" if fields_hint else ""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImpactError(f"{name}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x}): "
                          "save the file as UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ImpactError(f"{name}:1: empty file{hint}") from None
    except csv.Error as exc:
        raise ImpactError(f"{name}:1: malformed CSV header ({exc})") from None
    table = Table(name, header, [])
    for column in required:
        if column not in header:
            raise table.error(1, f"no '{column}' column in the header ({','.join(header)}){hint}")
    if len(set(header)) != len(header):
        raise table.error(1, f"repeated column names in the header ({','.join(header)})")
    while True:
        line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise table.error(line, f"malformed CSV ({exc})") from None
        if not fields:
            continue
        if len(fields) != len(header):
            raise table.error(line, f"{len(fields)} fields, but the header has {len(header)}{fields_note}")
        table.rows.append((line, fields))
    if not table.rows:
        raise ImpactError(f"{name}: no data rows below the header")
    return table


def check_unique_ids(rows: Iterable[tuple[str, str]],
                     first_at: dict[str, str] | None = None) -> dict[str, str]:
    """Refuse the first row whose id an earlier row has, naming both places. `rows`: (id, FILE:LINE);
    `first_at` {id: FILE:LINE} holds the ids of files checked before (updated and returned), so
    each file can be checked as it is read. Works for rows of any raw file, not only CSV."""
    first_at = {} if first_at is None else first_at
    for row_id, where in rows:
        if row_id in first_at:
            raise ImpactError(f"{where}: duplicate id '{row_id}' (first at {first_at[row_id]})")
        first_at[row_id] = where
    return first_at


def raw_files(root: Path, *, example: tuple[str, Callable[[Path], str]] | None = None,
              expected: str = "", out: Callable[[str], object] = print) -> list[Path]:
    """data/raw/*.csv sorted by name. With none there: if `example` = (file name,
    write(path) -> what was written) is given, write that example data first and
    say so; otherwise stop with an error saying what to put there."""
    raw = root / settings.RAW_DIR
    files = sorted(raw.glob("*.csv"))
    if files:
        return files
    if example is None:
        raise ImpactError(f"no .csv files in {settings.RAW_DIR}/: put your data there"
                          + (f" ({expected})" if expected else ""))
    path = raw / example[0]
    raw.mkdir(parents=True, exist_ok=True)
    what = example[1](path)
    out(f"pipeline: {settings.RAW_DIR}/ has no .csv file, so wrote the example data {cli.rel(path, root)} "
        f"({what}); put your own data there instead")
    return [path]
