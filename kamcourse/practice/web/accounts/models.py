"""The company's staff (员工) and their link to a login account."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kamcourse.vocabulary import STAFF_ROLES

from ..labels import choices

__all__ = ["Staff", "STAFF_ROLES"]



class Staff(models.Model):
    """One employee of the company: account managers, service and application engineers."""

    staff_id = models.CharField(_("staff number"), max_length=8, primary_key=True)
    name = models.CharField(_("name (English)"), max_length=80, blank=True)
    name_zh = models.CharField(_("name"), max_length=40)
    role = models.CharField(_("function"), max_length=16, choices=choices(STAFF_ROLES))
    hire_date = models.DateField(_("hire date"))
    leave_date = models.DateField(_("leave date"), null=True, blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("login account"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="staff")

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["staff_id"]

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.staff_id})"
