"""The audit trail (操作日志): every create, change and delete of a record, with who and when.

django-auditlog records each change with its field differences and the
logged-in user; entries are never part of a backup, so a restore cannot
erase the trace of what happened before it.
"""

from __future__ import annotations

__all__ = ["register", "AUDITED"]

#: Models whose every change is kept (app label, model name, fields left out).
AUDITED = (
    ("customers", "Customer", ("version",)),
    ("customers", "Contact", ("version",)),
    ("sales", "Opportunity", ("version",)),
    ("sales", "Activity", ()),
    ("sales", "SalesOrder", ("version",)),
    ("service", "ServiceRequest", ("version",)),
    ("service", "ServiceNote", ()),
    ("accounts", "Staff", ()),
    ("auth", "User", ("password", "last_login")),
    ("tasks", "TaskAnswer", ()),
)


def register() -> None:
    """Register the audited models with django-auditlog (once, at start-up).

    Examples
    --------
    >>> from auditlog.registry import auditlog
    >>> from django.contrib.auth.models import User
    >>> auditlog.contains(User)
    True
    """
    from auditlog.registry import auditlog
    from django.apps import apps

    for app, name, exclude in AUDITED:
        model = apps.get_model(app, name)
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=list(exclude), m2m_fields={"groups"} if name == "User" else None)
