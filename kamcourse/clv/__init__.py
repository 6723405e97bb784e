"""Customer lifetime value (客户终身价值), from the margin multiple to BG/NBD.

The chapter in four steps, one module each:

- :mod:`kamcourse.clv.formula`: constant margin and retention (Gupta & Lehmann
  2003): :func:`margin_multiple`, :func:`clv`, :func:`margin_multiple_table`,
  :func:`retention_sensitivity`;
- :mod:`kamcourse.clv.rfm`: a purchase log summarised per customer
  (:func:`rfm_summary`, the lifetimes definitions), RFM scores and segments;
- :mod:`kamcourse.clv.bgnbd`: the BG/NBD purchase model (Fader, Hardie & Lee
  2005), :func:`fit_bgnbd`;
- :mod:`kamcourse.clv.gamma_gamma`: spend per purchase, :func:`fit_gamma_gamma`;
  :mod:`kamcourse.clv.predicted`: both together, :func:`predicted_clv`.

>>> from kamcourse import clv
>>> round(clv.margin_multiple(0.9, 0.10), 2)
4.5

Importing this package is cheap: scipy is imported when a model is fitted.
"""

from .bgnbd import BGNBD, fit_bgnbd
from .convergence import ConvergenceError
from .formula import REICHHELD_SASSER_1990, clv, margin_multiple, margin_multiple_table, retention_sensitivity
from .gamma_gamma import GammaGamma, fit_gamma_gamma
from .predicted import TIME_UNITS_PER_MONTH, predicted_clv
from .rfm import RFM_SEGMENTS, rfm_scores, rfm_segments, rfm_summary

__all__ = [
    "margin_multiple",
    "clv",
    "margin_multiple_table",
    "retention_sensitivity",
    "REICHHELD_SASSER_1990",
    "rfm_summary",
    "rfm_scores",
    "rfm_segments",
    "RFM_SEGMENTS",
    "fit_bgnbd",
    "BGNBD",
    "fit_gamma_gamma",
    "GammaGamma",
    "predicted_clv",
    "TIME_UNITS_PER_MONTH",
    "ConvergenceError",
]
