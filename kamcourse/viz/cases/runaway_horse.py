"""Figures of the runaway-horse case: the account's revenue around the departure, the coverage plan."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ..style import PALETTE, course_figure, finish, new_axes

__all__ = [
    "runaway_revenue",
    "runaway_coverage",
]


@course_figure
def runaway_revenue(
    monthly: pd.Series, leave_date: str | pd.Timestamp, months: int = 12, ax: Axes | None = None
) -> Axes:
    """An account's monthly revenue around a salesperson's leave date (离职前后的月销售额).

    Parameters
    ----------
    monthly : pandas.Series
        :func:`kamcourse.cases.runaway_horse.monthly_revenue`.
    leave_date : date-like
    months : int
        Window of the averages drawn before and after.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``monthly`` is not a Series.

    Examples
    --------
    >>> s = pd.Series([100.0] * 12 + [20.0] * 12, index=pd.date_range("2024-01-01", periods=24, freq="MS"))
    >>> ax = runaway_revenue(s, "2025-01-01")
    >>> [round(line.get_ydata()[0]) for line in ax.lines[-2:]]
    [100, 20]
    """
    if not isinstance(monthly, pd.Series):
        raise TypeError(f"monthly must be a pandas Series of revenue by month, got {type(monthly).__name__}")
    leave = pd.Timestamp(leave_date)
    ax = new_axes(ax)
    ax.plot(monthly.index, monthly.to_numpy(), color=PALETTE[0], lw=1.5, marker="o", ms=3)
    ax.axvline(leave, color=PALETTE[3], ls="--", lw=1.5, label=i18n.label("rh_leave_date"))
    before = monthly[(monthly.index >= leave - pd.DateOffset(months=months)) & (monthly.index < leave)]
    after = monthly[(monthly.index >= leave) & (monthly.index < leave + pd.DateOffset(months=months))]
    if len(before):
        ax.plot([before.index.min(), leave], [before.mean()] * 2, color=PALETTE[2], lw=3,
                label=i18n.label("rh_mean_before"))
    if len(after):
        ax.plot([leave, after.index.max()], [after.mean()] * 2, color=PALETTE[1], lw=3,
                label=i18n.label("rh_mean_after"))
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper right")
    return finish(ax, title="rh_revenue_title", ylabel="rh_monthly_revenue")


@course_figure
def runaway_coverage(
    now: pd.DataFrame, plan: pd.DataFrame, staff: pd.DataFrame | None = None, ax: Axes | None = None
) -> Axes:
    """Contacts of one account per member of staff, now vs a diamond plan (领结型 → 钻石型).

    Parameters
    ----------
    now : pandas.DataFrame
        The account's rows of ``contacts`` (column ``staff_id``).
    plan : pandas.DataFrame
        :func:`kamcourse.cases.runaway_horse.diamond_plan` (column ``proposed_staff_id``).
    staff : pandas.DataFrame, optional
        With ``staff_id`` and ``leave_date``: people who have left are marked.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If a table is not a DataFrame with its staff column.

    Examples
    --------
    >>> now = pd.DataFrame({"staff_id": ["S1", "S1", "S1"]})
    >>> plan = pd.DataFrame({"proposed_staff_id": ["S2", "S3", "S4"]})
    >>> ax = runaway_coverage(now, plan)
    >>> len(ax.patches)
    8
    """
    for name, df, col in (("now", now, "staff_id"), ("plan", plan, "proposed_staff_id")):
        if not isinstance(df, pd.DataFrame) or col not in df.columns:
            raise TypeError(f"{name} must be a DataFrame with a {col} column")
    a = now["staff_id"].value_counts()
    b = plan["proposed_staff_id"].value_counts()
    people = sorted(set(a.index) | set(b.index))
    left: set[str] = set()
    if staff is not None:
        gone = staff.loc[pd.to_datetime(staff["leave_date"]).notna(), "staff_id"]
        left = set(gone)
    names = [f"{p} ({i18n.label('rh_left')})" if p in left else str(p) for p in people]
    ax = new_axes(ax)
    y = np.arange(len(people))
    h = 0.38
    share_a = a.max() / a.sum()
    share_b = b.max() / b.sum()
    kp = i18n.label("rh_key_person_share")
    ax.barh(y + h / 2, a.reindex(people, fill_value=0), h, color="#BBBBBB",
            label=f"{i18n.label('rh_now')} ({kp} {share_a:.0%})")
    ax.barh(y - h / 2, b.reindex(people, fill_value=0), h, color=PALETTE[0],
            label=f"{i18n.label('rh_plan')} ({kp} {share_b:.0%})")
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.legend(loc="lower right")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return finish(ax, title="rh_coverage_title", xlabel="rh_contacts_held")
