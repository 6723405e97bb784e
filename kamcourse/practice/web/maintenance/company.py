"""Load the fictional company's records into the practice system (导入企业数据).

The tables of :func:`kamcourse.data.for_student` (the student's own variant,
or the kit's default data) become customers, contacts, opportunities, orders
and service requests. Every date is moved forward by whole days so that the
data's last day (``END_DATE``) becomes the day of loading: the pipeline's
early warnings and the service targets then read as they would on a real
working day. Imported closed opportunities carry the closing reason "not
recorded"; credit codes are generated (valid check characters) because the
data have none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pandas as pd
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from ...permissions import ROLE_OF_FUNCTION
from ..accounts.models import Staff
from ..accounts.roles import ensure_roles
from ..customers.models import Contact, Customer
from ..customers.validators import CREDIT_CODE_CHARS, credit_code_check_char
from ..sales.models import Opportunity, SalesOrder
from ..sales.pipeline import stage_rank
from ..service.models import ServiceRequest
from .models import Instance

__all__ = ["load_company", "credit_code_for", "DEMO_USERS", "DIVISIONS"]

#: Division codes (行政区划代码) of one city per region, for the generated credit codes.
DIVISIONS = {"east_china": "320500", "south_china": "440300", "north_china": "110108", "central_china": "420100",
              "southwest_china": "510100", "northeast_china": "210200", "northwest_china": "610100"}
#: Login accounts made at loading besides one per employed salesperson and service engineer.
DEMO_USERS = (("admin", "administrator"), ("manager", "sales_manager"))


def credit_code_for(customer_id: str, region: str) -> str:
    """A valid, made-up unified social credit code for a data customer (生成的信用代码).

    Examples
    --------
    >>> code = credit_code_for("C0001", "south_china")
    >>> len(code), code[:8]
    (18, '91440300')
    """
    digest = hashlib.sha256(customer_id.encode()).digest()
    org = "MA" + "".join(CREDIT_CODE_CHARS[b % 31] for b in digest[:7])
    first17 = "91" + DIVISIONS.get(region, "310000") + org
    return first17 + credit_code_check_char(first17)


def _date(value, shift: dt.timedelta) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date() + shift


def _at(value, shift: dt.timedelta, hour: int) -> dt.datetime | None:
    day = _date(value, shift)
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _money(x: float) -> Decimal:
    return Decimal(f"{float(x):.2f}")


def load_company(student: str | None = None, secret: str | None = None, today: dt.date | None = None,
                 password: str | None = None, limit: int | None = None) -> Instance:
    """Fill an empty practice database with the company's records (导入企业数据).

    Parameters
    ----------
    student : str, optional
        Whose data variant (:func:`kamcourse.data.for_student`); None: the kit's default data.
    secret : str, optional
        The course secret for the variant (default ``KAMCOURSE_SECRET``).
    today : datetime.date, optional
        The day the data's last day becomes (default: today).
    password : str, optional
        Password of the login accounts made (``admin``, ``manager``, and one
        per employed salesperson and service engineer, named after the staff
        number, e.g. ``s005``); None: accounts without a usable password.
    limit : int, optional
        Keep only the first ``limit`` customers and their records (quick test databases).

    Returns
    -------
    Instance

    Raises
    ------
    RuntimeError
        If the database already holds customers.

    Examples
    --------
    >>> callable(load_company)
    True
    """
    from kamcourse import accounts, data

    if Customer.objects.exists():
        raise RuntimeError("the practice database already holds customers; restore a backup instead")
    variant = data.for_student(student, secret)
    frames = {n: variant.load(n) for n in ("staff", "customers", "contacts", "opportunities", "orders",
                                            "service_requests")}
    if limit is not None:
        keep = set(frames["customers"]["customer_id"].iloc[:limit])
        for name in ("customers", "contacts", "opportunities", "orders", "service_requests"):
            frames[name] = frames[name][frames[name]["customer_id"].isin(keep)]
    today = today or timezone.localdate()
    shift = today - data.END_DATE.date()
    from auditlog.context import disable_auditlog

    with transaction.atomic(), disable_auditlog():
        ensure_roles()
        _load_staff_and_users(frames["staff"], shift, password)
        revenue = frames["orders"].groupby("customer_id")["net_revenue"].sum()
        revenue = revenue.reindex(frames["customers"]["customer_id"], fill_value=0.0)
        grades = accounts.abc_classes(revenue) if revenue.sum() > 0 else pd.Series("C", index=revenue.index)
        Customer.objects.bulk_create([
            Customer(customer_id=r.customer_id, name_zh=r.name_zh, name=r.name,
                     credit_code=credit_code_for(r.customer_id, r.region), industry=r.industry, region=r.region,
                     size_band=r.size_band, grade=str(grades.get(r.customer_id, "C")),
                     account_manager_id=r.account_manager_id, acquisition_method=r.acquisition_method or "",
                     payment_terms_days=int(r.payment_terms_days), first_order_date=_date(r.first_order_date, shift))
            for r in frames["customers"].itertuples()], batch_size=500)
        Contact.objects.bulk_create([
            Contact(contact_id=r.contact_id, customer_id=r.customer_id, name_zh=r.name_zh, name=r.name, role=r.role,
                    decision_level=r.decision_level, staff_id=r.staff_id, phone=r.phone)
            for r in frames["contacts"].itertuples()], batch_size=500)
        _load_opportunities(frames["opportunities"], shift)
        _load_orders(frames["orders"], shift, today)
        _load_requests(frames["service_requests"], shift)
        return Instance.objects.create(student=student or "", seed=variant.seed, data_end=data.END_DATE.date(),
                                       loaded_on=today, shift_days=shift.days)


def _load_staff_and_users(staff: pd.DataFrame, shift: dt.timedelta, password: str | None) -> None:
    User = get_user_model()
    hashed = make_password(password)  # one hash for the demo accounts (None: unusable)
    groups = {g.name: g for g in Group.objects.all()}
    users = {}
    for username, role in DEMO_USERS:
        users[username] = (User(username=username, is_staff=True, password=hashed), role)
    rows = []
    for r in staff.itertuples():
        left = not pd.isna(r.leave_date)
        rows.append(Staff(staff_id=r.staff_id, name=r.name, name_zh=r.name_zh, role=r.role,
                          hire_date=_date(r.hire_date, shift), leave_date=_date(r.leave_date, shift)))
        if not left and r.role in ROLE_OF_FUNCTION:
            first, _sep, last = r.name.partition(" ")
            users[r.staff_id.lower()] = (User(username=r.staff_id.lower(), is_staff=True, password=hashed,
                                              first_name=first, last_name=last), ROLE_OF_FUNCTION[r.role])
    User.objects.bulk_create([u for u, _role in users.values()])
    saved = {u.username: u for u in User.objects.filter(username__in=list(users))}
    for username, (_user, role) in users.items():
        saved[username].groups.add(groups[role])
    for s in rows:
        s.user = saved.get(s.staff_id.lower())
    Staff.objects.bulk_create(rows)


def _load_opportunities(opps: pd.DataFrame, shift: dt.timedelta) -> None:
    from kamcourse import data

    end = data.END_DATE.date() + shift
    rows = []
    for r in opps.itertuples():
        created = _date(r.created_date, shift)
        closed = _date(r.close_date, shift)
        if closed is not None:
            last, expected, reason = closed, closed, "legacy"
        else:
            # about three weeks per stage reached (datasheet), never after the data's last day
            last = min(created + dt.timedelta(days=21 * stage_rank(r.stage)), end)
            expected, reason = created + dt.timedelta(days=90), ""
        rows.append(Opportunity(opportunity_id=r.opportunity_id, customer_id=r.customer_id, owner_id=r.staff_id,
                                created_date=created, stage=r.stage, furthest_stage=r.furthest_stage,
                                amount=_money(r.amount), expected_close_date=expected, last_activity_date=last,
                                close_date=closed, closing_reason=reason))
    Opportunity.objects.bulk_create(rows, batch_size=500)


def _load_orders(lines: pd.DataFrame, shift: dt.timedelta, today: dt.date) -> None:
    heads = lines.groupby("order_id", sort=True).agg(customer_id=("customer_id", "first"),
                                                     order_date=("order_date", "first"),
                                                     amount=("net_revenue", "sum"))
    rows = []
    for order_id, r in heads.iterrows():
        day = _date(r.order_date, shift)
        recent = (today - day).days < 30
        rows.append(SalesOrder(order_id=order_id, customer_id=r.customer_id, order_date=day, amount=_money(r.amount),
                               status="invoiced" if recent else "closed",
                               closed_date=None if recent else day + dt.timedelta(days=30)))
    SalesOrder.objects.bulk_create(rows, batch_size=1000)


def _load_requests(requests: pd.DataFrame, shift: dt.timedelta) -> None:
    from kamcourse import i18n

    rows = []
    for r in requests.itertuples():
        closed = _at(r.closed_date, shift, 17)
        sat = None if pd.isna(r.satisfaction_after) else int(r.satisfaction_after)
        rows.append(ServiceRequest(
            request_id=r.request_id, customer_id=r.customer_id, type=r.type, priority=r.severity,
            subject=i18n.label(r.type, "zh"), status="closed" if closed else "open", owner_id=r.owner_staff_id,
            opened_at=_at(r.opened_date, shift, 9), closed_at=closed, handoffs=int(r.handoffs),
            resolution="(imported)" if closed else "", satisfaction_after=sat))
    ServiceRequest.objects.bulk_create(rows, batch_size=500)
