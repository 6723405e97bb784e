"""What every admin page of the system shares: row scope, hidden version, who entered what.

The admin is the system's main interface (list, search, filters, forms,
confirmation before delete, change history); this base class adds the
system's own rules: each role sees only its rows (:func:`.accounts.scope.visible`),
choice lists offer only visible records, and each form carries the record's
version so a stale edit is refused (:mod:`.common`).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin

from .accounts.scope import visible

__all__ = ["ScopedAdmin", "ScopedInline", "staff_choices", "stored"]

_SCOPED_RELATIONS = ("customers.customer", "customers.contact", "sales.opportunity")


def staff_choices(db_field, request, function: str):
    """The employed staff of one function (``sales``/``service``) a user may pick in a form.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from django.contrib.auth.models import AnonymousUser
    >>> staff_choices(None, SimpleNamespace(user=AnonymousUser()), "service").model.__name__
    'Staff'
    """
    from .accounts.models import Staff
    from .accounts.roles import role_of

    qs = Staff.objects.filter(role=function, leave_date__isnull=True)
    if function == "sales" and role_of(request.user) == "sales_rep":
        qs = qs.filter(user=request.user)  # a representative works on their own accounts
    return qs


def stored(obj, field: str):
    """The saved value of a field (a form being re-shown after an error has changed the object in memory).

    Examples
    --------
    >>> stored(None, "stage") is None
    True
    """
    if obj is None or obj.pk is None:
        return None
    return type(obj)._default_manager.filter(pk=obj.pk).values_list(field, flat=True).first()


class _ScopeMixin:
    def get_queryset(self, request):
        return visible(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model._meta.label_lower
        if related in _SCOPED_RELATIONS:
            kwargs["queryset"] = visible(db_field.related_model._default_manager.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "version":
            return forms.IntegerField(widget=forms.HiddenInput, required=False)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ScopedAdmin(_ScopeMixin, admin.ModelAdmin):
    """A ModelAdmin that shows each role only its rows and refuses stale edits."""

    list_per_page = 25
    show_full_result_count = False


class ScopedInline(_ScopeMixin, admin.TabularInline):
    """An inline (e.g. the contacts on a customer's page) with the same rules."""

    extra = 0
