"""Phone numbers as typed and as they should be (电话号码的有效性): normalise, then check the form."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_text_series

__all__ = ["PHONE_STATUSES", "normalize_phone", "phone_status"]

#: What :func:`phone_status` says about a number.
PHONE_STATUSES: tuple[str, ...] = ("valid", "missing", "malformed")

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0(?:10|2\d)\d{8}$|^0[3-9]\d{2}\d{7,8}$")
_SEPARATORS = re.compile(r"[\s\-().]")


def normalize_phone(phone: Any) -> str | None:
    """One way of writing a Chinese phone number: digits only, with the trunk 0 of a landline (号码标准化).

    Spaces, hyphens, brackets and dots are removed; a leading ``+86`` or ``0086`` is dropped, and a
    landline written after it gets its trunk ``0`` back ("+86 21 8800 0001" -> "02188000001"). The
    result is then valid when it is a mobile number (11 digits, ``1[3-9]...``) or a landline (area code
    ``010``/``02x`` + 8 digits, or ``0xxx`` + 7-8 digits), after China's numbering plan; anything else is
    malformed (this kit's simplified rule: it does not check that an area code exists).

    Parameters
    ----------
    phone : str or None
        The number as typed; None or NaN for "not filled in".

    Returns
    -------
    str or None
        The digits of a valid number; None if missing or malformed.

    Raises
    ------
    TypeError
        If ``phone`` is a number rather than text (leading zeros would be lost).

    References
    ----------
    .. [1] 工业和信息化部 (Ministry of Industry and Information Technology), 电信网编号计划 (2017年版)
       (telecommunication network numbering plan, 2017): mobile numbers of 11 digits beginning with 1;
       geographic numbers with the trunk prefix 0 and an area code. The check here is this kit's simplification.

    Examples
    --------
    >>> normalize_phone("139-0000-0001"), normalize_phone("+86 21 8800 0001"), normalize_phone("+86 10 8800 0016")
    ('13900000001', '02188000001', '01088000016')
    >>> normalize_phone("139-OOOO-0001") is None, normalize_phone(None) is None
    (True, True)
    >>> normalize_phone(13900000001)
    Traceback (most recent call last):
    ...
    TypeError: phone must be text (or None), got 13900000001 (int); store phone numbers as text
    """
    if phone is None or (isinstance(phone, float) and np.isnan(phone)):
        return None
    if not isinstance(phone, str):
        raise TypeError(f"phone must be text (or None), got {phone!r} ({type(phone).__name__}); "
                        "store phone numbers as text")
    digits = _SEPARATORS.sub("", phone.strip())
    if digits.startswith("+86") or digits.startswith("0086"):
        digits = digits[3:] if digits.startswith("+") else digits[4:]
        if not _MOBILE.match(digits) and not digits.startswith("0"):
            digits = "0" + digits  # a landline after +86 loses its trunk 0 (+86 10 ... is Beijing)
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return digits
    return None


def phone_status(phones: Any) -> pd.Series:
    """Each phone number's status: valid, missing or malformed (电话号码的完整性与有效性).

    ``missing`` is a completeness fault (nothing filled in, or only spaces), ``malformed`` a validity
    fault (something filled in that is not a phone number by :func:`normalize_phone`'s rule).

    Parameters
    ----------
    phones : Series or list of str
        Numbers as typed (missing values allowed).

    Returns
    -------
    pandas.Series
        ``"valid"``, ``"missing"`` or ``"malformed"`` per number, with the index of ``phones``.

    Raises
    ------
    TypeError
        If a value is a number rather than text.

    Examples
    --------
    >>> phone_status(["021-88000001", None, "021-8800001", " "]).tolist()
    ['valid', 'missing', 'malformed', 'missing']
    """
    s = as_text_series(phones, "phones")
    blank = s.isna() | (s.fillna("").str.strip() == "")
    ok = s.map(lambda p: normalize_phone(p) is not None if isinstance(p, str) else False).astype(bool)
    return pd.Series(np.select([blank.to_numpy(), ok.to_numpy()], ["missing", "valid"], "malformed"), index=s.index)
