"""Every figure of the course, one function each (matplotlib), by chapter and concept.

Each function takes ``ax=None`` (draws on a new Axes when not given), draws in
the course style (:mod:`kamcourse.viz.style`, applied around the figure:
matplotlib's own settings are left as they were), takes every label from
:mod:`kamcourse.i18n`, and returns the matplotlib ``Axes``.
"""

from . import cases, customer_value, data_mining, key_accounts, satisfaction_development
from .cases import *  # noqa: F401,F403
from .customer_value import *  # noqa: F401,F403
from .data_mining import *  # noqa: F401,F403
from .key_accounts import *  # noqa: F401,F403
from .satisfaction_development import *  # noqa: F401,F403
from .style import (
    CATEGORY_COLORS,
    PALETTE,
    STYLE,
    color_for,
    course_figure,
    course_style,
    finish,
    new_axes,
    percent_axis,
    use_course_style,
)

__all__ = [
    "PALETTE", "CATEGORY_COLORS", "STYLE", "course_style", "course_figure", "use_course_style",
    "new_axes", "finish", "percent_axis", "color_for",
    *key_accounts.__all__, *customer_value.__all__, *satisfaction_development.__all__, *cases.__all__,
    *data_mining.__all__,
]
