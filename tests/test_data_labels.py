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


def test_chapter_aliases_and_headings_only() -> None:
    """One mechanism: a chapter's words (label_table's aliases) and values=False go through translate_frame."""
    from kamcourse.viz.crm_foundations import crm_table
    from kamcourse.viz.crm_foundations.tables import _CHAPTER_KEYS as CRM_KEYS
    from kamcourse.viz.satisfaction_development import label_table
    from kamcourse.viz.satisfaction_development.tables import _CHAPTER_KEYS

    funnel = pd.DataFrame({"contacts": [120, 80], "method": ["cold_calling", "must_be"], "n": [3, 4]},
                          index=pd.Index(["must_be", "C0001"], name="feature"))
    aliases = {"contacts": "funnel_contacts", "method": "prospecting_method"}
    zh = translate_frame(funnel, "zh", aliases=aliases)
    assert zh.columns.tolist()[:2] == [i18n.label("funnel_contacts", "zh"), i18n.label("prospecting_method", "zh")]
    assert i18n.label("contacts", "zh") not in zh.columns  # the general word (联系人) would mislead here
    assert zh.iloc[1, 1] == i18n.label("must_be", "zh") and zh.index.tolist() == [i18n.label("must_be", "zh"), "C0001"]
    headings_only = translate_frame(funnel, "zh", aliases=aliases, values=False)
    assert headings_only.iloc[:, 1].tolist() == ["cold_calling", "must_be"]
    assert headings_only.index.tolist() == zh.index.tolist()
    i18n.set_language("zh")
    try:
        for values in (True, False):
            pd.testing.assert_frame_equal(label_table(funnel, values=values),
                                          translate_frame(funnel, aliases=_CHAPTER_KEYS, values=values))
            pd.testing.assert_frame_equal(crm_table(funnel, values=values),
                                          translate_frame(funnel, aliases=CRM_KEYS, values=values))
        assert label_table(funnel)[i18n.label("answers", "zh")].tolist() == [3, 4]  # the chapter's n: answers
    finally:
        i18n.set_language("en")
    assert funnel.loc["must_be", "method"] == "cold_calling"  # the original is untouched
    with pytest.raises(TypeError, match="aliases must be a mapping"):
        translate_frame(funnel, aliases=["contacts"])


def test_a_table_without_columns_keeps_its_rows() -> None:
    rows = pd.DataFrame(index=pd.Index(["must_be", "C0001"], name="feature"))
    out = translate_frame(rows, "zh")
    assert out.shape == (2, 0) and out.index.tolist() == [i18n.label("must_be", "zh"), "C0001"]
