"""Customer satisfaction (客户满意): disconfirmation, Kano, survey attributes, IPA, NPS, indicators.

The chapter's measuring tools, one module each:

- :mod:`~kamcourse.satisfaction.expectation_disconfirmation`: expectation vs perceived
  performance (Oliver 1980), :func:`disconfirmation`;
- :mod:`~kamcourse.satisfaction.kano`: the Kano questionnaire (Kano et al. 1984;
  Berger et al. 1993; Matzler et al. 1996), :func:`kano_answer`,
  :func:`kano_category`, :func:`kano_from_counts`, :func:`kano_table`;
- :mod:`~kamcourse.satisfaction.survey`: survey attributes and an
  importance-weighted 0-100 index, :func:`attribute_summary`, :func:`satisfaction_index`;
- :mod:`~kamcourse.satisfaction.ipa`: the importance-performance grid
  (Martilla & James 1977), :func:`importance_performance`;
- :mod:`~kamcourse.satisfaction.net_promoter`: the Net Promoter Score (Reichheld 2003),
  :func:`nps`, :func:`nps_group`;
- :mod:`~kamcourse.satisfaction.indicators`: the course materials' seven
  satisfaction indicators measured in the company data,
  :func:`satisfaction_indicators`, :func:`indicator_index`.

Categories are English keys (``"must_be"``); :func:`kamcourse.i18n.label`
gives the words a person reads.

>>> from kamcourse import satisfaction
>>> satisfaction.kano_category("like", "dislike"), satisfaction.nps([10, 9, 3, 8])
('one_dimensional', 25.0)
"""

from .expectation_disconfirmation import DISCONFIRMATION, disconfirmation
from .indicators import INDICATOR_WEIGHTS, INDICATORS, indicator_index, satisfaction_indicators
from .ipa import IPA_QUADRANTS, importance_performance
from .kano import (
    KANO_ANSWERS,
    KANO_CATEGORIES,
    KANO_CODES,
    KANO_EVALUATION_TABLE,
    kano_answer,
    kano_category,
    kano_from_counts,
    kano_table,
)
from .net_promoter import nps, nps_group
from .survey import ATTRIBUTES, attribute_summary, satisfaction_index

__all__ = [
    "DISCONFIRMATION",
    "KANO_ANSWERS",
    "KANO_CATEGORIES",
    "KANO_CODES",
    "KANO_EVALUATION_TABLE",
    "ATTRIBUTES",
    "IPA_QUADRANTS",
    "INDICATORS",
    "INDICATOR_WEIGHTS",
    "disconfirmation",
    "kano_answer",
    "kano_category",
    "kano_from_counts",
    "kano_table",
    "attribute_summary",
    "satisfaction_index",
    "importance_performance",
    "nps",
    "nps_group",
    "satisfaction_indicators",
    "indicator_index",
]
