"""Numbers written the way a reader wants them (issue 21): i18n.percent / number / money, viz.format_table,
and lessons 01 and 02 print no raw float such as 0.787658017258217 or 11739963.75 (checked on the outputs
of tests/test_notebooks.py's run of them)."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pandas as pd
import pytest

from kamcourse import i18n, viz


def test_percent_number_money_in_english() -> None:
    assert i18n.percent(0.787658017258217) == "78.8%"
    assert i18n.percent(np.float64(1 / 3), 0) == "33%"
    assert i18n.number(11739963.75) == "11,739,964"
    assert i18n.number(-1234.5, 1) == "-1,234.5"
    assert i18n.money(11739963.75) == "¥11,739,964"
    assert i18n.money(-2500) == "-¥2,500" and i18n.money(-0.2) == "¥0"


def test_money_in_chinese_switches_to_wan_from_100000_yuan() -> None:
    """The i18n design: thousands separators below 100,000 元, 万元 with one decimal from there."""
    i18n.set_language("zh")
    assert i18n.money(99_999) == "99,999 元"
    assert i18n.money(100_000) == "10.0 万元"
    assert i18n.money(11739963.75) == "1,174.0 万元"
    assert i18n.money(-250_000) == "-25.0 万元"
    assert i18n.money(11739963.75, "en") == "¥11,739,964"


@pytest.mark.parametrize("call, error", [
    (lambda: i18n.percent("0.5"), TypeError), (lambda: i18n.number(True), TypeError),
    (lambda: i18n.money(float("nan")), ValueError), (lambda: i18n.percent(0.5, digits=-1), ValueError),
    (lambda: i18n.money(1.0, "fr"), ValueError),
])
def test_bad_input_names_the_parameter(call, error) -> None:
    with pytest.raises(error, match="x must|digits must|language must"):
        call()


def test_format_table_formats_and_translates_without_touching_the_numbers() -> None:
    frame = pd.DataFrame({"revenue": [11739963.75, np.nan], "share": [0.787658, 0.1], "customers": [3, 12]},
                         index=pd.Index(["vip", "major"], name="tier"))
    html = viz.format_table(frame, money=["revenue"], percent=["share"]).to_html()
    for text in ("¥11,739,964", "78.8%", "10.0%", "–", "VIP customers", i18n.label("tier")):
        assert text in html, text
    assert "0.787658" not in html and "11739963" not in html
    assert frame.index.name == "tier" and frame.loc["vip", "share"] == 0.787658
    with pytest.raises(ValueError, match="'profit'.*columns present: revenue, share, customers"):
        viz.format_table(frame, money=["profit"])
    i18n.set_language("zh")
    assert "1,174.0 万元" in viz.format_table(frame, money=["revenue"]).to_html()


#: A float with many decimals (0.787658017258217), or a large amount without thousands separators (11739963.75).
RAW_FLOAT = re.compile(r"(?<![\w.])-?(?:\d+\.\d{4,}|\d{5,}\.\d+)(?![\w.])")


def _shown_text(output) -> str:
    data = output.get("data", {})
    html = re.sub(r"<style.*?</style>|(id|class)=\"[^\"]*\"", "", data.get("text/html", ""), flags=re.S)
    return "\n".join([output.get("text", ""), html or data.get("text/plain", "")])


#: Lessons whose printed numbers are formatted for a reader; tests/test_notebooks.py checks their outputs with
#: :func:`raw_floats` when it runs them, English and Chinese (each notebook runs once in the suite).
FORMATTED_LESSONS = ("01_key_accounts", "02_kam_economics")


def raw_floats(nb) -> list[tuple[str, str]]:
    """(cell id, number) for every raw float such as 0.787658017258217 shown by an executed notebook."""
    return [(cell.id, match) for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])
            for match in RAW_FLOAT.findall(_shown_text(out))]


def test_the_raw_float_check_can_fail() -> None:
    cell = nbformat.v4.new_code_cell("x", id="c1")
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "0.787658017258217"})]
    assert raw_floats(nbformat.v4.new_notebook(cells=[cell])) == [("c1", "0.787658017258217")]
    assert RAW_FLOAT.findall("share 0.787658017258217 and 11739963.75") == ["0.787658017258217", "11739963.75"]
    assert RAW_FLOAT.findall("78.8%, 11,739,964, ¥11,739,963.75, 2025.5, C0219") == []
    assert RAW_FLOAT.findall(_shown_text({"data": {"text/plain": "C0219    11739963.7512"}})) == ["11739963.7512"]
