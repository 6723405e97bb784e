"""Service requests (服务请求) and their tracking notes (跟踪记录)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..common import VersionedModel
from ..labels import choices
from .targets import PRIORITIES, target_status

__all__ = ["ServiceRequest", "ServiceNote", "REQUEST_TYPES", "REQUEST_STATUSES"]

#: kamcourse.vocabulary.SERVICE_TYPES in the order the form and the migrations list them (tests/test_vocabulary.py).
REQUEST_TYPES = ("complaint", "technical_query", "repair", "warranty_claim", "installation")
REQUEST_STATUSES = (("open", _("open")), ("in_progress", _("in progress")), ("closed", _("closed")))


class ServiceRequest(VersionedModel):
    """A customer's request or complaint, from logging to closing (服务请求)."""

    CODE_PREFIX, CODE_WIDTH = "R", 5

    request_id = models.CharField(_("request number"), max_length=8, primary_key=True, editable=False)
    customer = models.ForeignKey("customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT,
                                 related_name="service_requests")
    contact = models.ForeignKey("customers.Contact", verbose_name=_("contact"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="service_requests")
    type = models.CharField(_("type"), max_length=20, choices=choices(REQUEST_TYPES))
    priority = models.CharField(_("priority"), max_length=8, choices=choices(PRIORITIES), default="medium")
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=REQUEST_STATUSES, default="open")
    owner = models.ForeignKey("accounts.Staff", verbose_name=_("handled by"), on_delete=models.PROTECT,
                              related_name="service_requests")
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    handoffs = models.PositiveSmallIntegerField(_("hand-offs"), default=0, editable=False)
    resolution = models.TextField(_("resolution"), blank=True)
    satisfaction_after = models.PositiveSmallIntegerField(
        _("customer satisfaction (1-5)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)])

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-request_id"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["opened_at"])]

    def __str__(self) -> str:
        return f"{self.request_id} {self.subject}".strip() if self.request_id else self.subject

    def late(self, now=None) -> list[str]:
        return target_status(self.priority, self.opened_at, self.first_response_at, self.closed_at,
                             now or timezone.now())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        before = None if self._state.adding else type(self).objects.filter(pk=self.pk).values(
            "status", "owner_id").first()
        if before and before["status"] == "closed" and self.status != "closed":
            errors["status"] = gettext("A closed request stays closed; log a new request if the problem returns.")
        if self.status == "closed":
            if not self.resolution.strip():
                errors["resolution"] = gettext("Describe the resolution before closing the request.")
            if self.satisfaction_after is None:
                errors["satisfaction_after"] = gettext("Ask the customer and record their satisfaction (1-5) before closing.")
        if self.owner_id and self.owner.role != "service":
            errors["owner"] = gettext("Service requests are handled by service engineers.")
        if self.contact_id and self.customer_id and self.contact.customer_id != self.customer_id:
            errors["contact"] = gettext("The contact must work at the request's customer.")
        if self.first_response_at and self.opened_at and self.first_response_at < self.opened_at:
            errors["first_response_at"] = gettext("The first response cannot come before the request was opened.")
        if errors:
            raise ValidationError(errors)
        super().clean()

    def save(self, *args, **kwargs) -> None:
        now = timezone.now()
        if not self._state.adding:
            before = type(self).objects.filter(pk=self.pk).values("owner_id", "status").first()
            if before and before["owner_id"] != self.owner_id:
                self.handoffs += 1
        if self.status in ("in_progress", "closed") and self.first_response_at is None:
            self.first_response_at = now
        if self.status == "closed" and self.closed_at is None:
            self.closed_at = now
        super().save(*args, **kwargs)


NOTE_KINDS = (("response", _("response to the customer")), ("progress", _("progress")),
              ("internal", _("internal note")))


class ServiceNote(models.Model):
    """One step in tracking a request (服务跟踪); the first response time is taken from the first one."""

    request = models.ForeignKey(ServiceRequest, verbose_name=_("service request"), on_delete=models.CASCADE,
                                related_name="notes")
    at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=NOTE_KINDS, default="response")
    text = models.CharField(_("note"), max_length=500)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True,
                               on_delete=models.SET_NULL, editable=False)

    class Meta:
        verbose_name = _("tracking note")
        verbose_name_plural = _("tracking notes")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text[:40]

    def clean(self) -> None:
        if self.request_id and self.request.status == "closed":
            raise ValidationError(gettext("The request is closed: no more notes can be added."))

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            if self.kind == "response":
                ServiceRequest.objects.filter(pk=self.request_id, first_response_at__isnull=True).update(
                    first_response_at=self.at, status="in_progress", version=F("version") + 1)
