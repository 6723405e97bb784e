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
two columns, one customer   :func:`paired_series`, :func:`threshold_value`
values per customer         :func:`customer_values`; yes/no flags :func:`as_flags`
dates                       :func:`as_date` (one), :func:`as_dates` (a column)
tables                      :func:`require_columns`, :func:`check_not_empty`
a purchase log              :func:`check_transactions`
CLV model inputs            :func:`customer_history`, :func:`repeat_values`, :func:`as_times`,
                            :func:`scalar_or_series`, :func:`unwrap`
==========================  ==========================================================

>>> from kamcourse.validation import check_fraction
>>> check_fraction(0.2, "margin")
0.2
"""

from .dates import as_date, as_dates
from .history import as_times, customer_history, repeat_values
from .keys import check_choice, check_keys
from .scalars import check_fraction, check_number, check_positive_int, check_weights
from .series import (
    as_flags,
    as_numeric_series,
    check_no_nan,
    customer_values,
    first_label,
    is_scalar,
    paired_series,
    scalar_or_series,
    threshold_value,
    unwrap,
)
from .tables import check_not_empty, check_transactions, require_columns

__all__ = [
    "check_number",
    "check_fraction",
    "check_positive_int",
    "check_weights",
    "check_choice",
    "check_keys",
    "is_scalar",
    "first_label",
    "check_no_nan",
    "as_numeric_series",
    "paired_series",
    "threshold_value",
    "customer_values",
    "as_flags",
    "scalar_or_series",
    "unwrap",
    "as_date",
    "as_dates",
    "require_columns",
    "check_not_empty",
    "check_transactions",
    "customer_history",
    "repeat_values",
    "as_times",
]
