"""The Kano model (卡诺模型): a questionnaire's answer pairs -> feature categories, Better and Worse.

Kano et al. (1984); the evaluation table of Berger et al. (1993); the tie rule
of Matzler et al. (1996). The answer scale, the categories, their codes and
the evaluation table are course vocabulary (:mod:`kamcourse.vocabulary`),
shared with the data generator that writes the company's Kano survey.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..validation import check_fraction, check_not_empty, check_number, require_columns
from ..vocabulary import KANO_ANSWERS, KANO_CATEGORIES, KANO_CODES, KANO_EVALUATION

__all__ = [
    "KANO_ANSWERS",
    "KANO_CATEGORIES",
    "KANO_CODES",
    "KANO_EVALUATION_TABLE",
    "kano_answer",
    "kano_category",
    "kano_from_counts",
    "kano_table",
]

_CODE_TO_CATEGORY = {v: k for k, v in KANO_CODES.items()}
# Priority when counts tie: M > O > A > I (Matzler et al. 1996), then R, Q (this kit).
_TIE_ORDER = "MOAIRQ"

#: The Kano evaluation table (Berger et al. 1993): rows = functional answer
#: (feature present), columns = dysfunctional answer (feature absent).
KANO_EVALUATION_TABLE: pd.DataFrame = pd.DataFrame(
    [[_CODE_TO_CATEGORY[c] for c in KANO_EVALUATION[f]] for f in KANO_ANSWERS],
    index=pd.Index(KANO_ANSWERS, name="functional"),
    columns=pd.Index(KANO_ANSWERS, name="dysfunctional"),
)

# Accepted spellings of each answer, after _normalise_answer().
_ANSWER_WORDS: dict[str, tuple[str, ...]] = {
    "like": (
        "like", "i_like_it", "i_like_it_that_way", "like_it", "我喜欢", "喜欢", "很喜欢",
        "非常喜欢", "我很喜欢", "满意", "很满意",
    ),
    "must_be": (
        "must_be", "mustbe", "must", "expect", "expected", "i_expect_it", "i_expect_it_that_way",
        "it_must_be_that_way", "理应如此", "理应如此(必须的)", "理所当然", "理所应当", "必须的",
        "必须如此", "它必须这样", "本应如此", "应该的", "理应如此,必须的", "必备",
    ),
    "neutral": (
        "neutral", "i_am_neutral", "i'm_neutral", "indifferent", "don't_care", "无所谓",
        "无所谓(中立)", "中立", "一般", "没感觉", "都可以",
    ),
    "live_with": (
        "live_with", "livewith", "i_can_live_with_it", "i_can_live_with_it_that_way",
        "can_live_with_it", "tolerate", "i_can_tolerate_it", "能忍受", "可以忍受", "能够忍受",
        "我能忍受", "我可以忍受", "勉强接受", "忍受", "能接受", "可以接受",
    ),
    "dislike": (
        "dislike", "i_dislike_it", "i_dislike_it_that_way", "i_don't_like_it", "我不喜欢",
        "不喜欢", "很不喜欢", "非常不喜欢", "不满意", "很不满意",
    ),
}
_ANSWER_LOOKUP: dict[str, str] = {
    word: key for key, words in _ANSWER_WORDS.items() for word in words
}
_ACCEPTED_HINT = (
    "like, must_be, neutral, live_with, dislike (or the codes 1-5 in that order, "
    "or 我喜欢, 理应如此(必须的), 无所谓, 能忍受, 我不喜欢)"
)


def _normalise_answer(text: str) -> str:
    s = text.strip().lower()
    for a, b in (("（", "("), ("）", ")"), ("，", ","), ("’", "'"), ("-", "_"), (" ", "_")):
        s = s.replace(a, b)
    s = s.rstrip(".。!！")
    while "__" in s:
        s = s.replace("__", "_")
    return s


def kano_answer(answer: Any, name: str = "answer") -> str:
    """Return the standard key of one Kano questionnaire answer (卡诺问卷答案).

    The five answers of the Kano questionnaire, in order, are "I like it",
    "it must be that way", "I am neutral", "I can live with it", "I dislike it"
    (Berger et al. 1993); Chinese questionnaires print 我喜欢 / 理应如此(必须的) /
    无所谓 / 能忍受 / 我不喜欢.

    Parameters
    ----------
    answer : str or int
        A key (``"like"``, ``"must_be"``, ``"neutral"``, ``"live_with"``,
        ``"dislike"``), a common English or Chinese wording, or a code 1-5 in
        that order.
    name : str
        The parameter name used in error messages.

    Returns
    -------
    str
        One of :data:`KANO_ANSWERS`.

    Raises
    ------
    ValueError
        If the answer is not recognised (the message lists the accepted ones)
        or is missing.

    Examples
    --------
    >>> kano_answer("I can live with it")
    'live_with'
    >>> kano_answer("理应如此（必须的）"), kano_answer(5)
    ('must_be', 'dislike')
    >>> kano_answer("maybe")
    Traceback (most recent call last):
    ...
    ValueError: answer must be one of the Kano answers like, must_be, neutral, live_with, dislike (or the codes 1-5 in that order, or 我喜欢, 理应如此(必须的), 无所谓, 能忍受, 我不喜欢); got 'maybe'
    """
    if isinstance(answer, str):
        key = _normalise_answer(answer)
        if key in _ANSWER_LOOKUP:
            return _ANSWER_LOOKUP[key]
        if key in {"1", "2", "3", "4", "5"}:
            return KANO_ANSWERS[int(key) - 1]
    elif isinstance(answer, numbers.Real) and not isinstance(answer, bool):
        if answer == answer and float(answer).is_integer() and 1 <= answer <= 5:
            return KANO_ANSWERS[int(answer) - 1]
    raise ValueError(f"{name} must be one of the Kano answers {_ACCEPTED_HINT}; got {answer!r}")


def kano_category(functional: Any, dysfunctional: Any) -> str:
    """Classify one pair of Kano answers with the evaluation table (卡诺模型评价表).

    Each respondent answers two questions about a feature: the *functional*
    one ("how do you feel if the product has it?") and the *dysfunctional*
    one ("... if it does not?"). The evaluation table (Berger et al. 1993,
    *Center for Quality Management Journal* 2(4); :data:`KANO_EVALUATION_TABLE`)
    turns the pair into a category:

    ==========  ====  =======  =======  =========  =======
    func\\dysf   like  must_be  neutral  live_with  dislike
    ==========  ====  =======  =======  =========  =======
    like        Q     A        A        A          O
    must_be     R     I        I        I          M
    neutral     R     I        I        I          M
    live_with   R     I        I        I          M
    dislike     R     R        R        R          Q
    ==========  ====  =======  =======  =========  =======

    A attractive (魅力型), O one-dimensional (期望型/一元), M must-be (必备型),
    I indifferent (无差异型), R reverse (反向型), Q questionable (可疑).

    Parameters
    ----------
    functional, dysfunctional : str or int
        Answers as accepted by :func:`kano_answer` (keys, English or Chinese
        wording, or codes 1-5).

    Returns
    -------
    str
        One of :data:`KANO_CATEGORIES`.

    Raises
    ------
    ValueError
        If an answer is not recognised; the message lists the accepted answers.

    Examples
    --------
    >>> kano_category("like", "dislike")
    'one_dimensional'
    >>> kano_category("neutral", "dislike")
    'must_be'
    >>> kano_category("我喜欢", "无所谓")
    'attractive'
    >>> kano_category(1, 1)
    'questionable'
    """
    f = kano_answer(functional, "functional")
    d = kano_answer(dysfunctional, "dysfunctional")
    return KANO_EVALUATION_TABLE.at[f, d]


def _counts_by_code(counts: Any) -> dict[str, int]:
    """The counts keyed by A, O, M, I, R, Q (category keys accepted), checked: whole numbers >= 0."""
    if not isinstance(counts, Mapping):
        raise TypeError(f"counts must be a mapping such as {{'A': 3, 'O': 5}}, got {type(counts).__name__}")
    c = dict.fromkeys("AOMIRQ", 0)
    for key, value in counts.items():
        code = KANO_CODES.get(key, key)
        if code not in c:
            raise ValueError(f"counts has an unknown key {key!r}; use A, O, M, I, R, Q")
        v = check_number(value, f"counts[{key!r}]")
        if v < 0 or not v.is_integer():
            raise ValueError(f"counts[{key!r}] must be a whole number >= 0, got {value!r}")
        c[code] += int(v)
    return c


def kano_from_counts(counts: Mapping[str, Any], tie_margin: float = 0.0) -> pd.Series:
    """Category and satisfaction coefficients of one feature from its A/O/M/I/R/Q counts.

    - category: the most frequent category (the mode); ties are broken by
      the rule **M > O > A > I** (Matzler et al. 1996, *Journal of Product &
      Brand Management* 5(2)). Reverse and questionable answers count too: a
      feature most respondents answer R is *reverse* (this kit's convention,
      so a reverse feature is not hidden); in a tie R and Q rank after I
      (M > O > A > I > R > Q). Counts within ``tie_margin`` x n of the largest
      count tie as well (stp25kano uses 5 percentage points; default exact ties).
    - Better (满意系数, CS+) = (A + O) / (A + O + M + I)
    - Worse (不满意系数, CS-) = -(O + M) / (A + O + M + I)
      (Berger et al. 1993). **Sign convention:** this kit gives Worse as a
      number <= 0, so Better lies in [0, 1] and Worse in [-1, 0]. R and Q are
      left out of the denominator; when A + O + M + I = 0 both are NaN.
    - strength (类别强度) = % of the largest category - % of the second largest,
      over all six categories and all n answers (Lee & Newcomb 1997);
      total_strength = (A + O + M) / n.

    Parameters
    ----------
    counts : mapping
        Counts keyed by ``"A"``, ``"O"``, ``"M"``, ``"I"``, ``"R"``, ``"Q"``
        (or the category keys ``"attractive"``...); missing keys count 0.
    tie_margin : float, default 0.0
        Share of all answers (0-1) within which two counts count as tied.

    Returns
    -------
    pandas.Series
        A, O, M, I, R, Q, n, category, better, worse, strength, total_strength.

    Raises
    ------
    TypeError
        If a count is not a number.
    ValueError
        If a count is negative, NaN or not whole, a key is unknown, or all
        counts are zero.

    Examples
    --------
    >>> r = kano_from_counts({"A": 2, "O": 5, "M": 5, "I": 3, "R": 1, "Q": 1})
    >>> r["category"], round(r["better"], 3), round(r["worse"], 3)
    ('must_be', 0.467, -0.667)
    >>> kano_from_counts({"A": 3, "I": 3})["category"]
    'attractive'
    """
    margin = check_fraction(tie_margin, "tie_margin")
    c = _counts_by_code(counts)
    n = sum(c.values())
    if n == 0:
        raise ValueError("counts are all zero; a feature needs at least one answer")
    top = max(c.values())
    tied = [k for k in _TIE_ORDER if c[k] >= top - margin * n and c[k] > 0]
    category = _CODE_TO_CATEGORY[tied[0]]
    core = c["A"] + c["O"] + c["M"] + c["I"]
    if core:
        better = (c["A"] + c["O"]) / core
        worse = -(c["O"] + c["M"]) / core
    else:
        better = worse = float("nan")
    shares = sorted((v / n for v in c.values()), reverse=True)
    return pd.Series(
        {
            **c,
            "n": n,
            "category": category,
            "better": better,
            "worse": worse,
            "strength": shares[0] - shares[1],
            "total_strength": (c["A"] + c["O"] + c["M"]) / n,
        },
        dtype=object,
    )


def kano_table(
    responses: pd.DataFrame,
    feature_col: str = "feature",
    functional_col: str = "functional",
    dysfunctional_col: str = "dysfunctional",
    tie_margin: float = 0.0,
) -> pd.DataFrame:
    """Classify every feature of a Kano survey (卡诺问卷分析).

    Each response row is classified with the evaluation table
    (:func:`kano_category`); the categories are counted per feature and
    summarised by :func:`kano_from_counts`: the category is the most
    frequent one, ties broken M > O > A > I (Matzler et al. 1996; R and Q
    rank last),
    Better = (A+O)/(A+O+M+I) and Worse = -(O+M)/(A+O+M+I) (Berger et al.
    1993; **Worse <= 0** in this kit; R and Q are left out of the
    denominator), and the category strength (Lee & Newcomb 1997).

    Parameters
    ----------
    responses : pandas.DataFrame
        Long table, one row per respondent and feature, with columns
        ``feature``, ``functional``, ``dysfunctional`` (answers as accepted by
        :func:`kano_answer`).
    feature_col, functional_col, dysfunctional_col : str
        Column names, if different.
    tie_margin : float, default 0.0
        See :func:`kano_from_counts`.

    Returns
    -------
    pandas.DataFrame
        One row per feature (index ``feature``, in order of first
        appearance): A, O, M, I, R, Q, n (int), category, better, worse,
        strength, total_strength.

    Raises
    ------
    TypeError
        If ``responses`` is not a DataFrame.
    ValueError
        If a column is missing (the message lists those present), the table
        is empty, a value is missing (NaN), or an answer is not recognised.

    Examples
    --------
    >>> answers = pd.DataFrame({
    ...     "feature": ["online_tracking"] * 4 + ["spare_parts_stock"] * 3,
    ...     "functional": ["like", "like", "like", "neutral", "must_be", "neutral", "like"],
    ...     "dysfunctional": ["neutral", "neutral", "dislike", "neutral",
    ...                       "dislike", "dislike", "dislike"],
    ... })
    >>> t = kano_table(answers)
    >>> t[["A", "O", "M", "I", "category"]]
                       A  O  M  I         category
    feature
    online_tracking    2  1  0  1       attractive
    spare_parts_stock  0  1  2  0         must_be
    >>> t["worse"].round(2).tolist()
    [-0.25, -1.0]
    """
    cols = [feature_col, functional_col, dysfunctional_col]
    require_columns(responses, cols, "responses", complete=True)
    check_not_empty(responses, "responses", "answer row")
    codes = {}
    for col, label in ((functional_col, "functional"), (dysfunctional_col, "dysfunctional")):
        uniques = pd.unique(responses[col])
        mapping = {u: kano_answer(u, f"responses[{col!r}]") for u in uniques}
        codes[label] = responses[col].map(mapping)
    letters = pd.Series(
        [KANO_EVALUATION[f][KANO_ANSWERS.index(d)] for f, d in zip(codes["functional"], codes["dysfunctional"])],
        index=responses.index,
    )
    counts = pd.crosstab(responses[feature_col], letters).reindex(columns=list("AOMIRQ"), fill_value=0)
    order = pd.unique(responses[feature_col])
    counts = counts.reindex(order)
    rows = [kano_from_counts(row.to_dict(), tie_margin) for _, row in counts.iterrows()]
    out = pd.DataFrame(rows, index=pd.Index(order, name="feature"))
    out = out.astype({k: int for k in [*"AOMIRQ", "n"]})
    out = out.astype({k: float for k in ["better", "worse", "strength", "total_strength"]})
    out["category"] = out["category"].astype(object)
    return out
