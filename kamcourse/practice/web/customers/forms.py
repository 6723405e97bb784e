"""The customer entry form with the duplicate-company warning (客户信息录入)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .duplicates import probable_duplicates
from .models import Customer

__all__ = ["CustomerForm"]


class CustomerForm(forms.ModelForm):
    """Warns when the name looks like a company already on record; saving then needs a confirmation."""

    confirm_not_duplicate = forms.BooleanField(
        label=_("I have checked: this is a different company"), required=False,
        help_text=_("Tick only after checking the similar customers listed above."))

    class Meta:
        model = Customer
        fields = "__all__"

    def clean(self):
        data = super().clean()
        name = data.get("name_zh")
        if name and (self.instance._state.adding or "name_zh" in self.changed_data):
            others = Customer.objects.exclude(pk=self.instance.pk or "").values_list("customer_id", "name_zh")
            similar = probable_duplicates(name, others)
            if similar and not data.get("confirm_not_duplicate"):
                shown = ", ".join(str(c) for c in Customer.objects.filter(pk__in=similar[:5]))
                raise forms.ValidationError(
                    gettext("Probable duplicate: %(customers)s already on record. Open that record instead, "
                            "or tick the confirmation below if this is really another company.")
                    % {"customers": shown}, code="duplicate")
        return data
