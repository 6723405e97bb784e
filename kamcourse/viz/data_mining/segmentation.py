"""Figures of segmentation by clustering: choosing k, and the profile of each cluster (聚类细分图)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ...validation import check_not_empty, require_columns
from ..style import PALETTE, course_figure, finish, new_axes, text_for

__all__ = ["plot_k_choice", "plot_cluster_profile"]


@course_figure
def plot_k_choice(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Inertia (the elbow) and mean silhouette against the number of clusters k (确定聚类数).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`kamcourse.mining.choose_k` (index k; ``inertia``, ``silhouette``).
    ax : Axes, optional
        Where to draw; the silhouette uses a second y axis on the right.

    Returns
    -------
    Axes
        The inertia axes (the silhouette axes is ``ax.right_ax``).

    Raises
    ------
    ValueError
        If a column is missing or the table is empty.

    Examples
    --------
    >>> t = pd.DataFrame({"inertia": [90.0, 40.0, 35.0], "silhouette": [0.4, 0.6, 0.5]},
    ...                  index=pd.Index([2, 3, 4], name="k"))
    >>> ax = plot_k_choice(t)
    >>> [int(k) for k in ax.lines[0].get_xdata()], ax.right_ax.get_ylabel()
    ([2, 3, 4], 'mean silhouette')
    """
    require_columns(table, ["inertia", "silhouette"], "table")
    check_not_empty(table, "table", "k")
    ax = new_axes(ax)
    ks = list(table.index)
    ax.plot(ks, table["inertia"], "o-", color=PALETTE[0], label=i18n.label("inertia"))
    right = ax.twinx()
    right.plot(ks, table["silhouette"], "s--", color=PALETTE[1], label=i18n.label("silhouette"))
    right.set_ylabel(i18n.label("silhouette"))
    right.grid(False)
    ax.set_xticks(ks)
    ax.right_ax = right
    handles = ax.get_lines() + right.get_lines()
    ax.legend(handles, [h.get_label() for h in handles], loc="upper center")
    return finish(ax, title="k_choice_title", xlabel="n_clusters", ylabel="inertia")


@course_figure
def plot_cluster_profile(inputs: pd.DataFrame, labels: Any, names: dict[Any, str] | None = None,
                         ax: Axes | None = None) -> Axes:
    """Each cluster's average of every clustering input, in standard deviations from the mean (聚类画像).

    A cell far above zero (blue) means the cluster's customers are high on that input compared with
    all customers; far below (orange), low. Read a row to name the cluster.

    Parameters
    ----------
    inputs : DataFrame
        The clustering inputs (e.g. :func:`kamcourse.mining.segmentation_inputs`), one row per customer.
    labels : Series, list or array
        The cluster of each customer, in the order of ``inputs``.
    names : dict, optional
        A name (glossary key or text) per cluster label for the row labels.
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If ``inputs`` is empty or ``labels`` has another length.

    Examples
    --------
    >>> x = pd.DataFrame({"recency_log": [1.0, 1.2, 5.0, 5.2], "monetary_log": [9.0, 8.0, 2.0, 1.0]})
    >>> ax = plot_cluster_profile(x, [0, 0, 1, 1], names={0: "active", 1: "lost"})
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['active', 'lost']
    """
    check_not_empty(inputs, "inputs", "customer")
    lab = np.asarray(labels.reindex(inputs.index) if isinstance(labels, pd.Series) else list(labels))
    if len(lab) != len(inputs):
        raise ValueError(f"labels must have one value per row of inputs ({len(inputs)}), got {len(lab)}")
    z = (inputs - inputs.mean()) / inputs.std(ddof=0).replace(0, 1.0)
    means = z.groupby(lab, sort=True).mean()
    ax = new_axes(ax)
    values = means.to_numpy(dtype=float)
    limit = max(1.0, float(np.abs(values).max()))
    image = ax.imshow(values, cmap="PuOr", vmin=-limit, vmax=limit, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, f"{values[i, j]:+.1f}", ha="center", va="center", fontsize=9)
    ax.set_xticks(range(values.shape[1]), [text_for(c) for c in means.columns], rotation=20, ha="right")
    ax.set_yticks(range(values.shape[0]), [text_for((names or {}).get(k, k)) for k in means.index])
    ax.grid(False)
    ax.figure.colorbar(image, ax=ax, label=i18n.label("standardised_mean"))
    return finish(ax, title="cluster_profile_title", ylabel="cluster")
