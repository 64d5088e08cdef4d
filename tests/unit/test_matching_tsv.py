"""Reading the match commands' TSV input: every bad line is named, the rest is kept."""

import io

from claims.services import matching


def test_good_lines_and_each_kind_of_bad_line():
    data = b"".join(
        [
            b"first a\tfirst b\n",
            b"\n",
            b"only one column\n",
            b"three\tcolumns\there\n",
            b"bad \xff byte\tx\n",
            b"x" * (matching.MAX_LINE_BYTES + 5) + b"\tlong\n",
            b"\t empty first\n",
            b"last a\tlast b",
        ]
    )
    rows, errors = matching.read_tsv(io.BytesIO(data), 2, "text_a, text_b")
    assert [(r.line, r.fields) for r in rows] == [
        (1, ["first a", "first b"]),
        (8, ["last a", "last b"]),
    ]
    messages = {e.line: str(e) for e in errors}
    assert messages[2] == "line 2: empty line"
    assert "expected 2 tab-separated columns" in messages[3] and "found 1" in messages[3]
    assert "found 3" in messages[4]
    assert "not UTF-8" in messages[5]
    assert "longer than" in messages[6]
    assert "column 1 is empty" in messages[7]
    assert len(errors) == 6


def test_a_range_of_columns_a_byte_order_mark_and_windows_line_ends():
    data = "\ufeffa1\tone\r\na2\ttwo\tTitle two\r\n".encode()
    rows, errors = matching.read_tsv(data, (2, 3), "id, text[, title]")
    assert not errors
    assert [r.fields for r in rows] == [["a1", "one"], ["a2", "two", "Title two"]]


def test_a_huge_line_is_skipped_without_losing_the_next():
    data = b"y" * (5 * matching.MAX_LINE_BYTES) + b"\nok\tfine\n"
    rows, errors = matching.read_tsv(io.BytesIO(data), 2, "text_a, text_b")
    assert [r.fields for r in rows] == [["ok", "fine"]] and rows[0].line == 2
    assert errors[0].line == 1
