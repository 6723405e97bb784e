"""Customer records (客户档案) and contacts (联系人)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kamcourse.vocabulary import (
    CONTACT_ROLES,
    DECISION_LEVELS,
    INDUSTRIES,
    PROSPECTING_METHOD_KEYS,
    REGIONS,
    SIZE_BANDS,
)

from ..common import VersionedModel
from ..labels import choices
from .validators import validate_credit_code, validate_phone

__all__ = ["Customer", "Contact", "INDUSTRIES", "REGIONS", "SIZE_BANDS", "GRADES", "CONTACT_ROLES",
           "DECISION_LEVELS", "ACQUISITION_METHODS"]

#: Industries, regions, size bands, contact roles, decision levels and acquisition methods are the kit's
#: vocabulary (kamcourse.vocabulary): the keys the data generator writes.
ACQUISITION_METHODS = PROSPECTING_METHOD_KEYS
#: 客户分级 of the company's CRM rules (course materials): A major contribution, B some, C small.
GRADES = (("A", _("A: major contribution")), ("B", _("B: some contribution")), ("C", _("C: small contribution")))
PAYMENT_TERMS = ((30, _("30 days")), (60, _("60 days")), (90, _("90 days")), (180, _("180 days")))


class Customer(VersionedModel):
    """A customer company (客户)."""

    CODE_PREFIX, CODE_WIDTH = "C", 4

    customer_id = models.CharField(_("customer number"), max_length=8, primary_key=True, editable=False)
    name_zh = models.CharField(_("company name"), max_length=100)
    name = models.CharField(_("English name"), max_length=150, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True,
                                   validators=[validate_credit_code],
                                   help_text=_("18 characters, printed on the business licence."))
    industry = models.CharField(_("industry"), max_length=32, choices=choices(INDUSTRIES))
    region = models.CharField(_("region"), max_length=32, choices=choices(REGIONS))
    size_band = models.CharField(_("size"), max_length=32, choices=choices(SIZE_BANDS))
    grade = models.CharField(_("customer grade"), max_length=1, choices=GRADES, blank=True)
    account_manager = models.ForeignKey("accounts.Staff", verbose_name=_("account manager"), on_delete=models.PROTECT,
                                        related_name="accounts")
    acquisition_method = models.CharField(_("acquisition method"), max_length=32, blank=True,
                                          choices=choices(ACQUISITION_METHODS))
    payment_terms_days = models.PositiveSmallIntegerField(_("payment terms"), choices=PAYMENT_TERMS, default=30)
    first_order_date = models.DateField(_("first order"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    address = models.CharField(_("address"), max_length=200, blank=True)
    # plain defaults, not auto_now: a restore must keep the times the backup holds
    created_at = models.DateTimeField(_("entered"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["customer_id"]
        indexes = [models.Index(fields=["industry"]), models.Index(fields=["region"])]

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.customer_id})" if self.customer_id else self.name_zh

    def save(self, *args, **kwargs) -> None:
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.credit_code = (self.credit_code or "").strip().upper()
        self.name_zh = (self.name_zh or "").strip()
        if self.account_manager_id and self.account_manager.role != "sales":
            raise ValidationError({"account_manager": gettext("The account manager must be a salesperson.")})
        super().clean()


class Contact(VersionedModel):
    """A person at a customer, and which of our staff holds the relationship (联系人)."""

    CODE_PREFIX, CODE_WIDTH = "P", 5

    contact_id = models.CharField(_("contact number"), max_length=8, primary_key=True, editable=False)
    customer = models.ForeignKey(Customer, verbose_name=_("customer"), on_delete=models.CASCADE,
                                 related_name="contacts")
    name_zh = models.CharField(_("name"), max_length=40)
    name = models.CharField(_("name (English)"), max_length=80, blank=True)
    role = models.CharField(_("function"), max_length=16, choices=choices(CONTACT_ROLES))
    decision_level = models.CharField(_("role in the buying decision"), max_length=16, choices=choices(DECISION_LEVELS))
    staff = models.ForeignKey("accounts.Staff", verbose_name=_("relationship held by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="contacts")
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True, validators=[EmailValidator()])

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["contact_id"]

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.contact_id})" if self.contact_id else self.name_zh

    def clean(self) -> None:
        if not (self.phone or "").strip() and not (self.email or "").strip():
            raise ValidationError(gettext("Enter a phone number or an e-mail address, so the contact can be reached."))
        self.phone = (self.phone or "").strip()
        super().clean()
