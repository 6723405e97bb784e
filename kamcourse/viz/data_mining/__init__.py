"""Figures for the customer data mining chapter: choosing k, cluster profiles, ROC, gains, lift, profit.

One module per concept (:mod:`~kamcourse.viz.data_mining.segmentation`,
:mod:`~kamcourse.viz.data_mining.churn`), one function per figure; each takes ``ax=None``,
labels through :mod:`kamcourse.i18n` and returns the matplotlib ``Axes``.
"""

from .churn import plot_gains, plot_lift, plot_profit_curve, plot_roc
from .segmentation import plot_cluster_profile, plot_k_choice

__all__ = ["plot_k_choice", "plot_cluster_profile", "plot_roc", "plot_gains", "plot_lift", "plot_profit_curve"]
