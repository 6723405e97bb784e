"""Figures of the satisfaction, loyalty and customer-development chapter.

Kano plot, Kano answer bars, importance-performance grid, the seven-indicator
dashboard (:mod:`~kamcourse.viz.satisfaction_development.satisfaction`), the
satisfaction-loyalty curve with its zones (:mod:`~kamcourse.viz.satisfaction_development.loyalty`),
the prospecting funnel, the method comparison and the opportunity pipeline
(:mod:`~kamcourse.viz.satisfaction_development.development`), and
:func:`label_table` for showing this chapter's tables. One function per
figure, each takes ``ax=None`` and returns the Axes; every word shown comes
from :mod:`kamcourse.i18n`.
"""

from .development import plot_funnel, plot_method_comparison, plot_pipeline
from .loyalty import plot_satisfaction_loyalty
from .satisfaction import KANO_COLORS, plot_indicators, plot_ipa, plot_kano, plot_kano_counts
from .tables import label_table

__all__ = [
    "label_table",
    "KANO_COLORS",
    "plot_kano",
    "plot_kano_counts",
    "plot_ipa",
    "plot_indicators",
    "plot_satisfaction_loyalty",
    "plot_funnel",
    "plot_method_comparison",
    "plot_pipeline",
]
