"""Opportunities (业务机会), follow-up activities (跟进记录) and sales orders (销售订单)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..common import VersionedModel
from ..labels import choices
from .pipeline import CLOSED_STAGES, CLOSING_REASONS, OPEN_STAGES, STAGES, furthest, warnings_for

__all__ = ["Opportunity", "Activity", "SalesOrder", "ACTIVITY_KINDS", "ORDER_STATUSES"]


class OpportunityQuerySet(models.QuerySet):
    def open(self):
        return self.filter(stage__in=OPEN_STAGES)

    def in_warning(self, today: dt.date | None = None, days: int | None = None):
        """Open opportunities with an early warning (see :func:`.pipeline.warnings_for`)."""
        today = today or timezone.localdate()
        days = days or settings.CRM_WARNING_DAYS
        stale = Q(last_activity_date__lt=today - dt.timedelta(days=days)) | Q(last_activity_date__isnull=True)
        return self.open().filter(stale | Q(expected_close_date__lt=today))


class Opportunity(VersionedModel):
    """A possible sale to a customer, moving through the pipeline (业务机会)."""

    CODE_PREFIX, CODE_WIDTH = "OP", 5

    opportunity_id = models.CharField(_("opportunity number"), max_length=10, primary_key=True, editable=False)
    customer = models.ForeignKey("customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT,
                                 related_name="opportunities")
    owner = models.ForeignKey("accounts.Staff", verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="opportunities")
    title = models.CharField(_("subject"), max_length=120, blank=True)
    created_date = models.DateField(_("created"), default=timezone.localdate)
    stage = models.CharField(_("stage"), max_length=16, choices=choices(STAGES), default="prospecting")
    furthest_stage = models.CharField(_("furthest stage"), max_length=16, choices=choices(STAGES),
                                      default="prospecting", editable=False)
    amount = models.DecimalField(_("expected amount (yuan)"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])
    expected_close_date = models.DateField(_("expected close date"), null=True, blank=True)
    last_activity_date = models.DateField(_("last activity"), null=True, blank=True, editable=False)
    close_date = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    closing_reason = models.CharField(_("closing reason"), max_length=16, choices=CLOSING_REASONS, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-opportunity_id"]
        indexes = [models.Index(fields=["stage"])]

    def __str__(self) -> str:
        return f"{self.opportunity_id} {self.title}".strip() if self.opportunity_id else self.title

    @property
    def won(self) -> bool:
        return self.stage == "closed_won"

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED_STAGES

    def warnings(self, today: dt.date | None = None) -> list[str]:
        return warnings_for(self.stage, self.last_activity_date, self.expected_close_date,
                            today or timezone.localdate(), settings.CRM_WARNING_DAYS)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        before = None if self._state.adding else type(self).objects.filter(pk=self.pk).values(
            "stage", "closing_reason").first()
        if before and before["stage"] in CLOSED_STAGES and before["stage"] != self.stage:
            errors["stage"] = gettext("A closed opportunity is archived and cannot change stage; "
                                      "open a new opportunity instead.")
        if self.stage in CLOSED_STAGES:
            legacy_kept = before is not None and before["closing_reason"] == "legacy" and self.closing_reason == "legacy"
            if not self.closing_reason:
                errors["closing_reason"] = gettext("Choose the closing reason: an opportunity cannot be closed without it.")
            elif self.closing_reason == "legacy" and not legacy_kept:
                errors["closing_reason"] = gettext("Choose the real closing reason; 'not recorded' is only for imported history.")
            elif self.closing_reason == "other" and not self.closing_note.strip():
                errors["closing_note"] = gettext("Explain the reason in the closing note.")
        elif self.closing_reason:
            errors["closing_reason"] = gettext("Only a won or lost opportunity has a closing reason.")
        if self.customer_id and self.owner_id and self.owner.role != "sales":
            errors["owner"] = gettext("The owner of an opportunity must be a salesperson.")
        if errors:
            raise ValidationError(errors)
        super().clean()

    def save(self, *args, **kwargs) -> None:
        previous = None if self._state.adding else type(self).objects.filter(pk=self.pk).values_list(
            "stage", flat=True).first()
        today = timezone.localdate()
        if previous != self.stage:
            self.furthest_stage = furthest(self.furthest_stage or "prospecting", self.stage)
            self.last_activity_date = today
        if self.stage in CLOSED_STAGES and self.close_date is None:
            self.close_date = today
        if self.last_activity_date is None:
            self.last_activity_date = self.created_date
        super().save(*args, **kwargs)


ACTIVITY_KINDS = (("call", _("phone call")), ("visit", _("visit")), ("email", _("e-mail")),
                  ("meeting", _("meeting")), ("quotation", _("quotation sent")))


class Activity(models.Model):
    """A follow-up on an opportunity (跟进记录); it resets the no-activity warning."""

    opportunity = models.ForeignKey(Opportunity, verbose_name=_("opportunity"), on_delete=models.CASCADE,
                                    related_name="activities")
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind"), max_length=16, choices=ACTIVITY_KINDS, default="call")
    note = models.CharField(_("what was agreed"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True,
                                   on_delete=models.SET_NULL, editable=False)

    class Meta:
        verbose_name = _("follow-up activity")
        verbose_name_plural = _("follow-up activities")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": gettext("An activity cannot be dated in the future.")})
        if self.opportunity_id and self.opportunity.is_closed:
            raise ValidationError(gettext("The opportunity is closed: no more activities can be added."))

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            # the opportunity's version moves too: a form opened before this activity cannot overwrite it
            Opportunity.objects.filter(pk=self.opportunity_id).update(
                last_activity_date=Greatest(F("last_activity_date"), self.date), version=F("version") + 1)


ORDER_STATUSES = (("confirmed", _("confirmed")), ("shipped", _("shipped")), ("invoiced", _("invoiced")),
                  ("closed", _("closed")), ("cancelled", _("cancelled")))
_ORDER_FLOW = ("confirmed", "shipped", "invoiced", "closed")


class SalesOrder(VersionedModel):
    """A sales order, created from a won opportunity (销售订单, manual 7.1)."""

    CODE_PREFIX, CODE_WIDTH = "O", 6

    order_id = models.CharField(_("order number"), max_length=10, primary_key=True, editable=False)
    customer = models.ForeignKey("customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT,
                                 related_name="orders")
    opportunity = models.OneToOneField(Opportunity, verbose_name=_("won opportunity"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="order")
    order_date = models.DateField(_("order date"), default=timezone.localdate)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    status = models.CharField(_("status"), max_length=12, choices=ORDER_STATUSES, default="confirmed")
    closed_date = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("sales order")
        verbose_name_plural = _("sales orders")
        ordering = ["-order_id"]
        indexes = [models.Index(fields=["order_date"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.order_id or gettext("new order")

    @classmethod
    def from_opportunity(cls, opportunity: Opportunity, note: str = "") -> SalesOrder:
        """A new (unsaved) order for a won opportunity: its customer and amount."""
        return cls(customer_id=opportunity.customer_id, opportunity=opportunity, amount=opportunity.amount,
                   note=note)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.opportunity_id:
            opp = self.opportunity
            if not opp.won:
                errors["opportunity"] = gettext("An order can only be created from a won opportunity.")
            elif self.customer_id and opp.customer_id != self.customer_id:
                errors["customer"] = gettext("The order's customer must be the opportunity's customer.")
        before = None if self._state.adding else type(self).objects.filter(pk=self.pk).values_list(
            "status", flat=True).first()
        if before and before != self.status:
            if before in ("closed", "cancelled"):
                errors["status"] = gettext("A closed or cancelled order cannot change status.")
            elif self.status == "cancelled":
                if before not in ("confirmed", "shipped"):
                    errors["status"] = gettext("Only a confirmed or shipped order can be cancelled.")
            elif _ORDER_FLOW.index(self.status) != _ORDER_FLOW.index(before) + 1:
                errors["status"] = gettext("An order moves one step at a time: confirmed, shipped, invoiced, closed.")
        elif self._state.adding and self.status not in ("confirmed",):
            errors["status"] = gettext("A new order starts as confirmed.")
        if errors:
            raise ValidationError(errors)
        super().clean()

    def save(self, *args, **kwargs) -> None:
        if self.status in ("closed", "cancelled") and self.closed_date is None:
            self.closed_date = timezone.localdate()
        super().save(*args, **kwargs)
