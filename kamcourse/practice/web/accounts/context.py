"""Template context of every page: the demo accounts on the login page of a private instance."""

from __future__ import annotations

from django.conf import settings

__all__ = ["crm"]


def crm(request) -> dict:
    """``crm_accounts`` (users and password) only behind jupyter-server-proxy, where only the owner gets in.

    Examples
    --------
    >>> crm(None)
    {}
    """
    if not getattr(settings, "BEHIND_PROXY", False) or request is None or request.user.is_authenticated:
        return {}
    from kamcourse.practice.server import credentials

    creds = credentials()
    if not creds:
        return {}
    example = next((u for u in creds.get("users", []) if u[:1] == "s" and u[1:].isdigit()), "s001")
    return {"crm_accounts": {**creds, "example": example}}
