"""Customer information kept private (客户信息的保密与安全): pseudonymise, mask, show each role only what it needs.

The company rules: customer information is not disclosed to third parties without the customer's consent
or a legal requirement, it is protected against leaks, and staff sign confidentiality agreements
(客户关系管理规定, 第五条、第六条; course materials). China's Personal Information Protection Law asks for
the minimum necessary and a clear purpose (Art. 6), and names de-identification and access rights
among the security measures (Art. 51, 73). See :mod:`~kamcourse.customer_info.pipl`. Teaching, not legal advice.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import pandas as pd

from ..validation import as_text_series, check_choice, check_secret
from .phones import normalize_phone

__all__ = [
    "ACCESS_LEVELS", "ACCESS_POLICY", "PURPOSE_REGISTER",
    "pseudonymise", "mask_phone", "mask_name", "role_view", "fields_without_purpose",
]

#: What a role may see of a field: all of it, a masked form, a pseudonym (a stable token), or nothing.
ACCESS_LEVELS: tuple[str, ...] = ("full", "masked", "pseudonym", "hidden")

#: Field-level access of three roles to the contact records (this kit's example policy, minimum necessary):
#: the account manager works with the person, the service desk calls back, the analyst counts.
ACCESS_POLICY: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "account_manager": MappingProxyType({
        "contact_record_id": "full", "record_id": "full", "name": "full", "role": "full", "mobile": "full",
        "status": "full", "last_contact_date": "full", "note": "full", "birthday": "full", "marital_status": "hidden"}),
    "service_desk": MappingProxyType({
        "contact_record_id": "full", "record_id": "full", "name": "full", "role": "full", "mobile": "masked",
        "status": "full", "last_contact_date": "hidden", "note": "hidden", "birthday": "hidden",
        "marital_status": "hidden"}),
    "data_analyst": MappingProxyType({
        "contact_record_id": "pseudonym", "record_id": "pseudonym", "name": "hidden", "role": "full",
        "mobile": "hidden", "status": "full", "last_contact_date": "full", "note": "hidden", "birthday": "hidden",
        "marital_status": "hidden"}),
})

#: Why each field of the raw extract is collected (a register of purposes; this kit's example). A field
#: with no purpose here should not be collected (PIPL Art. 6).
PURPOSE_REGISTER: Mapping[str, str] = MappingProxyType({
    "record_id": "record_keeping", "company_name": "record_keeping", "industry_label": "classification",
    "region": "classification", "size_band": "classification", "phone": "contact_the_customer",
    "owner_staff_id": "account_ownership", "created_date": "record_keeping", "last_updated": "record_keeping",
    "sales_last_12m": "grading", "contact_record_id": "record_keeping", "name": "contact_the_customer",
    "role": "contact_the_customer", "mobile": "contact_the_customer", "status": "record_keeping",
    "last_contact_date": "relationship_maintenance", "note": "relationship_maintenance",
    "birthday": "relationship_maintenance",
})


def pseudonymise(values: Any, key: Any, prefix: str = "ID-", length: int = 10) -> pd.Series:
    """Replace identifiers by stable pseudonyms: a keyed hash (去标识化, HMAC-SHA256).

    The same value always gives the same pseudonym under the same key, so tables can still be joined
    and counted; without the key nobody can go back (nor test guesses, as one could with a plain
    hash of a phone number). This is de-identification (PIPL Art. 73: identification impossible
    *without additional information*, here the key), not anonymisation: whoever holds the key can
    re-identify, so the key stays with the data owner.

    Parameters
    ----------
    values : Series or list of str
        Identifiers (missing values stay missing).
    key : str or bytes
        The secret key, at least 16 characters (:func:`kamcourse.validation.check_secret`).
    prefix : str, default "ID-"
    length : int, default 10
        Hex characters of the hash kept (10 = 40 bits: collisions are unlikely below ~100,000 values).

    Returns
    -------
    pandas.Series
        ``prefix + hex`` per value, index of ``values``.

    Raises
    ------
    TypeError, ValueError
        If a value is not text, or the key is not a string of at least 16 characters.

    References
    ----------
    .. [1] Krawczyk, H., Bellare, M., & Canetti, R. (1997). HMAC: Keyed-hashing for message authentication.
       RFC 2104. 中华人民共和国个人信息保护法 (2021), Art. 73(3)-(4).

    Examples
    --------
    >>> p = pseudonymise(["R0001", "R0002", "R0001"], key="a class secret, keep it safe")
    >>> p[0] == p[2], p[0] != p[1], p[0].startswith("ID-")
    (True, True, True)
    """
    s = as_text_series(values, "values")
    raw = check_secret(key, "key")

    def token(v: str) -> str:
        return prefix + hmac.new(raw, v.encode("utf-8"), hashlib.sha256).hexdigest()[:length]

    return s.map(lambda v: token(v) if isinstance(v, str) else v)


def mask_phone(phones: Any) -> pd.Series:
    """Mask phone numbers: the first three and the last four digits stay (号码脱敏, "139****0001").

    Parameters
    ----------
    phones : Series or list of str

    Returns
    -------
    pandas.Series
        Masked numbers; a missing or malformed number becomes NaN (nothing to show).

    Raises
    ------
    TypeError
        If ``phones`` is not a column of texts (numbers stored as numbers lose their leading 0).

    Examples
    --------
    >>> mask_phone(["139-0000-0001", "+86 21 8800 0016", "12345"]).tolist()
    ['139****0001', '021****0016', nan]
    """
    s = as_text_series(phones, "phones")

    def mask(p: Any) -> Any:
        digits = normalize_phone(p) if isinstance(p, str) else None
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:] if digits else float("nan")

    return s.map(mask)


def mask_name(names: Any) -> pd.Series:
    """Mask personal names, keeping the surname (姓名脱敏): "刘浩然" -> "刘**", "Liu Haoran" -> "Liu H*****".

    Parameters
    ----------
    names : Series or list of str

    Returns
    -------
    pandas.Series
        The masked names; missing names stay missing.

    Raises
    ------
    TypeError
        If ``names`` is not a column of texts.

    Examples
    --------
    >>> mask_name(["刘浩然", "Liu Haoran", None]).tolist()
    ['刘**', 'Liu H*****', nan]
    """
    s = as_text_series(names, "names")

    def mask(n: Any) -> Any:
        if not isinstance(n, str):
            return n
        if re.search(r"[\u4e00-\u9fff]", n):
            return n[0] + "*" * (len(n) - 1)
        first, *rest = n.split()
        return " ".join([first, *(w[0] + "*" * (len(w) - 1) for w in rest)])

    return s.map(mask)


def role_view(table: pd.DataFrame, role: str, key: Any, policy: Mapping[str, Mapping[str, str]] = ACCESS_POLICY) -> pd.DataFrame:
    """The contact table as one role may see it (按角色授权): full, masked, pseudonymised or hidden per field.

    Parameters
    ----------
    table : pandas.DataFrame
        Contact records (the columns the policy names; others are hidden: what is not granted is refused).
    role : str
        A role of ``policy`` (``"account_manager"``, ``"service_desk"``, ``"data_analyst"``).
    key : str or bytes
        The pseudonymisation key (:func:`pseudonymise`).
    policy : mapping, default :data:`ACCESS_POLICY`

    Returns
    -------
    pandas.DataFrame
        The visible columns only; ``mobile`` masked with :func:`mask_phone`, ``name`` with
        :func:`mask_name`, pseudonym fields with :func:`pseudonymise`.

    Raises
    ------
    ValueError
        If ``role`` is unknown or a level is not one of :data:`ACCESS_LEVELS`.

    References
    ----------
    .. [1] 中华人民共和国个人信息保护法 (2021), Art. 6 (minimum necessary), Art. 51(4) (operating permissions).

    Examples
    --------
    >>> t = pd.DataFrame({"record_id": ["R1"], "name": ["刘浩然"], "mobile": ["139-0000-0001"], "role": ["purchasing"]})
    >>> role_view(t, "service_desk", key="a class secret, keep it safe").iloc[0].tolist()
    ['R1', '刘浩然', '139****0001', 'purchasing']
    >>> list(role_view(t, "data_analyst", key="a class secret, keep it safe").columns)
    ['record_id', 'role']
    """
    check_choice(role, "role", tuple(policy))
    rules = policy[role]
    out = {}
    for col in table.columns:
        level = check_choice(rules.get(col, "hidden"), f"policy[{role!r}][{col!r}]", ACCESS_LEVELS)
        if level == "full":
            out[col] = table[col]
        elif level == "pseudonym":
            out[col] = pseudonymise(table[col], key)
        elif level == "masked":
            out[col] = mask_phone(table[col]) if col in ("mobile", "phone") else mask_name(table[col])
    return pd.DataFrame(out, index=table.index)


def fields_without_purpose(columns: Iterable[str], register: Mapping[str, str] = PURPOSE_REGISTER) -> list[str]:
    """The fields collected without a recorded purpose (无明确目的收集的字段): candidates to stop collecting.

    Parameters
    ----------
    columns : iterable of str
        The fields a table holds.
    register : mapping, default :data:`PURPOSE_REGISTER`
        Field -> purpose.

    Returns
    -------
    list of str
        In the order of ``columns``.

    Raises
    ------
    TypeError
        If ``columns`` is not iterable.

    References
    ----------
    .. [1] 中华人民共和国个人信息保护法 (2021), Art. 6: a clear and reasonable purpose; collection limited to
       the minimum scope necessary for it.

    Examples
    --------
    >>> fields_without_purpose(["name", "mobile", "marital_status", "hobby"])
    ['marital_status', 'hobby']
    """
    return [c for c in columns if c not in register]
