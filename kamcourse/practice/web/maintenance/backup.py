"""Backup to a file and restore from it (10.1 系统备份, 10.2 系统恢复).

A backup is one gzip-compressed JSON file: a header (format, the schema's
migrations, time, counts) and every business record in Django's
serialisation format (users and roles included). The audit trail and the
backup log are *not* in it: they record what happened, and a restore must
not erase the trace of what came before it.

A restore runs in one transaction (all or nothing), makes a safety backup
first, replaces the business records with the file's, keeps login accounts
that the file lacks but deactivates them (their audit entries keep their
author), and checks the counts afterwards.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import MaintenanceLog

__all__ = ["BACKED_UP", "backup", "restore", "backup_dir", "list_backups", "BackupError"]

FORMAT = "kamcourse-crm-backup"
#: Models in a backup, parents before children.
BACKED_UP = ("auth.Group", "auth.User", "accounts.Staff", "customers.Customer", "customers.Contact",
             "sales.Opportunity", "sales.Activity", "sales.SalesOrder", "service.ServiceRequest",
             "service.ServiceNote", "tasks.TaskAnswer", "maintenance.Instance")
_ACCOUNTS = ("auth.Group", "auth.User")


class BackupError(ValueError):
    """A file that is not a usable backup of this system (the message says why)."""


def backup_dir() -> Path:
    """The folder of backup files (``KAMCOURSE_CRM_BACKUP_DIR``, default ``<data folder>/backups``).

    Examples
    --------
    >>> backup_dir().name
    'backups'
    """
    folder = Path(settings.CRM_BACKUP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def backup(path: str | Path | None = None, user=None, note: str = "") -> Path:
    """Write every business record to a backup file (系统备份).

    Parameters
    ----------
    path : path, optional
        File to write (default ``crm-backup-YYYYMMDD-HHMMSS.json.gz`` in :func:`backup_dir`).
    user : User, optional
        Who made it (kept in the backup log).
    note : str
        Kept in the backup log.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> callable(backup)
    True
    """
    now = timezone.now()
    target = Path(path) if path else backup_dir() / f"crm-backup-{timezone.localtime(now):%Y%m%d-%H%M%S-%f}.json.gz"
    with transaction.atomic():  # one consistent snapshot
        objects, counts = [], {}
        for label in BACKED_UP:
            model = apps.get_model(label)
            rows = serializers.serialize("python", model._default_manager.order_by("pk"),
                                         use_natural_foreign_keys=label in _ACCOUNTS)
            counts[label] = len(rows)
            objects += rows
    header = {"format": FORMAT, "created_at": now.isoformat(), "migrations": _migrations(), "counts": counts}
    payload = json.dumps({**header, "objects": objects}, ensure_ascii=False, cls=DjangoJSONEncoder).encode("utf-8")
    tmp = target.with_name(target.name + ".part")
    with gzip.open(tmp, "wb") as fh:
        fh.write(payload)
    tmp.replace(target)
    MaintenanceLog.objects.create(kind="backup", user=user if getattr(user, "pk", None) else None,
                                  file_name=target.name, sha256=_sha256(target), records=len(objects), note=note)
    return target


def _read(path: Path) -> dict:
    try:
        with gzip.open(path, "rb") as fh:
            content = json.loads(fh.read().decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(_("%(name)s is not a backup of this system (%(error)s).")
                          % {"name": path.name, "error": exc}) from None
    if not isinstance(content, dict) or content.get("format") != FORMAT or "objects" not in content:
        raise BackupError(_("%(name)s is not a backup of this system.") % {"name": path.name})
    current = _migrations()
    newer = [f"{app}.{m}" for app, names in content.get("migrations", {}).items()
             for m in names if m not in current.get(app, [])]
    if newer:
        raise BackupError(_("%(name)s was made by a newer version of the system (%(migrations)s): "
                            "upgrade the system first.") % {"name": path.name, "migrations": ", ".join(newer)})
    return content


def restore(path: str | Path, user=None) -> dict[str, int]:
    """Replace the business records with those of a backup file, all or nothing (系统恢复).

    Parameters
    ----------
    path : path
        A file written by :func:`backup` (of this version or an older one).
    user : User, optional
        Who restored (kept in the backup log).

    Returns
    -------
    dict
        Records restored per model.

    Raises
    ------
    BackupError
        If the file is not a backup of this system, comes from a newer
        version, or its records do not load; nothing is changed then.

    Examples
    --------
    >>> try:
    ...     restore("no-such-file.json.gz")
    ... except BackupError:
    ...     print("refused")
    refused
    """
    from auditlog.context import disable_auditlog

    path = Path(path)
    content = _read(path)
    checksum = _sha256(path)
    safety = backup(user=user, note=_("automatic backup before restoring %(name)s") % {"name": path.name})
    rows: dict[str, list] = {label: [] for label in BACKED_UP}
    for row in content["objects"]:
        try:
            label = apps.get_model(row["model"])._meta.label
        except (KeyError, TypeError, LookupError, ValueError):
            label = None
        if label not in rows:
            raise BackupError(_("%(name)s holds a record of an unknown kind.") % {"name": path.name})
        rows[label].append(row)
    try:
        with transaction.atomic(), disable_auditlog():
            for label in reversed(BACKED_UP):
                if label not in _ACCOUNTS:
                    apps.get_model(label)._default_manager.all().delete()
            User = apps.get_model("auth.User")
            User.objects.exclude(pk__in=[r["pk"] for r in rows["auth.User"]]).update(is_active=False)
            for label in BACKED_UP:
                objs = serializers.deserialize("python", rows[label], ignorenonexistent=True)
                if label in _ACCOUNTS:
                    for obj in objs:
                        obj.save()
                else:
                    apps.get_model(label)._default_manager.bulk_create([o.object for o in objs], batch_size=500)
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [apps.get_model(m) for m in BACKED_UP]):
                    cursor.execute(sql)
            counts = {label: apps.get_model(label)._default_manager.count() for label in BACKED_UP}
            wrong = {k: (len(rows[k]), counts[k]) for k in BACKED_UP if k != "auth.User" and counts[k] != len(rows[k])}
            if wrong:
                raise BackupError(_("the restore of %(name)s did not give the backup's records: %(wrong)s")
                                  % {"name": path.name, "wrong": wrong})
            MaintenanceLog.objects.create(kind="restore", user=user if getattr(user, "pk", None) else None,
                                          file_name=path.name, sha256=checksum, records=len(content["objects"]),
                                          note=_("safety backup: %(name)s") % {"name": safety.name})
    except BackupError:
        raise
    except Exception as exc:  # a record that does not load: nothing was changed (the transaction rolled back)
        raise BackupError(_("%(name)s has a record that does not load: %(error)s")
                          % {"name": path.name, "error": exc}) from None
    return counts


def list_backups() -> list[Path]:
    """The backup files of :func:`backup_dir`, newest first (备份文件管理).

    Examples
    --------
    >>> isinstance(list_backups(), list)
    True
    """
    return sorted(backup_dir().glob("crm-backup-*.json.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
