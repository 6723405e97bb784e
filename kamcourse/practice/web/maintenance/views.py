"""Backup and restore pages for the administrator (10.1 备份操作步骤, 10.2 恢复操作步骤)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import backup as backups
from .models import MaintenanceLog

__all__ = ["index", "make_backup", "download", "restore"]


class RestoreForm(forms.Form):
    name = forms.CharField(required=False, widget=forms.HiddenInput)
    upload = forms.FileField(label=gettext_lazy("or upload a backup file"), required=False)
    confirm = forms.BooleanField(label=gettext_lazy("I understand that every current record is replaced by the backup's"))


def _need(request, perm: str) -> None:
    if not request.user.is_staff or not request.user.has_perm(f"maintenance.{perm}"):
        raise PermissionDenied


def _file(name: str) -> Path:
    for path in backups.list_backups():
        if path.name == name:
            return path
    raise Http404(_("No backup file of that name."))


@login_required
def index(request):
    """The backup files, the log, and the restore form.

    Examples
    --------
    >>> from django.test import Client
    >>> Client().get("/maintenance/").status_code
    302
    """
    _need(request, "backup_database")
    context = {**admin.site.each_context(request), "title": _("Backup and restore"),
               "files": [(p.name, p.stat().st_size) for p in backups.list_backups()],
               "log": MaintenanceLog.objects.select_related("user")[:20], "form": RestoreForm(),
               "can_restore": request.user.has_perm("maintenance.restore_database")}
    return render(request, "maintenance/index.html", context)


@login_required
@require_POST
def make_backup(request):
    """Write a backup file now.

    Examples
    --------
    >>> from django.test import Client
    >>> Client().post("/maintenance/backup/").status_code
    302
    """
    _need(request, "backup_database")
    path = backups.backup(user=request.user, note=request.POST.get("note", "")[:300])
    messages.success(request, _("Backup written: %(name)s") % {"name": path.name})
    return redirect("maintenance:index")


@login_required
def download(request, name: str):
    """Download one backup file (keep a copy off this machine).

    Examples
    --------
    >>> from django.test import Client
    >>> Client().get("/maintenance/download/x.json.gz").status_code
    302
    """
    _need(request, "backup_database")
    return FileResponse(open(_file(name), "rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def restore(request):
    """Restore a listed or uploaded backup, all or nothing.

    Examples
    --------
    >>> from django.test import Client
    >>> Client().post("/maintenance/restore/").status_code
    302
    """
    _need(request, "restore_database")
    form = RestoreForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Tick the confirmation to restore."))
        return redirect("maintenance:index")
    try:
        if form.cleaned_data["upload"]:
            upload = form.cleaned_data["upload"]
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / Path(upload.name).name
                with open(path, "wb") as fh:
                    for chunk in upload.chunks():
                        fh.write(chunk)
                counts = backups.restore(path, user=request.user)
        else:
            counts = backups.restore(_file(form.cleaned_data["name"]), user=request.user)
    except backups.BackupError as exc:
        messages.error(request, _("Nothing was restored: %(error)s") % {"error": exc})
        return redirect("maintenance:index")
    messages.success(request, _("Restored %(n)d records.") % {"n": sum(counts.values())})
    return redirect("maintenance:index")
