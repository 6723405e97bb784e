"""One look for every figure of the course: colours, sizes, axis helpers."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from .. import i18n

__all__ = ["PALETTE", "CATEGORY_COLORS", "STYLE", "new_axes", "finish", "percent_axis", "color_for"]

#: The course palette (colour-blind friendly, after Okabe & Ito 2008).
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # green
    "#D55E00",  # vermillion
    "#CC79A7",  # purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)

#: Fixed colours for recurring categories, so a "key" account is the same colour everywhere.
CATEGORY_COLORS: dict[str, str] = {
    "key": "#0072B2",
    "key_development": "#56B4E9",
    "maintenance": "#009E73",
    "opportunistic": "#BBBBBB",
    "vip": "#0072B2",
    "major": "#56B4E9",
    "ordinary": "#009E73",
    "small": "#BBBBBB",
    "A": "#0072B2",
    "B": "#E69F00",
    "C": "#BBBBBB",
    "positive": "#009E73",
    "confirmation": "#56B4E9",
    "negative": "#D55E00",
}

#: rcParams applied to every course figure.
STYLE: dict[str, object] = {
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 100,
    "savefig.dpi": 120,
    "savefig.bbox": "tight",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linestyle": "-",
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "legend.frameon": False,
    "axes.prop_cycle": matplotlib.cycler(color=list(PALETTE)),
}


def color_for(key: str, default_index: int = 0) -> str:
    """Colour of a category key, falling back to the palette."""
    return CATEGORY_COLORS.get(key, PALETTE[default_index % len(PALETTE)])


def new_axes(ax: Axes | None = None, figsize: Sequence[float] | None = None) -> Axes:
    """Return ``ax``, or a new Axes in the course style (fonts set for the language)."""
    matplotlib.rcParams.update(STYLE)
    if i18n.get_language() == "zh":
        i18n.setup_cjk_font()
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize)
    return ax


def finish(
    ax: Axes,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
) -> Axes:
    """Set title and axis labels given as glossary keys (translated) and return ``ax``."""
    if title:
        ax.set_title(i18n.label(title))
    if xlabel:
        ax.set_xlabel(i18n.label(xlabel))
    if ylabel:
        ax.set_ylabel(i18n.label(ylabel))
    return ax


def percent_axis(ax: Axes, axis: str = "y", xmax: float = 1.0) -> Axes:
    """Show an axis holding fractions as percentages."""
    fmt = PercentFormatter(xmax=xmax, decimals=0)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)
    return ax
