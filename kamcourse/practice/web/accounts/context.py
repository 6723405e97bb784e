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
    return {"crm_accounts": creds} if creds else {}
