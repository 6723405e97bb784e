"""Schema upgrade (manual 10.3): a database made by the previous version migrates without losing a record."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from practice_support import _db_path, _drop, django_ready

pytest_plugins = ["practice_support"]  # the crm_template / crm_db fixtures

django_ready()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.utils import timezone  # noqa: E402

PREVIOUS = [("sales", "0001_initial"), ("service", "0001_initial")]


@pytest.fixture
def old_database(crm_template):
    """An empty database at the previous version's schema, with records written by that version's models."""
    connections.close_all()
    _drop(_db_path())
    call_command("migrate", verbosity=0, interactive=False)
    for app, name in PREVIOUS:
        call_command("migrate", app, name, verbosity=0, interactive=False)
    executor = MigrationExecutor(connection)
    nodes = [n for n in executor.loader.graph.leaf_nodes() if n[0] not in ("sales", "service")] + PREVIOUS
    old = executor.loader.project_state(nodes).apps
    assert "expected_close_date" not in {f.name for f in old.get_model("sales", "Opportunity")._meta.fields}
    Staff, Customer = old.get_model("accounts", "Staff"), old.get_model("customers", "Customer")
    Opportunity, SalesOrder = old.get_model("sales", "Opportunity"), old.get_model("sales", "SalesOrder")
    Request, Note = old.get_model("service", "ServiceRequest"), old.get_model("service", "ServiceNote")
    day = dt.date(2025, 3, 1)
    Staff.objects.create(staff_id="S001", name_zh="王强", role="sales", hire_date=day)
    Staff.objects.create(staff_id="S002", name_zh="李娜", role="service", hire_date=day)
    Customer.objects.create(customer_id="C0001", name_zh="恒达矿山设备有限公司", credit_code="91350100M000100Y43",
                            industry="mining_equipment", region="east_china", size_band="large_enterprise",
                            account_manager_id="S001")
    for i, stage in enumerate(["prospecting", "proposal", "closed_won", "closed_lost"], 1):
        closed = day + dt.timedelta(days=40) if stage.startswith("closed") else None
        Opportunity.objects.create(opportunity_id=f"OP{i:05d}", customer_id="C0001", owner_id="S001", created_date=day,
                                   stage=stage, furthest_stage=stage, amount=1000 * i, close_date=closed,
                                   closing_reason="price" if closed else "")
    SalesOrder.objects.create(order_id="O000001", customer_id="C0001", opportunity_id="OP00003", order_date=day,
                              amount=3000)
    opened = timezone.make_aware(dt.datetime(2025, 3, 2, 9))
    req = Request.objects.create(request_id="R00001", customer_id="C0001", type="complaint", priority="high",
                                 owner_id="S002", opened_at=opened, status="in_progress")
    Note.objects.create(request=req, kind="response", text="called back", at=opened + dt.timedelta(hours=1))
    Request.objects.create(request_id="R00002", customer_id="C0001", type="repair", owner_id="S002", opened_at=opened)
    yield
    connections.close_all()


def _counts() -> dict:
    tables = ["accounts_staff", "customers_customer", "sales_opportunity", "sales_salesorder",
              "service_servicerequest", "service_servicenote"]
    with connection.cursor() as cursor:
        out = {}
        for t in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {t}")
            out[t] = cursor.fetchone()[0]
    return out


def test_upgrade_keeps_every_record_and_fills_the_new_fields(old_database) -> None:
    before = _counts()
    out = io.StringIO()
    from kamcourse.practice.server import prepare

    result = prepare(out=out)
    assert result["upgraded"] and not result["loaded"] and "copy of the old one" in out.getvalue()
    assert _counts() == before
    from kamcourse.practice.web.maintenance.models import MaintenanceLog
    from kamcourse.practice.web.sales.models import Opportunity
    from kamcourse.practice.web.service.models import ServiceRequest

    log = MaintenanceLog.objects.get(kind="upgrade")
    assert "sales.0002_expected_close_date" in log.note and "service.0002_first_response_at" in log.note
    assert (_db_path().parent / "backups" / log.file_name).is_file()
    assert Opportunity.objects.get(pk="OP00001").expected_close_date == dt.date(2025, 5, 30)  # created + 90 days
    assert Opportunity.objects.get(pk="OP00003").expected_close_date == dt.date(2025, 4, 10)  # its close date
    opened = timezone.make_aware(dt.datetime(2025, 3, 2, 9))
    assert ServiceRequest.objects.get(pk="R00001").first_response_at == opened + dt.timedelta(hours=1)  # its note
    assert ServiceRequest.objects.get(pk="R00002").first_response_at is None
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_no_model_change_lacks_a_migration(crm_template) -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
