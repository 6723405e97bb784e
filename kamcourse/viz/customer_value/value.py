"""The figure of customer delivered value: the value and cost bars of each offer."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ...value import COST_COMPONENTS, VALUE_COMPONENTS, column_label, compare_offers
from ..style import course_figure, finish, new_axes, text_for

__all__ = [
    "plot_delivered_value",
]


_VALUE_SHADES = ("#0072B2", "#3A8FC4", "#74AED6", "#AFCDE8")


_COST_SHADES = ("#D55E00", "#DF7E33", "#E99E66", "#F3BE99")


@course_figure
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
    ...     "image": [10, 5], "monetary": [75, 55], "time": [5, 10], "psychic": [5, 5],
    ...     "energy": [5, 5]}, index=["premium", "budget"])
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
                   label=column_label(part))
            bottom += heights
    for i, (_, row) in enumerate(table.iterrows()):
        top = max(row["total_value"], row["total_cost"])
        ax.annotate(
            f"{i18n.label('customer_delivered_value')}: {row['delivered_value']:,.0f}",
            (x[i], top), xytext=(0, 4), textcoords="offset points", ha="center", va="bottom", fontsize=9,
        )
    ax.set_xticks(x, [text_for(i) for i in table.index])
    ax.set_ylim(0, float(max(table["total_value"].max(), table["total_cost"].max())) * 1.15)
    ax.legend(ncol=2, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return finish(ax, title="delivered_value_title", xlabel="offer", ylabel="money_value")
