"""Figures of the key-account chapter (one function per figure, each returns the Axes).

Pareto curve, customer pyramid, portfolio matrix (:mod:`~kamcourse.viz.key_accounts.accounts`),
revenue against profit, whale curve, discount break-even curves
(:mod:`~kamcourse.viz.key_accounts.economics`), Kotler's relationship matrix and
the contact-coverage chart (:mod:`~kamcourse.viz.key_accounts.relationship`).
Every word shown comes from :mod:`kamcourse.i18n`.
"""

from .accounts import plot_pareto, plot_portfolio, plot_pyramid
from .economics import plot_breakeven, plot_revenue_profit, plot_whale_curve
from .relationship import plot_contact_coverage, plot_relationship_matrix

__all__ = [
    "plot_pareto",
    "plot_pyramid",
    "plot_portfolio",
    "plot_revenue_profit",
    "plot_whale_curve",
    "plot_breakeven",
    "plot_relationship_matrix",
    "plot_contact_coverage",
]
