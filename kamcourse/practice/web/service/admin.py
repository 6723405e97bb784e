"""Service request pages: logging, tracking with notes, closing, targets (服务请求创建、跟踪、关闭)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from ..adminbase import ScopedAdmin, ScopedInline, staff_choices, stored
from .models import ServiceNote, ServiceRequest
from .targets import RESOLUTION_DAYS, RESPONSE_HOURS

__all__ = ["ServiceRequestAdmin", "LATE_LABELS"]

LATE_LABELS = {"response_late": _("response late"), "resolution_late": _("resolution late")}


class LateFilter(admin.SimpleListFilter):
    title = _("response-time target")
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return (("open_late", _("open and past a target")),)

    def queryset(self, request, queryset):
        if self.value() != "open_late":
            return queryset
        now = timezone.now()
        late = Q()
        for priority in RESPONSE_HOURS:
            respond_by = now - timezone.timedelta(hours=RESPONSE_HOURS[priority])
            close_by = now - timezone.timedelta(days=RESOLUTION_DAYS[priority])
            late |= Q(priority=priority) & (Q(first_response_at__isnull=True, opened_at__lt=respond_by)
                                            | Q(opened_at__lt=close_by))
        return queryset.exclude(status="closed").filter(late)


class ServiceNoteInline(ScopedInline):
    model = ServiceNote
    fields = ("at", "kind", "text", "author")
    readonly_fields = ("at", "author")
    extra = 1

    def has_change_permission(self, request, obj=None):
        return False  # the tracking record is added to, never rewritten


@admin.register(ServiceRequest)
class ServiceRequestAdmin(ScopedAdmin):
    list_display = ("request_id", "customer", "type", "priority", "status", "owner", "opened_at", "late_badges")
    list_filter = (LateFilter, "status", "priority", "type")
    search_fields = ("request_id", "subject", "customer__name_zh", "customer__customer_id")
    autocomplete_fields = ("customer",)
    readonly_fields = ("request_id", "first_response_at", "closed_at", "handoffs", "late_badges")
    inlines = [ServiceNoteInline]
    fieldsets = (
        (None, {"fields": ("request_id", "customer", "contact", "type", "priority", "subject", "owner",
                           "opened_at")}),
        (_("Tracking"), {"fields": ("status", "first_response_at", "handoffs", "late_badges")}),
        (_("Closing"), {"fields": ("resolution", "satisfaction_after", "closed_at", "version")}),
    )

    @admin.display(description=_("targets"))
    def late_badges(self, obj):
        if not obj.pk:
            return "-"
        return format_html_join(" ", '<span class="crm-warning">{}</span>',
                                ((LATE_LABELS[x],) for x in obj.late())) or "-"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            kwargs["queryset"] = staff_choices(db_field, request, "service")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        staff = getattr(request.user, "staff", None)
        if staff is not None and staff.role == "service":
            initial.setdefault("owner", staff.pk)
        return initial

    def get_readonly_fields(self, request, obj=None):
        if stored(obj, "status") == "closed":
            return [f.name for f in obj._meta.fields if f.name != "version"] + ["late_badges"]
        return self.readonly_fields

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            if isinstance(obj, ServiceNote) and obj.author_id is None:
                obj.author = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
