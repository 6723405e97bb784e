"""Input gates (输入检查): one public, doctested gate per kind of input, one message per kind of bad input.

Every concept module checks what it is given through these gates, so a student
gets the same words for the same mistake everywhere: the parameter, the bad
value and what to do, e.g. ``retention must be in [0, 1), got 1.2``.

==========================  ==========================================================
kind of input               gate
==========================  ==========================================================
a number, a rate, a count   :func:`check_number`, :func:`check_fraction`, :func:`check_positive_int`
weights per criterion       :func:`check_weights`
one option, keys            :func:`check_choice`, :func:`check_keys` (against :mod:`kamcourse.vocabulary`)
a column of numbers         :func:`as_numeric_series`, :func:`check_no_nan`, :func:`is_scalar`,
                            :func:`first_label` (the label a message names)
two columns, one customer   :func:`paired_series` (numbers), :func:`same_rows` (any kind), :func:`threshold_value`
values per customer         :func:`customer_values`; yes/no flags :func:`as_flags`;
                            any Series by customer :func:`by_customer`
a model's outcomes, scores  :func:`scored_outcomes`
dates                       :func:`as_date` (one), :func:`as_dates` (a column), :func:`as_period` (start, end)
tables                      :func:`require_columns`, :func:`check_not_empty`; the company's tables :func:`company_tables`
a purchase log              :func:`check_transactions`
free text, a secret key     :func:`as_text_series`, :func:`check_secret`
CLV model inputs            :func:`customer_history`, :func:`repeat_values`, :func:`as_times`,
                            :func:`scalar_or_series`, :func:`unwrap`
==========================  ==========================================================

>>> from kamcourse.validation import check_fraction
>>> check_fraction(0.2, "margin")
0.2
"""

from . import dates, history, keys, scalars, scores, series, tables, text
from .dates import *  # noqa: F401,F403
from .history import *  # noqa: F401,F403
from .keys import *  # noqa: F401,F403
from .scalars import *  # noqa: F401,F403
from .scores import *  # noqa: F401,F403
from .series import *  # noqa: F401,F403
from .tables import *  # noqa: F401,F403
from .text import *  # noqa: F401,F403

__all__ = [*scalars.__all__, *keys.__all__, *series.__all__, *dates.__all__, *tables.__all__, *history.__all__,
           *scores.__all__, *text.__all__]
