"""The backup log and the system information, read-only (备份文件管理)."""

from __future__ import annotations

from django.contrib import admin

from .models import Instance, MaintenanceLog

__all__ = ["MaintenanceLogAdmin", "InstanceAdmin"]


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MaintenanceLog)
class MaintenanceLogAdmin(_ReadOnly):
    list_display = ("at", "kind", "file_name", "records", "user", "note")
    list_filter = ("kind",)


@admin.register(Instance)
class InstanceAdmin(_ReadOnly):
    list_display = ("student", "seed", "data_end", "loaded_on", "shift_days", "loaded_at")
