"""Figures of the cases (Gree vs Gome, runaway horse, complaint relay), one module per case, one function per figure.

Each takes ``ax=None`` (draws on a new Axes when not given), labels through
:mod:`kamcourse.i18n` and returns the matplotlib ``Axes``.
"""

from . import complaint_relay, gree_gome, runaway_horse
from .complaint_relay import *  # noqa: F401,F403
from .gree_gome import *  # noqa: F401,F403
from .runaway_horse import *  # noqa: F401,F403

__all__ = [*gree_gome.__all__, *runaway_horse.__all__, *complaint_relay.__all__]
