"""Backup to a file and restore from it (manual 10.1, 10.2), and the upgrade of an old database (10.3)."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys

import pytest
from practice_support import django_ready, user_of

pytest_plugins = ["practice_support"]  # the crm_template / crm_db fixtures

django_ready()

from auditlog.context import set_actor  # noqa: E402
from auditlog.models import LogEntry  # noqa: E402

from kamcourse.practice.web.customers.models import Contact, Customer  # noqa: E402
from kamcourse.practice.web.maintenance import backup as backups  # noqa: E402
from kamcourse.practice.web.maintenance.models import MaintenanceLog  # noqa: E402
from kamcourse.practice.web.sales.models import Activity, Opportunity, SalesOrder  # noqa: E402


def _counts() -> dict:
    return {m.__name__: m.objects.count() for m in (Customer, Contact, Opportunity, Activity, SalesOrder)}


def test_backup_and_restore_round_trip(crm_db, tmp_path) -> None:
    admin = user_of("administrator")
    opp = Opportunity.objects.open().first()
    Activity.objects.create(opportunity=opp, note="before the backup", created_by=admin)
    before = _counts()
    path = backups.backup(tmp_path / "b.json.gz", user=admin)
    with set_actor(admin):
        victim = Contact.objects.get(pk="P00002")
        victim.delete()
        Activity.objects.create(opportunity=opp, note="after the backup", created_by=admin)
    audit_before = LogEntry.objects.count()
    counts = backups.restore(path, user=admin)
    assert _counts() == before and counts["customers.Contact"] == before["Contact"]
    assert Contact.objects.filter(pk="P00002").exists()
    assert not Activity.objects.filter(note="after the backup").exists()
    # the audit trail is not rolled back: the deletion stays on record
    assert LogEntry.objects.count() >= audit_before
    assert LogEntry.objects.filter(object_pk="P00002", action=LogEntry.Action.DELETE).exists()
    kinds = list(MaintenanceLog.objects.order_by("at", "pk").values_list("kind", flat=True))
    assert kinds[-3:] == ["backup", "backup", "restore"]  # ours, the safety backup, the restore
    # a new activity after the restore gets a fresh id (sequences reset)
    Activity.objects.create(opportunity=opp, note="after the restore", created_by=admin)


@pytest.mark.parametrize("content", [b"not gzip", gzip.compress(b"{\"format\": \"other\"}"),
                                     gzip.compress(json.dumps({"format": "kamcourse-crm-backup", "migrations": {},
                                                               "objects": [{"model": "customers.customer", "pk": "C9",
                                                                            "fields": {"name_zh": None}}]}).encode())],
                         ids=["not-gzip", "another-format", "a-broken-record"])
def test_a_bad_file_changes_nothing(crm_db, tmp_path, content) -> None:
    path = tmp_path / "bad.json.gz"
    path.write_bytes(content)
    before = _counts()
    with pytest.raises(backups.BackupError):
        backups.restore(path)
    assert _counts() == before and not MaintenanceLog.objects.filter(kind="restore").exists()


def test_a_backup_of_a_newer_version_is_refused(crm_db, tmp_path) -> None:
    path = backups.backup(tmp_path / "b.json.gz")
    content = json.loads(gzip.decompress(path.read_bytes()))
    content["migrations"]["sales"].append("0099_future")
    path.write_bytes(gzip.compress(json.dumps(content).encode()))
    with pytest.raises(backups.BackupError, match="0099_future"):
        backups.restore(path)


def test_command_line_backup_and_restore(tmp_path) -> None:
    """`kamcourse crm backup` / `restore` on a small database of its own (a separate process)."""
    env = {**__import__("os").environ, "KAMCOURSE_CRM_HOME": str(tmp_path)}
    exe = [sys.executable, "-m", "kamcourse.cli", "crm"]
    done = subprocess.run([*exe, "backup", str(tmp_path / "one.json.gz")], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    db = tmp_path / "crm.sqlite3"
    con = sqlite3.connect(db)
    con.execute("DELETE FROM customers_contact WHERE contact_id = 'P00001'")
    con.commit()
    con.close()
    done = subprocess.run([*exe, "restore", str(tmp_path / "one.json.gz")], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM customers_contact WHERE contact_id = 'P00001'").fetchone()[0] == 1
    con.close()
