"""The four roles of the manual and what each may do (3.2 用户权限设置).

A role is a Django group with model permissions; :mod:`.scope` adds which
rows a role sees. The matrix (this kit's convention, after the manual's
权限分类) is plain data in :mod:`kamcourse.practice.permissions`, which
notebooks read without Django; :func:`ensure_roles` turns it into groups.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ...permissions import PERMISSIONS, ROLES

__all__ = ["ROLES", "ROLE_LABELS", "PERMISSIONS", "ensure_roles", "role_of"]

ROLE_LABELS = {
    "administrator": _("administrator"),
    "sales_manager": _("sales manager"),
    "sales_rep": _("sales representative"),
    "service_agent": _("service agent"),
}

_ADMIN_APPS = ("accounts", "customers", "sales", "service", "maintenance", "tasks", "auth", "auditlog")


def ensure_roles() -> None:
    """Create the four role groups and give them their permissions (idempotent) (角色初始化).

    Examples
    --------
    >>> callable(ensure_roles)
    True
    """
    from django.contrib.auth.models import Group, Permission

    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        if role == "administrator":
            perms = Permission.objects.filter(content_type__app_label__in=_ADMIN_APPS)
        else:
            perms = []
            for model, actions in PERMISSIONS[role].items():
                app, name = model.split(".")
                perms += list(Permission.objects.filter(content_type__app_label=app,
                                                        codename__in=[f"{a}_{name}" for a in actions]))
        group.permissions.set(perms)


def role_of(user) -> str | None:
    """The role of a user: the first of :data:`ROLES` among their groups (None if none) (用户角色).

    A superuser counts as administrator.

    Parameters
    ----------
    user : django.contrib.auth.models.User or AnonymousUser

    Returns
    -------
    str or None

    Examples
    --------
    >>> from django.contrib.auth.models import AnonymousUser
    >>> role_of(AnonymousUser()) is None
    True
    """
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return "administrator"
    cached = getattr(user, "_crm_role", False)
    if cached is not False:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    role = next((r for r in ROLES if r in names), None)
    user._crm_role = role
    return role


def on_post_migrate(sender, **kwargs) -> None:
    """After ``migrate``: make sure the role groups exist with current permissions."""
    if sender.label == "tasks":  # the last of the system's apps: every permission exists by now
        ensure_roles()
