"""Customer, client and consumer (客户、顾客与消费者): who buys, for what purpose."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_text_series, check_keys

__all__ = ["BUYER_KINDS", "PURPOSES", "BUYER_TYPES", "buyer_type"]

#: Who buys: a private person or an organisation (firm, government, school ...).
BUYER_KINDS: tuple[str, ...] = ("person", "organisation")
#: What for: personal or family living, production, or resale.
PURPOSES: tuple[str, ...] = ("living", "production", "resale")
#: What :func:`buyer_type` answers.
BUYER_TYPES: tuple[str, ...] = ("consumer", "business_customer")


def buyer_type(buyer: Any, purpose: Any) -> pd.Series:
    """Is a buyer a consumer (消费者) or a business customer (组织客户)? The course materials' test.

    The materials' answer: a consumer buys or uses goods and services *for personal or family living*;
    whoever buys for production is not a consumer. A customer (顾客) is the wider notion: anyone who
    buys or may buy, persons and organisations alike, for living or for production. So a person buying
    for living is a consumer; everyone else here (a firm, or a person buying for production or resale,
    such as a farmer buying a spare part for his tractor) is a business customer. Hydra's customers
    are all organisations buying for production or resale: its customers are business customers.

    Parameters
    ----------
    buyer : Series or list of {"person", "organisation"}
    purpose : Series or list of {"living", "production", "resale"}

    Returns
    -------
    pandas.Series
        ``"consumer"`` or ``"business_customer"`` per buyer.

    Raises
    ------
    ValueError
        If a value is not one of the keys, or the two have different lengths.

    References
    ----------
    .. [1] Course materials: 客户关系管理课后答案, 第一章, 3. 客户与消费者有什么异同.

    Examples
    --------
    >>> buyer_type(["person", "person", "organisation"], ["living", "production", "resale"]).tolist()
    ['consumer', 'business_customer', 'business_customer']
    """
    b = check_keys(as_text_series(buyer, "buyer"), "buyer", BUYER_KINDS, "buyer kind")
    p = check_keys(as_text_series(purpose, "purpose"), "purpose", PURPOSES, "purpose")
    if len(b) != len(p):
        raise ValueError(f"buyer and purpose must have the same length, got {len(b)} and {len(p)}")
    consumer = (b.to_numpy() == "person") & (p.to_numpy() == "living")
    return pd.Series(np.where(consumer, "consumer", "business_customer"), index=b.index, name="buyer_type")
