"""Opportunity and sales order pages (业务机会创建、跟踪、预警、关闭；销售订单)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..accounts.scope import visible
from ..adminbase import ScopedAdmin, ScopedInline, staff_choices, stored
from .models import Activity, Opportunity, SalesOrder

__all__ = ["OpportunityAdmin", "SalesOrderAdmin", "WARNING_LABELS"]

WARNING_LABELS = {"no_activity": _("no activity"), "overdue": _("past expected close")}


class WarningFilter(admin.SimpleListFilter):
    title = _("early warning")
    parameter_name = "warning"

    def lookups(self, request, model_admin):
        return (("any", _("any warning")), ("no_activity", WARNING_LABELS["no_activity"]),
                ("overdue", WARNING_LABELS["overdue"]))

    def queryset(self, request, queryset):
        import datetime as dt

        from django.conf import settings
        from django.utils import timezone

        today = timezone.localdate()
        if self.value() == "any":
            return queryset.in_warning(today)
        if self.value() == "no_activity":
            return queryset.open().filter(last_activity_date__lt=today - dt.timedelta(days=settings.CRM_WARNING_DAYS))
        if self.value() == "overdue":
            return queryset.open().filter(expected_close_date__lt=today)
        return queryset


class ActivityInline(ScopedInline):
    model = Activity
    fields = ("date", "kind", "note", "created_by")
    readonly_fields = ("created_by",)
    extra = 1

    def has_change_permission(self, request, obj=None):
        return False  # activities are a record of what happened: added, never rewritten


@admin.register(Opportunity)
class OpportunityAdmin(ScopedAdmin):
    list_display = ("opportunity_id", "customer", "owner", "stage", "amount", "expected_close_date",
                    "last_activity_date", "warning_badges")
    list_filter = (WarningFilter, "stage", ("owner", admin.RelatedOnlyFieldListFilter))
    search_fields = ("opportunity_id", "title", "customer__name_zh", "customer__customer_id")
    autocomplete_fields = ("customer",)
    readonly_fields = ("opportunity_id", "furthest_stage", "last_activity_date", "close_date", "warning_badges",
                       "order_link")
    inlines = [ActivityInline]
    actions = ["create_orders"]
    fieldsets = (
        (None, {"fields": ("opportunity_id", "customer", "owner", "title", "amount", "created_date",
                           "expected_close_date")}),
        (_("Tracking"), {"fields": ("stage", "furthest_stage", "last_activity_date", "warning_badges")}),
        (_("Closing"), {"fields": ("closing_reason", "closing_note", "close_date", "order_link", "version")}),
    )

    @admin.display(description=_("early warning"))
    def warning_badges(self, obj):
        if not obj.pk:
            return "-"
        return format_html_join(" ", '<span class="crm-warning">{}</span>',
                                ((WARNING_LABELS[w],) for w in obj.warnings())) or "-"

    @admin.display(description=_("sales order"))
    def order_link(self, obj):
        order = getattr(obj, "order", None) if obj.pk else None
        if order is not None:
            return format_html('<a href="{}">{}</a>', reverse("admin:sales_salesorder_change", args=[order.pk]), order)
        if obj.pk and obj.won:
            url = reverse("admin:sales_salesorder_add") + f"?opportunity={obj.pk}"
            return format_html('<a class="button" href="{}">{}</a>', url, gettext("Create the sales order"))
        return "-"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            kwargs["queryset"] = staff_choices(db_field, request, "sales")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if stored(obj, "stage") in ("closed_won", "closed_lost"):  # 提交并归档: a closed opportunity is archived
            return [f.name for f in obj._meta.fields if f.name != "version"] + list(self.readonly_fields)
        return self.readonly_fields

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        staff = getattr(request.user, "staff", None)
        if staff is not None and staff.role == "sales":
            initial.setdefault("owner", staff.pk)
        return initial

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            if isinstance(obj, Activity) and obj.created_by_id is None:
                obj.created_by = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()

    @admin.action(description=_("Create the sales orders of the selected won opportunities"),
                  permissions=["add_order"])
    def create_orders(self, request, queryset):
        made = 0
        with transaction.atomic():
            for opp in queryset.filter(stage="closed_won", order__isnull=True).select_for_update():
                order = SalesOrder.from_opportunity(opp)
                order.full_clean()
                order.save()
                made += 1
        skipped = queryset.count() - made
        self.message_user(request, ngettext("%(n)d sales order created.", "%(n)d sales orders created.", made)
                          % {"n": made}, messages.SUCCESS)
        if skipped:
            self.message_user(request, gettext("%(n)d selected opportunities were skipped: not won, or already ordered.")
                              % {"n": skipped}, messages.WARNING)

    def has_add_order_permission(self, request):
        return request.user.has_perm("sales.add_salesorder")


@admin.register(SalesOrder)
class SalesOrderAdmin(ScopedAdmin):
    list_display = ("order_id", "customer", "order_date", "amount", "status", "opportunity")
    list_filter = ("status",)
    date_hierarchy = "order_date"
    search_fields = ("order_id", "customer__name_zh", "customer__customer_id", "opportunity__opportunity_id")
    autocomplete_fields = ("customer",)
    readonly_fields = ("order_id", "closed_date")
    fields = ("order_id", "opportunity", "customer", "order_date", "amount", "status", "closed_date", "note",
              "version")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "opportunity":
            field.queryset = field.queryset.filter(stage="closed_won")
        return field

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        opp = visible(Opportunity.objects.filter(pk=request.GET.get("opportunity", "")), request.user).first()
        if opp is not None:
            initial.update(customer=opp.customer_id, amount=opp.amount)
        return initial

    def get_readonly_fields(self, request, obj=None):
        if stored(obj, "status") in ("closed", "cancelled"):
            return [f.name for f in obj._meta.fields if f.name != "version"]
        return self.readonly_fields
