"""Figures of the chapter "Organising for key accounts, and making CRM work" (lessons 15 and 16).

The buying centre of the key accounts, revenue concentration and the KAM KPIs over the years
(:mod:`~kamcourse.viz.organising_crm.key_accounts`); the decision matrix of system selection, the risk
matrix, adoption and record quality under the incentive schemes, and the CRM scorecard
(:mod:`~kamcourse.viz.organising_crm.crm`). One function per figure, each takes ``ax=None`` and
returns the Axes; every word shown comes from :mod:`kamcourse.i18n`. :func:`steps_markdown` shows the
course materials' lists as numbered Markdown.
"""

from .crm import plot_adoption, plot_decision_matrix, plot_risk_matrix, plot_scorecard
from .key_accounts import plot_buying_centre, plot_concentration, plot_kam_kpis
from .tables import steps_markdown

__all__ = [
    "plot_buying_centre",
    "plot_concentration",
    "plot_kam_kpis",
    "plot_decision_matrix",
    "plot_risk_matrix",
    "plot_adoption",
    "plot_scorecard",
    "steps_markdown",
]
