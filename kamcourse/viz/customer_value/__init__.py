"""Figures for the customer-value chapter: delivered value, lifecycle, CLV, RFM, BG/NBD.

One module per concept (:mod:`~kamcourse.viz.customer_value.value`,
:mod:`~kamcourse.viz.customer_value.lifecycle`, :mod:`~kamcourse.viz.customer_value.clv`),
one function per figure; each takes ``ax=None``, labels through
:mod:`kamcourse.i18n` and returns the matplotlib ``Axes``.
"""

from .clv import plot_clv_retention, plot_frequency_recency, plot_margin_multiples, plot_prob_alive, plot_rfm_heatmap
from .lifecycle import STAGE_COLORS, plot_lifecycle_curve, plot_stage_economics, plot_stage_mix
from .value import plot_delivered_value

__all__ = [
    "plot_delivered_value",
    "STAGE_COLORS",
    "plot_stage_mix",
    "plot_stage_economics",
    "plot_lifecycle_curve",
    "plot_margin_multiples",
    "plot_clv_retention",
    "plot_rfm_heatmap",
    "plot_frequency_recency",
    "plot_prob_alive",
]
