"""ipywidgets explorers for the satisfaction, loyalty and customer-development chapter.

- :func:`kano_explorer`: edit the A/O/M/I/R/Q counts of one feature and
  watch the category, Better and Worse move;
- :func:`ipa_explorer`: move the importance-performance thresholds;
- :func:`funnel_explorer`: set a budget and the rates of a prospecting method,
  see the customers won and the cost per customer.

Each is an :class:`~kamcourse.widgets.base.Explorer` (``controls``, ``state``,
``update()``, ``text``, ``output``), so the callbacks can be tested without a
browser.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from .. import i18n
from ..development import method_comparison, prospecting_funnel
from ..satisfaction import IPA_QUADRANTS, KANO_CODES, importance_performance, kano_from_counts
from ..validation import paired_series, require_columns
from ..viz.satisfaction_development import plot_funnel, plot_ipa, plot_kano
from ..viz.style import text_for
from .base import Explorer

__all__ = ["kano_explorer", "ipa_explorer", "funnel_explorer"]


def kano_explorer(counts: dict[str, int] | None = None, max_count: int = 100, draw: bool = True) -> Explorer:
    """Explore how a feature's Kano answers decide its category and coefficients (卡诺模型演示).

    One slider per category count (A, O, M, I, R, Q); the callback calls
    :func:`kamcourse.satisfaction.kano_from_counts` (tie rule M > O > A > I,
    Better = (A+O)/(A+O+M+I), Worse = -(O+M)/(A+O+M+I)) and redraws the Kano
    plot with the feature's point.

    Parameters
    ----------
    counts : dict, optional
        Starting counts, e.g. ``{"A": 12, "O": 8, "M": 3, "I": 5}``.
    max_count : int, default 100
        Slider maximum.
    draw : bool
        Redraw the figure on every change.

    Returns
    -------
    Explorer
        With ``controls`` (``"A"`` ... ``"Q"``) and ``state`` (``category``,
        ``better``, ``worse`` and ``summary``, the Series of
        :func:`~kamcourse.satisfaction.kano_from_counts`).

    Examples
    --------
    >>> box = kano_explorer({"A": 12, "O": 8, "M": 3, "I": 5}, draw=False)
    >>> box.state["category"]
    'attractive'
    >>> box.controls["M"].value = 20
    >>> box.state["category"], round(box.state["worse"], 2)
    ('must_be', -0.62)
    """
    start = {"A": 12, "O": 8, "M": 3, "I": 5, "R": 1, "Q": 1} if counts is None else dict(counts)
    controls = {
        code: w.IntSlider(value=int(start.get(code, 0)), min=0, max=max_count,
                          description=f"{code}: {i18n.label(cat)}", style={"description_width": "150px"})
        for cat, code in KANO_CODES.items()
    }

    def compute() -> tuple[dict, str]:
        values = {k: c.value for k, c in controls.items()}
        if sum(values.values()) == 0:
            values["I"] = 1  # an empty questionnaire: show an indifferent point rather than fail
        r = kano_from_counts(values)
        html = (
            f"<b>{i18n.label('kano_category')}: {i18n.label(r['category'])}</b> &nbsp; "
            f"{i18n.label('better')} = {r['better']:.2f} &nbsp; {i18n.label('worse')} = {r['worse']:.2f}"
        )
        return {"summary": r, "category": r["category"], "better": r["better"], "worse": r["worse"]}, html

    def figure(state: dict):
        frame = pd.DataFrame([{"better": state["better"], "worse": state["worse"], "category": state["category"]}],
                             index=[i18n.label("feature")])
        return plot_kano(frame)

    return Explorer(controls, compute, figure, draw=draw)


def ipa_explorer(importance: Any, performance: Any, draw: bool = True) -> Explorer:
    """Explore the importance-performance grid: move where "high" begins (IPA 演示).

    Choose the thresholds as the mean, the median or a fixed value; the
    callback calls :func:`kamcourse.satisfaction.importance_performance` and
    redraws :func:`kamcourse.viz.plot_ipa`.

    Parameters
    ----------
    importance, performance : Series of numbers
        One value per attribute (e.g. the means from
        :func:`kamcourse.satisfaction.attribute_summary`).
    draw : bool
        Redraw the figure on every change.

    Returns
    -------
    Explorer
        With ``controls`` (``"importance_mode"``, ``"importance_value"``,
        ``"performance_mode"``, ``"performance_value"``) and ``state``
        (``quadrants``: the quadrant of each attribute; ``thresholds``).

    Examples
    --------
    >>> imp = pd.Series({"product_quality": 6.5, "delivery_reliability": 6.0, "ordering_ease": 4.0})
    >>> perf = pd.Series({"product_quality": 6.0, "delivery_reliability": 4.5, "ordering_ease": 5.5})
    >>> box = ipa_explorer(imp, perf, draw=False)
    >>> box.state["quadrants"]["delivery_reliability"]
    'concentrate_here'
    >>> box.controls["performance_mode"].value = "fixed"
    >>> box.controls["performance_value"].value = 4.0
    >>> box.state["quadrants"]["delivery_reliability"]
    'keep_up'
    """
    imp, perf = paired_series(importance, performance, "importance", "performance")
    lo = float(min(imp.min(), perf.min()))
    hi = float(max(imp.max(), perf.max()))
    modes = [(i18n.label(f"threshold_{m}"), m) for m in ("mean", "median", "fixed")]
    style = {"description_width": "150px"}
    controls = {
        "importance_mode": w.Dropdown(options=modes, value="mean", description=i18n.label("importance"), style=style),
        "importance_value": w.FloatSlider(value=float(imp.mean()), min=lo, max=hi, step=0.05,
                                          description=i18n.label("importance"), style=style),
        "performance_mode": w.Dropdown(options=modes, value="mean", description=i18n.label("performance"), style=style),
        "performance_value": w.FloatSlider(value=float(perf.mean()), min=lo, max=hi, step=0.05,
                                           description=i18n.label("performance"), style=style),
    }

    def thresholds() -> tuple[Any, Any]:
        ti = controls["importance_mode"].value
        tp = controls["performance_mode"].value
        return (
            controls["importance_value"].value if ti == "fixed" else ti,
            controls["performance_value"].value if tp == "fixed" else tp,
        )

    def compute() -> tuple[dict, str]:
        ti, tp = thresholds()
        q = importance_performance(imp, perf, ti, tp)
        counts = q.value_counts()
        html = " &nbsp; ".join(
            f"{i18n.label(k)}: {int(counts.get(k, 0))}" for k in IPA_QUADRANTS
        )
        return {"quadrants": q, "thresholds": (ti, tp)}, html

    return Explorer(controls, compute, lambda state: plot_ipa(imp, perf, *state["thresholds"]), draw=draw)


def funnel_explorer(
    comparison: pd.DataFrame | None = None,
    prospects: pd.DataFrame | None = None,
    budget: float = 100_000.0,
    margin: float = 1.0,
    draw: bool = True,
) -> Explorer:
    """Explore prospecting economics: budget and rates per method -> customers, cost per customer.

    Pick a method: the sliders start from its measured cost per contact,
    qualification rate, win rate and revenue per customer (from
    :func:`kamcourse.development.method_comparison`); move them and the budget
    and the callback recomputes :func:`kamcourse.development.prospecting_funnel`.

    Parameters
    ----------
    comparison : pandas.DataFrame, optional
        A method comparison table. Built from ``prospects`` if not given.
    prospects : pandas.DataFrame, optional
        The prospects table (used when ``comparison`` is None).
    budget : float, default 100000
        Starting budget.
    margin : float, default 1.0
        Gross margin on first-year revenue for the ROI.
    draw : bool
        Redraw the figure on every change.

    Returns
    -------
    Explorer
        With ``controls`` (``"method"``, ``"budget"``, ``"cost_per_contact"``,
        ``"qualification_rate"``, ``"win_rate"``, ``"revenue_per_customer"``)
        and ``state`` (``method`` and ``funnel``, the one-row funnel table).

    Examples
    --------
    >>> c = pd.DataFrame({"cost_per_contact": [100.0, 400.0], "qualification_rate": [0.5, 0.4],
    ...                   "win_rate": [0.4, 0.2], "revenue_per_customer": [30_000.0, 20_000.0]},
    ...                  index=["referral_chain", "trade_shows"])
    >>> box = funnel_explorer(c, budget=10_000, draw=False)
    >>> float(box.state["funnel"].loc["referral_chain", "customers"])
    20.0
    >>> box.controls["method"].value = "trade_shows"
    >>> float(box.state["funnel"].loc["trade_shows", "customers"])
    2.0
    """
    if comparison is None:
        if prospects is None:
            raise ValueError("funnel_explorer needs comparison or prospects")
        comparison = method_comparison(prospects, margin=margin)
    needed = ["cost_per_contact", "qualification_rate", "win_rate", "revenue_per_customer"]
    require_columns(comparison, needed, "comparison")
    table = comparison[needed].dropna()
    if len(table) == 0:
        raise ValueError("comparison has no method with measured rates")
    controls = _funnel_controls(table, budget)

    def compute() -> tuple[dict, str]:
        c = controls
        f = prospecting_funnel(
            budget=pd.Series({c["method"].value: c["budget"].value}),
            cost_per_contact=c["cost_per_contact"].value,
            qualification_rate=c["qualification_rate"].value,
            win_rate=c["win_rate"].value,
            revenue_per_customer=c["revenue_per_customer"].value,
            margin=margin,
        )
        row = f.iloc[0]
        html = (
            f"<b>{i18n.label('won_customers')}: {row['customers']:,.1f}</b> &nbsp; "
            f"{i18n.label('cost_per_customer')}: {row['cost_per_customer']:,.0f} &nbsp; "
            f"{i18n.label('roi')}: {100 * row['roi']:.0f}%"
        )
        return {"method": c["method"].value, "funnel": f}, html

    box = Explorer(controls, compute, lambda state: plot_funnel(state["funnel"]), draw=draw,
                   watch=[name for name in controls if name != "method"])

    def on_method(change: Any) -> None:
        with box.hold():  # load the measured rates of the chosen method, then recompute once
            for name in needed:
                controls[name].value = float(table.loc[change["new"], name])

    controls["method"].observe(on_method, names="value")
    return box


def _funnel_controls(table: pd.DataFrame, budget: float) -> dict[str, Any]:
    """The method picker, the budget and the four rates of :func:`funnel_explorer`, starting at the first method."""
    style = {"description_width": "170px"}
    first = table.index[0]
    max_cpc = float(table["cost_per_contact"].max()) * 3
    max_rev = float(table["revenue_per_customer"].max()) * 2
    return {
        "method": w.Dropdown(options=[(text_for(m), m) for m in table.index], value=first,
                             description=i18n.label("prospecting_method"), style=style),
        "budget": w.FloatSlider(value=float(budget), min=1_000.0, max=max(float(budget) * 5, 10_000.0), step=1_000.0,
                                description=i18n.label("budget"), style=style, readout_format=",.0f"),
        "cost_per_contact": w.FloatSlider(value=float(table.loc[first, "cost_per_contact"]), min=1.0, max=max_cpc,
                                          step=1.0, description=i18n.label("cost_per_contact"), style=style),
        "qualification_rate": w.FloatSlider(value=float(table.loc[first, "qualification_rate"]), min=0.0, max=1.0,
                                            step=0.01, description=i18n.label("qualification_rate"), style=style),
        "win_rate": w.FloatSlider(value=float(table.loc[first, "win_rate"]), min=0.0, max=1.0, step=0.01,
                                  description=i18n.label("win_rate"), style=style),
        "revenue_per_customer": w.FloatSlider(value=float(table.loc[first, "revenue_per_customer"]), min=0.0,
                                              max=max_rev, step=100.0, description=i18n.label("first_year_revenue"),
                                              style=style, readout_format=",.0f"),
    }
