"""Figures of the satisfaction, loyalty and customer-development chapter.

Kano plot, Kano answer bars, importance-performance grid, the
satisfaction-loyalty curve with its zones, the seven-indicator dashboard, the
prospecting funnel, the method comparison and the opportunity pipeline. One
function per figure, each takes ``ax=None`` and returns the Axes; every word
shown comes from :mod:`kamcourse.i18n`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .. import i18n
from ..satisfaction import _pair, _threshold, importance_performance
from ._style import PALETTE, finish, new_axes, percent_axis

__all__ = [
    "KANO_COLORS",
    "label_table",
    "plot_kano",
    "plot_kano_counts",
    "plot_ipa",
    "plot_satisfaction_loyalty",
    "plot_funnel",
    "plot_method_comparison",
    "plot_indicators",
    "plot_pipeline",
]

#: Colours of the Kano categories and other keys of this chapter.
KANO_COLORS: dict[str, str] = {
    "attractive": PALETTE[2],
    "one_dimensional": PALETTE[0],
    "must_be": PALETTE[3],
    "indifferent": "#999999",
    "reverse": PALETTE[4],
    "questionable": "#CCCCCC",
    "keep_up": PALETTE[2],
    "concentrate_here": PALETTE[3],
    "low_priority": "#999999",
    "possible_overkill": PALETTE[1],
    "defection": "#F4C7B8",
    "indifference": "#F2F2F2",
    "affection": "#CDEBDD",
}


def _text(key: Any) -> str:
    """The glossary label of ``key`` if it has one, else the key itself."""
    return i18n.label(key) if isinstance(key, str) and key in i18n.GLOSSARY else str(key)


# Column names of this chapter's tables whose general glossary word would mislead here
# (a funnel's "contacts" are prospects contacted, not contact persons).
_CHAPTER_KEYS = {
    "contacts": "funnel_contacts",
    "customers": "won_customers",
    "cost": "prospecting_cost",
    "open": "open_deals",
    "closed": "closed_deals",
    "won": "won_deals",
    "surveys": "surveys_answered",
    "n": "answers",
    "strength": "category_strength",
    "category": "kano_category",
    "functional": "kano_functional",
    "dysfunctional": "kano_dysfunctional",
    "revenue_per_customer": "first_year_revenue_per_customer",
    "name": "method_name",
    "method": "prospecting_method",
    "status": "source_status",
    "sourced": "pm_sourced",
    "kit_summary": "pm_kit_summary",
}


def label_table(table: Any, values: bool = True) -> Any:
    """Return a copy of a table of this chapter with every key shown in the current language.

    Column names, index labels and the index name that are glossary keys are
    replaced by :func:`kamcourse.i18n.label`; with ``values=True`` so are text
    cells (e.g. ``"must_be"`` -> "must-be" / "必备型"). Other labels (numbers,
    customer ids) stay as they are. For display only: compute on the original.

    Parameters
    ----------
    table : pandas.DataFrame or Series
    values : bool, default True
        Also translate text cells that are glossary keys.

    Returns
    -------
    pandas.DataFrame or Series

    Examples
    --------
    >>> t = pd.DataFrame({"category": ["must_be"], "better": [0.2]}, index=pd.Index(["on_time_delivery"], name="feature"))
    >>> label_table(t)
                      Kano category  Better (satisfaction coefficient)
    feature
    on-time delivery        must-be                                0.2
    """

    def lab(x: Any) -> Any:
        if isinstance(x, str):
            key = _CHAPTER_KEYS.get(x, x)
            if key in i18n.GLOSSARY:
                return i18n.label(key)
        return x

    out = table.copy()
    if values:
        if isinstance(out, pd.Series):
            if out.dtype == object or pd.api.types.is_string_dtype(out):
                out = out.map(lab)
        else:
            for col in out.columns:
                if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
                    out[col] = out[col].map(lab)
    out = out.rename(index=lab)
    if isinstance(out, pd.DataFrame):
        out = out.rename(columns=lab)
        out.columns.name = lab(out.columns.name)
    else:
        out.name = lab(out.name)
    out.index.name = lab(out.index.name)
    return out


def plot_kano(table: pd.DataFrame, threshold: float = 0.5, ax: Axes | None = None) -> Axes:
    """Kano plot: Better against |Worse| with the four quadrants (卡诺二维分析图).

    Each feature is a point at (|Worse|, Better) (Berger et al. 1993). Split at
    ``threshold`` (0.5 is the usual reading of "strong"), the quadrants are
    attractive (high Better, low |Worse|), one-dimensional (both high),
    must-be (high |Worse|, low Better) and indifferent (both low). Points
    are coloured by the category of :func:`kamcourse.satisfaction.kano_table`.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`kamcourse.satisfaction.kano_table` (columns
        ``better``, ``worse``, ``category``; index = feature).
    threshold : float, default 0.5
        Where the quadrant lines are drawn.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> t = pd.DataFrame({"better": [0.8, 0.3], "worse": [-0.2, -0.9],
    ...                   "category": ["attractive", "must_be"]}, index=["tracking", "stock"])
    >>> ax = plot_kano(t)
    >>> ax.get_xlabel()
    '|Worse| (dissatisfaction coefficient)'
    """
    from .._validate import require_columns

    require_columns(table, ["better", "worse", "category"], "table")
    ax = new_axes(ax)
    for x0, y0, key in ((0, 1, "attractive"), (1, 1, "one_dimensional"), (1, 0, "must_be"), (0, 0, "indifferent")):
        ax.text(
            0.02 if x0 == 0 else 0.98, 0.98 if y0 == 1 else 0.02, i18n.label(key),
            transform=ax.transAxes, ha="left" if x0 == 0 else "right", va="top" if y0 == 1 else "bottom",
            color=KANO_COLORS[key], fontsize=12, fontweight="bold", alpha=0.8,
        )
    ax.axvline(threshold, color="grey", lw=1, ls="--")
    ax.axhline(threshold, color="grey", lw=1, ls="--")
    placed: list[tuple[float, float]] = []
    rows = table[np.isfinite(table["better"].astype(float)) & np.isfinite(table["worse"].astype(float))]
    for feature, row in rows.sort_values("better", ascending=False).iterrows():
        x, y = abs(row["worse"]), row["better"]
        category = row["category"]
        off_category = category in ("reverse", "questionable")  # Better/Worse ignore R and Q answers
        ax.scatter([x], [y], s=70, color=KANO_COLORS.get(category, PALETTE[0]), zorder=3,
                   edgecolor="white", marker="X" if off_category else "o")
        text = _text(feature) + (f" ({i18n.label(category)})" if off_category else "")
        crowded = any(abs(x - px) < 0.25 and abs(y - py) < 0.05 for px, py in placed)
        ax.annotate(text, (x, y), xytext=(6, -12 if crowded else 4), textcoords="offset points", fontsize=9)
        placed.append((x, y))
    ax.set_xlim(-0.02, 1.05)
    ax.set_ylim(-0.02, 1.05)
    return finish(ax, title="kano_plot_title", xlabel="worse_abs", ylabel="better")


def plot_kano_counts(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked bars of the Kano answers per feature (卡诺问卷各类别回答数).

    Shows how clear-cut each classification is: one dominant colour is a
    clear category, similar bars a near tie (then M > O > A > I decides).

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`kamcourse.satisfaction.kano_table` (columns A, O, M, I, R, Q).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> t = pd.DataFrame({"A": [5, 0], "O": [2, 3], "M": [0, 6], "I": [2, 0], "R": [0, 1], "Q": [1, 0]},
    ...                  index=["tracking", "stock"])
    >>> ax = plot_kano_counts(t)
    >>> len(ax.patches)
    12
    """
    from .._validate import require_columns
    from ..satisfaction import KANO_CODES

    require_columns(table, list("AOMIRQ"), "table")
    ax = new_axes(ax)
    y = np.arange(len(table))
    left = np.zeros(len(table))
    for category, code in KANO_CODES.items():
        values = table[code].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=KANO_COLORS[category], label=i18n.label(category),
                edgecolor="white")
        left += values
    ax.set_yticks(y, [_text(f) for f in table.index])
    ax.invert_yaxis()
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3)
    return finish(ax, title="kano_counts_title", xlabel="answers")


def plot_ipa(
    importance: Any,
    performance: Any,
    importance_threshold: Any = "mean",
    performance_threshold: Any = "mean",
    ax: Axes | None = None,
) -> Axes:
    """Importance-performance grid (重要性-绩效矩阵, Martilla & James 1977).

    Performance on the x axis, importance on the y axis, split at the
    thresholds of :func:`kamcourse.satisfaction.importance_performance`; each
    attribute is coloured by its quadrant.

    Parameters
    ----------
    importance, performance : Series (or dict) of numbers
        One value per attribute; the index gives the point labels.
    importance_threshold, performance_threshold : {"mean", "median"} or float
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> imp = pd.Series({"product_quality": 6.5, "ordering_ease": 4.0})
    >>> perf = pd.Series({"product_quality": 6.0, "ordering_ease": 5.0})
    >>> ax = plot_ipa(imp, perf)
    >>> ax.get_ylabel()
    'importance'
    """
    imp, perf = _pair(importance, performance, "importance", "performance")
    quad = importance_performance(imp, perf, importance_threshold, performance_threshold)
    ti = _threshold(imp, importance_threshold, "importance_threshold")
    tp = _threshold(perf, performance_threshold, "performance_threshold")
    ax = new_axes(ax)
    ax.axvline(tp, color="grey", lw=1, ls="--")
    ax.axhline(ti, color="grey", lw=1, ls="--")
    for key, x0, y0 in (("concentrate_here", 0, 1), ("keep_up", 1, 1), ("low_priority", 0, 0), ("possible_overkill", 1, 0)):
        ax.text(
            0.02 if x0 == 0 else 0.98, 0.98 if y0 == 1 else 0.02, i18n.label(key), transform=ax.transAxes,
            ha="left" if x0 == 0 else "right", va="top" if y0 == 1 else "bottom",
            color=KANO_COLORS[key], fontweight="bold", alpha=0.8,
        )
    for name in imp.index:
        ax.scatter([perf[name]], [imp[name]], s=70, color=KANO_COLORS[quad[name]], zorder=3, edgecolor="white")
        ax.annotate(_text(name), (perf[name], imp[name]), xytext=(6, 4), textcoords="offset points", fontsize=9)
    pad_x = max(0.5, 0.15 * float(perf.max() - perf.min()))
    pad_y = max(0.5, 0.15 * float(imp.max() - imp.min()))
    ax.set_xlim(min(perf.min(), tp) - pad_x, max(perf.max(), tp) + pad_x)
    ax.set_ylim(min(imp.min(), ti) - pad_y, max(imp.max(), ti) + pad_y)
    return finish(ax, title="ipa_title", xlabel="performance", ylabel="importance")


def plot_satisfaction_loyalty(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Satisfaction-loyalty curve with the zones of defection, indifference and affection.

    Draws the next-year repurchase rate for each satisfaction score
    (:func:`kamcourse.loyalty.repurchase_by_satisfaction`) over the three
    zones of Jones & Sasser (1995) (boundaries: this kit's convention).

    Parameters
    ----------
    table : pandas.DataFrame
        Index the score; columns ``repurchase_rate``, ``zone``, ``surveys``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> t = pd.DataFrame({"repurchase_rate": [0.3, 0.4, 0.5, 0.55, 0.95], "surveys": [5, 9, 30, 40, 20],
    ...                   "zone": ["defection"] * 2 + ["indifference"] * 2 + ["affection"]}, index=[1, 2, 3, 4, 5])
    >>> ax = plot_satisfaction_loyalty(t)
    >>> ax.get_xlabel()
    'satisfaction score'
    """
    from .._validate import require_columns

    require_columns(table, ["repurchase_rate", "zone"], "table")
    ax = new_axes(ax)
    scores = np.asarray(table.index, dtype=float)
    step = float(np.min(np.diff(scores))) if len(scores) > 1 else 1.0
    for zone in ("defection", "indifference", "affection"):
        s = scores[(table["zone"] == zone).to_numpy()]
        if len(s):
            ax.axvspan(s.min() - step / 2, s.max() + step / 2, color=KANO_COLORS[zone], zorder=0)
            ax.text((s.min() + s.max()) / 2, 1.09, i18n.label(zone), ha="center", va="top", fontsize=10)
    ax.plot(scores, table["repurchase_rate"], marker="o", color=PALETTE[0], lw=2, zorder=3)
    if "surveys" in table.columns:
        for x, y, n in zip(scores, table["repurchase_rate"], table["surveys"]):
            ax.annotate(f"n={int(n)}", (x, y), xytext=(0, -16), textcoords="offset points", ha="center", fontsize=8)
    ax.set_xticks(scores)
    ax.set_xlim(scores.min() - step / 2, scores.max() + step / 2)
    ax.set_ylim(0, 1.1)
    percent_axis(ax, "y")
    return finish(ax, title="satisfaction_loyalty_title", xlabel="satisfaction_score", ylabel="repurchase_next_year")


def plot_funnel(funnel: pd.DataFrame, method: Any = None, ax: Axes | None = None) -> Axes:
    """The prospecting funnel of one plan or method: contacts -> leads -> customers (客户开发漏斗).

    Parameters
    ----------
    funnel : pandas.DataFrame
        Output of :func:`kamcourse.development.prospecting_funnel` or
        :func:`kamcourse.development.method_comparison` (columns
        ``contacts``, ``leads``, ``customers``).
    method : index label, optional
        Which row to draw; default the first.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> f = pd.DataFrame({"contacts": [200.0], "leads": [60.0], "customers": [15.0], "cost_per_customer": [3333.3]},
    ...                  index=["plan"])
    >>> ax = plot_funnel(f)
    >>> len(ax.patches)
    3
    """
    from .._validate import require_columns

    require_columns(funnel, ["contacts", "leads", "customers"], "funnel")
    if len(funnel) == 0:
        raise ValueError("funnel is empty")
    if method is None:
        method = funnel.index[0]
    elif method not in funnel.index:
        raise ValueError(f"method must be one of {', '.join(map(repr, funnel.index))}; got {method!r}")
    row = funnel.loc[method]
    ax = new_axes(ax)
    stages = [("funnel_contacts", row["contacts"]), ("leads", row["leads"]), ("won_customers", row["customers"])]
    top = float(stages[0][1]) or 1.0
    for i, (key, value) in enumerate(stages):
        v = float(value)
        ax.barh(i, v, left=(top - v) / 2, color=PALETTE[i], height=0.8)
        share = "" if i == 0 or top == 0 else f" ({100 * v / top:.1f}%)"
        ax.text(top / 2, i, f"{i18n.label(key)}: {v:,.0f}{share}", ha="center", va="center", color="black",
                bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none"})
    ax.set_yticks([])
    ax.set_xticks([])
    ax.invert_yaxis()
    ax.set_xlim(0, top)
    ax.grid(False)
    title = i18n.label("funnel_title") + ("" if method == "plan" else f": {_text(method)}")
    if "cost_per_customer" in funnel.columns and np.isfinite(row["cost_per_customer"]):
        ax.set_xlabel(f"{i18n.label('cost_per_customer')}: {row['cost_per_customer']:,.0f}")
    ax.set_title(title)
    return ax


def plot_method_comparison(comparison: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Cost per customer won by prospecting method, with the conversion rate (寻找客户方法的比较).

    Parameters
    ----------
    comparison : pandas.DataFrame
        Output of :func:`kamcourse.development.method_comparison` (columns
        ``cost_per_customer`` and ``conversion``; index = method keys).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> c = pd.DataFrame({"cost_per_customer": [300.0, 2500.0], "conversion": [0.3, 0.05]},
    ...                  index=["referral_chain", "door_to_door"])
    >>> ax = plot_method_comparison(c)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['referral chain', 'door-to-door canvassing']
    """
    from .._validate import require_columns

    require_columns(comparison, ["cost_per_customer", "conversion"], "comparison")
    ax = new_axes(ax)
    data = comparison.sort_values("cost_per_customer")
    finite = data["cost_per_customer"].replace(np.inf, np.nan)
    y = np.arange(len(data))
    ax.barh(y, finite.fillna(0).to_numpy(), color=PALETTE[0])
    right = float(finite.max()) if finite.notna().any() else 1.0
    for i, (cpc, conv) in enumerate(zip(finite, data["conversion"])):
        txt = "∞" if not np.isfinite(cpc) else f"{cpc:,.0f}"
        conv_txt = "" if pd.isna(conv) else f"  ({i18n.label('conversion')} {100 * conv:.1f}%)"
        ax.text((0 if not np.isfinite(cpc) else cpc) + right * 0.01, i, txt + conv_txt, va="center", fontsize=9)
    ax.set_yticks(y, [_text(m) for m in data.index])
    ax.invert_yaxis()
    ax.set_xlim(0, right * 1.45)
    return finish(ax, title="method_comparison_title", xlabel="cost_per_customer")


def plot_indicators(scores: pd.DataFrame, year: Any = None, ax: Axes | None = None) -> Axes:
    """Dashboard of the seven satisfaction indicators and their index (客户满意指标看板).

    Horizontal bars of the seven 0-100 scores of one year (from
    :func:`kamcourse.satisfaction.indicator_index`), with the weighted index
    as a vertical line and, when earlier years are in the table, each
    indicator's previous-year score as a small mark.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`kamcourse.satisfaction.indicator_index` (index year).
    year : index label, optional
        The year to show; default the last row.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> s = pd.DataFrame({"reputation": [70.0, 80.0], "name_recall": [30.0, 35.0], "repurchase_rate": [85.0, 90.0],
    ...     "complaint_rate": [88.0, 90.0], "amount_per_purchase": [95.0, 100.0], "price_sensitivity": [91.0, 92.0],
    ...     "referral_rate": [35.0, 40.0], "indicator_index": [69.0, 73.7]}, index=[2024, 2025])
    >>> ax = plot_indicators(s)
    >>> len(ax.patches), ax.get_title()
    (7, 'The seven satisfaction indicators: 2025')
    """
    from .._validate import require_columns
    from ..satisfaction import INDICATORS

    require_columns(scores, [*INDICATORS, "indicator_index"], "scores")
    if len(scores) == 0:
        raise ValueError("scores is empty")
    if year is None:
        year = scores.index[-1]
    elif year not in scores.index:
        raise ValueError(f"year must be one of {', '.join(map(str, scores.index))}; got {year!r}")
    pos = list(scores.index).index(year)
    row = scores.loc[year]
    ax = new_axes(ax)
    y = np.arange(len(INDICATORS))
    ax.barh(y, [row[k] for k in INDICATORS], color=PALETTE[0], alpha=0.85)
    for i, k in enumerate(INDICATORS):
        ax.text(row[k] + 1, i, f"{row[k]:.0f}", va="center", fontsize=9)
    if pos > 0:
        prev = scores.iloc[pos - 1]
        ax.scatter([prev[k] for k in INDICATORS], y, marker="|", s=300, color="black", zorder=3,
                   label=str(scores.index[pos - 1]))
        ax.legend(loc="lower right")
    ax.axvline(row["indicator_index"], color=PALETTE[3], lw=2, ls="--")
    ax.text(row["indicator_index"], -0.75, f"{i18n.label('indicator_index')} {row['indicator_index']:.1f}",
            color=PALETTE[3], ha="center", va="center", bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9})
    ax.set_yticks(y, [i18n.label(k) for k in INDICATORS])
    ax.set_ylim(len(INDICATORS) - 0.5, -1.1)
    ax.set_xlim(0, 110)
    finish(ax, xlabel="indicator_score")
    ax.set_title(f"{i18n.label('indicator_dashboard_title')}: {year}")
    return ax


def plot_pipeline(stages: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The opportunity pipeline: how many opportunities reach each stage (商机管道).

    Parameters
    ----------
    stages : pandas.DataFrame
        Output of :func:`kamcourse.development.pipeline_stages` (index stage;
        columns ``reached``, ``stage_conversion``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> st = pd.DataFrame({"reached": [100, 60, 30, 20, 10], "stage_conversion": [0.6, 0.5, 0.67, 0.5, np.nan]},
    ...                   index=["prospecting", "qualification", "proposal", "negotiation", "closed_won"])
    >>> ax = plot_pipeline(st)
    >>> [round(p.get_width()) for p in ax.patches]
    [100, 60, 30, 20, 10]
    """
    from .._validate import require_columns

    require_columns(stages, ["reached", "stage_conversion"], "stages")
    ax = new_axes(ax)
    y = np.arange(len(stages))
    ax.barh(y, stages["reached"].to_numpy(dtype=float), color=[PALETTE[i % len(PALETTE)] for i in range(len(stages))])
    top = float(stages["reached"].max()) or 1.0
    for i, (n, conv) in enumerate(zip(stages["reached"], stages["stage_conversion"])):
        ax.text(n + top * 0.01, i, f"{int(n):,}", va="center", fontsize=9)
        if pd.notna(conv):
            ax.annotate(f"↓ {100 * conv:.0f}%", (top * 1.17, i + 0.5), ha="center", va="center", fontsize=9,
                        color="dimgrey")
    ax.set_yticks(y, [_text(s) for s in stages.index])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.25)
    return finish(ax, title="pipeline_title", xlabel="reached")
