"""One look for every figure of the course: colours, sizes, the course style as a context, axis helpers.

The course style (:data:`STYLE`) is applied *around* each figure function by
:func:`course_figure` (a :func:`course_style` context): the kit's figures look
the same everywhere, and the user's own matplotlib settings stay as they were.
Someone who wants their own plots in the course style opts in explicitly with
``with course_style(): ...`` or, for a whole notebook, :func:`use_course_style`.
Chinese figure fonts are :mod:`kamcourse.i18n`'s business
(``i18n.set_language("zh")``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import matplotlib
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from .. import i18n

__all__ = [
    "PALETTE",
    "CATEGORY_COLORS",
    "STYLE",
    "course_style",
    "course_figure",
    "use_course_style",
    "new_axes",
    "finish",
    "percent_axis",
    "color_for",
    "text_for",
    "percent_text",
]

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

#: The rcParams of a course figure (applied by :func:`course_style`, never behind the user's back).
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

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def course_style() -> Iterator[None]:
    """Draw in the course style inside a ``with`` block; matplotlib's settings come back afterwards.

    The figure functions of :mod:`kamcourse.viz` use it themselves
    (:func:`course_figure`); use it for your own plots, or to save a course
    figure with the course's ``savefig`` settings (120 dpi, tight box).

    Examples
    --------
    >>> import matplotlib
    >>> with course_style():
    ...     matplotlib.rcParams["axes.titleweight"]
    'bold'
    >>> matplotlib.rcParams["axes.titleweight"] == "bold"   # unchanged outside (default 'normal')
    False
    """
    # the language's font (global by i18n's contract), before the context saves the state; in English a CJK
    # font stays behind DejaVu Sans as a fallback, for Chinese words inside English labels (quiet if none)
    i18n.setup_cjk_font(quiet=i18n.get_language() != "zh")
    with matplotlib.rc_context(STYLE):
        yield


def course_figure(func: F) -> F:
    """Decorator of a figure function: it runs inside :func:`course_style`.

    Examples
    --------
    >>> import matplotlib
    >>> @course_figure
    ... def title_weight():
    ...     return matplotlib.rcParams["axes.titleweight"]
    >>> title_weight()
    'bold'
    """
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with course_style():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def use_course_style() -> None:
    """Opt in: make every later matplotlib figure of this session look like a course figure.

    This is the one function of the kit that changes matplotlib's global
    settings, and only when called (``matplotlib.rcdefaults()`` undoes it).

    Examples
    --------
    >>> import matplotlib
    >>> with matplotlib.rc_context():   # only so that this example leaves the settings as they were
    ...     use_course_style()
    ...     matplotlib.rcParams["axes.titleweight"]
    'bold'
    """
    if i18n.get_language() == "zh":
        i18n.setup_cjk_font()
    matplotlib.rcParams.update(STYLE)


def color_for(key: str, default_index: int = 0) -> str:
    """Colour of a category key, falling back to the palette.

    Examples
    --------
    >>> color_for("key"), color_for("unknown", 1)
    ('#0072B2', '#E69F00')
    """
    return CATEGORY_COLORS.get(key, PALETTE[default_index % len(PALETTE)])


def text_for(key: Any) -> str:
    """The glossary label of ``key`` in the current language if it has one, else the key as text.

    Examples
    --------
    >>> text_for("customer"), text_for("C0042"), text_for(7)
    ('customer', 'C0042', '7')
    """
    return i18n.label(key) if isinstance(key, str) and key in i18n.GLOSSARY else str(key)


def percent_text(x: float, digits: int = 0) -> str:
    """A fraction as a percentage for a label: 0.333 -> ``"33%"``.

    Examples
    --------
    >>> percent_text(0.3333), percent_text(0.3333, 1)
    ('33%', '33.3%')
    """
    return f"{100 * x:.{digits}f}%"


def new_axes(ax: Axes | None = None, figsize: Sequence[float] | None = None) -> Axes:
    """Return ``ax``, or a new Axes (in the course style when called inside :func:`course_style`).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with course_style():
    ...     ax = new_axes()
    >>> ax.spines["top"].get_visible()
    False
    >>> plt.close(ax.figure)
    """
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


def finish(
    ax: Axes,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
) -> Axes:
    """Set title and axis labels given as glossary keys (translated) and return ``ax``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = finish(new_axes(), title="customer")
    >>> ax.get_title()
    'customer'
    >>> plt.close(ax.figure)
    """
    if title:
        ax.set_title(i18n.label(title))
    if xlabel:
        ax.set_xlabel(i18n.label(xlabel))
    if ylabel:
        ax.set_ylabel(i18n.label(ylabel))
    return ax


def percent_axis(ax: Axes, axis: str = "y", xmax: float = 1.0) -> Axes:
    """Show an axis holding fractions as percentages.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = percent_axis(new_axes())
    >>> ax.yaxis.get_major_formatter()(0.25, 0)
    '25%'
    >>> plt.close(ax.figure)
    """
    fmt = PercentFormatter(xmax=xmax, decimals=0)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)
    return ax
