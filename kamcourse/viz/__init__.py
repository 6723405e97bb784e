"""Every figure of the course, one function each (matplotlib).

Each function takes ``ax=None`` (draws on a new Axes when not given), uses the
course style from :mod:`kamcourse.viz._style`, takes every label from
:mod:`kamcourse.i18n`, and returns the matplotlib ``Axes``.
"""

from . import cases, customer_value, key_accounts, satisfaction_development
from ._style import CATEGORY_COLORS, PALETTE, STYLE, color_for, finish, new_axes, percent_axis
from .cases import *  # noqa: F401,F403
from .customer_value import *  # noqa: F401,F403
from .key_accounts import *  # noqa: F401,F403
from .satisfaction_development import *  # noqa: F401,F403

__all__ = [
    "PALETTE", "CATEGORY_COLORS", "STYLE", "new_axes", "finish", "percent_axis", "color_for",
    *key_accounts.__all__, *customer_value.__all__, *satisfaction_development.__all__, *cases.__all__,
]
