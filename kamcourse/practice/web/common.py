"""What every record of the practice CRM shares: safe concurrent edits and readable codes (公共规则).

*Optimistic locking* (乐观锁): every editable record carries a ``version``
number. A form sends back the version it showed; saving checks it under a
row lock and refuses a stale edit with a clear message instead of silently
overwriting a colleague's change (this kit's convention; the technique is
Kung & Robinson 1981, "On optimistic methods for concurrency control",
ACM Transactions on Database Systems 6(2)).

*Codes* (编号): records keep the data's readable ids (``C0001``, ``OP00001``);
a new record gets the next free number of its prefix.
"""

from __future__ import annotations

import hashlib
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils.translation import gettext as _

__all__ = ["VersionedModel", "next_code", "StaleEdit"]


class StaleEdit(ValidationError):
    """Raised when a record changed (or vanished) since the form showed it."""


def next_code(prefix: str, width: int, existing: list[str]) -> str:
    """The next free code after the highest existing one of a prefix (下一个编号).

    Parameters
    ----------
    prefix : str
        E.g. ``"C"`` for customers.
    width : int
        Digits of the number part.
    existing : list of str
        Codes in use (others are ignored).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``width`` is not positive.

    Examples
    --------
    >>> next_code("C", 4, ["C0001", "C0300", "X9999"])
    'C0301'
    >>> next_code("OP", 5, [])
    'OP00001'
    """
    if width < 1:
        raise ValueError(f"width must be positive, got {width!r}")
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    numbers = [int(m.group(1)) for code in existing if (m := pattern.match(code))]
    return f"{prefix}{(max(numbers) + 1 if numbers else 1):0{width}d}"


class VersionedModel(models.Model):
    """A record with a string code as its key and a version for optimistic locking."""

    CODE_PREFIX = ""
    CODE_WIDTH = 4

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    def _code_field(self) -> models.Field:
        return self._meta.pk

    def assign_code(self) -> None:
        """Give a new record the next free code of its prefix."""
        pk = self._code_field()
        if getattr(self, pk.attname):
            return
        if connection.vendor == "postgresql":
            # creators of one kind of record take turns until their transaction ends (SQLite's
            # immediate transactions already do); the lock key is stable per table
            key = int(hashlib.sha256(self._meta.db_table.encode()).hexdigest()[:15], 16)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        codes = list(type(self)._default_manager.filter(**{f"{pk.name}__startswith": self.CODE_PREFIX})
                     .order_by(f"-{pk.name}").values_list(pk.name, flat=True)[:1])
        setattr(self, pk.attname, next_code(self.CODE_PREFIX, self.CODE_WIDTH, codes))

    def check_version(self) -> None:
        """Refuse to save over a change made since this copy was read (raises :class:`StaleEdit`)."""
        if self._state.adding:
            return
        if self.version is None:
            raise StaleEdit(_("The form was sent without the record's version: reload the page and try again."),
                            code="stale")
        current = (type(self)._default_manager.select_for_update().filter(pk=self.pk)
                   .values_list("version", flat=True).first())
        if current is None:
            raise StaleEdit(_("This record was deleted by another user while you were editing it."), code="deleted")
        if current != self.version:
            raise StaleEdit(
                _("This record was changed by another user while you were editing it. "
                  "Nothing was saved: reload the page to see the current values, then make your change again."),
                code="stale",
            )

    def clean(self) -> None:
        super().clean()
        self.check_version()

    def save(self, *args, **kwargs) -> None:
        for attempt in range(5):
            try:
                with transaction.atomic():
                    if self._state.adding:
                        self.assign_code()
                        self.version = self.version or 1
                    else:
                        self.check_version()
                        self.version += 1
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                # another user took the same new code at the same moment: take the next one
                if not self._state.adding or attempt == 4:
                    raise
                setattr(self, self._code_field().attname, "")
