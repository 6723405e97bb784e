"""Entering data through the practice CRM's pages: validation, the duplicate warning, all-or-nothing saves,
clear messages in the user's language, CSRF, session expiry and password hashing."""

from __future__ import annotations

import datetime as dt

from practice_support import client_for, django_ready, user_of

pytest_plugins = ["practice_support"]  # the crm_template / crm_db fixtures

django_ready()

from django.test import Client  # noqa: E402

from kamcourse.practice.web.accounts.models import Staff  # noqa: E402
from kamcourse.practice.web.customers.models import Contact, Customer  # noqa: E402
from kamcourse.practice.web.customers.validators import credit_code_check_char  # noqa: E402
from kamcourse.practice.web.sales.models import Opportunity  # noqa: E402

CODE17 = "91320500MA1K2L3M4"
CODE = CODE17 + credit_code_check_char(CODE17)


def customer_form(name: str = "常州鼎力数控机床有限公司", code: str = CODE, contacts=(), **extra) -> dict:
    manager = Staff.objects.filter(role="sales", leave_date__isnull=True).first()
    data = {"name_zh": name, "name": "", "credit_code": code, "industry": "machine_tools", "region": "east_china",
            "size_band": "small_enterprise", "grade": "", "acquisition_method": "", "account_manager": manager.pk,
            "payment_terms_days": "30", "phone": "", "address": "", "version": "1",
            "contacts-TOTAL_FORMS": str(len(contacts)), "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0", "contacts-MAX_NUM_FORMS": "1000"}
    for i, c in enumerate(contacts):
        for key, value in {"name_zh": "", "role": "purchasing", "decision_level": "user", "phone": "", "email": "",
                           "staff": "", "version": "1", **c}.items():
            data[f"contacts-{i}-{key}"] = value
    data.update(extra)
    return data


def test_create_a_customer_with_contacts(crm_db) -> None:
    client = client_for("sales_manager")
    before = Customer.objects.count()
    done = client.post("/customers/customer/add/", customer_form(contacts=[
        {"name_zh": "王海燕", "role": "purchasing", "decision_level": "gatekeeper", "phone": "139-0000-9001"},
        {"name_zh": "李志强", "role": "engineering", "decision_level": "influencer", "email": "li@example.com"}]))
    assert done.status_code == 302, done.context and done.context["errors"]
    new = Customer.objects.get(credit_code=CODE)
    assert Customer.objects.count() == before + 1 and new.contacts.count() == 2
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get_for_object(new).get()
    assert entry.actor.username == "manager" and entry.action == LogEntry.Action.CREATE


def test_bad_input_saves_nothing_and_says_why_in_chinese(crm_db) -> None:
    client = client_for("administrator")
    before = (Customer.objects.count(), Contact.objects.count())
    bad_code = CODE[:17] + ("0" if CODE[17] != "0" else "1")
    page = client.post("/customers/customer/add/", customer_form(code=bad_code, contacts=[
        {"name_zh": "王海燕", "phone": "12345"}]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    text = page.content.decode()
    assert "校验码（第18位）不正确" in text and "不是有效的电话号码" in text
    assert (Customer.objects.count(), Contact.objects.count()) == before
    # a valid customer with an invalid contact: still nothing saved (one transaction)
    page = client.post("/customers/customer/add/", customer_form(contacts=[{"name_zh": "王海燕"}]))
    assert page.status_code == 200 and (Customer.objects.count(), Contact.objects.count()) == before


def test_messages_follow_the_language(crm_db) -> None:
    client = client_for("administrator")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.post("/customers/customer/add/", customer_form(code="123"))
    assert "A unified social credit code has 18 characters" in page.content.decode()
    assert "Customer statistics" in client.get("/stats/customers/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "客户统计" in client.get("/stats/customers/").content.decode()


def test_duplicate_company_warning_needs_a_confirmation(crm_db) -> None:
    client = client_for("administrator")
    existing = Customer.objects.get(pk="C0001")
    similar = existing.name_zh.replace("有限公司", "股份有限公司")
    page = client.post("/customers/customer/add/", customer_form(name=similar))
    assert page.status_code == 200 and existing.customer_id in page.content.decode()
    assert not Customer.objects.filter(credit_code=CODE).exists()
    done = client.post("/customers/customer/add/", customer_form(name=similar, confirm_not_duplicate="on"))
    assert done.status_code == 302 and Customer.objects.filter(credit_code=CODE).exists()
    again = client.post("/customers/customer/add/", customer_form(name="另一家公司"))  # same credit code
    assert again.status_code == 200 and Customer.objects.filter(credit_code=CODE).count() == 1


def _opportunity_form(opp: Opportunity, **changes) -> dict:
    data = {"customer": opp.customer_id, "owner": opp.owner_id, "title": opp.title, "amount": str(opp.amount),
            "created_date": opp.created_date.isoformat(),
            "expected_close_date": opp.expected_close_date.isoformat() if opp.expected_close_date else "",
            "stage": opp.stage, "closing_reason": opp.closing_reason, "closing_note": opp.closing_note,
            "version": str(opp.version), "activities-TOTAL_FORMS": "0", "activities-INITIAL_FORMS": "0",
            "activities-MIN_NUM_FORMS": "0", "activities-MAX_NUM_FORMS": "1000"}
    data.update(changes)
    return data


def test_move_and_close_an_opportunity_through_the_form(crm_db) -> None:
    client = client_for("sales_manager")
    opp = Opportunity.objects.open().filter(stage="qualification").first()
    url = f"/sales/opportunity/{opp.pk}/change/"
    moved = client.post(url, _opportunity_form(opp, stage="proposal", **{
        "activities-TOTAL_FORMS": "1", "activities-0-date": dt.date.today().isoformat(), "activities-0-kind": "visit",
        "activities-0-note": "presented the offer"}))
    assert moved.status_code == 302
    opp.refresh_from_db()
    assert opp.stage == "proposal" and opp.activities.get().created_by.username == "manager"
    refused = client.post(url, _opportunity_form(opp, stage="closed_lost"))
    assert refused.status_code == 200 and Opportunity.objects.get(pk=opp.pk).stage == "proposal"
    closed = client.post(url, _opportunity_form(opp, stage="closed_lost", closing_reason="competitor",
                                                closing_note="lower price from a competitor"))
    assert closed.status_code == 302 and Opportunity.objects.get(pk=opp.pk).closing_reason == "competitor"


def test_a_stale_form_is_refused_with_a_message(crm_db) -> None:
    client = client_for("administrator")
    c = Customer.objects.get(pk="C0002")
    form = customer_form(name=c.name_zh, code=c.credit_code, address="from the stale form", version=str(c.version),
                         account_manager=c.account_manager_id)
    form.pop("name_zh")
    form["name_zh"] = c.name_zh
    c.address = "changed meanwhile"
    c.save()
    page = client.post(f"/customers/customer/{c.pk}/change/", form, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200 and "此记录已被其他用户修改" in page.content.decode()
    assert Customer.objects.get(pk=c.pk).address == "changed meanwhile"


def test_csrf_is_enforced(crm_db) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_of("administrator"))
    assert client.post("/maintenance/backup/").status_code == 403
    assert client.post("/customers/customer/add/", customer_form()).status_code == 403
    assert not Customer.objects.filter(credit_code=CODE).exists()


def test_sessions_expire(crm_db) -> None:
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_AGE <= 8 * 3600
    client = client_for("administrator")
    assert client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/").status_code == 302


def test_passwords_are_hashed_by_the_framework(crm_db) -> None:
    from practice_support import PASSWORD

    client = client_for("administrator")
    done = client.post("/auth/user/add/", {"username": "rep123", "first_name": "", "last_name": "", "email": "",
                                            "role": "sales_rep", "staff": "", "password1": "Zhang-San-2025!",
                                            "password2": "Zhang-San-2025!", "usable_password": "true"})
    assert done.status_code == 302, done.context and done.context["adminform"].form.errors
    from django.contrib.auth.models import User

    user = User.objects.get(username="rep123")
    assert user.password.startswith(("pbkdf2_sha256$", "argon2", "bcrypt")) and "Zhang-San" not in user.password
    assert user.check_password("Zhang-San-2025!") and user.groups.get().name == "sales_rep" and user.is_staff
    assert "Practice" not in User.objects.get(username="admin").password and PASSWORD
    weak = client.post("/auth/user/add/", {"username": "rep124", "role": "sales_rep", "password1": "12345678",
                                            "password2": "12345678", "usable_password": "true"})
    assert weak.status_code == 200 and not User.objects.filter(username="rep124").exists()


def test_delete_asks_first_and_is_kept_in_the_audit_trail(crm_db) -> None:
    from auditlog.models import LogEntry

    client = client_for("sales_manager")
    contact = Contact.objects.order_by("pk").first()
    page = client.get(f"/customers/contact/{contact.pk}/delete/")
    assert page.status_code == 200 and Contact.objects.filter(pk=contact.pk).exists()  # a confirmation page
    done = client.post(f"/customers/contact/{contact.pk}/delete/", {"post": "yes"})
    assert done.status_code == 302 and not Contact.objects.filter(pk=contact.pk).exists()
    entry = LogEntry.objects.get(object_pk=contact.pk, action=LogEntry.Action.DELETE)
    assert entry.actor.username == "manager" and contact.name_zh in entry.object_repr
    # a customer with history (orders, opportunities) cannot be deleted: Django lists what protects it
    customer = Customer.objects.filter(orders__isnull=False).first()
    client.post(f"/customers/customer/{customer.pk}/delete/", {"post": "yes"})
    assert Customer.objects.filter(pk=customer.pk).exists()
