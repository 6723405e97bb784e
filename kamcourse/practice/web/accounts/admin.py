"""User registration with a role, and the staff list (3.1 用户注册, 3.2 权限设置, 3.3 用户信息维护)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from ..adminbase import ScopedAdmin
from .models import Staff
from .roles import ROLE_LABELS, ROLES, role_of

__all__ = ["CrmUserAdmin", "StaffAdmin"]

admin.site.site_header = _("Practice CRM system")
admin.site.site_title = _("Practice CRM")
admin.site.index_title = _("Workbench")
admin.site.enable_nav_sidebar = False  # every page renders faster; the workbench links to everything


class RegistrationForm(UserCreationForm):
    """A new login account with its role (and optionally the employee it belongs to)."""

    role = forms.ChoiceField(label=_("role"), choices=[(r, ROLE_LABELS[r]) for r in ROLES])
    staff = forms.ModelChoiceField(label=_("employee"), required=False,
                                   queryset=Staff.objects.filter(user__isnull=True, leave_date__isnull=True))

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def save(self, commit=True):
        self.instance.is_staff = True  # may log in to the system's pages
        return super().save(commit=commit)

    def _save_m2m(self):
        # runs after the user is saved, whether the admin saves with commit=False or not
        super()._save_m2m()
        self.instance.groups.set([Group.objects.get(name=self.cleaned_data["role"])])
        staff = self.cleaned_data.get("staff")
        if staff is not None:
            staff.user = self.instance
            staff.save()


admin.site.unregister(User)


@admin.register(User)
class CrmUserAdmin(DjangoUserAdmin):
    add_form = RegistrationForm
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "first_name", "last_name", "email", "role",
                                                              "staff", "password1", "password2")}),)
    list_display = ("username", "first_name", "last_name", "role", "is_active", "last_login")
    list_filter = ("groups", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role and status"), {"fields": ("is_active", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    @admin.display(description=_("role"))
    def role(self, obj):
        key = role_of(obj)
        return ROLE_LABELS.get(key, "-")

    def save_model(self, request, obj, form, change):
        obj.is_staff = True
        super().save_model(request, obj, form, change)


@admin.register(Staff)
class StaffAdmin(ScopedAdmin):
    list_display = ("staff_id", "name_zh", "name", "role", "hire_date", "leave_date", "user")
    list_filter = ("role",)
    search_fields = ("staff_id", "name_zh", "name")
    readonly_fields = ("staff_id",)
