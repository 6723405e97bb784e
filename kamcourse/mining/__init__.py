"""Customer data mining (客户数据分析与挖掘): segmentation, churn prediction, cross-selling.

The course materials' chapter 七 (the role of analysis in CRM, common methods, data-mining techniques,
privacy and security), one module per concept. The models and metrics are scikit-learn's and the
association rules mlxtend's, called in lesson 14 as students will meet them; this package adds what
the course needs around them:

- :mod:`~kamcourse.mining.features`: :func:`customer_features`, recency, frequency, monetary value
  and trend from the orders up to a date;
- :mod:`~kamcourse.mining.clusters`: :func:`segmentation_inputs`, :func:`choose_k` (elbow and
  silhouette), :func:`cluster_profile`, :func:`match_segments`;
- :mod:`~kamcourse.mining.churn`: :func:`churn_table`, :func:`churn_panel` (features before a
  cut-off, the label after it), :func:`churn_inputs`;
- :mod:`~kamcourse.mining.gains`: :func:`gains_table`, :func:`cumulative_gains`,
  :func:`top_decile_lift`, :func:`gini_coefficient`;
- :mod:`~kamcourse.mining.retention_offer`: :func:`offer_threshold`, :func:`retention_campaign`,
  :func:`profit_curve` (the threshold from the offer's cost and the value at risk);
- :mod:`~kamcourse.mining.baskets`: :func:`basket_matrix`, :func:`rule_measures`,
  :func:`cross_sell_offers`.

Importing this package is cheap: scikit-learn is imported inside the functions that need it.

>>> from kamcourse import mining
>>> mining.offer_threshold(offer_cost=3000, value_at_risk=50000, success_rate=0.3)
0.2
"""

from .baskets import basket_matrix, cross_sell_offers, rule_measures
from .churn import CHURN_INPUTS, churn_inputs, churn_panel, churn_table
from .clusters import SEGMENTATION_INPUTS, SegmentMatch, choose_k, cluster_profile, match_segments, segmentation_inputs
from .features import FEATURES, customer_features
from .gains import cumulative_gains, gains_table, gini_coefficient, top_decile_lift
from .retention_offer import offer_threshold, profit_curve, retention_campaign

__all__ = [
    "FEATURES",
    "customer_features",
    "SEGMENTATION_INPUTS",
    "SegmentMatch",
    "segmentation_inputs",
    "choose_k",
    "cluster_profile",
    "match_segments",
    "CHURN_INPUTS",
    "churn_table",
    "churn_panel",
    "churn_inputs",
    "cumulative_gains",
    "gains_table",
    "top_decile_lift",
    "gini_coefficient",
    "offer_threshold",
    "retention_campaign",
    "profit_curve",
    "basket_matrix",
    "rule_measures",
    "cross_sell_offers",
]
