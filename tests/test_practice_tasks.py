"""The graded practical tasks: a correct run earns every point, an incorrect one does not; scores reach the gradebook."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import subprocess
import sys

from practice_support import django_ready, user_of

pytest_plugins = ["practice_support"]  # the crm_template / crm_db fixtures

django_ready()

from auditlog.context import set_actor  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402

from kamcourse.practice.web.customers.models import Contact, Customer  # noqa: E402
from kamcourse.practice.web.maintenance import backup as backups  # noqa: E402
from kamcourse.practice.web.sales.models import Activity, Opportunity, SalesOrder  # noqa: E402
from kamcourse.practice.web.service.models import ServiceNote, ServiceRequest  # noqa: E402
from kamcourse.practice.web.tasks.checks import MAX_POINTS  # noqa: E402
from kamcourse.practice.web.tasks.grading import grade_current_database, write_gradebook, write_scores_csv  # noqa: E402
from kamcourse.practice.web.tasks.models import TaskAnswer  # noqa: E402
from kamcourse.practice.web.tasks.params import task_params  # noqa: E402


def do_the_tasks(correct: bool = True) -> None:
    """What a student does in the system, chapter by chapter (an incorrect run slips in several places)."""
    p = task_params(None)
    admin = user_of("administrator")
    with set_actor(admin):
        q = p["ch03"]
        new = User.objects.create_user(q["new_user"], password="Wang-Hai-2025!", is_staff=True)
        new.groups.set([Group.objects.get(name="sales_rep" if correct else "service_agent")])
        leaver = User.objects.get(username=q["leaver"])
        leaver.is_active = False
        leaver.save()

        q = p["ch04"]
        c = q["customer"]
        customer = Customer(name_zh=c["name_zh"], credit_code=c["credit_code"], industry=c["industry"],
                            region=c["region"] if correct else "north_china", size_band=c["size_band"],
                            account_manager_id=c["account_manager"])
        customer.full_clean()
        customer.save()
        moved = Customer.objects.get(pk=q["moved"])
        moved.region = q["new_region"]
        moved.save()

        q = p["ch05"]
        for want in q["contacts"][: 3 if correct else 2]:
            Contact.objects.create(customer=customer, **want)
        rephone = Contact.objects.get(pk=q["rephone"])
        rephone.phone = q["new_phone"]
        rephone.save()
        Contact.objects.get(pk=q["gone"]).delete()

        q = p["ch06"]
        for opp_id, stage in q["move"].items():
            opp = Opportunity.objects.get(pk=opp_id)
            opp.stage = stage
            opp.save()
            Activity.objects.create(opportunity_id=opp_id, note="next step agreed", created_by=admin)
        lost = Opportunity.objects.get(pk=q["lose"])
        lost.stage, lost.closing_reason = "closed_lost", q["lose_reason"] if correct else "price"
        lost.closing_note = "the competitor offered 8% less"
        lost.full_clean()
        lost.save()
        for opp_id in q["warned"] if correct else q["warned"][:-1]:
            Activity.objects.create(opportunity_id=opp_id, note="called the buyer", created_by=admin)

        q = p["ch07"]
        won = Opportunity.objects.get(pk=q["win"])
        won.stage, won.closing_reason = "closed_won", q["win_reason"]
        won.full_clean()
        won.save()
        order = SalesOrder.from_opportunity(won)
        order.full_clean()
        order.save()
        for status in ("shipped", "invoiced", "closed") if correct else ("shipped",):
            order.status = status
            order.full_clean()
            order.save()

        q = p["ch08"]
        owner = __import__("kamcourse.practice.web.accounts.models", fromlist=["Staff"]).Staff.objects.filter(
            role="service", leave_date__isnull=True).first()
        req = ServiceRequest(customer_id=q["customer"], contact_id=q["contact"], type="complaint",
                             priority="high" if correct else "medium", subject=q["subject"], owner=owner)
        req.full_clean()
        req.save()
        ServiceNote.objects.create(request=req, kind="response", text="已致电客户", author=admin)
        req.refresh_from_db()
        req.status, req.resolution, req.satisfaction_after = "closed", "更换阀体", q["satisfaction"]
        req.full_clean()
        req.save()

        q = p["ch09"]
        TaskAnswer.objects.create(user=admin, question="top_industry", answer=q["top_industry"][0])
        TaskAnswer.objects.create(user=admin, question="top20_share",
                                  answer=str(q["top20_share"] + (0.3 if correct else 9)))

        q = p["ch10"]
        path = backups.backup(user=admin, note="before cleanup")
        Contact.objects.get(pk=q["victim"]).delete()
        if correct:
            backups.restore(path, user=admin)


def test_a_correct_run_earns_every_point(crm_db) -> None:
    do_the_tasks(correct=True)
    result = grade_current_database(None)
    missed = [c for c in result["checks"] if c[1] < c[2]]
    assert not missed, "\n".join(map(str, missed))
    assert result["chapters"] == MAX_POINTS


def test_an_incorrect_run_loses_points_where_it_slipped(crm_db) -> None:
    do_the_tasks(correct=False)
    result = grade_current_database(None)
    got = result["chapters"]
    for chapter in ("ch03", "ch04", "ch05", "ch06", "ch07", "ch08", "ch09", "ch10"):
        assert got[chapter] < MAX_POINTS[chapter], (chapter, got)
    assert sum(got.values()) > 0  # what was right still counts


def test_nothing_done_earns_nothing(crm_db) -> None:
    result = grade_current_database(None)
    assert sum(result["chapters"].values()) <= MAX_POINTS["ch10"] - 4  # only "the contact is back" holds untouched


def test_students_get_their_own_tasks() -> None:
    a, b = task_params("alice", "course-secret"), task_params("bob", "course-secret")
    assert a["ch04"]["customer"] != b["ch04"]["customer"] and a["ch06"] != b["ch06"]
    assert task_params("alice", "course-secret") == a


def test_grading_a_handed_in_file_and_exporting_the_scores(crm_db, tmp_path) -> None:
    do_the_tasks(correct=True)
    from django.db import connections

    from kamcourse.practice.web.tasks.grading import grade_database_file

    connections.close_all()
    # the database was loaded with the kit's default data (student None): full marks, graded in its own process
    assert grade_database_file(crm_db, None)["chapters"] == MAX_POINTS
    submissions = tmp_path / "submitted"
    (submissions / "bob").mkdir(parents=True)
    src, dst = sqlite3.connect(crm_db), sqlite3.connect(submissions / "bob" / "crm.sqlite3")
    src.backup(dst)
    src.close()
    dst.close()
    (submissions / "carol").mkdir()  # handed in nothing
    out = tmp_path / "scores.csv"
    cmd = [sys.executable, "-m", "kamcourse.cli", "crm", "grade", "--submissions", str(submissions), "-o", str(out),
           "--gradebook", f"sqlite:///{tmp_path / 'gradebook.db'}"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = {r["student_id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert set(rows) == {"bob", "carol"}
    total = sum(MAX_POINTS.values())
    assert rows["carol"]["score"] == "0" and rows["carol"]["max_score"] == str(total)
    assert 0 < float(rows["bob"]["score"]) < total / 2  # a classmate's database does not do bob's own tasks
    assert list(rows["bob"])[:7] == ["student_id", "first_name", "last_name", "email", "score", "max_score", "percent"]
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        assert gb.find_submission("practice_crm", "bob").score == float(rows["bob"]["score"])
        assert gb.find_assignment("practice_crm").max_score == total


def test_score_writers(tmp_path) -> None:
    results = [{"student": "alice", "chapters": {"ch03": 6, "ch04": 2}, "max": {"ch03": 6, "ch04": 8}}]
    text = write_scores_csv(results, tmp_path / "s.csv").read_text(encoding="utf-8").splitlines()
    assert text[1] == "alice,,,,8,14,57.1,6,2"
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    write_gradebook(results, url)
    write_gradebook([{**results[0], "chapters": {"ch03": 6, "ch04": 8}}], url)  # regrading updates
    from nbgrader.api import Gradebook

    with Gradebook(url) as gb:
        assert gb.find_submission("practice_crm", "alice").score == 14
    assert dt.date.today()
