"""Explorers of the key-account chapter (ipywidgets; each returns a displayable widget).

- :func:`discount_explorer`: margin and discount sliders → the volume needed
  to keep gross profit, on the break-even curve;
- :func:`portfolio_explorer`: weights of the attractiveness criteria and the
  two thresholds → how many accounts fall in each quadrant, and which.

Each explorer is a ``VBox`` with three extra attributes for scripts and tests:
``controls`` (dict of the input widgets), ``state`` (dict of the last result;
when drawing, also ``draws`` and ``figure_title``) and ``update()`` (recompute now). The callbacks call the tested concept
functions and redraw a :mod:`kamcourse.viz` figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from .. import i18n
from .._validate import check_fraction, check_number
from ..accounts import QUADRANTS, portfolio_quadrant, score_accounts
from ..economics import breakeven_volume_increase
from ._common import redraw as _redraw

if TYPE_CHECKING:  # ipywidgets is imported inside the explorers
    from ipywidgets import VBox

__all__ = ["discount_explorer", "portfolio_explorer"]


def _pct(x: float, digits: int = 0) -> str:
    return f"{100 * x:.{digits}f}%"




def discount_explorer(margin: float = 0.20, discount: float = 0.05, draw: bool = True) -> VBox:
    """Explore the discount break-even: how much more must we sell after a price cut? (折扣盈亏平衡)

    Two sliders, the gross margin and the discount; the text gives
    ``d / (m − d)`` (CONTENT §7; course materials: 20% margin, 5% discount →
    33% more volume) and the figure marks the point on the margin's curve.
    A discount at or above the margin shows the course's message instead of
    a number.

    Parameters
    ----------
    margin, discount : float
        Starting values (fractions).
    draw : bool
        Redraw the figure on every change (``False`` only updates the text,
        for tests and scripts).

    Returns
    -------
    ipywidgets.VBox
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
    import ipywidgets as w

    from ..viz.key_accounts import plot_breakeven

    margin = check_fraction(margin, "margin", low=0.0, high=1.0, low_open=True, high_open=True)
    discount = check_number(discount, "discount")
    if discount < 0:
        raise ValueError(f"discount must not be negative, got {discount!r}")
    m_slider = w.FloatSlider(value=margin, min=min(0.05, margin), max=max(0.60, margin), step=0.01, readout_format=".0%",
                             description=i18n.label("gross_margin"), style={"description_width": "initial"})
    d_slider = w.FloatSlider(value=discount, min=0.0, max=max(0.50, discount), step=0.01, readout_format=".0%",
                             description=i18n.label("discount"), style={"description_width": "initial"})
    text = w.HTML()
    out = w.Output()
    state: dict = {}

    def update(*_) -> None:
        m, d = float(m_slider.value), float(d_slider.value)
        state.update(margin=m, discount=d)
        try:
            inc = breakeven_volume_increase(m, d)
        except ValueError:
            state.update(increase=None, message=i18n.label("no_volume_recovers"))
            text.value = f"<b style='color:#D55E00'>{state['message']}</b>"
        else:
            msg = i18n.label("volume_needed_text").format(discount=_pct(d), margin=_pct(m), increase=_pct(inc, 1))
            state.update(increase=inc, message=msg)
            text.value = f"<b>{msg}</b>"
        if draw:
            point = (m, d) if state["increase"] is not None else None
            margins = sorted({round(m, 4), 0.2, 0.3, 0.4})
            _redraw(out, lambda: plot_breakeven(margins=margins, point=point), state)

    m_slider.observe(update, names="value")
    d_slider.observe(update, names="value")
    box = w.VBox([w.HBox([m_slider, d_slider]), text, out])
    box.controls = {"margin": m_slider, "discount": d_slider}
    box.state = state
    box.update = update
    update()
    return box


def portfolio_explorer(
    criteria: pd.DataFrame,
    weights: Mapping[str, float],
    strength: str | pd.Series,
    names: pd.Series | None = None,
    draw: bool = True,
) -> VBox:
    """Explore the key-account portfolio: weights and thresholds → four account types (大客户组合矩阵).

    Customer attractiveness is :func:`kamcourse.accounts.score_accounts` of
    the ``criteria`` columns named in ``weights`` (one slider per weight);
    the supplier's relative strength is a column of ``criteria`` or a Series.
    Two more sliders set the thresholds (start: the medians); the text counts
    the accounts per quadrant and lists the key accounts, and the matrix is
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

    Returns
    -------
    ipywidgets.VBox
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
    import ipywidgets as w

    from ..viz.key_accounts import plot_portfolio

    if isinstance(strength, str):
        from .._validate import require_columns

        require_columns(criteria, [strength], "criteria")
        strength_values = criteria[strength].astype(float)
    else:
        strength_values = pd.Series(strength, dtype=float)
    start = score_accounts(criteria, weights)  # validates the weights and columns before building widgets
    sliders = {
        col: w.FloatSlider(value=float(v), min=0.0, max=5.0, step=0.5, description=str(col),
                           style={"description_width": "initial"})
        for col, v in weights.items()
    }
    s_min, s_max = float(strength_values.min()), float(strength_values.max())
    step = (s_max - s_min) / 100 if s_max > s_min else 0.01
    t_attr = w.FloatSlider(value=float(start.median()), min=0.0, max=1.0, step=0.01,
                           description=i18n.label("attractiveness"), style={"description_width": "initial"})
    t_str = w.FloatSlider(value=float(strength_values.median()), min=s_min, max=max(s_max, s_min + step), step=step,
                          description=i18n.label("relative_strength"), style={"description_width": "initial"})
    text = w.HTML()
    out = w.Output()
    state: dict = {}

    def update(*_) -> None:
        current = {col: s.value for col, s in sliders.items()}
        if sum(current.values()) <= 0:
            text.value = f"<b style='color:#D55E00'>{i18n.label('weights_all_zero')}</b>"
            state.update(quadrants=None, counts=None, key_accounts=[])
            return
        attr = score_accounts(criteria, current)
        quad = portfolio_quadrant(attr, strength_values, threshold=(t_attr.value, t_str.value))
        counts = {q: int((quad == q).sum()) for q in QUADRANTS}
        keys = list(quad[quad == "key"].index)
        shown = [str(names.get(k, k)) if names is not None else str(k) for k in keys]
        state.update(attractiveness=attr, quadrants=quad, counts=counts, key_accounts=keys)
        rows = "".join(f"<tr><td>{i18n.label(q)}</td><td style='text-align:right'>{counts[q]}</td></tr>" for q in QUADRANTS)
        text.value = (
            f"<table>{rows}</table><p><b>{i18n.label('key')}:</b> {', '.join(shown) or '-'}</p>"
        )
        if draw:
            _redraw(out, lambda: plot_portfolio(attr, strength_values, threshold=(t_attr.value, t_str.value),
                                                labels=names), state)

    for s in (*sliders.values(), t_attr, t_str):
        s.observe(update, names="value")
    update()
    box = w.VBox([w.HBox([w.VBox(list(sliders.values())), w.VBox([t_attr, t_str])]), text, out])
    box.controls = {**{f"weight:{c}": s for c, s in sliders.items()},
                    "attractiveness_threshold": t_attr, "strength_threshold": t_str}
    box.state = state
    box.update = update
    return box
