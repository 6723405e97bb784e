"""Tables in zh mode show Chinese headings, index names, data values and company names (issue 13)."""

from __future__ import annotations

import pandas as pd
import pytest

from kamcourse import data, i18n
from kamcourse.viz.data_labels import install_display, translate_frame

#: Raw values the issue names as still English in zh mode, with the column that holds them.
RAW = {"industry": "packaging_machinery", "size_band": "large_enterprise"}


@pytest.fixture()
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    sh = InteractiveShell.instance()
    yield sh
    i18n.set_language("en")
    InteractiveShell.clear_instance()


def _categorical_values(frame: pd.DataFrame) -> set[str]:
    return {v for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype)
            for v in frame[c].dropna().unique() if isinstance(v, str)}


@pytest.mark.parametrize("table", ["customers", "staff", "contacts", "kano_survey", "opportunities"])
def test_no_glossary_key_is_left_in_a_chinese_table(table: str) -> None:
    frame = data.load(table)
    zh = translate_frame(frame, "zh")
    keys = {v for v in _categorical_values(frame) if v in i18n.GLOSSARY}
    assert keys, f"{table} has no glossary values: the test would prove nothing"
    assert not keys & _categorical_values(zh)
    assert zh.shape[0] == frame.shape[0]
    assert not {c for c in zh.columns if isinstance(c, str) and c in i18n.GLOSSARY}


def test_company_names_are_the_chinese_names_and_the_data_are_unchanged() -> None:
    customers = data.load("customers").set_index("customer_id")
    before = customers.copy()
    zh = translate_frame(customers, "zh")
    assert zh.index.name == i18n.label("customer_id", "zh")
    assert zh[i18n.label("name", "zh")].tolist() == customers["name_zh"].tolist()
    assert i18n.label("name_zh", "zh") not in zh.columns
    pd.testing.assert_frame_equal(customers, before)


def test_describe_and_groupby_labels_are_chinese() -> None:
    orders = data.load("orders")
    described = translate_frame(orders.describe(), "zh")
    assert {"平均值", "标准差", "中位数"} <= set(described.index)
    customers = data.load("customers")
    by_industry = translate_frame(customers.groupby("industry").size(), "zh")
    assert i18n.label("packaging_machinery", "zh") in by_industry.index
    assert by_industry.index.name == i18n.label("industry", "zh")


def test_the_display_hook_follows_the_language(shell) -> None:
    frame = data.load("customers").head(5)
    assert "packaging_machinery" in frame["industry"].tolist()
    assert install_display(shell)
    i18n.set_language("zh")
    html = shell.display_formatter.format(frame)[0]["text/html"]
    assert "大型企业" in html or "中型企业" in html or "小型企业" in html
    assert not any(raw in html for raw in RAW.values())
    plain = shell.display_formatter.format(frame["industry"])[0]["text/plain"]
    assert "packaging_machinery" not in plain
    assert "packaging_machinery" in repr(frame["industry"])  # print() keeps the keys the code uses
    i18n.set_language("en")
    html = shell.display_formatter.format(frame)[0]["text/html"]
    assert "packaging_machinery" in html or "large_enterprise" in html or "small_enterprise" in html


def test_set_language_installs_the_hook_in_a_kernel(shell) -> None:
    i18n.set_language("zh")
    html = shell.display_formatter.format(data.load("customers").head(3))[0]["text/html"]
    assert "客户编号" in html


@pytest.mark.parametrize("bad, error", [([1, 2], TypeError), ("x", TypeError)])
def test_bad_frame(bad, error) -> None:
    with pytest.raises(error, match="frame must be a pandas DataFrame or Series"):
        translate_frame(bad)


def test_bad_language() -> None:
    with pytest.raises(ValueError, match="'fr'"):
        translate_frame(pd.DataFrame({"a": [1]}), "fr")


def test_kano_answers_read_as_answers_not_categories() -> None:
    """`must_be` as an answer is 理应如此, as a category 必备型 (Berger et al. 1993's two tables)."""
    answers = data.load("kano_survey")
    zh = translate_frame(answers, "zh")
    assert i18n.label("kano_answer_must_be", "zh") in set(zh[i18n.label("functional", "zh")])
    assert i18n.label("must_be", "zh") not in set(zh[i18n.label("functional", "zh")])
    assert translate_frame(pd.Series(["must_be"], name="category"), "zh").iloc[0] == i18n.label("must_be", "zh")


def test_a_series_shows_as_a_table_in_chinese(shell) -> None:
    install_display(shell)
    i18n.set_language("zh")
    series = data.load("customers").groupby("industry").size()
    html = shell.display_formatter.format(series)[0]["text/html"]
    assert "dtype" not in html and i18n.label("packaging_machinery", "zh") in html
    i18n.set_language("en")
    assert "text/html" not in shell.display_formatter.format(series)[0]
