"""Customer development (客户开发): prospecting methods, funnel economics, the pipeline, orientation.

The course materials split customer development into a *marketing-oriented*
strategy (营销导向: attractive product, price, place and promotion make
customers come by themselves, "pull") and a *selling-oriented* one (推销导向:
the firm finds target customers and persuades them, "push"), and list the
methods of finding them (寻找客户的方法). One module each:

- :mod:`~kamcourse.development.methods`: :data:`PROSPECTING_METHODS`, the ten
  methods, bilingual, with pros and cons; :func:`prospecting_methods`;
- :mod:`~kamcourse.development.funnel`: :func:`prospecting_funnel` (contacts ->
  qualified leads -> customers, the cost per customer and the first-year ROI
  of a budget) and :func:`method_comparison` (the same measured in a prospects table);
- :mod:`~kamcourse.development.pipeline`: :func:`pipeline_stages`,
  :func:`pipeline_summary`: stage conversion, win rate and cycle time of the
  opportunity pipeline (销售漏斗/商机管道);
- :mod:`~kamcourse.development.orientation`: :func:`orientation_table` (the
  two strategies side by side), :func:`development_orientation` (which
  strategy a lever belongs to: the 4Ps or a prospecting method),
  :func:`acquisition_value` (what the customers each method brought are worth).

>>> from kamcourse import development
>>> development.PROSPECTING_METHODS.loc[0, "zh"]
'逐户访问法'
"""

from .funnel import FUNNEL_STAGES, method_comparison, prospecting_funnel
from .methods import PROSPECTING_METHODS, prospecting_methods
from .orientation import (
    MARKETING_LEVERS,
    ORIENTATION,
    ORIENTATION_ASPECTS,
    ORIENTATIONS,
    acquisition_value,
    development_orientation,
    orientation_table,
)
from .pipeline import PIPELINE_STAGES, pipeline_stages, pipeline_summary

__all__ = [
    "PROSPECTING_METHODS",
    "FUNNEL_STAGES",
    "PIPELINE_STAGES",
    "ORIENTATIONS",
    "MARKETING_LEVERS",
    "ORIENTATION",
    "ORIENTATION_ASPECTS",
    "prospecting_methods",
    "prospecting_funnel",
    "method_comparison",
    "pipeline_stages",
    "pipeline_summary",
    "development_orientation",
    "orientation_table",
    "acquisition_value",
]
