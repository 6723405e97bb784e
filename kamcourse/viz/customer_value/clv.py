"""Figures of customer lifetime value: margin multiples, CLV and retention, RFM, BG/NBD."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ... import i18n
from ...clv import BGNBD, clv, margin_multiple, margin_multiple_table
from ...validation import as_numeric_series, check_choice, check_positive_int, require_columns
from ..style import PALETTE, course_figure, finish, new_axes, percent_axis

__all__ = [
    "plot_margin_multiples",
    "plot_clv_retention",
    "plot_rfm_heatmap",
    "plot_frequency_recency",
    "plot_prob_alive",
]


@course_figure
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


@course_figure
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


@course_figure
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


@course_figure
def plot_frequency_recency(
    model: BGNBD,
    T: float,
    max_frequency: int = 20,
    kind: str = "prob_alive",
    horizon: float = 1.0,
    ax: Axes | None = None,
) -> Axes:
    """Probability alive (or expected purchases) for every frequency and recency (购买频率-最近购买时间矩阵).

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


@course_figure
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
