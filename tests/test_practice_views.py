"""Every page of the practice CRM for every role: who may open it, and that no page shows another role's data."""

from __future__ import annotations

import pytest
from practice_support import client_for, django_ready, user_of

pytest_plugins = ["practice_support"]  # the crm_template / crm_db fixtures

django_ready()

from kamcourse.practice.web.customers.models import Customer  # noqa: E402
from kamcourse.practice.web.sales.models import Opportunity  # noqa: E402

A, M, R, S = "administrator", "sales_manager", "sales_rep", "service_agent"
ROLES = (A, M, R, S)

#: url -> roles that may open it (everyone else with a role gets 403; anonymous users go to the login page)
PAGES = {
    "/": ROLES,
    "/customers/customer/": ROLES,
    "/customers/customer/?q=%E6%9C%89%E9%99%90&industry__exact=distributor": ROLES,
    "/customers/customer/add/": (A, M, R),
    "/customers/contact/": ROLES,
    "/customers/contact/add/": (A, M, R),
    "/sales/opportunity/": (A, M, R),
    "/sales/opportunity/?warning=any": (A, M, R),
    "/sales/opportunity/add/": (A, M, R),
    "/sales/salesorder/": (A, M, R),
    "/sales/salesorder/add/": (A, M, R),
    "/service/servicerequest/": ROLES,
    "/service/servicerequest/?late=open_late": ROLES,
    "/service/servicerequest/add/": (A, S),
    "/accounts/staff/": ROLES,
    "/auth/user/": (A,),
    "/auth/user/add/": (A,),
    "/auth/group/": (A,),
    "/auditlog/logentry/": (A, M),
    "/maintenance/maintenancelog/": (A,),
    "/maintenance/instance/": (A,),
    "/maintenance/": (A,),
    "/stats/customers/": ROLES,
    "/stats/business/": (A, M, R),
    "/stats/service/": ROLES,
    "/tasks/": ROLES,
}


@pytest.mark.parametrize("role", [*ROLES, None])
def test_every_page_for_every_role(crm_db, role) -> None:
    client = client_for(role)
    for url, allowed in PAGES.items():
        status = client.get(url).status_code
        if role is None:
            assert status == 302, (url, status)
        else:
            assert status == (200 if role in allowed else 403), (role, url, status)


def test_login_page_and_real_login(crm_db) -> None:
    from django.test import Client
    from practice_support import PASSWORD

    client = Client()
    assert client.get("/login/").status_code == 200
    bad = client.post("/login/", {"username": "admin", "password": "wrong", "next": "/"})
    assert bad.status_code == 200 and "_auth_user_id" not in client.session
    good = client.post("/login/", {"username": "admin", "password": PASSWORD, "next": "/"})
    assert good.status_code == 302 and client.session["_auth_user_id"]


def _own_customers(user):
    return Customer.objects.filter(account_manager__user=user)


def test_sales_rep_sees_only_own_accounts(crm_db) -> None:
    rep = user_of(R)
    client = client_for(R)
    own = _own_customers(rep)
    other = Customer.objects.exclude(account_manager__user=rep).first()
    page = client.get("/customers/customer/")
    assert page.context["cl"].result_count == own.count() < Customer.objects.count()
    assert other.name_zh not in page.content.decode()
    assert client.get(f"/customers/customer/{own.first().pk}/change/").status_code == 200
    assert client.get(f"/customers/customer/{other.pk}/change/").status_code == 302  # "does not exist"
    foreign_opp = Opportunity.objects.exclude(customer__account_manager__user=rep).exclude(owner__user=rep).first()
    assert client.get(f"/sales/opportunity/{foreign_opp.pk}/change/").status_code == 302
    client.post(f"/customers/customer/{other.pk}/change/", {"name_zh": "hijacked"})
    assert Customer.objects.get(pk=other.pk).name_zh == other.name_zh


def test_sales_rep_autocomplete_and_statistics_are_scoped(crm_db) -> None:
    rep = user_of(R)
    client = client_for(R)
    url = "/autocomplete/?app_label=sales&model_name=opportunity&field_name=customer&term="
    ids = {row["id"] for row in client.get(url).json()["results"]}
    assert ids and ids <= set(_own_customers(rep).values_list("pk", flat=True))
    stats = client.get("/stats/business/")
    mine = Opportunity.objects.filter(customer__account_manager__user=rep) | Opportunity.objects.filter(owner__user=rep)
    assert stats.context["open"] == mine.distinct().open().count() < Opportunity.objects.open().count()


def test_service_agent_sees_no_sales_data(crm_db) -> None:
    client = client_for(S)
    opp = Opportunity.objects.first()
    assert client.get(f"/sales/opportunity/{opp.pk}/change/").status_code == 403
    page = client.get("/stats/customers/")
    assert page.status_code == 200 and "figure" not in page.context  # revenue is sales data
    assert client.get("/stats/business/").status_code == 403


def test_backup_pages_for_the_administrator_only(crm_db) -> None:
    for role in (M, R, S):
        client = client_for(role)
        assert client.post("/maintenance/backup/").status_code == 403
        assert client.post("/maintenance/restore/", {"name": "x", "confirm": "on"}).status_code == 403
        assert client.get("/maintenance/download/x.json.gz").status_code == 403
    admin = client_for(A)
    done = admin.post("/maintenance/backup/", {"note": "test"}, follow=True)
    assert done.status_code == 200
    name = done.context["files"][0][0]
    assert admin.get(f"/maintenance/download/{name}").status_code == 200
    assert admin.get("/maintenance/download/..%2Fsecret_key").status_code == 404
    refused = admin.post("/maintenance/restore/", {"name": name}, follow=True)  # no confirmation
    assert any("confirm" in str(m).lower() or "确认" in str(m) for m in refused.context["messages"])
