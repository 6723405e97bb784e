"""The practice system's roles and what each may do, readable without Django (角色与权限矩阵).

The system manual of the course materials sets up users and their rights by role (第三章 3.2 用户权限
设置). The practice CRM has four roles (this kit's convention, after the manual's 权限分类):

================  ===========================================================
administrator     everything, user accounts, backup and restore (系统管理员)
sales_manager     all customers, contacts, opportunities and orders; reads
                  service requests, statistics and the audit trail (销售经理)
sales_rep         own accounts only: their customers, contacts,
                  opportunities, activities, orders (销售代表)
service_agent     service requests and their notes; reads customers and
                  contacts; no opportunities or orders (客服专员)
================  ===========================================================

The web application gives the role groups these permissions
(:func:`kamcourse.practice.web.accounts.roles.ensure_roles`) and adds which *rows* a role sees
(:mod:`kamcourse.practice.web.accounts.scope`: a sales representative sees only the customers they
manage). This module holds the matrix as plain data so that a notebook (or a graded exercise) can
reason about it without configuring Django or opening a database.
"""

from __future__ import annotations

from ..validation import check_choice

__all__ = ["ROLES", "ACTIONS", "PERMISSIONS", "ROLE_OF_FUNCTION", "roles_allowed"]

#: The four roles, the administrator first.
ROLES: tuple[str, ...] = ("administrator", "sales_manager", "sales_rep", "service_agent")
#: What a permission lets a role do with a kind of record (Django's model permissions).
ACTIONS: tuple[str, ...] = ("view", "add", "change", "delete")

_SALES_DATA = {
    "customers.customer": ACTIONS, "customers.contact": ACTIONS, "sales.opportunity": ACTIONS,
    "sales.activity": ACTIONS, "sales.salesorder": ACTIONS,
}

#: model -> actions, per role ("administrator" gets every permission of the system).
PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "sales_manager": {
        **_SALES_DATA,
        "service.servicerequest": ("view",), "service.servicenote": ("view",),
        "accounts.staff": ("view",), "auditlog.logentry": ("view",),
        "tasks.taskanswer": ("view", "add", "change"),
    },
    "sales_rep": {
        "customers.customer": ("view", "add", "change"), "customers.contact": ACTIONS,
        "sales.opportunity": ("view", "add", "change"), "sales.activity": ("view", "add"),
        "sales.salesorder": ("view", "add", "change"),
        "service.servicerequest": ("view",), "accounts.staff": ("view",),
        "tasks.taskanswer": ("view", "add", "change"),
    },
    "service_agent": {
        "customers.customer": ("view",), "customers.contact": ("view",),
        "service.servicerequest": ("view", "add", "change"), "service.servicenote": ("view", "add"),
        "accounts.staff": ("view",), "tasks.taskanswer": ("view", "add", "change"),
    },
}

#: The role of the login made for each employed member of staff when the company's data are loaded
#: (``staff.role`` -> role); technical engineers and staff who have left get no login.
ROLE_OF_FUNCTION: dict[str, str] = {"sales": "sales_rep", "service": "service_agent"}


def roles_allowed(model: str, action: str) -> tuple[str, ...]:
    """The roles whose permissions allow an action on a kind of record (权限查询).

    A role is allowed when ``action`` is among ``PERMISSIONS[role][model]``; the administrator holds
    every permission. Model permissions only: which rows a role sees is a second rule (a sales
    representative sees the customers they manage). Source: the course materials' system manual
    (第三章 3.2 用户权限设置); the matrix is this kit's convention.

    Parameters
    ----------
    model : str
        ``"app.model"`` as in :data:`PERMISSIONS`, e.g. ``"customers.contact"``.
    action : {"view", "add", "change", "delete"}

    Returns
    -------
    tuple of str
        In :data:`ROLES` order, the administrator first.

    Raises
    ------
    ValueError
        If ``action`` is not one of :data:`ACTIONS`, or ``model`` appears in no role's permissions.

    Examples
    --------
    >>> roles_allowed("service.servicerequest", "change")
    ('administrator', 'service_agent')
    >>> roles_allowed("customers.contact", "change")
    ('administrator', 'sales_manager', 'sales_rep')
    """
    check_choice(action, "action", ACTIONS)
    known = sorted({m for perms in PERMISSIONS.values() for m in perms})
    if model not in known:
        raise ValueError(f"model must be one of {', '.join(known)}; got {model!r}")
    return ("administrator", *(r for r in ROLES[1:] if action in PERMISSIONS[r].get(model, ())))
