"""Concurrent writers lose nothing: many users saving at once on the embedded database (SQLite, WAL,
immediate transactions), and a stale edit is refused instead of overwriting (optimistic locking)."""

from __future__ import annotations

import threading

from practice_support import django_ready

pytest_plugins = ["practice_support"]  # the crm_template / crm_db fixtures

django_ready()

from django.db import connection  # noqa: E402

from kamcourse.practice.web.accounts.models import Staff  # noqa: E402
from kamcourse.practice.web.common import StaleEdit  # noqa: E402
from kamcourse.practice.web.customers.models import Customer  # noqa: E402
from kamcourse.practice.web.customers.validators import credit_code_check_char  # noqa: E402
from kamcourse.practice.web.sales.models import Activity, Opportunity  # noqa: E402

THREADS, EACH = 8, 5


def _run(worker) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def body(i: int) -> None:
        try:
            start.wait()
            worker(i)
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=body, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return errors


def test_concurrent_new_records_all_arrive_with_distinct_codes(crm_db) -> None:
    manager = Staff.objects.filter(role="sales", leave_date__isnull=True).first()
    before = Customer.objects.count()

    def worker(i: int) -> None:
        for j in range(EACH):
            first17 = f"9132050{i:02d}MA{j:06d}"[:17]
            Customer(name_zh=f"并发测试公司{i}-{j}", credit_code=first17 + credit_code_check_char(first17),
                     industry="metallurgy", region="east_china", size_band="small_enterprise",
                     account_manager=manager).save()

    assert _run(worker) == []
    new = Customer.objects.filter(name_zh__startswith="并发测试公司")
    assert new.count() == THREADS * EACH and Customer.objects.count() == before + THREADS * EACH
    assert len(set(new.values_list("customer_id", flat=True))) == THREADS * EACH


def test_concurrent_activities_on_one_opportunity_are_all_kept(crm_db) -> None:
    opp = Opportunity.objects.open().first()
    version = opp.version

    def worker(i: int) -> None:
        for j in range(EACH):
            Activity.objects.create(opportunity_id=opp.pk, note=f"call {i}-{j}")

    assert _run(worker) == []
    assert Activity.objects.filter(opportunity=opp).count() == THREADS * EACH
    assert Opportunity.objects.get(pk=opp.pk).version == version + THREADS * EACH  # every write counted


def test_two_editors_of_one_record_one_wins_one_is_told(crm_db) -> None:
    copies = [Customer.objects.get(pk="C0005") for _ in range(THREADS)]
    outcome: list[str] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        c = copies[i]
        c.address = f"address from editor {i}"
        try:
            c.save()
            result = "saved"
        except StaleEdit:
            result = "refused"
        with lock:
            outcome.append(result)

    assert _run(worker) == []
    assert sorted(outcome).count("saved") == 1 and outcome.count("refused") == THREADS - 1
    saved = Customer.objects.get(pk="C0005")
    assert saved.address.startswith("address from editor") and saved.version == 2
