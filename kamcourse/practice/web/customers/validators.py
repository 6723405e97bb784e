"""Format checks for what a user types in (录入注意事项): credit codes, phone numbers.

Messages say what is wrong and what a right value looks like, in the
language of the page.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

__all__ = ["CREDIT_CODE_CHARS", "credit_code_check_char", "validate_credit_code", "validate_phone", "normalise_phone"]

#: The 31 characters of a unified social credit code (no I, O, S, V, Z): GB 32100-2015.
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    """The 18th (check) character of a unified social credit code (统一社会信用代码校验码).

    ``check = 31 - (sum(w_i * c_i) mod 31)``, 31 written as 0, with the
    weights ``w_i = 3^(i-1) mod 31`` and ``c_i`` the position of each
    character in :data:`CREDIT_CODE_CHARS` (Standardization Administration
    of China 2015, GB 32100-2015, *Coding rule of the unified social credit
    identifier for legal entities and other organizations*).

    Parameters
    ----------
    first17 : str
        The first 17 characters.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``first17`` is not 17 characters of :data:`CREDIT_CODE_CHARS`.

    Examples
    --------
    >>> credit_code_check_char("91350100M000100Y4")
    '3'
    """
    if len(first17) != 17 or any(c not in CREDIT_CODE_CHARS for c in first17):
        raise ValueError(f"first17 must be 17 characters of {CREDIT_CODE_CHARS}, got {first17!r}")
    total = sum(w * CREDIT_CODE_CHARS.index(c) for w, c in zip(_WEIGHTS, first17))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """Django validator: an 18-character unified social credit code with a correct check character.

    Parameters
    ----------
    value : str

    Raises
    ------
    django.core.exceptions.ValidationError
        With a message saying what is wrong.

    Examples
    --------
    >>> validate_credit_code("91350100M000100Y43")
    >>> try:
    ...     validate_credit_code("91350100M000100Y44")
    ... except ValidationError as err:
    ...     print(err.code)
    credit_code_check
    """
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; %(value)s has %(n)d."),
            code="credit_code_length", params={"value": value, "n": len(code)})
    bad = sorted({c for c in code if c not in CREDIT_CODE_CHARS})
    if bad:
        raise ValidationError(
            _("A unified social credit code uses digits and capital letters except I, O, S, V, Z; "
              "found %(bad)s."), code="credit_code_chars", params={"bad": " ".join(bad)})
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("The check character (the 18th) is wrong: it should be %(expected)s. Check the code for a typing error."),
            code="credit_code_check", params={"expected": expected})


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")


def normalise_phone(value: str) -> str:
    """The digits of a phone number, without spaces, hyphens or a +86 prefix.

    Examples
    --------
    >>> normalise_phone("+86 139-0000-0042")
    '13900000042'
    """
    digits = re.sub(r"[\s\-()]", "", value or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    return digits


def validate_phone(value: str) -> None:
    """Django validator: a Chinese mobile number (11 digits, 1[3-9]…) or a landline with its area code.

    Parameters
    ----------
    value : str
        Spaces and hyphens are allowed (``139-0000-0042``, ``0512-6688 1234``).

    Raises
    ------
    django.core.exceptions.ValidationError

    Examples
    --------
    >>> validate_phone("139-0000-0042")
    >>> try:
    ...     validate_phone("12345")
    ... except ValidationError as err:
    ...     print(err.code)
    phone
    """
    digits = normalise_phone(value)
    if not (_MOBILE.match(digits) or _LANDLINE.match(digits)):
        raise ValidationError(
            _("%(value)s is not a phone number: enter an 11-digit mobile number such as 139-0000-0042 "
              "or a landline with its area code such as 0512-66881234."),
            code="phone", params={"value": value})
