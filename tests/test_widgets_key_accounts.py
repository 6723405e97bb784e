"""Tests for the key-account explorers: the callbacks, driven by changing the controls."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from kamcourse import i18n
from kamcourse.widgets.key_accounts import discount_explorer, portfolio_explorer


def test_discount_explorer_course_example() -> None:
    """Course materials: 20% margin, 5% discount -> 33% more volume."""
    box = discount_explorer(draw=False)
    assert box.state["increase"] == pytest.approx(1 / 3)
    assert "33.3%" in box.children[1].value


def test_discount_explorer_follows_the_sliders() -> None:
    box = discount_explorer(draw=False)
    box.controls["margin"].value = 0.30
    box.controls["discount"].value = 0.10
    assert box.state["increase"] == pytest.approx(0.5)
    assert "50.0%" in box.state["message"]


def test_discount_at_or_above_margin_shows_the_message() -> None:
    box = discount_explorer(draw=False)
    box.controls["discount"].value = 0.20  # equals the margin
    assert box.state["increase"] is None
    assert box.state["message"] == i18n.label("no_volume_recovers")
    assert "No volume recovers" in box.children[1].value
    box.controls["discount"].value = 0.10  # and it recovers
    assert box.state["increase"] == pytest.approx(1.0)


def test_discount_explorer_redraws_the_figure() -> None:
    box = discount_explorer()
    assert box.state["draws"] == 1 and box.state["figure_title"] == i18n.label("breakeven_title")
    box.controls["discount"].value = 0.30  # no point to mark: still draws, no error
    assert box.state["draws"] == 2 and box.state["increase"] is None


def test_discount_explorer_start_values() -> None:
    box = discount_explorer(margin=0.9, discount=0.6, draw=False)  # outside the usual slider ranges
    assert box.controls["margin"].value == 0.9 and box.state["increase"] == pytest.approx(2.0)
    with pytest.raises(ValueError, match=r"margin must be in \(0, 1\)"):
        discount_explorer(margin=1.2, draw=False)
    with pytest.raises(ValueError, match="discount must not be negative"):
        discount_explorer(discount=-0.1, draw=False)


def test_discount_explorer_in_chinese() -> None:
    i18n.set_language("zh")
    box = discount_explorer(draw=False)
    assert "毛利" in box.state["message"] and box.controls["margin"].description == "毛利率"


@pytest.fixture
def criteria() -> pd.DataFrame:
    return pd.DataFrame(
        {"revenue": [9, 8, 2, 1, 5], "growth": [0.0, 1.0, 1.0, 0.0, 0.5], "share": [7, 1, 9, 2, 5]},
        index=["A", "B", "C", "D", "E"],
    )


def test_portfolio_explorer_counts_and_key_list(criteria) -> None:
    box = portfolio_explorer(criteria, {"revenue": 1}, strength="share", names=pd.Series({"A": "Alpha"}), draw=False)
    assert box.state["counts"] == {"key": 2, "key_development": 1, "maintenance": 1, "opportunistic": 1}
    assert box.state["key_accounts"] == ["A", "E"]
    assert "Alpha" in box.children[1].value


def test_portfolio_explorer_thresholds_move_accounts(criteria) -> None:
    box = portfolio_explorer(criteria, {"revenue": 1}, strength="share", draw=False)
    box.controls["strength_threshold"].value = 8
    assert box.state["key_accounts"] == []
    box.controls["strength_threshold"].value = 1
    box.controls["attractiveness_threshold"].value = 0.0
    assert box.state["counts"]["key"] == 5


def test_portfolio_explorer_weights_change_attractiveness(criteria) -> None:
    box = portfolio_explorer(criteria, {"revenue": 1, "growth": 0}, strength="share", draw=False)
    before = box.state["attractiveness"].copy()
    box.controls["weight:revenue"].value = 0
    box.controls["weight:growth"].value = 1
    assert box.state["attractiveness"]["C"] == pytest.approx(1.0) and before["C"] < 0.2
    box.controls["weight:growth"].value = 0  # all weights zero: a message, no crash
    assert box.state["counts"] is None
    assert i18n.label("weights_all_zero") in box.children[1].value


def test_portfolio_explorer_redraws_and_validates(criteria) -> None:
    box = portfolio_explorer(criteria, {"revenue": 1}, strength=criteria["share"])
    assert box.state["draws"] == 1 and box.state["figure_title"] == i18n.label("portfolio_matrix")
    box.controls["strength_threshold"].value = 3
    assert box.state["draws"] == 2
    with pytest.raises(ValueError, match="missing column"):
        portfolio_explorer(criteria, {"profit": 1}, strength="share", draw=False)
    with pytest.raises(ValueError, match="missing column"):
        portfolio_explorer(criteria, {"revenue": 1}, strength="wallet", draw=False)


# --------------------------------------------------------------------------- issue 21: the explorers' defects


def test_discount_point_stays_on_the_chart_and_the_axis_reaches_the_slider_end() -> None:
    """Every (margin, discount) the sliders can reach: the point is inside the axes, x runs to the slider's 50%."""
    import matplotlib.pyplot as plt

    box = discount_explorer(draw=False)
    discount = box.controls["discount"]
    for m in (0.05, 0.2, 0.33, 0.5, 0.6):
        for d in (0.0, 0.04, 0.19, 0.31, 0.49):
            with box.hold():
                box.controls["margin"].value, discount.value = m, d
            ax = box._figure(box.state)
            assert ax.get_xlim()[1] == pytest.approx(discount.max, rel=0.05)  # matches the slider, not 30% of it
            if box.state["increase"] is not None:
                assert box.state["increase"] <= ax.get_ylim()[1], (m, d)
                assert d <= ax.get_xlim()[1]
            plt.close(ax.figure)


def test_discount_curve_colours_do_not_move_with_the_margin() -> None:
    """The 20%, 30% and 40% curves keep their colours whatever the slider's margin (they used to swap)."""
    import matplotlib.pyplot as plt

    box = discount_explorer(draw=False)
    seen = {}
    for m in (0.05, 0.25, 0.35, 0.45, 0.3):
        box.controls["margin"].value = m
        ax = box._figure(box.state)
        colours = {line.get_label(): line.get_color() for line in ax.lines}
        for label, colour in colours.items():
            assert seen.setdefault(label, colour) == colour or label == i18n.label("margin_is").format(
                pct=f"{100 * m:.0f}%"), label
        assert len(set(colours.values())) == len(colours)  # one colour per curve
        plt.close(ax.figure)
    reference = [i18n.label("margin_is").format(pct=f"{100 * r:.0f}%") for r in (0.2, 0.3, 0.4)]
    assert len({seen[r] for r in reference}) == 3


def _lesson_01_namespace(folder: str) -> dict:
    """Run lesson 01's code cells up to its portfolio explorer, as the lesson does (no display)."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / folder / "01_key_accounts.ipynb"
    cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    namespace: dict = {}
    for cell in cells:
        source = "".join(cell["source"])
        if cell["id"] == "portfolio-explorer":
            *body, last = source.rstrip().splitlines()
            exec("\n".join(body), namespace)  # noqa: S102 - the lesson's own code
            namespace["explorer"] = eval(last, namespace)  # noqa: S307
            return namespace
        if cell["id"].endswith("-plot"):
            continue  # figures: not needed for the comparison
        exec(source, namespace)  # noqa: S102
    raise AssertionError("lesson 01 has no portfolio-explorer cell")


@pytest.mark.parametrize("folder", ["notebooks", "notebooks/zh"])
def test_lesson_01_portfolio_explorer_starts_where_the_static_matrix_is(folder: str) -> None:
    """Issue 21: before anything is touched, all 60 accounts sit in the quadrant of the static matrix above it,
    and the thresholds are the medians (0.41 for attractiveness, with payment days counted lower-is-better);
    in the English and the Chinese lesson."""
    from kamcourse import accounts

    ns = _lesson_01_namespace(folder)
    box, attractiveness, strength = ns["explorer"], ns["attractiveness"], ns["strength"]
    static = accounts.portfolio_quadrant(attractiveness, strength)  # what viz.plot_portfolio draws
    assert len(static) == 60
    assert box.state["quadrants"].reindex(static.index).tolist() == static.tolist()
    assert box.controls["attractiveness_threshold"].value == pytest.approx(attractiveness.median(), abs=1e-12)
    assert box.controls["strength_threshold"].value == pytest.approx(strength.median(), abs=1e-12)
    assert round(attractiveness.median(), 2) == 0.41
    # payment terms count as better when shorter: moving that weight up lowers long-term accounts' scores
    longest = ns["criteria"]["payment_terms_days"].idxmax()
    before = box.state["attractiveness"][longest]
    box.controls["weight:payment_terms_days"].value = 5
    assert box.state["attractiveness"][longest] < before


def test_portfolio_sliders_are_long_enough_and_labelled() -> None:
    """Lesson 01's threshold sliders were about 40 px long: every slider now has a fixed width and a glossary label."""
    df = pd.DataFrame({"revenue": [9, 8, 2, 1], "payment_terms_days": [30, 60, 90, 45], "share": [7, 1, 9, 2]},
                      index=["A", "B", "C", "D"])
    box = portfolio_explorer(df, {"revenue": 1, "payment_terms_days": 1}, strength="share", draw=False,
                             lower_is_better=["payment_terms_days"])
    for slider in box.controls.values():
        assert slider.layout.width and int(slider.layout.width.removesuffix("px")) >= 400
        assert slider.style.description_width == "initial"
    assert box.controls["weight:payment_terms_days"].description == i18n.label("payment_terms_days")
