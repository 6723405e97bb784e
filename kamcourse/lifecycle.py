"""Customer relationship lifecycle (客户关系生命周期) read from purchase history.

The Chinese textbooks split a relationship into 考察期 (exploration), 形成期
(formation), 稳定期 (stability) and 退化期 (decline), some adding 终止期
(termination). A CRM system does not record the stage, so this module infers
it from the orders with explicit, adjustable rules (:func:`classify_stages`),
follows one customer through the stages (:func:`lifecycle_curve`,
:func:`stage_history`), names the path a relationship took
(:func:`lifecycle_pattern`), sums up what each stage brings and costs
(:func:`stage_summary`) and ranks lapsing customers for win-back
(:func:`win_back_priority`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ._validate import (
    as_numeric_series,
    check_choice,
    check_fraction,
    check_number,
    check_positive_int,
    require_columns,
)

__all__ = [
    "STAGES",
    "PATTERNS",
    "WIN_BACK_ACTIONS",
    "classify_stages",
    "stage_summary",
    "lifecycle_curve",
    "stage_history",
    "lifecycle_pattern",
    "lifecycle_patterns",
    "win_back_priority",
]

#: The five stages in order (考察期, 形成期, 稳定期, 退化期, 终止期).
STAGES: tuple[str, ...] = ("exploration", "formation", "stability", "decline", "termination")

#: Lifecycle patterns (this kit's convention, after the four patterns Chinese
#: textbooks attribute to 陈明亮 2003): early abort
#: (早期流产型), mid-way failure (中途夭折型), early exit (提前退出型),
#: long-lasting (长久保持型); ``"ongoing"`` for a relationship still developing.
PATTERNS: tuple[str, ...] = ("early_abort", "midway_failure", "early_exit", "long_lasting", "ongoing")

#: Win-back actions of :func:`win_back_priority`, most urgent first.
WIN_BACK_ACTIONS: tuple[str, ...] = ("win_back_first", "special_effort", "low_cost_reminder", "let_go")

_FREQ_ALIASES = {"M": "MS", "Q": "QS", "Y": "YS"}


def _as_timestamp(value: Any, name: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ValueError(f"{name} must be a date, got {value!r}") from None
    if pd.isna(ts):
        raise ValueError(f"{name} must be a date, got {value!r}")
    return ts.tz_localize(None) if ts.tzinfo is not None else ts


def _purchases(
    transactions: Any, customer_col: str, date_col: str, amount_col: str
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Checked customer, date and amount columns."""
    require_columns(transactions, [customer_col, date_col, amount_col], "transactions")
    if len(transactions) == 0:
        raise ValueError("transactions is empty; it needs at least one purchase")
    customers = transactions[customer_col]
    if customers.isna().any():
        first = transactions.index[customers.isna().to_numpy()][0]
        raise ValueError(f"{customer_col} contains missing value(s) (NaN), first at {first!r}")
    dates = transactions[date_col]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        if pd.api.types.is_numeric_dtype(dates):
            raise TypeError(f"{date_col} must hold dates, got numbers ({dates.dtype}); parse them with pd.to_datetime")
        try:
            dates = pd.to_datetime(dates)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{date_col} holds values that are not dates: {exc}") from None
    if dates.isna().any():
        first = transactions.index[dates.isna().to_numpy()][0]
        raise ValueError(f"{date_col} contains missing date(s) (NaT), first at {first!r}")
    amounts = as_numeric_series(transactions[amount_col], amount_col)
    return customers, dates, amounts


def _first_order_days(first_orders: Any, end: pd.Timestamp) -> pd.Series:
    """Days from each customer's recorded first order to ``end`` (checked: a Series of dates, no NaT)."""
    if not isinstance(first_orders, pd.Series):
        raise TypeError(f"first_orders must be a Series of dates indexed by customer, got {type(first_orders).__name__}")
    dates = first_orders
    if not pd.api.types.is_datetime64_any_dtype(dates):
        try:
            dates = pd.to_datetime(dates)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"first_orders holds values that are not dates: {exc}") from None
    if dates.isna().any():
        first = dates.index[dates.isna().to_numpy()][0]
        raise ValueError(f"first_orders contains a missing date (NaT) at {first!r}")
    if dates.index.has_duplicates:
        raise ValueError(f"first_orders lists customer {dates.index[dates.index.duplicated()][0]!r} twice")
    day = dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    ago = (np.datetime64(end.date(), "D") - day).astype(np.int64)
    return pd.Series(ago, index=dates.index, dtype=float)


def classify_stages(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    amount_col: str,
    as_of: Any,
    *,
    exploration_days: int = 273,
    formation_days: int = 913,
    termination_days: int = 270,
    window_days: int = 365,
    growth_ratio: float = 1.3,
    decline_ratio: float = 0.75,
    first_orders: pd.Series | None = None,
    data_start: Any = None,
) -> pd.Series:
    """Each customer's lifecycle stage on a date, from her orders (客户生命周期阶段划分).

    With ``last12`` = revenue in the ``window_days`` (365) days up to and
    including ``as_of`` and ``prev12`` = revenue in the 365 days before
    those, and the customer's tenure = days since her first order, the first
    rule that applies wins:

    1. **termination** (终止期): no order in the last ``termination_days`` (270) days;
    2. **exploration** (考察期): tenure at most ``exploration_days`` (273, about 9 months);
    3. **decline** (退化期): ``last12 < decline_ratio × prev12`` (0.75: revenue
       down by more than a quarter; the customer still orders, or rule 1 applies);
    4. **formation** (形成期): tenure at most ``formation_days`` (913, about
       30 months), or ``last12 >= growth_ratio × prev12`` (1.3: still growing fast);
    5. **stability** (稳定期): the rest: an older customer whose revenue stays
       within [0.75, 1.3) of the year before.

    Only orders on or before ``as_of`` count, so the function also answers
    "which stage was this customer in on a past date?". The stage names are
    the Chinese textbooks' (jidianwang; course materials); the thresholds are
    this kit's convention, the same the kit's data generator builds its
    customers to fit at 2025-12-31 (``kamcourse.data.generator.STAGE_RULES``).

    Parameters
    ----------
    transactions : DataFrame
        One row per order (line); columns named by the next three parameters.
    customer_col, date_col, amount_col : str
        Customer id, order date and order value columns.
    as_of : date-like
        The date the stages are read on.
    exploration_days, formation_days, termination_days, window_days : int
        Rule thresholds in days (see above).
    growth_ratio, decline_ratio : float
        Year-on-year revenue ratios marking growth and decline (0 < decline < growth).
    first_orders : Series, optional
        First order date per customer (e.g. ``customers["first_order_date"]``
        indexed by customer id), for customers who bought before the order
        records begin; tenure counts from the earlier of this date and the
        first order in ``transactions``. For such a customer, while the
        records do not yet cover both 365-day windows, her revenue trend is
        unknown: she is taken as formation (tenure up to ``formation_days``)
        or stability (older), unless rule 1 (termination) applies -- this
        kit's convention for histories that start before the records do.
    data_start : date-like, optional
        First day of the order records (default: the first order date in
        ``transactions``); used only with ``first_orders``.

    Returns
    -------
    Series
        Index: customers with at least one order on or before ``as_of``
        (sorted); values: stage keys (an ordered categorical over
        :data:`STAGES`); name ``stage``.

    Raises
    ------
    TypeError
        If ``transactions`` is not a DataFrame or the dates are numbers.
    ValueError
        If a column is missing (the present ones are listed), a value is
        NaN/NaT, a threshold is out of range, or no order is on or before ``as_of``.

    Examples
    --------
    >>> orders = pd.DataFrame({
    ...     "customer": ["new", "grow", "grow", "old", "old", "old", "down", "down", "gone"],
    ...     "date": pd.to_datetime(["2025-06-01", "2024-03-01", "2025-09-01", "2021-05-01",
    ...                             "2024-10-01", "2025-10-01", "2024-06-01", "2025-08-01", "2024-01-10"]),
    ...     "amount": [10, 50, 120, 80, 100, 100, 200, 40, 90]})
    >>> classify_stages(orders, "customer", "date", "amount", as_of="2025-12-31").to_dict()
    {'down': 'decline', 'gone': 'termination', 'grow': 'formation', 'new': 'exploration', 'old': 'stability'}
    """
    customers, dates, amounts = _purchases(transactions, customer_col, date_col, amount_col)
    end = _as_timestamp(as_of, "as_of").normalize()
    exploration_days = check_positive_int(exploration_days, "exploration_days")
    formation_days = check_positive_int(formation_days, "formation_days")
    termination_days = check_positive_int(termination_days, "termination_days")
    window_days = check_positive_int(window_days, "window_days")
    growth = check_number(growth_ratio, "growth_ratio")
    decline = check_number(decline_ratio, "decline_ratio")
    if not 0 < decline < growth:
        raise ValueError(
            f"need 0 < decline_ratio < growth_ratio, got decline_ratio={decline_ratio!r}, growth_ratio={growth_ratio!r}"
        )
    day = dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    days_before = (np.datetime64(end.date(), "D") - day).astype(np.int64)
    keep = days_before >= 0
    if not keep.any():
        raise ValueError(f"no order is dated on or before as_of {end.date()}; the first is {dates.min().date()}")
    ago = days_before[keep]
    value = amounts.to_numpy()[keep]
    frame = pd.DataFrame(
        {
            "customer": customers.to_numpy()[keep],
            "ago": ago,
            "last12": np.where(ago < window_days, value, 0.0),
            "prev12": np.where((ago >= window_days) & (ago < 2 * window_days), value, 0.0),
        }
    )
    per = frame.groupby("customer", sort=True).agg(
        tenure=("ago", "max"), silence=("ago", "min"), last12=("last12", "sum"), prev12=("prev12", "sum")
    )
    censored = np.zeros(len(per), dtype=bool)
    if first_orders is not None:
        known = _first_order_days(first_orders, end).reindex(per.index).to_numpy(dtype=float)
        per["tenure"] = np.fmax(per["tenure"].to_numpy(dtype=float), known)
        start = dates.min() if data_start is None else _as_timestamp(data_start, "data_start")
        covered = (end - start.normalize()).days + 1  # days of records up to as_of
        if covered < 2 * window_days:
            censored = np.nan_to_num(known, nan=-1.0) >= covered  # bought before the records begin
    elif data_start is not None:
        _as_timestamp(data_start, "data_start")
    terminated = per["silence"] >= termination_days
    exploring = per["tenure"] <= exploration_days
    declining = (per["last12"] < decline * per["prev12"]) & ~censored
    young = per["tenure"] <= formation_days
    growing = (per["last12"] >= growth * per["prev12"]) & ~censored
    stage = np.select(
        [terminated, exploring, declining, young | growing],
        ["termination", "exploration", "decline", "formation"],
        default="stability",
    )
    return pd.Series(
        pd.Categorical(stage, categories=list(STAGES), ordered=True), index=per.index.rename(customer_col), name="stage"
    )


def stage_summary(stages: pd.Series, metrics: pd.DataFrame | None = None) -> pd.DataFrame:
    """Customers and money by lifecycle stage (各阶段的投入与产出).

    Counts customers per stage and, for each numeric column of ``metrics``
    (e.g. revenue, profit, cost to serve, the firm's investment), its total
    and its average per customer. The course materials state that the firm
    invests most early in the relationship and that profit peaks in the
    stability stage; this table lets students check that on data.

    Parameters
    ----------
    stages : Series
        Stage key per customer (from :func:`classify_stages`).
    metrics : DataFrame, optional
        One row per customer (index = customer id), numeric columns. Every
        customer in ``stages`` must have a row; NaN raises.

    Returns
    -------
    DataFrame
        Index: the five :data:`STAGES` in order (stages without customers
        show 0). Columns ``customers``, ``customer_share``, then per metric
        ``<metric>`` (total) and ``<metric>_per_customer``.

    Raises
    ------
    TypeError
        If ``stages`` is not a Series or a metric column is not numeric.
    ValueError
        If a stage key is unknown, a customer lacks metrics, or a value is NaN.

    Examples
    --------
    >>> stages = pd.Series(["exploration", "stability", "stability", "decline"], index=list("abcd"))
    >>> metrics = pd.DataFrame({"profit": [-5.0, 40.0, 60.0, 10.0]}, index=list("abcd"))
    >>> stage_summary(stages, metrics)
                 customers  customer_share  profit  profit_per_customer
    stage
    exploration          1            0.25    -5.0                 -5.0
    formation            0            0.00     0.0                  0.0
    stability            2            0.50   100.0                 50.0
    decline              1            0.25    10.0                 10.0
    termination          0            0.00     0.0                  0.0
    """
    if not isinstance(stages, pd.Series):
        raise TypeError(f"stages must be a pandas Series (customer -> stage), got {type(stages).__name__}")
    if stages.isna().any():
        first = stages.index[stages.isna().to_numpy()][0]
        raise ValueError(f"stages contains a missing stage (NaN) at {first!r}")
    keys = stages.astype(str)
    unknown = sorted(set(keys) - set(STAGES))
    if unknown:
        raise ValueError(f"stages holds unknown stage {unknown[0]!r}; valid: {', '.join(STAGES)}")
    index = pd.Index(list(STAGES), name="stage")
    counts = keys.value_counts().reindex(index, fill_value=0).astype(int)
    out = pd.DataFrame({"customers": counts, "customer_share": counts / max(len(keys), 1)}, index=index)
    if metrics is None:
        return out
    if not isinstance(metrics, pd.DataFrame):
        raise TypeError(f"metrics must be a DataFrame (one row per customer), got {type(metrics).__name__}")
    missing = keys.index.difference(metrics.index)
    if len(missing):
        raise ValueError(
            f"metrics has no row for {len(missing)} customer(s) in stages, e.g. {missing[0]!r}; "
            "give every customer a row (fill 0 where there is nothing)"
        )
    rows = metrics.loc[keys.index]
    for col in metrics.columns:
        values = as_numeric_series(rows[col], f"metrics[{col!r}]")
        total = values.groupby(keys.to_numpy()).sum().reindex(index, fill_value=0.0)
        out[col] = total.to_numpy()
        per_customer = np.where(counts > 0, total / counts.clip(lower=1), 0.0)
        out[f"{col}_per_customer"] = per_customer
    return out


def lifecycle_curve(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    amount_col: str,
    customer: Any,
    *,
    freq: str = "Q",
    end: Any = None,
) -> pd.Series:
    """One customer's revenue per period over her life with the firm (客户生命周期曲线).

    Sums the customer's orders per month, quarter or year, from the period
    of her first order to ``end``, with 0 for periods without orders, so the
    shape (rise, plateau, fall) is visible.

    Parameters
    ----------
    transactions : DataFrame
        Orders; columns named by the next three parameters.
    customer_col, date_col, amount_col : str
        Customer id, order date and order value columns.
    customer : object
        The customer id to follow.
    freq : {"M", "Q", "Y"}
        Period length: month, quarter (default) or year.
    end : date-like, optional
        Last date shown; default the last order date in ``transactions``.

    Returns
    -------
    Series
        Revenue per period; the index holds each period's start date.

    Raises
    ------
    ValueError
        If the customer has no orders (close ids are suggested), ``freq`` is
        unknown, or the columns are missing/invalid.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer": ["a", "a", "a", "b"],
    ...     "date": pd.to_datetime(["2024-01-15", "2024-02-01", "2024-08-20", "2024-03-03"]),
    ...     "amount": [10.0, 5.0, 30.0, 7.0]})
    >>> lifecycle_curve(orders, "customer", "date", "amount", "a", end="2024-12-31").tolist()
    [15.0, 0.0, 30.0, 0.0]
    """
    check_choice(freq, "freq", _FREQ_ALIASES)
    customers, dates, amounts = _purchases(transactions, customer_col, date_col, amount_col)
    mask = (customers == customer).to_numpy()
    if not mask.any():
        import difflib

        ids = {str(c).lower(): str(c) for c in pd.unique(customers)}
        close = [ids[c] for c in difflib.get_close_matches(str(customer).lower(), list(ids), n=3)]
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ValueError(f"customer {customer!r} has no orders in transactions{hint}")
    stop = dates.max() if end is None else _as_timestamp(end, "end")
    own = pd.Series(amounts.to_numpy()[mask], index=pd.DatetimeIndex(dates.to_numpy()[mask]))
    own = own[own.index <= stop]
    rule = _FREQ_ALIASES[freq]
    start = own.index.min() if len(own) else stop
    periods = pd.date_range(start.to_period(freq[0]).start_time, stop, freq=rule)
    if len(own):
        summed = own.groupby(own.index.to_period(freq[0]).start_time).sum()
    else:
        summed = pd.Series(dtype=float)
    curve = summed.reindex(periods, fill_value=0.0).astype(float)
    curve.index.name = "period"
    curve.name = amount_col
    return curve


def stage_history(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    amount_col: str,
    dates: Iterable[Any],
    **rules: Any,
) -> pd.DataFrame:
    """Each customer's stage on each of several dates (生命周期阶段演变).

    Calls :func:`classify_stages` once per date (only the orders up to that
    date count), so a row reads like the customer's path through the stages.

    Parameters
    ----------
    transactions : DataFrame
        Orders; columns named by the next three parameters.
    customer_col, date_col, amount_col : str
        Customer id, order date and order value columns.
    dates : iterable of date-like
        The dates to read the stages on, in increasing order (e.g. quarter ends).
    **rules
        Threshold keywords passed on to :func:`classify_stages`.

    Returns
    -------
    DataFrame
        Index: customers; one column per date; values are stage keys, NaN
        before a customer's first order.

    Raises
    ------
    ValueError
        If ``dates`` is empty or not increasing, or as :func:`classify_stages`.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer": ["a"] * 4,
    ...     "date": pd.to_datetime(["2022-01-10", "2023-01-10", "2024-01-10", "2024-06-10"]),
    ...     "amount": [10.0, 30.0, 30.0, 30.0]})
    >>> h = stage_history(orders, "customer", "date", "amount", ["2022-06-30", "2023-06-30", "2025-06-30"])
    >>> h.loc["a"].tolist()
    ['exploration', 'formation', 'termination']
    """
    stamps = [_as_timestamp(d, "dates") for d in dates]
    if not stamps:
        raise ValueError("dates is empty; give at least one date to read the stages on")
    if any(b <= a for a, b in zip(stamps, stamps[1:])):
        raise ValueError("dates must be increasing (oldest first)")
    customers, order_dates, _ = _purchases(transactions, customer_col, date_col, amount_col)
    everyone = pd.Index(sorted(pd.unique(customers)), name=customer_col)
    columns = {}
    first_order = order_dates.min()
    for stamp in stamps:
        if stamp < first_order:
            columns[stamp] = pd.Series(np.nan, index=everyone, dtype=object)
            continue
        stages = classify_stages(transactions, customer_col, date_col, amount_col, stamp, **rules)
        columns[stamp] = stages.astype(object).reindex(everyone)
    history = pd.DataFrame(columns)
    history.columns.name = "as_of"
    return history


def lifecycle_pattern(path: Iterable[Any], min_stable: int = 4) -> str:
    """Name the path one relationship took through the stages (客户生命周期模式).

    This kit's convention, after the four patterns Chinese textbooks attribute
    to 陈明亮 (2003, 客户生命周期模式研究; the attribution, the names and the
    rules below are not confirmed against the paper: they are the kit's
    reading), read from the stages in time order:

    - ``"long_lasting"`` (长久保持型): in stability now, and in at least
      ``min_stable`` readings in all (year-on-year noise may interrupt it);
    - ``"early_exit"`` (提前退出型): reached stability, now in decline or
      terminated (the relationship left its best stage);
    - ``"midway_failure"`` (中途夭折型): reached formation but never
      stability, now in decline or terminated;
    - ``"early_abort"`` (早期流产型): never got past exploration, now in
      decline or terminated;
    - ``"ongoing"``: still developing (exploration, formation, or stable in
      fewer than ``min_stable`` readings).

    Parameters
    ----------
    path : iterable
        Stage keys in time order (a row of :func:`stage_history`); missing
        values (before the first order) are skipped.
    min_stable : int
        Readings in stability needed to count as long-lasting (default 4,
        a year of quarterly readings).

    Returns
    -------
    str
        One of :data:`PATTERNS`.

    Raises
    ------
    ValueError
        If a stage key is unknown, the path is empty, or ``min_stable`` < 1.

    Examples
    --------
    >>> lifecycle_pattern(["exploration", "formation", "stability", "stability",
    ...                    "stability", "stability"])
    'long_lasting'
    >>> lifecycle_pattern(["formation", "stability", "stability", "decline"])
    'early_exit'
    >>> lifecycle_pattern(["exploration", "formation", "decline", "termination"])
    'midway_failure'
    >>> lifecycle_pattern(["exploration", "termination"])
    'early_abort'
    """
    min_stable = check_positive_int(min_stable, "min_stable")
    seq = [s for s in path if not (s is None or (isinstance(s, float) and np.isnan(s)))]
    if not seq:
        raise ValueError("path has no stage; give the stages in time order")
    seq = [str(s) for s in seq]
    for s in seq:
        check_choice(s, "stage", STAGES)
    now = seq[-1]
    if now in ("decline", "termination"):
        if "stability" in seq:
            return "early_exit"
        return "midway_failure" if "formation" in seq else "early_abort"
    if now == "stability":
        return "long_lasting" if seq.count("stability") >= min_stable else "ongoing"
    return "ongoing"


def lifecycle_patterns(history: pd.DataFrame, min_stable: int = 4) -> pd.Series:
    """:func:`lifecycle_pattern` for every customer (row) of a :func:`stage_history` table.

    Parameters
    ----------
    history : DataFrame
        Customers x dates of stage keys, oldest date first.
    min_stable : int
        As for :func:`lifecycle_pattern`.

    Returns
    -------
    Series
        Pattern key per customer, named ``pattern``.

    Raises
    ------
    TypeError
        If ``history`` is not a DataFrame.
    ValueError
        As :func:`lifecycle_pattern`.

    Examples
    --------
    >>> h = pd.DataFrame([["exploration", "formation", "decline"],
    ...                   [None, "exploration", "formation"]], index=["a", "b"])
    >>> lifecycle_patterns(h).to_dict()
    {'a': 'midway_failure', 'b': 'ongoing'}
    """
    if not isinstance(history, pd.DataFrame):
        raise TypeError(f"history must be a DataFrame (customers x dates), got {type(history).__name__}")
    values = [lifecycle_pattern(row, min_stable) for row in history.itertuples(index=False, name=None)]
    return pd.Series(values, index=history.index, name="pattern")


def win_back_priority(
    stages: pd.Series,
    prob_alive: pd.Series,
    value: pd.Series,
    *,
    alive_threshold: float = 0.5,
    value_threshold: float | None = None,
) -> pd.DataFrame:
    """Which lost or fading customers to try to win back first (客户挽回优先级).

    Looks only at customers in decline or termination. Each gets

    - ``prob_alive``: how likely she is still reachable, i.e. has not left
      for good (e.g. the BG/NBD probability alive, :mod:`kamcourse.clv`);
    - ``value_if_won_back``: what she would be worth if won back (the
      ``value`` given: e.g. her past yearly revenue or profit, or a CLV);
    - ``expected_value`` = prob_alive × value, the ranking key;
    - ``win_back_action`` (this kit's convention): ``"win_back_first"`` (likely
      reachable and valuable), ``"special_effort"`` (valuable but probably
      gone: a senior visit, a special offer), ``"low_cost_reminder"``
      (reachable but small: a call or an e-mail), ``"let_go"``.

    Parameters
    ----------
    stages : Series
        Stage per customer (from :func:`classify_stages`).
    prob_alive : Series
        Probability in [0, 1] per customer (same ids).
    value : Series
        Value per customer (same ids); may be negative (loss-making).
    alive_threshold : float
        ``prob_alive`` at or above this counts as reachable (default 0.5).
    value_threshold : float, optional
        ``value`` at or above this counts as valuable; default the median
        value of the candidates.

    Returns
    -------
    DataFrame
        One row per declining or terminated customer, best first: columns
        ``stage, prob_alive, value_if_won_back, expected_value,
        win_back_action, priority`` (1 = call first).

    Raises
    ------
    TypeError
        If an input is not a Series.
    ValueError
        If a candidate lacks ``prob_alive`` or ``value``, a probability is
        outside [0, 1], or a value is NaN.

    Examples
    --------
    >>> stages = pd.Series(["decline", "termination", "termination", "stability"], index=list("abcd"))
    >>> alive = pd.Series([0.9, 0.2, 0.7, 1.0], index=list("abcd"))
    >>> value = pd.Series([100.0, 500.0, 20.0, 900.0], index=list("abcd"))
    >>> win_back_priority(stages, alive, value)[["expected_value", "win_back_action", "priority"]]
       expected_value    win_back_action  priority
    b           100.0     special_effort         1
    a            90.0     win_back_first         2
    c            14.0  low_cost_reminder         3
    """
    for name, s in (("stages", stages), ("prob_alive", prob_alive), ("value", value)):
        if not isinstance(s, pd.Series):
            raise TypeError(f"{name} must be a pandas Series indexed by customer, got {type(s).__name__}")
    alive_threshold = check_fraction(alive_threshold, "alive_threshold")
    keys = stages.astype(object)
    if keys.isna().any():
        raise ValueError(f"stages contains a missing stage (NaN) at {keys.index[keys.isna().to_numpy()][0]!r}")
    keys = keys.astype(str)
    unknown = sorted(set(keys) - set(STAGES))
    if unknown:
        raise ValueError(f"stages holds unknown stage {unknown[0]!r}; valid: {', '.join(STAGES)}")
    candidates = keys[keys.isin(["decline", "termination"])]
    for name, s in (("prob_alive", prob_alive), ("value", value)):
        missing = candidates.index.difference(s.index)
        if len(missing):
            raise ValueError(f"{name} has no value for customer {missing[0]!r} (in decline or termination)")
    p = as_numeric_series(prob_alive.loc[candidates.index], "prob_alive", allow_empty=True)
    if ((p < 0) | (p > 1)).any():
        bad = p[(p < 0) | (p > 1)]
        raise ValueError(f"prob_alive must be in [0, 1], got {float(bad.iloc[0])!r} at {bad.index[0]!r}")
    v = as_numeric_series(value.loc[candidates.index], "value", allow_empty=True)
    table = pd.DataFrame({"stage": candidates, "prob_alive": p, "value_if_won_back": v})
    table["expected_value"] = table["prob_alive"] * table["value_if_won_back"]
    if value_threshold is None:
        v_limit = float(v.median()) if len(v) else 0.0
    else:
        v_limit = check_number(value_threshold, "value_threshold")
    reachable = table["prob_alive"] >= alive_threshold
    valuable = table["value_if_won_back"] >= v_limit
    table["win_back_action"] = np.select(
        [reachable & valuable, valuable, reachable], ["win_back_first", "special_effort", "low_cost_reminder"],
        default="let_go",
    )
    table = table.sort_values(["expected_value", "value_if_won_back"], ascending=False, kind="stable")
    table["priority"] = np.arange(1, len(table) + 1)
    return table
