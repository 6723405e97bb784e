"""Names of the fictional company's people and customers (虚构的人名与公司名), in English and Chinese."""

from __future__ import annotations

import numpy as np

from ...vocabulary import INDUSTRIES
from .catalog import FIRM_SYLLABLES_A, FIRM_SYLLABLES_B, GIVEN_NAMES, INDUSTRY_WORDS, SURNAMES

__all__ = ["person_names", "company_names"]


def person_names(rng: np.random.Generator, n: int) -> tuple[list[str], list[str]]:
    """``n`` invented people's names in English ("Wang Wei") and Chinese ("王伟").

    Examples
    --------
    >>> en, zh = person_names(np.random.default_rng(1), 2)
    >>> len(en), len(zh[0]) >= 2
    (2, True)
    """
    s = rng.integers(0, len(SURNAMES), n)
    g = rng.integers(0, len(GIVEN_NAMES), n)
    return ([f"{SURNAMES[a][0]} {GIVEN_NAMES[b][0]}" for a, b in zip(s, g)],
            [SURNAMES[a][1] + GIVEN_NAMES[b][1] for a, b in zip(s, g)])


def company_names(rng: np.random.Generator, n: int, industry: np.ndarray) -> tuple[list[str], list[str]]:
    """English and Chinese names of ``n`` firms, each named after its industry, all different.

    Examples
    --------
    >>> en, zh = company_names(np.random.default_rng(3), 2, np.array([0, 7]))
    >>> en[0].endswith("Construction Machinery Co., Ltd."), zh[1].endswith("液压贸易有限公司")
    (True, True)
    """
    combos = len(FIRM_SYLLABLES_A) * len(FIRM_SYLLABLES_B)
    perm = rng.permutation(combos * len(INDUSTRIES))
    en, zh, used = [], [], set()
    j = 0
    for i in range(n):
        ind = INDUSTRIES[industry[i]]
        while True:
            code = int(perm[j % len(perm)])
            j += 1
            a, b = divmod(code % combos, len(FIRM_SYLLABLES_B))
            key = (a, b, ind, j // len(perm))
            if key not in used:
                break
        used.add(key)
        suffix = f" {j // len(perm) + 1}" if j > len(perm) else ""
        word_en, word_zh = INDUSTRY_WORDS[ind]
        en.append(f"{FIRM_SYLLABLES_A[a][0]}{FIRM_SYLLABLES_B[b][0]} {word_en} Co., Ltd.{suffix}")
        zh.append(f"{FIRM_SYLLABLES_A[a][1]}{FIRM_SYLLABLES_B[b][1]}{word_zh}有限公司{suffix}")
    return en, zh
