"""Explorers of the key-account chapter (ipywidgets; each returns a displayable widget).

- :func:`discount_explorer`: margin and discount sliders → the volume needed
  to keep gross profit, on the break-even curve;
- :func:`portfolio_explorer`: weights of the attractiveness criteria and the
  two thresholds → how many accounts fall in each quadrant, and which.

Each is an :class:`~kamcourse.widgets.base.Explorer` (``controls``, ``state``,
``update()``, ``text``, ``output``); the callbacks call the tested concept
functions and redraw a :mod:`kamcourse.viz` figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ipywidgets as w
import pandas as pd

from .. import i18n
from ..accounts import QUADRANTS, portfolio_quadrant, score_accounts
from ..economics import breakeven_volume_increase
from ..validation import check_fraction, check_number, require_columns
from ..viz.key_accounts import plot_breakeven, plot_portfolio
from ..viz.style import percent_text, text_for
from .base import Explorer

__all__ = ["discount_explorer", "portfolio_explorer", "REFERENCE_MARGINS"]

#: Width of the portfolio explorer's sliders: room for a long label and a track of about 250 px.
SLIDER_WIDTH = "440px"

#: The gross margins the discount explorer always draws (course materials' 20%, and 30%, 40%), in fixed colours.
REFERENCE_MARGINS: tuple[float, ...] = (0.2, 0.3, 0.4)


def discount_explorer(margin: float = 0.20, discount: float = 0.05, draw: bool = True) -> Explorer:
    """Explore the discount break-even: how much more must we sell after a price cut? (折扣盈亏平衡)

    Two sliders, the gross margin and the discount; the text gives
    ``d / (m − d)`` (pricing arithmetic; course materials: 20% margin, 5% discount →
    33% more volume) and the figure marks the point on the margin's curve.
    A discount at or above the margin shows the course's message instead of
    a number. The curves of 20%, 30% and 40% keep their colours whatever the
    slider's margin (drawn last, in a colour of its own); the x axis runs to
    the discount slider's end and the y axis grows so the point stays on the chart.

    Parameters
    ----------
    margin, discount : float
        Starting values (fractions).
    draw : bool
        Redraw the figure on every change (``False`` only updates the text,
        for tests and scripts).

    Returns
    -------
    Explorer
        With ``controls`` (``"margin"``, ``"discount"``), ``state``
        (``margin``, ``discount``, ``increase`` or None, ``message``) and ``update()``.

    Raises
    ------
    ValueError, TypeError
        If the starting ``margin`` is outside (0, 1) or ``discount`` is negative.
        A discount at or above the margin does not raise: the text explains it instead.

    Examples
    --------
    >>> box = discount_explorer(draw=False)
    >>> round(box.state["increase"], 4)
    0.3333
    >>> box.controls["discount"].value = 0.25
    >>> box.state["increase"] is None
    True
    """
    margin = check_fraction(margin, "margin", low=0.0, high=1.0, low_open=True, high_open=True)
    discount = check_number(discount, "discount", low=0)
    style = {"description_width": "initial"}
    controls = {
        "margin": w.FloatSlider(value=margin, min=min(0.05, margin), max=max(0.60, margin), step=0.01,
                                readout_format=".0%", description=i18n.label("gross_margin"), style=style),
        "discount": w.FloatSlider(value=discount, min=0.0, max=max(0.50, discount), step=0.01, readout_format=".0%",
                                  description=i18n.label("discount"), style=style),
    }

    def compute() -> tuple[dict, str]:
        m, d = float(controls["margin"].value), float(controls["discount"].value)
        try:
            inc = breakeven_volume_increase(m, d)
        except ValueError:
            msg = i18n.label("no_volume_recovers")
            return {"margin": m, "discount": d, "increase": None, "message": msg}, f"<b style='color:#D55E00'>{msg}</b>"
        msg = i18n.label("volume_needed_text").format(discount=percent_text(d), margin=percent_text(m),
                                                      increase=percent_text(inc, 1))
        return {"margin": m, "discount": d, "increase": inc, "message": msg}, f"<b>{msg}</b>"

    def figure(state: dict):
        point = (state["margin"], state["discount"]) if state["increase"] is not None else None
        # the course's margins keep their colours; the slider's margin comes last, in a colour of its own
        margins = [*REFERENCE_MARGINS, *([state["margin"]] if round(state["margin"], 4) not in REFERENCE_MARGINS else [])]
        top = max(3.0, 1.25 * state["increase"]) if state["increase"] is not None else 3.0  # the point stays on the chart
        return plot_breakeven(margins=margins, point=point, max_increase=top,
                              max_discount=float(controls["discount"].max))

    return Explorer(controls, compute, figure, layout=[w.HBox(list(controls.values()))], draw=draw)


def portfolio_explorer(
    criteria: pd.DataFrame,
    weights: Mapping[str, float],
    strength: str | pd.Series,
    names: pd.Series | None = None,
    draw: bool = True,
    *,
    lower_is_better: Iterable[str] = (),
) -> Explorer:
    """Explore the key-account portfolio: weights and thresholds → four account types (大客户组合矩阵).

    Customer attractiveness is :func:`kamcourse.accounts.score_accounts` of
    the ``criteria`` columns named in ``weights`` (one slider per weight;
    ``lower_is_better`` as for ``score_accounts``, e.g. payment days);
    the supplier's relative strength is a column of ``criteria`` or a Series.
    Two more sliders set the thresholds, starting exactly at the medians, so
    that before anything is moved the explorer shows the same quadrants as
    ``portfolio_quadrant(score_accounts(criteria, weights, lower_is_better=...), strength)``
    and :func:`kamcourse.viz.plot_portfolio` of them. The text counts the
    accounts per quadrant and lists the key accounts, and the matrix is
    redrawn (:func:`kamcourse.accounts.portfolio_quadrant`).

    Parameters
    ----------
    criteria : pandas.DataFrame
        One row per account, numeric criteria columns.
    weights : dict
        Starting weights of the attractiveness criteria ``{column: weight}``.
    strength : str or pandas.Series
        Column of ``criteria`` holding the relative strength, or a Series by account.
    names : pandas.Series, optional
        Display names by account id (for the list and the figure).
    draw : bool
        Redraw the figure on every change.
    lower_is_better : iterable of str
        Weighted columns where a smaller value is more attractive.

    Returns
    -------
    Explorer
        With ``controls`` (``"weight:<column>"``, ``"attractiveness_threshold"``,
        ``"strength_threshold"``), ``state`` (``quadrants`` Series, ``counts``
        dict, ``key_accounts`` list) and ``update()``.

    Raises
    ------
    ValueError, TypeError
        As :func:`kamcourse.accounts.score_accounts` for bad weights or columns,
        or if ``strength`` names a column that ``criteria`` lacks. All weights
        set to zero with the sliders shows a message instead of raising.

    Examples
    --------
    >>> df = pd.DataFrame({"revenue": [9, 8, 2, 1], "growth": [1, 0, 1, 0], "share": [7, 1, 9, 2]},
    ...                   index=["A", "B", "C", "D"])
    >>> box = portfolio_explorer(df, {"revenue": 1}, strength="share", draw=False)
    >>> box.state["counts"]
    {'key': 1, 'key_development': 1, 'maintenance': 1, 'opportunistic': 1}
    """
    if isinstance(strength, str):
        require_columns(criteria, [strength], "criteria")
        strength_values = criteria[strength].astype(float)
    else:
        strength_values = pd.Series(strength, dtype=float)
    lower = [lower_is_better] if isinstance(lower_is_better, str) else list(lower_is_better)
    # validates the weights and columns before building widgets
    start = score_accounts(criteria, weights, lower_is_better=lower)
    sliders, thresholds = _portfolio_controls(weights, float(start.median()), strength_values)
    controls = {**sliders, **thresholds}

    def threshold() -> tuple[float, float]:
        return thresholds["attractiveness_threshold"].value, thresholds["strength_threshold"].value

    def compute() -> tuple[dict, str]:
        current = {key.split(":", 1)[1]: s.value for key, s in sliders.items()}
        if sum(current.values()) <= 0:
            no_weights = {"attractiveness": None, "quadrants": None, "counts": None, "key_accounts": []}
            return no_weights, f"<b style='color:#D55E00'>{i18n.label('weights_all_zero')}</b>"
        attr = score_accounts(criteria, current, lower_is_better=lower)
        quad = portfolio_quadrant(attr, strength_values, threshold=threshold())
        counts = {q: int((quad == q).sum()) for q in QUADRANTS}
        keys = list(quad[quad == "key"].index)
        shown = [str(names.get(k, k)) if names is not None else str(k) for k in keys]
        rows = "".join(f"<tr><td>{i18n.label(q)}</td><td style='text-align:right'>{counts[q]}</td></tr>" for q in QUADRANTS)
        html = f"<table>{rows}</table><p><b>{i18n.label('key')}:</b> {', '.join(shown) or '-'}</p>"
        return {"attractiveness": attr, "quadrants": quad, "counts": counts, "key_accounts": keys}, html

    def figure(state: dict):
        if state["attractiveness"] is None:
            return None
        return plot_portfolio(state["attractiveness"], strength_values, threshold=threshold(), labels=names)

    layout = [w.HBox([w.VBox(list(sliders.values())), w.VBox(list(thresholds.values()))],
                     layout=w.Layout(flex_flow="row wrap"))]
    return Explorer(controls, compute, figure, layout=layout, draw=draw)


def _portfolio_controls(
    weights: Mapping[str, float], attractiveness_median: float, strength: pd.Series
) -> tuple[dict[str, w.FloatSlider], dict[str, w.FloatSlider]]:
    """The weight sliders and the two threshold sliders (starting at the medians) of :func:`portfolio_explorer`."""
    style = {"description_width": "initial"}
    wide = {"style": style, "layout": w.Layout(width=SLIDER_WIDTH)}  # long labels leave the track its length
    sliders = {
        f"weight:{col}": w.FloatSlider(value=float(v), min=0.0, max=5.0, step=0.5, description=text_for(col), **wide)
        for col, v in weights.items()
    }
    s_min, s_max = float(strength.min()), float(strength.max())
    step = (s_max - s_min) / 100 if s_max > s_min else 0.01
    thresholds = {
        "attractiveness_threshold": w.FloatSlider(value=attractiveness_median, min=0.0, max=1.0, step=0.01,
                                                  description=i18n.label("attractiveness"), **wide),
        "strength_threshold": w.FloatSlider(value=float(strength.median()), min=s_min, max=max(s_max, s_min + step),
                                            step=step, description=i18n.label("relative_strength"), **wide),
    }
    return sliders, thresholds
