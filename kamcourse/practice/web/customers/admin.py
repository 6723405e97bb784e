"""Customer and contact pages (客户信息录入、查询、修改与删除；联系人管理)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..adminbase import ScopedAdmin, ScopedInline, staff_choices
from .forms import CustomerForm
from .models import Contact, Customer

__all__ = ["CustomerAdmin", "ContactAdmin"]


class ContactInline(ScopedInline):
    """New contacts are entered with the customer; existing ones are changed on their own page (5.3)."""

    model = Contact
    fields = ("name_zh", "role", "decision_level", "phone", "email", "staff", "version")
    autocomplete_fields = ("staff",)  # a search box, not a list of every employee in every row
    show_change_link = True
    extra = 1

    def has_change_permission(self, request, obj=None):
        return False  # shown read-only here, with a link to the contact's page


@admin.register(Customer)
class CustomerAdmin(ScopedAdmin):
    form = CustomerForm
    list_display = ("customer_id", "name_zh", "industry", "region", "size_band", "grade", "account_manager")
    list_filter = ("industry", "region", "size_band", "grade", ("account_manager", admin.RelatedOnlyFieldListFilter))
    search_fields = ("customer_id", "name_zh", "name", "credit_code", "phone", "contacts__name_zh")
    readonly_fields = ("customer_id", "first_order_date", "created_at", "updated_at")
    ordering = ("-customer_id",)  # newest first: what was just entered is on top
    inlines = [ContactInline]
    fieldsets = (
        (None, {"fields": ("customer_id", "name_zh", "name", "credit_code", "confirm_not_duplicate")}),
        (_("Classification"), {"fields": ("industry", "region", "size_band", "grade", "acquisition_method")}),
        (_("Account"), {"fields": ("account_manager", "payment_terms_days", "phone", "address", "first_order_date",
                                   "created_at", "updated_at", "version")}),
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "account_manager":
            kwargs["queryset"] = staff_choices(db_field, request, "sales")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        staff = getattr(request.user, "staff", None)
        if staff is not None and staff.role == "sales":
            initial.setdefault("account_manager", staff.pk)
        return initial


@admin.register(Contact)
class ContactAdmin(ScopedAdmin):
    list_display = ("contact_id", "name_zh", "customer", "role", "decision_level", "phone", "email", "staff")
    list_filter = ("role", "decision_level")
    search_fields = ("contact_id", "name_zh", "name", "phone", "email", "customer__name_zh", "customer__customer_id")
    autocomplete_fields = ("customer", "staff")
    readonly_fields = ("contact_id",)
    ordering = ("-contact_id",)
    fields = ("contact_id", "customer", "name_zh", "name", "role", "decision_level", "phone", "email", "staff",
              "version")
