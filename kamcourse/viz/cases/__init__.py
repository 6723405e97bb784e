"""Figures of the cases (Gree vs Gome, runaway horse, complaint relay), one module per case, one function per figure.

Each takes ``ax=None`` (draws on a new Axes when not given), labels through
:mod:`kamcourse.i18n` and returns the matplotlib ``Axes``.
"""

from .complaint_relay import complaint_estimate, complaint_handoffs
from .gree_gome import STATUS_COLORS, gree_gome_payoffs, gree_gome_price_cuts, gree_gome_recovery, gree_gome_timeline
from .runaway_horse import runaway_coverage, runaway_revenue

__all__ = [
    "STATUS_COLORS",
    "gree_gome_timeline",
    "gree_gome_price_cuts",
    "gree_gome_payoffs",
    "gree_gome_recovery",
    "runaway_revenue",
    "runaway_coverage",
    "complaint_handoffs",
    "complaint_estimate",
]
