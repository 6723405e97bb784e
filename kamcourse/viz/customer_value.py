"""Figures for the customer-value chapter: delivered value, lifecycle, CLV, RFM, BG/NBD.

One function per figure; each takes ``ax=None``, labels through
:mod:`kamcourse.i18n` and returns the matplotlib ``Axes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from .. import i18n
from ..clv import BGNBD, clv, margin_multiple, margin_multiple_table
from ..lifecycle import STAGES
from ..value import COST_COMPONENTS, VALUE_COMPONENTS, compare_offers
from ._style import PALETTE, finish, new_axes, percent_axis

__all__ = [
    "STAGE_COLORS",
    "plot_delivered_value",
    "plot_stage_mix",
    "plot_stage_economics",
    "plot_lifecycle_curve",
    "plot_margin_multiples",
    "plot_clv_retention",
    "plot_rfm_heatmap",
    "plot_frequency_recency",
    "plot_prob_alive",
]

#: One colour per lifecycle stage (green while the relationship grows, red as it ends).
STAGE_COLORS: dict[str, str] = {
    "exploration": "#56B4E9",
    "formation": "#009E73",
    "stability": "#0072B2",
    "decline": "#E69F00",
    "termination": "#D55E00",
}

_VALUE_SHADES = ("#0072B2", "#3A8FC4", "#74AED6", "#AFCDE8")
_COST_SHADES = ("#D55E00", "#DF7E33", "#E99E66", "#F3BE99")


def _name(key: Any) -> str:
    """A row or offer name: translated when it is a glossary key, else shown as it is."""
    return i18n.label(key) if isinstance(key, str) and key in i18n.GLOSSARY else str(key)


def _component_key(name: str) -> str:
    return f"{name}_value" if name in VALUE_COMPONENTS else f"{name}_cost"


def plot_delivered_value(offers: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Value and cost of each offer as two stacked bars, delivered value written on top (让渡价值).

    Parameters
    ----------
    offers : DataFrame
        One row per offer with the eight component columns (see
        :func:`kamcourse.value.compare_offers`); offer names that are
        glossary keys are shown translated.
    ax : Axes, optional
        Where to draw; a new figure when not given.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If ``offers`` is invalid (as :func:`kamcourse.value.compare_offers`).

    Examples
    --------
    >>> offers = pd.DataFrame({"product": [70, 60], "service": [20, 10], "personnel": [10, 5],
    ...     "image": [10, 5], "monetary": [75, 55], "time": [5, 10], "energy": [5, 5],
    ...     "physical": [5, 5]}, index=["premium", "budget"])
    >>> ax = plot_delivered_value(offers)
    >>> len(ax.patches)    # 2 offers x 8 components
    16
    """
    table = compare_offers(offers).loc[offers.index]
    ax = new_axes(ax)
    x = np.arange(len(table))
    width = 0.38
    for parts, shades, offset in ((VALUE_COMPONENTS, _VALUE_SHADES, -width / 2), (COST_COMPONENTS, _COST_SHADES, width / 2)):
        bottom = np.zeros(len(table))
        for part, shade in zip(parts, shades):
            heights = table[part].to_numpy(dtype=float)
            ax.bar(x + offset, heights, width, bottom=bottom, color=shade, edgecolor="white",
                   label=i18n.label(_component_key(part)))
            bottom += heights
    for i, (_, row) in enumerate(table.iterrows()):
        top = max(row["total_value"], row["total_cost"])
        ax.annotate(
            f"{i18n.label('customer_delivered_value')}: {row['delivered_value']:,.0f}",
            (x[i], top), xytext=(0, 4), textcoords="offset points", ha="center", va="bottom", fontsize=9,
        )
    ax.set_xticks(x, [_name(i) for i in table.index])
    ax.set_ylim(0, float(max(table["total_value"].max(), table["total_cost"].max())) * 1.15)
    ax.legend(ncol=2, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return finish(ax, title="delivered_value_title", xlabel="offer", ylabel="money_value")


def _stage_keys(stages: pd.Series) -> pd.Series:
    if not isinstance(stages, pd.Series):
        raise TypeError(f"stages must be a pandas Series (customer -> stage), got {type(stages).__name__}")
    keys = stages.astype(object)
    if keys.isna().any():
        raise ValueError(f"stages contains a missing stage (NaN) at {keys.index[keys.isna().to_numpy()][0]!r}")
    keys = keys.astype(str)
    unknown = sorted(set(keys) - set(STAGES))
    if unknown:
        raise ValueError(f"stages holds unknown stage {unknown[0]!r}; valid: {', '.join(STAGES)}")
    return keys


def plot_stage_mix(stages: pd.Series, ax: Axes | None = None) -> Axes:
    """How many customers are in each lifecycle stage (客户生命周期阶段分布).

    Parameters
    ----------
    stages : Series
        Stage key per customer (:func:`kamcourse.lifecycle.classify_stages`).
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If a stage key is unknown or missing.

    Examples
    --------
    >>> ax = plot_stage_mix(pd.Series(["exploration", "stability", "stability"]))
    >>> [round(p.get_height()) for p in ax.patches]
    [1, 0, 2, 0, 0]
    """
    keys = _stage_keys(stages)
    counts = keys.value_counts().reindex(list(STAGES), fill_value=0)
    ax = new_axes(ax)
    labels = [i18n.label(s) for s in STAGES]
    bars = ax.bar(labels, counts.to_numpy(), color=[STAGE_COLORS[s] for s in STAGES])
    total = max(int(counts.sum()), 1)
    for bar, n in zip(bars, counts.to_numpy()):
        ax.annotate(f"{n} ({n / total:.0%})", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
    return finish(ax, title="stage_mix_title", xlabel="stage", ylabel="customers")


def plot_stage_economics(
    summary: pd.DataFrame,
    columns: Sequence[str] = ("revenue_per_customer", "profit_per_customer", "cost_to_serve_per_customer"),
    ax: Axes | None = None,
) -> Axes:
    """Output and investment per customer in each stage, side by side (各阶段投入产出).

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`kamcourse.lifecycle.stage_summary` (index: stages).
    columns : sequence of str
        Columns to show as bars; each must be a glossary key (label).
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If a column is missing from ``summary``.

    Examples
    --------
    >>> summary = pd.DataFrame({"revenue_per_customer": [10, 50, 90, 40, 5],
    ...     "profit_per_customer": [-2, 8, 20, 6, 0], "cost_to_serve_per_customer": [6, 7, 8, 5, 1]},
    ...     index=pd.Index(list(STAGES), name="stage"))
    >>> len(plot_stage_economics(summary).patches)
    15
    """
    from .._validate import require_columns

    require_columns(summary, list(columns), "summary")
    data = summary.reindex(list(STAGES)).fillna(0.0)
    ax = new_axes(ax)
    x = np.arange(len(STAGES))
    width = 0.8 / max(len(columns), 1)
    for i, col in enumerate(columns):
        ax.bar(x + (i - (len(columns) - 1) / 2) * width, data[col].to_numpy(dtype=float), width,
               color=PALETTE[i % len(PALETTE)], label=i18n.label(col))
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(x, [i18n.label(s) for s in STAGES])
    ax.legend(fontsize=9)
    return finish(ax, title="stage_economics_title", xlabel="stage", ylabel="per_customer")


def plot_lifecycle_curve(
    curve: pd.Series,
    stages: pd.Series | None = None,
    ax: Axes | None = None,
) -> Axes:
    """One customer's revenue per period, the background coloured by stage (客户生命周期曲线).

    Parameters
    ----------
    curve : Series
        Revenue per period indexed by period start (:func:`kamcourse.lifecycle.lifecycle_curve`).
    stages : Series, optional
        Stage readings indexed by date (a row of
        :func:`kamcourse.lifecycle.stage_history`); each reading colours the
        time from the previous reading up to its date.
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    TypeError
        If ``curve`` is not a Series with a date index.

    Examples
    --------
    >>> curve = pd.Series([5.0, 20.0, 30.0, 10.0],
    ...                   index=pd.date_range("2024-01-01", periods=4, freq="QS"))
    >>> stages = pd.Series(["exploration", "formation", "stability", "decline"],
    ...                    index=pd.date_range("2024-03-31", periods=4, freq="QE"))
    >>> ax = plot_lifecycle_curve(curve, stages)
    >>> len(ax.lines)
    1
    """
    if not isinstance(curve, pd.Series) or not isinstance(curve.index, pd.DatetimeIndex):
        raise TypeError("curve must be a Series indexed by dates (from kamcourse.lifecycle.lifecycle_curve)")
    ax = new_axes(ax)
    if stages is not None:
        readings = stages.dropna()
        previous = curve.index.min() if len(curve) else None
        seen: set[str] = set()
        for when, stage in readings.items():
            stage = str(stage)
            start = previous if previous is not None else when
            ax.axvspan(start, when, color=STAGE_COLORS.get(stage, "#DDDDDD"), alpha=0.18, linewidth=0,
                       label=None if stage in seen else i18n.label(stage))
            seen.add(stage)
            previous = when
    ax.plot(curve.index, curve.to_numpy(dtype=float), marker="o", color=PALETTE[7], linewidth=1.8,
            label=i18n.label("revenue"))
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return finish(ax, title="lifecycle_curve_title", xlabel="date", ylabel="revenue")


def plot_margin_multiples(table: pd.DataFrame | None = None, ax: Axes | None = None) -> Axes:
    """Margin multiple r/(1+d-r) for each retention and discount rate, as a heat map (利润乘数).

    Parameters
    ----------
    table : DataFrame, optional
        Output of :func:`kamcourse.clv.margin_multiple_table`; default its
        grid (retention 60-90%, discount 10-16%).
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    TypeError
        If ``table`` is not a DataFrame.

    Examples
    --------
    >>> ax = plot_margin_multiples()
    >>> ax.texts[0].get_text()
    '1.20'
    """
    table = margin_multiple_table() if table is None else table
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a DataFrame (margin_multiple_table()), got {type(table).__name__}")
    ax = new_axes(ax)
    values = table.to_numpy(dtype=float)
    image = ax.imshow(values, cmap="Blues", aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            dark = values[i, j] > (np.nanmin(values) + np.nanmax(values)) / 2
            ax.text(j, i, f"{values[i, j]:.2f}", ha="center", va="center", color="white" if dark else "black")
    ax.set_xticks(range(values.shape[1]), [f"{d:.0%}" for d in table.columns])
    ax.set_yticks(range(values.shape[0]), [f"{r:.0%}" for r in table.index])
    ax.grid(False)
    ax.figure.colorbar(image, ax=ax, label=i18n.label("margin_multiple"))
    return finish(ax, title="margin_multiple_title", xlabel="discount_rate", ylabel="retention_rate")


def plot_clv_retention(
    margin: float,
    discount_rate: float,
    retention: float | None = None,
    acquisition_cost: float = 0.0,
    ax: Axes | None = None,
) -> Axes:
    """CLV as retention rises from 0 to 95%, with the current retention marked (保持率与客户终身价值).

    Parameters
    ----------
    margin, discount_rate, acquisition_cost : float
        As for :func:`kamcourse.clv.clv`.
    retention : float, optional
        Retention to mark on the curve, with the margin multiple written next to it.
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If a rate is out of range.

    Examples
    --------
    >>> ax = plot_clv_retention(100, 0.10, retention=0.8)
    >>> round(float(ax.lines[1].get_ydata()[0]), 1)
    266.7
    """
    grid = np.linspace(0.0, 0.95, 96)
    values = [clv(margin, r, discount_rate, acquisition_cost=acquisition_cost) for r in grid]
    ax = new_axes(ax)
    ax.plot(grid, values, color=PALETTE[0], label=i18n.label("customer_lifetime_value"))
    if retention is not None:
        here = clv(margin, retention, discount_rate, acquisition_cost=acquisition_cost)
        ax.plot([retention], [here], "o", color=PALETTE[3], markersize=8)
        ax.annotate(f"{i18n.label('margin_multiple')} {margin_multiple(retention, discount_rate):.2f}",
                    (retention, here), xytext=(-10, 10), textcoords="offset points", ha="right")
    ax.axhline(0, color="black", linewidth=0.8)
    percent_axis(ax, "x")
    return finish(ax, title="clv_retention_title", xlabel="retention_rate", ylabel="customer_lifetime_value")


def plot_rfm_heatmap(scores: pd.DataFrame, value: pd.Series | None = None, ax: Axes | None = None) -> Axes:
    """Customers (or their mean value) by recency score and frequency score (RFM 热力图).

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`kamcourse.clv.rfm_scores` (``r_score``, ``f_score``).
    value : Series, optional
        A number per customer (same index) to average in each cell, e.g.
        ``summary["monetary_value"]``; default: count customers.
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If a score column is missing or ``value`` does not cover every customer.

    Examples
    --------
    >>> scores = pd.DataFrame({"r_score": [1, 2, 2, 3], "f_score": [1, 1, 3, 3]})
    >>> ax = plot_rfm_heatmap(scores)
    >>> sorted(t.get_text() for t in ax.texts)
    ['1', '1', '1', '1']
    """
    from .._validate import require_columns

    require_columns(scores, ["r_score", "f_score"], "scores")
    frame = scores[["r_score", "f_score"]].astype(int).copy()
    if value is None:
        cell = frame.groupby(["r_score", "f_score"]).size().unstack(fill_value=0)
        fmt, bar_key = "{:.0f}", "customers"
    else:
        if not isinstance(value, pd.Series) or len(scores.index.difference(value.index)):
            raise ValueError("value must be a Series with a number for every customer in scores")
        frame["value"] = value.loc[scores.index].astype(float)
        cell = frame.groupby(["r_score", "f_score"])["value"].mean().unstack()
        fmt, bar_key = "{:,.0f}", "mean_value"
    levels = range(1, int(max(frame["r_score"].max(), frame["f_score"].max())) + 1)
    cell = cell.reindex(index=list(levels), columns=list(levels))
    ax = new_axes(ax)
    data = cell.to_numpy(dtype=float)
    image = ax.imshow(np.ma.masked_invalid(data), cmap="Blues", origin="lower", aspect="auto")
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            if np.isfinite(data[i, j]) and (value is not None or data[i, j] > 0):
                ax.text(j, i, fmt.format(data[i, j]), ha="center", va="center", fontsize=8)
    ax.set_xticks(range(len(levels)), [str(v) for v in levels])
    ax.set_yticks(range(len(levels)), [str(v) for v in levels])
    ax.grid(False)
    ax.figure.colorbar(image, ax=ax, label=i18n.label(bar_key))
    return finish(ax, title="rfm_heatmap_title", xlabel="f_score", ylabel="r_score")


def plot_frequency_recency(
    model: BGNBD,
    T: float,
    max_frequency: int = 20,
    kind: str = "prob_alive",
    horizon: float = 1.0,
    ax: Axes | None = None,
) -> Axes:
    """Probability alive (or expected purchases) for every frequency and recency (频率-近度矩阵).

    For customers of age ``T``: x axis the customer's age at her last
    purchase (recency), y axis her number of repeat purchases (frequency).
    Frequent buyers who have been silent for long are probably gone (dark);
    like lifetimes' ``plot_frequency_recency_matrix``.

    Parameters
    ----------
    model : BGNBD
        A fitted model (:func:`kamcourse.clv.fit_bgnbd`).
    T : float
        Customer age, in the model's time unit.
    max_frequency : int
        Largest frequency shown.
    kind : {"prob_alive", "expected_purchases"}
        What the cells show.
    horizon : float
        For ``"expected_purchases"``: the next ``horizon`` time units.
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    TypeError
        If ``model`` is not a BGNBD.
    ValueError
        If ``kind`` is unknown, ``T`` <= 0 or ``max_frequency`` < 1.

    Examples
    --------
    >>> m = BGNBD(0.243, 4.414, 0.793, 2.426, -9582.4, 2357, True, 0)
    >>> ax = plot_frequency_recency(m, T=39, max_frequency=10)
    >>> ax.images[0].get_array().shape
    (11, 40)
    """
    from .._validate import check_choice, check_positive_int

    if not isinstance(model, BGNBD):
        raise TypeError(f"model must be a fitted BGNBD (kamcourse.clv.fit_bgnbd), got {type(model).__name__}")
    check_choice(kind, "kind", ("prob_alive", "expected_purchases"))
    max_frequency = check_positive_int(max_frequency, "max_frequency")
    if not np.isfinite(T) or T <= 0:
        raise ValueError(f"T must be a positive age, got {T!r}")
    recencies = np.arange(0, int(np.floor(T)) + 1, dtype=float)
    freq_grid, rec_grid = np.meshgrid(np.arange(max_frequency + 1, dtype=float), recencies, indexing="ij")
    f_flat, r_flat = freq_grid.ravel(), rec_grid.ravel()
    r_flat = np.where(f_flat == 0, 0.0, r_flat)
    t_flat = np.full_like(f_flat, float(T))
    if kind == "prob_alive":
        z = model.prob_alive(f_flat, r_flat, t_flat).to_numpy()
        bar_key, cmap = "prob_alive", "RdYlGn"
    else:
        z = model.conditional_expected_purchases(horizon, f_flat, r_flat, t_flat).to_numpy()
        bar_key, cmap = "expected_purchases", "Blues"
    z = z.reshape(freq_grid.shape)
    ax = new_axes(ax)
    image = ax.imshow(z, origin="lower", aspect="auto", cmap=cmap)
    ax.grid(False)
    ax.figure.colorbar(image, ax=ax, label=i18n.label(bar_key))
    title = "frequency_recency_title" if kind == "prob_alive" else "frequency_recency_expected_title"
    return finish(ax, title=title, xlabel="recency", ylabel="frequency")


def plot_prob_alive(prob_alive: Any, bins: int = 20, ax: Axes | None = None) -> Axes:
    """How many customers are probably still active (存活概率分布).

    Parameters
    ----------
    prob_alive : array-like
        Probabilities in [0, 1] (``BGNBD.prob_alive``).
    bins : int
        Number of bars.
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If a value is outside [0, 1] or NaN.

    Examples
    --------
    >>> ax = plot_prob_alive([0.1, 0.5, 0.95, 1.0], bins=4)
    >>> len(ax.patches)
    4
    """
    from .._validate import as_numeric_series, check_positive_int

    p = as_numeric_series(prob_alive, "prob_alive")
    if ((p < 0) | (p > 1)).any():
        raise ValueError(f"prob_alive must be in [0, 1], got {float(p[(p < 0) | (p > 1)].iloc[0])!r}")
    bins = check_positive_int(bins, "bins")
    ax = new_axes(ax)
    ax.hist(p.to_numpy(), bins=np.linspace(0, 1, bins + 1), color=PALETTE[0], edgecolor="white")
    ax.axvline(0.5, color=PALETTE[3], linestyle="--", linewidth=1)
    percent_axis(ax, "x")
    handles = [Patch(color=PALETTE[0], label=i18n.label("customers"))]
    ax.legend(handles=handles, fontsize=9, loc="upper left")
    return finish(ax, title="prob_alive_title", xlabel="prob_alive", ylabel="customers")
