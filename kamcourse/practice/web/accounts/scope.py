"""Which rows each role sees (数据权限): a sales representative sees their own accounts only.

Model permissions (:mod:`.roles`) say what a role may do with a kind of
record; :func:`visible` says which records. Every list, form, statistic and
export of the system goes through it, so no page shows another role's data.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .roles import role_of

__all__ = ["visible", "sees_everything", "CUSTOMER_PATH"]

#: How each model reaches its customer (for the sales representative's filter).
CUSTOMER_PATH = {
    "customers.customer": "",
    "customers.contact": "customer__",
    "sales.opportunity": "customer__",
    "sales.activity": "opportunity__customer__",
    "sales.salesorder": "customer__",
    "service.servicerequest": "customer__",
    "service.servicenote": "request__customer__",
}
_SERVICE_MODELS = {"customers.customer", "customers.contact", "service.servicerequest", "service.servicenote",
                   "accounts.staff", "tasks.taskanswer"}


def sees_everything(user) -> bool:
    """True for administrators and sales managers (all rows of what they may view).

    Examples
    --------
    >>> from django.contrib.auth.models import AnonymousUser
    >>> sees_everything(AnonymousUser())
    False
    """
    return role_of(user) in ("administrator", "sales_manager")


def visible(queryset: QuerySet, user) -> QuerySet:
    """The rows of ``queryset`` that ``user`` may see (可见数据).

    Parameters
    ----------
    queryset : QuerySet
        Any query over the system's records.
    user : User

    Returns
    -------
    QuerySet
        Filtered (for a sales representative: their own accounts; for a
        service agent: no sales records); empty for a user without a role.

    Examples
    --------
    >>> from django.contrib.auth.models import AnonymousUser
    >>> from kamcourse.practice.web.customers.models import Customer
    >>> visible(Customer.objects.all(), AnonymousUser()).query.is_empty()  # no role, no rows
    True
    """
    label = queryset.model._meta.label_lower
    role = role_of(user)
    if role in ("administrator", "sales_manager"):
        return queryset
    if label == "tasks.taskanswer":
        return queryset.filter(user=user) if role else queryset.none()
    if label == "accounts.staff" and role:
        return queryset
    if role == "service_agent":
        return queryset if label in _SERVICE_MODELS else queryset.none()
    if role == "sales_rep" and label in CUSTOMER_PATH:
        path = CUSTOMER_PATH[label]
        cond = Q(**{f"{path}account_manager__user": user})
        if label == "sales.opportunity":
            cond |= Q(owner__user=user)
        return queryset.filter(cond)
    return queryset.none()
