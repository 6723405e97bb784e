"""Grade each chapter's task from the database and the audit trail (自动评分).

A check passes only on what the system recorded: the records' current
state, and for steps that must have been done in the system (not typed into
the database file) the audit trail's entries by a logged-in user since the
data were loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from kamcourse import i18n

__all__ = ["Check", "grade_chapter", "MAX_POINTS"]

#: Points of each chapter's task.
MAX_POINTS = {"ch03": 6, "ch04": 8, "ch05": 7, "ch06": 8, "ch07": 7, "ch08": 7, "ch09": 4, "ch10": 6}


@dataclass(frozen=True)
class Check:
    """One graded step: points earned of ``max_points``, and what to tell the student."""

    chapter: str
    points: float
    max_points: float
    message: str


def _entries(model, pk, action=None, since=None):
    qs = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_pk=str(pk),
                                 actor__isnull=False).order_by("timestamp", "pk")
    if action is not None:
        qs = qs.filter(action=action)
    if since is not None:
        qs = qs.filter(timestamp__gte=since)
    return qs


def _changed(entries, field: str) -> list:
    out = []
    for entry in entries:
        change = (entry.changes_dict or {}).get(field)
        if change:
            out.append(change[1] if isinstance(change, (list, tuple)) else change)
    return out


def grade_chapter(chapter: str, p: dict, since) -> list[Check]:
    """The graded steps of one chapter for a student with parameters ``p`` (逐项评分).

    Parameters
    ----------
    chapter : str
        ``"ch03"`` ... ``"ch10"``.
    p : dict
        :func:`.params.task_params` of the student.
    since : datetime
        When the data were loaded (audit entries before it do not count).

    Returns
    -------
    list of Check

    Raises
    ------
    ValueError
        For an unknown chapter.

    Examples
    --------
    >>> sorted(MAX_POINTS)[:2]
    ['ch03', 'ch04']
    """
    graders = {"ch03": _ch03, "ch04": _ch04, "ch05": _ch05, "ch06": _ch06, "ch07": _ch07, "ch08": _ch08,
               "ch09": _ch09, "ch10": _ch10}
    if chapter not in graders:
        raise ValueError(f"chapter must be one of {', '.join(graders)}; got {chapter!r}")
    checks = graders[chapter](p[chapter], p, since)
    out = [Check(chapter, pts if ok else 0, pts, msg) for ok, pts, msg in checks]
    assert sum(c.max_points for c in out) == MAX_POINTS[chapter], chapter
    return out


def _ch03(q, p, since):
    User = get_user_model()
    new = User.objects.filter(username=q["new_user"]).first()
    leaver = User.objects.filter(username=q["leaver"]).first()
    return [
        (new is not None and new.is_active and new.groups.filter(name="sales_rep").exists(), 2,
         _("account %(user)s exists, active, role sales representative") % {"user": q["new_user"]}),
        (new is not None and new.has_usable_password() and not new.password.startswith("!"), 1,
         _("its password is set (stored hashed by the system)")),
        (new is not None and _entries(User, new.pk, LogEntry.Action.CREATE, since).exists(), 1,
         _("the account was registered in the system (audit trail)")),
        (leaver is not None and not leaver.is_active, 2,
         _("account %(user)s is deactivated, not deleted") % {"user": q["leaver"]}),
    ]


def _new_customer(p):
    from ..customers.models import Customer

    return Customer.objects.filter(credit_code=p["ch04"]["customer"]["credit_code"]).first()


def _ch04(q, p, since):
    from ..customers.models import Customer

    c, want = _new_customer(p), q["customer"]
    moved = Customer.objects.filter(pk=q["moved"]).first()
    fields_ok = c is not None and all(getattr(c, f) == want[f] for f in ("name_zh", "industry", "region", "size_band"))
    return [
        (c is not None, 2, _("a customer with the credit code %(code)s exists") % {"code": want["credit_code"]}),
        (fields_ok, 2, _("its name, industry, region and size are as given")),
        (c is not None and c.account_manager_id == want["account_manager"], 1, _("its account manager is as given")),
        (c is not None and _entries(Customer, c.pk, LogEntry.Action.CREATE, since).exists(), 1,
         _("it was entered in the system (audit trail)")),
        (moved is not None and moved.region == q["new_region"], 1,
         _("customer %(id)s has the new region") % {"id": q["moved"]}),
        (q["new_region"] in _changed(_entries(Customer, q["moved"], LogEntry.Action.UPDATE, since), "region"), 1,
         _("the change of region is in the audit trail")),
    ]


def _ch05(q, p, since):
    from ..customers.models import Contact

    c = _new_customer(p)
    out = []
    for want in q["contacts"]:
        got = Contact.objects.filter(customer=c, name_zh=want["name_zh"]).first() if c else None
        ok = (got is not None and got.role == want["role"] and got.decision_level == want["decision_level"]
              and got.phone.replace("-", "").replace(" ", "") == want["phone"].replace("-", ""))
        out.append((ok, 1, _("contact %(name)s of the new customer, with function, role and phone as given")
                    % {"name": want["name_zh"]}))
    rephoned = Contact.objects.filter(pk=q["rephone"]).first()
    out.append((rephoned is not None and rephoned.phone.replace("-", "") == q["new_phone"].replace("-", ""), 2,
                _("contact %(id)s has the new phone number") % {"id": q["rephone"]}))
    out.append((not Contact.objects.filter(pk=q["gone"]).exists()
                and _entries(Contact, q["gone"], LogEntry.Action.DELETE, since).exists(), 2,
                _("contact %(id)s was deleted in the system (audit trail)") % {"id": q["gone"]}))
    return out


def _ch06(q, p, since):
    from ..sales.models import Activity, Opportunity

    out = []
    for opp_id, stage in q["move"].items():
        opp = Opportunity.objects.filter(pk=opp_id).first()
        out.append((opp is not None and opp.stage == stage, 1,
                    _("opportunity %(id)s is at the stage %(stage)s") % {"id": opp_id, "stage": i18n.label(stage)}))
        out.append((Activity.objects.filter(opportunity_id=opp_id, created_by__isnull=False).exists(), 1,
                    _("a follow-up activity is logged on %(id)s") % {"id": opp_id}))
    lost = Opportunity.objects.filter(pk=q["lose"]).first()
    out.append((lost is not None and lost.stage == "closed_lost" and lost.closing_reason == q["lose_reason"]
                and bool(lost.closing_note.strip()), 2,
                _("opportunity %(id)s is closed as lost, with the reason and a note") % {"id": q["lose"]}))
    followed = [o for o in q["warned"] if Activity.objects.filter(opportunity_id=o, created_by__isnull=False).exists()]
    out.append((len(followed) == len(q["warned"]), 2,
                _("every opportunity in early warning has a follow-up activity (%(n)d of %(total)d)")
                % {"n": len(followed), "total": len(q["warned"])}))
    return out


def _ch07(q, p, since):
    from ..sales.models import Opportunity, SalesOrder

    won = Opportunity.objects.filter(pk=q["win"]).first()
    order = SalesOrder.objects.filter(opportunity_id=q["win"]).first()
    statuses = _changed(_entries(SalesOrder, order.pk, LogEntry.Action.UPDATE, since), "status") if order else []
    return [
        (won is not None and won.stage == "closed_won" and won.closing_reason == q["win_reason"], 2,
         _("opportunity %(id)s is won, with the closing reason") % {"id": q["win"]}),
        (order is not None and won is not None and order.amount == won.amount and order.customer_id == won.customer_id,
         2, _("its sales order exists, with the opportunity's customer and amount")),
        (order is not None and order.status == "closed", 1, _("the order is closed")),
        (statuses == ["shipped", "invoiced", "closed"], 2,
         _("the audit trail shows the order shipped, invoiced, then closed")),
    ]


def _ch08(q, p, since):
    from ..service.models import ServiceRequest
    from ..service.targets import target_status

    req = (ServiceRequest.objects.filter(customer_id=q["customer"], type="complaint", opened_at__gte=since)
           .order_by("-opened_at").first())
    late = (target_status(req.priority, req.opened_at, req.first_response_at, req.closed_at,
                          req.closed_at or timezone.now()) if req else ["missing"])
    return [
        (req is not None and req.priority == "high", 2,
         _("a complaint of %(id)s with priority high was logged") % {"id": q["customer"]}),
        (req is not None and req.contact_id == q["contact"], 1, _("with the contact as given")),
        (req is not None and req.first_response_at is not None and "response_late" not in late, 1,
         _("the first response came within the target")),
        (req is not None and req.status == "closed" and bool(req.resolution.strip())
         and req.satisfaction_after == q["satisfaction"], 2,
         _("it is closed with a resolution and the customer's satisfaction score")),
        (req is not None and req.status == "closed" and "resolution_late" not in late, 1,
         _("it was closed within the target")),
    ]


def _answer(question: str):
    from .models import TaskAnswer

    row = TaskAnswer.objects.filter(question=question).order_by("-answered_at").first()
    return (row.answer or "").strip() if row else ""


def _ch09(q, p, since):
    answer = _answer("top_industry").lower()
    names = {k: {k, i18n.label(k, "en").lower(), i18n.label(k, "zh")} for k in q["top_industry"]}
    industry_ok = any(answer in forms for forms in names.values()) if answer else False
    try:
        share = float(_answer("top20_share").rstrip("%").strip())
    except ValueError:
        share = None
    return [
        (industry_ok, 2, _("the industry with the most customers")),
        (share is not None and abs(share - q["top20_share"]) <= 1.5, 2,
         _("the top fifth of customers' share of revenue (within 1.5 percentage points)")),
    ]


def _ch10(q, p, since):
    from ..customers.models import Contact
    from ..maintenance.models import MaintenanceLog

    backups = MaintenanceLog.objects.filter(kind="backup", user__isnull=False, at__gte=since).exclude(
        note__startswith="automatic").order_by("at")
    deleted = _entries(Contact, q["victim"], LogEntry.Action.DELETE, since).first()
    restored = None
    if deleted is not None:
        made_before = set(backups.filter(at__lte=deleted.timestamp).values_list("sha256", flat=True))
        restored = (MaintenanceLog.objects.filter(kind="restore", at__gte=deleted.timestamp, sha256__in=made_before)
                    .first())
    return [
        (backups.exists(), 1, _("a backup was made in the system")),
        (deleted is not None and backups.filter(at__lte=deleted.timestamp).exists(), 1,
         _("contact %(id)s was deleted after the backup") % {"id": q["victim"]}),
        (restored is not None, 2, _("your backup was restored after the deletion")),
        (Contact.objects.filter(pk=q["victim"]).exists(), 2, _("the contact is back")),
    ]
