"""Figures of the CRM-foundations chapter (lessons 10 and 11).

The CRM process with one number per step (:mod:`~kamcourse.viz.crm_foundations.process`), the data-quality
profile of the raw extract, the A/B/C grade grid and a before/after comparison
(:mod:`~kamcourse.viz.crm_foundations.quality`), the candidate pairs of the duplicate search
(:mod:`~kamcourse.viz.crm_foundations.matching`). One function per figure, each takes ``ax=None`` and returns
the Axes; every word shown comes from :mod:`kamcourse.i18n`.
"""

from .matching import plot_pair_decisions
from .process import plot_crm_process
from .quality import plot_before_after, plot_grade_grid, plot_quality_profile
from .tables import crm_table

__all__ = ["crm_table", "plot_crm_process", "plot_quality_profile", "plot_grade_grid", "plot_before_after", "plot_pair_decisions"]
