"""Raw CSV files: header and rows with line numbers, and errors naming file, line and problem."""

import pytest

from {{package_name}} import settings
from {{package_name}}.impact import ImpactError, rawcsv


def read(tmp_path, data: bytes, **kwargs):
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    return rawcsv.read(path, "data/raw/in.csv", **kwargs)


def test_header_and_rows_keep_their_line_numbers(tmp_path):
    table = read(tmp_path, '\ufeff A ,b\n1,"two\nlines"\n\n3,4\n'.encode(), required=["a", "b"])
    assert table.header == ["a", "b"]
    assert table.rows == [(2, ["1", "two\nlines"]), (5, ["3", "4"])]
    assert table.index("b") == 1
    assert str(table.error(5, "bad value")) == "data/raw/in.csv:5: bad value"


@pytest.mark.parametrize("data, problem", [
    (b"", r"in\.csv:1: empty file; expected a,b"),
    (b"a,c\n1,2\n", r"in\.csv:1: no 'b' column in the header \(a,c\); expected a,b"),
    (b"a,b,a\n1,2,3\n", r"in\.csv:1: repeated column names"),
    (b"a,b\n1,2\n3\n", r"in\.csv:3: 1 fields, but the header has 2"),
    (b'a,b\n1,2\n"3,4\n', r"in\.csv:3: malformed CSV"),
    (b"a,b\n1,2\n3,caf\xe9\n", r"in\.csv:3: not UTF-8 \(byte 0xe9\)"),
    (b"a,b\n\n", r"in\.csv: no data rows below the header"),
])
def test_bad_files_are_refused_naming_file_line_and_problem(tmp_path, data, problem):
    with pytest.raises(ImpactError, match=problem):
        read(tmp_path, data, required=["a", "b"], expected="a,b")


def test_a_hint_can_complete_the_error_about_the_number_of_fields(tmp_path):
    problem = r"^data/raw/in\.csv:3: 3 fields, but the header has 2 \(quote text\)$"
    with pytest.raises(ImpactError, match=problem):
        read(tmp_path, b"a,b\n1,2\n3,4,5\n", fields_hint="quote text")


def test_ids_must_be_unique_within_and_across_files():
    first_at = rawcsv.check_unique_ids([("a", "data/raw/x.csv:2"), ("b", "data/raw/x.csv:3")])
    problem = r"^data/raw/y\.csv:5: duplicate id 'b' \(first at data/raw/x\.csv:3\)$"
    with pytest.raises(ImpactError, match=problem):
        rawcsv.check_unique_ids([("c", "data/raw/y.csv:4"), ("b", "data/raw/y.csv:5")], first_at)


def test_raw_files_lists_csv_files_or_writes_the_example_or_says_what_to_put_there(tmp_path):
    with pytest.raises(ImpactError, match=r"no \.csv files in data/raw/: put your data there \(a,b\)"):
        rawcsv.raw_files(tmp_path, expected="a,b")
    said = []

    def example(path):
        path.write_text("a,b\n1,2\n", encoding="utf-8")
        return "1 row"

    files = rawcsv.raw_files(tmp_path, example=("example.csv", example), out=said.append)
    assert files == [tmp_path / settings.RAW_DIR / "example.csv"]
    assert "wrote the example data data/raw/example.csv (1 row)" in said[0]
    (tmp_path / settings.RAW_DIR / "a.csv").write_text("a,b\n3,4\n", encoding="utf-8")
    assert [p.name for p in rawcsv.raw_files(tmp_path, example=("example.csv", example))] == ["a.csv",
                                                                                              "example.csv"]
