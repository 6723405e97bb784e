"""Bilingual labels and Chinese figures without empty boxes."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from kamcourse import i18n


def test_every_glossary_entry_has_both_languages() -> None:
    assert i18n.GLOSSARY, "the glossary is empty"
    for key, entry in i18n.GLOSSARY.items():
        assert entry["en"] and entry["zh"], f"{key} lacks a translation"
        # proper names (a website, a firm) stay as they are; everything else is translated
        has_chinese = any("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in entry["zh"])
        assert has_chinese or entry["zh"] == entry["en"], f"{key}: zh text has no Chinese: {entry['zh']}"


def test_no_key_is_defined_twice_with_different_texts() -> None:
    assert i18n.GLOSSARY_CONFLICTS == []


def test_set_language_switches_labels() -> None:
    i18n.set_language("zh")
    assert i18n.get_language() == "zh"
    assert i18n.label("key_account") == "大客户"
    i18n.set_language("en")
    assert i18n.label("key_account") == "key account"


@pytest.mark.parametrize("bad", ["fr", "", "ZH", "zh_CN"])
def test_unknown_language_is_refused(bad) -> None:
    with pytest.raises(ValueError, match="language must be one of"):
        i18n.set_language(bad)


def test_unknown_key_names_close_matches() -> None:
    with pytest.raises(KeyError, match="did you mean 'key_account'"):
        i18n.label("key_acount")
    with pytest.raises(KeyError, match="unknown glossary key 'zzzz'"):
        i18n.label("zzzz")


def test_chinese_figure_has_every_glyph(tmp_path) -> None:
    """With Chinese selected, a figure with a Chinese title and ticks saves without
    'Glyph ... missing' warnings, and the font used has a glyph for every character."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    i18n.set_language("zh")
    title = i18n.label("key_account_management")
    ticks = [i18n.label(k) for k in ("customer", "revenue", "profit")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.bar(ticks, [3, 2, 1])
        ax.set_title(title)
        ax.set_ylabel(i18n.label("amount"))
        fig.savefig(tmp_path / "zh.png")
        plt.close(fig)
    glyph_warnings = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from font" in str(w.message)]
    assert not glyph_warnings, glyph_warnings
    family = matplotlib.rcParams["font.sans-serif"][0]
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    text = title + "".join(ticks) + i18n.label("amount")
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(path).get_charmap()
    missing = [ch for ch in text if ord(ch) not in charmap]
    assert not missing, f"font {family} ({path}) lacks {missing}"


def test_warns_once_with_the_fix_when_no_font(monkeypatch) -> None:
    """Where no CJK font exists, the user is told how to fix it (never silent boxes)."""
    from matplotlib import font_manager

    monkeypatch.setattr(i18n, "_font_family", None)
    monkeypatch.setattr(i18n, "_warned", False)
    monkeypatch.setattr(i18n, "CJK_FONT_CANDIDATES", ("No Such Font CJK",))
    monkeypatch.setattr(i18n, "_register_mplfonts", lambda fm: None)
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    with pytest.warns(UserWarning, match="fonts-noto-cjk"):
        i18n.set_language("zh")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        i18n.set_language("zh")  # second time: no new warning
    monkeypatch.setattr(i18n, "_font_family", None)


def test_bilingual_term() -> None:
    assert i18n.bilingual("customer") == "customer (客户)"


def test_glossary_uses_the_terms_of_the_materials_and_mainstream_textbooks() -> None:
    """Issue 12: 获客成本, 唯利是图者, 需求确认, 相互依赖型, 最近购买时间; one pattern per KAM stage model;
    one self-reference (本工具包); the course materials' aliases 衰退期 and 普通大客户 shown."""
    from kamcourse.relationship import KAM_STAGES, MCDONALD_ROGERS_STAGES

    zh = {key: i18n.label(key, "zh") for key in i18n.GLOSSARY}
    text = "\n".join(zh.values())
    for wrong in ("获取成本", "图利者", "资格审查", "互相依赖", "近度", "本教材", "本套件"):
        assert wrong not in text.replace("唯利是图者", ""), wrong
    assert zh["acquisition_cost"] == "获客成本" and zh["mercenary"] == "唯利是图者"
    assert zh["qualification"] == "需求确认" and zh["interdependent_kam"] == "相互依赖型关系"
    assert zh["recency"].startswith("最近购买时间")
    assert all(zh[s].endswith("期") for s in KAM_STAGES), [zh[s] for s in KAM_STAGES]
    assert all("型" in zh[s] for s in MCDONALD_ROGERS_STAGES), [zh[s] for s in MCDONALD_ROGERS_STAGES]
    assert "衰退期" in zh["decline"] and "普通大客户" in zh["ordinary"]
    assert "本工具包" in zh["src_kit"] and "本工具包" in zh["pm_kit_summary"]


def test_chinese_texts_use_the_glossary_terms() -> None:
    """Issue 12: the replaced terms are gone from the Chinese lessons, assignments, catalogues and guides too,
    not only from the glossary (the kit calls itself 本工具包; the pipeline stage is 需求确认; the company's data are
    模拟数据 made by the 数据生成器, one wording in every lesson)."""
    root = Path(__file__).resolve().parents[1]
    files = [*root.glob("locale/**/*.po"), *root.glob("kamcourse/**/*.po"), *root.glob("notebooks/zh/**/*.ipynb"),
             *root.glob("assignments/*_zh/*.ipynb"), *root.glob("*.zh.md"), *root.glob("docs/*.zh.md"),
             *root.glob("datasets/*.zh.md"), *root.glob("kamcourse/**/*.zh.md")]
    wrong = re.compile(r"获取成本|图利者|资格审查|互相依赖|(?<![接亲贴])近度|本教材|本套件|教学包|合成数据|数据生成程序")
    found = sorted({f"{p.relative_to(root)}: {m}" for p in files for m in wrong.findall(p.read_text(encoding="utf-8"))})
    assert len(files) > 50, f"only {len(files)} Chinese files found"
    assert not found, f"old terms (see the glossary): {found}"
