"""The practice CRM's business rules, on the models (kamcourse/practice/web/*/models.py, pipeline, targets)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from practice_support import django_ready

pytest_plugins = ["practice_support"]  # the crm_template / crm_db fixtures

django_ready()

from django.core.exceptions import ValidationError  # noqa: E402
from django.utils import timezone  # noqa: E402

from kamcourse.practice.web.accounts.models import Staff  # noqa: E402
from kamcourse.practice.web.common import StaleEdit  # noqa: E402
from kamcourse.practice.web.customers.duplicates import probable_duplicates  # noqa: E402
from kamcourse.practice.web.customers.models import Contact, Customer  # noqa: E402
from kamcourse.practice.web.customers.validators import credit_code_check_char  # noqa: E402
from kamcourse.practice.web.sales.models import Activity, Opportunity, SalesOrder  # noqa: E402
from kamcourse.practice.web.sales.pipeline import STAGES, warnings_for  # noqa: E402
from kamcourse.practice.web.service.models import ServiceNote, ServiceRequest  # noqa: E402
from kamcourse.practice.web.service.targets import deadlines  # noqa: E402


def test_credit_code_check_character_of_a_published_example() -> None:
    """GB 32100-2015: 91350100M000100Y43 is the standard's worked example (check character 3)."""
    assert credit_code_check_char("91350100M000100Y4") == "3"


def test_pipeline_stages_are_the_kits() -> None:
    from kamcourse.development import PIPELINE_STAGES

    assert STAGES[:-1] == PIPELINE_STAGES and STAGES[-1] == "closed_lost"


def test_warning_rules() -> None:
    today = dt.date(2025, 6, 30)
    assert warnings_for("proposal", today - dt.timedelta(days=30), None, today, 30) == []
    assert warnings_for("proposal", today - dt.timedelta(days=31), None, today, 30) == ["no_activity"]
    assert warnings_for("proposal", today, today - dt.timedelta(days=1), today, 30) == ["overdue"]
    with pytest.raises(ValueError, match="days must be positive"):
        warnings_for("proposal", today, None, today, 0)


def test_service_deadlines_by_priority() -> None:
    t0 = dt.datetime(2025, 1, 6, 9)
    assert deadlines("low", t0) == (t0 + dt.timedelta(hours=24), t0 + dt.timedelta(days=10))
    with pytest.raises(ValueError, match="priority must be one of"):
        deadlines("urgent", t0)


def test_duplicate_names() -> None:
    existing = [("C1", "恒达矿山设备有限公司"), ("C2", "Hengda Mining Equipment Co., Ltd.")]
    assert probable_duplicates("恒达矿山设备股份有限公司", existing) == ["C1"]
    assert probable_duplicates("泰力打包机械有限公司", existing) == []


def _new_customer(**kw) -> Customer:
    base = {"name_zh": "常州鼎力数控机床有限公司", "credit_code": "91320500MA1234567" , "industry": "machine_tools",
            "region": "east_china", "size_band": "small_enterprise",
            "account_manager": Staff.objects.filter(role="sales", leave_date__isnull=True).first()}
    base.update(kw)
    base["credit_code"] = base["credit_code"][:17] + credit_code_check_char(base["credit_code"][:17])
    return Customer(**base)


def test_customer_validation_and_codes(crm_db) -> None:
    c = _new_customer()
    c.full_clean()
    c.save()
    assert c.customer_id == "C0301" and c.version == 1
    bad = _new_customer(credit_code="X" * 17, phone="12345")
    bad.credit_code = "91320500MA12345670"
    with pytest.raises(ValidationError) as err:
        bad.full_clean()
    assert {"credit_code", "phone"} <= set(err.value.error_dict)
    service = Staff.objects.filter(role="service").first()
    with pytest.raises(ValidationError, match="account_manager|salesperson|客户经理"):
        _new_customer(account_manager=service, credit_code="91320500MA7654321").full_clean()


def test_contact_needs_a_way_to_reach_them(crm_db) -> None:
    contact = Contact(customer=Customer.objects.first(), name_zh="王海燕", role="purchasing", decision_level="user")
    with pytest.raises(ValidationError):
        contact.full_clean()
    contact.email = "wang@example.com"
    contact.full_clean()


def test_closing_needs_a_reason_and_archives(crm_db) -> None:
    opp = Opportunity.objects.open().first()
    opp.stage = "closed_lost"
    with pytest.raises(ValidationError) as err:
        opp.full_clean()
    assert "closing_reason" in err.value.error_dict
    opp.closing_reason = "legacy"
    with pytest.raises(ValidationError):
        opp.full_clean()  # "not recorded" is for imported history only
    opp.closing_reason = "price"
    opp.full_clean()
    opp.save()
    opp.refresh_from_db()
    assert opp.close_date == timezone.localdate() and opp.furthest_stage != "closed_lost"
    opp.stage = "proposal"
    with pytest.raises(ValidationError, match="stage"):
        opp.full_clean()


def test_activity_resets_the_warning(crm_db) -> None:
    warned = Opportunity.objects.in_warning().filter(expected_close_date__gte=timezone.localdate()).first() \
        or Opportunity.objects.in_warning().first()
    assert "no_activity" in warned.warnings() or "overdue" in warned.warnings()
    Activity.objects.create(opportunity=warned, kind="call", note="asked about the budget")
    warned.refresh_from_db()
    assert "no_activity" not in warned.warnings()


def test_order_only_from_a_won_opportunity(crm_db) -> None:
    open_opp = Opportunity.objects.open().first()
    with pytest.raises(ValidationError, match="opportunity"):
        SalesOrder.from_opportunity(open_opp).full_clean()
    won = Opportunity.objects.filter(stage="closed_won").first()
    order = SalesOrder.from_opportunity(won)
    order.full_clean()
    order.save()
    assert order.amount == won.amount and order.customer_id == won.customer_id and order.status == "confirmed"
    order.status = "closed"
    with pytest.raises(ValidationError, match="status"):
        order.full_clean()  # one step at a time
    for status in ("shipped", "invoiced", "closed"):
        order.status = status
        order.full_clean()
        order.save()
    assert order.closed_date == timezone.localdate()


def test_service_request_closing_and_response(crm_db) -> None:
    owner = Staff.objects.filter(role="service", leave_date__isnull=True).first()
    req = ServiceRequest(customer=Customer.objects.first(), type="complaint", priority="high", owner=owner,
                         subject="泵漏油")
    req.full_clean()
    req.save()
    ServiceNote.objects.create(request=req, kind="response", text="已电话回复客户")
    req.refresh_from_db()
    assert req.first_response_at is not None and req.status == "in_progress"
    req.status = "closed"
    with pytest.raises(ValidationError) as err:
        req.full_clean()
    assert {"resolution", "satisfaction_after"} <= set(err.value.error_dict)
    req.resolution, req.satisfaction_after = "更换密封件", 4
    req.full_clean()
    req.save()
    assert req.closed_at is not None and req.late() == []


def test_stale_edit_is_refused(crm_db) -> None:
    a = Customer.objects.get(pk="C0001")
    b = Customer.objects.get(pk="C0001")
    a.address = "first"
    a.save()
    b.address = "second"
    with pytest.raises(ValidationError) as err:
        b.full_clean()
    assert err.value.error_dict["__all__"][0].code == "stale"
    with pytest.raises(StaleEdit):
        b.save()
    assert Customer.objects.get(pk="C0001").address == "first"


def test_amounts_are_decimal(crm_db) -> None:
    assert isinstance(Opportunity.objects.first().amount, Decimal)


def test_role_groups_carry_the_permission_matrix(crm_db) -> None:
    """The groups of the loaded system hold exactly the Django-free matrix the notebooks read."""
    from django.contrib.auth.models import Group

    from kamcourse.practice.permissions import PERMISSIONS, ROLE_OF_FUNCTION

    for role, perms in PERMISSIONS.items():
        got = {f"{p.content_type.app_label}.{p.content_type.model}:{p.codename.split('_')[0]}"
               for p in Group.objects.get(name=role).permissions.select_related("content_type")}
        assert got == {f"{model}:{action}" for model, actions in perms.items() for action in actions}, role
    employed = Staff.objects.filter(leave_date__isnull=True, role__in=list(ROLE_OF_FUNCTION))
    assert employed.exists()
    assert all(s.user is not None and s.user.groups.filter(name=ROLE_OF_FUNCTION[s.role]).exists() for s in employed)
    assert not Staff.objects.filter(role="technical", user__isnull=False).exists()


def test_roles_allowed_reads_the_matrix() -> None:
    from kamcourse.practice import roles_allowed

    assert roles_allowed("service.servicerequest", "change") == ("administrator", "service_agent")
    assert roles_allowed("sales.salesorder", "delete") == ("administrator", "sales_manager")
    assert roles_allowed("customers.customer", "view") == ("administrator", "sales_manager", "sales_rep", "service_agent")
    with pytest.raises(ValueError, match="action must be one of"):
        roles_allowed("customers.contact", "edit")
    with pytest.raises(ValueError, match="model must be one of"):
        roles_allowed("customers.contacts", "view")
