"""Customer satisfaction (客户满意): disconfirmation, Kano, IPA, NPS, indicators.

The chapter's measuring tools, each a small pure function:

- :func:`disconfirmation`: expectation vs perceived performance (Oliver 1980);
- :func:`kano_category`, :func:`kano_from_counts`, :func:`kano_table`: the
  Kano questionnaire (Kano et al. 1984; Berger et al. 1993; Matzler et al. 1996);
- :func:`attribute_summary`, :func:`satisfaction_index`,
  :func:`importance_performance`: survey attributes, an importance-weighted
  0-100 index and the importance-performance grid (Martilla & James 1977);
- :func:`nps`, :func:`nps_group`: the Net Promoter Score (Reichheld 2003);
- :func:`satisfaction_indicators`, :func:`indicator_index`: the course
  materials' seven satisfaction indicators measured in the company data.

Categories are English keys (``"must_be"``); :func:`kamcourse.i18n.label`
gives the words a person reads.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._validate import as_numeric_series, check_no_nan, check_number, require_columns

__all__ = [
    "DISCONFIRMATION",
    "KANO_ANSWERS",
    "KANO_CATEGORIES",
    "KANO_CODES",
    "KANO_EVALUATION_TABLE",
    "ATTRIBUTES",
    "IPA_QUADRANTS",
    "INDICATORS",
    "INDICATOR_WEIGHTS",
    "disconfirmation",
    "kano_answer",
    "kano_category",
    "kano_from_counts",
    "kano_table",
    "attribute_summary",
    "satisfaction_index",
    "importance_performance",
    "nps",
    "nps_group",
    "satisfaction_indicators",
    "indicator_index",
]

#: The three outcomes of comparing performance with expectation (Oliver 1980).
DISCONFIRMATION: tuple[str, ...] = ("positive", "confirmation", "negative")

#: Kano answer scale, in questionnaire order (codes 1-5).
KANO_ANSWERS: tuple[str, ...] = ("like", "must_be", "neutral", "live_with", "dislike")

#: Kano categories, as keys; the one-letter codes are in :data:`KANO_CODES`.
KANO_CATEGORIES: tuple[str, ...] = (
    "attractive",
    "one_dimensional",
    "must_be",
    "indifferent",
    "reverse",
    "questionable",
)

#: One-letter code of each category (the column names of :func:`kano_table`).
KANO_CODES: dict[str, str] = {
    "attractive": "A",
    "one_dimensional": "O",
    "must_be": "M",
    "indifferent": "I",
    "reverse": "R",
    "questionable": "Q",
}
_CODE_TO_CATEGORY = {v: k for k, v in KANO_CODES.items()}
# Priority when counts tie: M > O > A > I (Matzler et al. 1996), then R, Q (this kit).
_TIE_ORDER = "MOAIRQ"

_TABLE_ROWS = {  # functional answer -> categories for the five dysfunctional answers
    "like": "QAAAO",
    "must_be": "RIIIM",
    "neutral": "RIIIM",
    "live_with": "RIIIM",
    "dislike": "RRRRQ",
}

#: The Kano evaluation table (Berger et al. 1993): rows = functional answer
#: (feature present), columns = dysfunctional answer (feature absent).
KANO_EVALUATION_TABLE: pd.DataFrame = pd.DataFrame(
    [[_CODE_TO_CATEGORY[c] for c in _TABLE_ROWS[f]] for f in KANO_ANSWERS],
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

#: The six attributes of the company's satisfaction survey (columns
#: ``expectation_<attr>``, ``performance_<attr>``, ``importance_<attr>``, 1-7).
ATTRIBUTES: tuple[str, ...] = (
    "product_quality",
    "delivery_reliability",
    "technical_support",
    "price_value",
    "responsiveness",
    "ordering_ease",
)

#: Importance-performance quadrants (Martilla & James 1977).
IPA_QUADRANTS: tuple[str, ...] = ("keep_up", "concentrate_here", "low_priority", "possible_overkill")

#: The course materials' seven satisfaction indicators (客户满意的衡量指标).
INDICATORS: tuple[str, ...] = (
    "reputation",
    "name_recall",
    "repurchase_rate",
    "complaint_rate",
    "amount_per_purchase",
    "price_sensitivity",
    "referral_rate",
)

#: Weights of the indicator index: this kit's convention (the course materials
#: list the indicators but give no weights). Repurchase, complaints and
#: referrals are behaviour, so they weigh more than stated opinion.
INDICATOR_WEIGHTS: dict[str, float] = {
    "reputation": 0.15,
    "name_recall": 0.10,
    "repurchase_rate": 0.20,
    "complaint_rate": 0.15,
    "amount_per_purchase": 0.10,
    "price_sensitivity": 0.10,
    "referral_rate": 0.20,
}

# Indicators where a higher raw value means LESS satisfied customers.
_LOWER_IS_BETTER = ("complaint_rate", "price_sensitivity")


# ---------------------------------------------------------------------------
# helpers shared with loyalty.py


def _is_scalar(value: Any) -> bool:
    return np.isscalar(value) or value is None


def _pair(a: Any, b: Any, name_a: str, name_b: str) -> tuple[pd.Series, pd.Series]:
    """Two numeric Series of the same length (and the same index if both are Series)."""
    sa = as_numeric_series(a, name_a)
    sb = as_numeric_series(b, name_b)
    if len(sa) != len(sb):
        raise ValueError(
            f"{name_a} and {name_b} must have the same length, got {len(sa)} and {len(sb)}"
        )
    if isinstance(a, pd.Series) and isinstance(b, pd.Series):
        if not sa.index.equals(sb.index):
            raise ValueError(f"{name_a} and {name_b} must have the same index (the same customers)")
    elif isinstance(b, pd.Series) and not isinstance(a, pd.Series):
        sa.index = sb.index
    else:
        sb.index = sa.index
    return sa, sb


def _threshold(values: pd.Series, spec: Any, name: str) -> float:
    """Resolve a threshold given as "mean", "median", None (= median) or a number."""
    if spec is None or (isinstance(spec, str) and spec == "median"):
        return float(values.median())
    if isinstance(spec, str):
        if spec == "mean":
            return float(values.mean())
        raise ValueError(f"{name} must be 'mean', 'median' or a number, got {spec!r}")
    return check_number(spec, name)


def _two_by_two(
    x: pd.Series, y: pd.Series, x_thr: float, y_thr: float, names: tuple[str, str, str, str]
) -> pd.Series:
    """Quadrant keys ``names`` = (high x & high y, high x & low y, low x & high y, low & low)."""
    hx, hy = x >= x_thr, y >= y_thr
    out = np.select([hx & hy, hx & ~hy, ~hx & hy], list(names[:3]), default=names[3])
    return pd.Series(out, index=x.index, dtype=object)


# ---------------------------------------------------------------------------
# disconfirmation


def disconfirmation(perceived: Any, expected: Any, tolerance: float = 0.0) -> Any:
    """Compare perceived performance with expectation (期望不一致, expectation disconfirmation).

    Satisfaction follows from the gap between what a customer expected and
    what they perceive: performance above expectation is *positive
    disconfirmation* (satisfied, even delighted), equal is *confirmation*, below
    is *negative disconfirmation* (dissatisfied). Source: Oliver (1980),
    *Journal of Marketing Research* 17(4); the courseware form "实际体验高于期望值
    则满意" is from the course materials.

    gap = perceived - expected; ``"positive"`` if gap > tolerance,
    ``"negative"`` if gap < -tolerance, else ``"confirmation"``.

    Parameters
    ----------
    perceived, expected : number or list/array/Series of numbers
        Perceived performance and expectation on the same scale (e.g. 1-7).
        Two sequences must have the same length (and the same index if both
        are Series).
    tolerance : float, default 0.0
        Gaps within +/- tolerance count as confirmation (this kit's
        convention for a "zone of tolerance"); must be >= 0.

    Returns
    -------
    str or pandas.Series
        ``"positive"``, ``"confirmation"`` or ``"negative"``; a Series of
        these when the inputs are sequences.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a value is NaN, the tolerance is negative, or the lengths differ.

    Examples
    --------
    >>> disconfirmation(6, 5)
    'positive'
    >>> disconfirmation(5.2, 5, tolerance=0.5)
    'confirmation'
    >>> disconfirmation([4, 5, 6], [5, 5, 5]).tolist()
    ['negative', 'confirmation', 'positive']
    >>> disconfirmation(4, float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: expected must be a finite number, got nan
    """
    tol = check_number(tolerance, "tolerance")
    if tol < 0:
        raise ValueError(f"tolerance must be >= 0, got {tolerance!r}")
    if _is_scalar(perceived) and _is_scalar(expected):
        gap = check_number(perceived, "perceived") - check_number(expected, "expected")
        return "positive" if gap > tol else "negative" if gap < -tol else "confirmation"
    p, e = _pair(perceived, expected, "perceived", "expected")
    gap = p - e
    out = np.select([gap > tol, gap < -tol], ["positive", "negative"], default="confirmation")
    return pd.Series(out, index=p.index, dtype=object, name="disconfirmation")


# ---------------------------------------------------------------------------
# Kano


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
    if not isinstance(counts, Mapping):
        raise TypeError(f"counts must be a mapping such as {{'A': 3, 'O': 5}}, got {type(counts).__name__}")
    margin = check_number(tie_margin, "tie_margin")
    if not 0 <= margin <= 1:
        raise ValueError(f"tie_margin must be in [0, 1], got {tie_margin!r}")
    c = dict.fromkeys("AOMIRQ", 0)
    for key, value in counts.items():
        code = KANO_CODES.get(key, key)
        if code not in c:
            raise ValueError(f"counts has an unknown key {key!r}; use A, O, M, I, R, Q")
        v = check_number(value, f"counts[{key!r}]")
        if v < 0 or not v.is_integer():
            raise ValueError(f"counts[{key!r}] must be a whole number >= 0, got {value!r}")
        c[code] += int(v)
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
    require_columns(responses, cols, "responses")
    if len(responses) == 0:
        raise ValueError("responses is empty; it needs at least one answer row")
    for col in cols:
        check_no_nan(responses[col], f"responses[{col!r}]")
    codes = {}
    for col, label in ((functional_col, "functional"), (dysfunctional_col, "dysfunctional")):
        uniques = pd.unique(responses[col])
        mapping = {u: kano_answer(u, f"responses[{col!r}]") for u in uniques}
        codes[label] = responses[col].map(mapping)
    letters = pd.Series(
        [_TABLE_ROWS[f][KANO_ANSWERS.index(d)] for f, d in zip(codes["functional"], codes["dysfunctional"])],
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


# ---------------------------------------------------------------------------
# survey attributes, satisfaction index, IPA


def _attributes_in(surveys: pd.DataFrame, attributes: Any, needs: tuple[str, ...]) -> list[str]:
    if not isinstance(surveys, pd.DataFrame):
        raise TypeError(f"surveys must be a pandas DataFrame, got {type(surveys).__name__}")
    if attributes is None:
        attributes = [
            c[len("performance_"):] for c in surveys.columns
            if isinstance(c, str) and c.startswith("performance_")
        ]
        if not attributes:
            present = ", ".join(map(str, surveys.columns)) or "(none)"
            raise ValueError(
                f"surveys has no performance_<attribute> columns; columns present: {present}"
            )
    elif isinstance(attributes, str):
        attributes = [attributes]
    attributes = list(attributes)
    require_columns(surveys, [f"{p}_{a}" for a in attributes for p in needs], "surveys")
    if len(surveys) == 0:
        raise ValueError("surveys is empty; it needs at least one answered survey")
    return attributes


def attribute_summary(surveys: pd.DataFrame, attributes: Any = None, tolerance: float = 0.0) -> pd.DataFrame:
    """Mean expectation, performance and importance of each survey attribute (满意度属性汇总).

    The raw material of satisfaction analysis: for each attribute (product
    quality, delivery reliability, ...) the mean expectation, perceived
    performance and importance over the answered surveys, the gap
    performance - expectation and its reading by :func:`disconfirmation`
    (Oliver 1980).

    Parameters
    ----------
    surveys : pandas.DataFrame
        One row per answered survey with columns ``expectation_<attr>``,
        ``performance_<attr>``, ``importance_<attr>`` (scale 1-7).
    attributes : list of str, optional
        Attributes to summarise; default every ``performance_<attr>`` column.
    tolerance : float, default 0.0
        Mean gaps within +/- tolerance read as confirmation (see
        :func:`disconfirmation`).

    Returns
    -------
    pandas.DataFrame
        Index ``attribute``; columns expectation, performance, importance,
        gap, disconfirmation.

    Raises
    ------
    ValueError
        If columns are missing, the table is empty or holds NaN.

    Examples
    --------
    >>> s = pd.DataFrame({"expectation_price_value": [5, 6], "performance_price_value": [4, 5],
    ...                   "importance_price_value": [7, 6]})
    >>> attribute_summary(s)
                     expectation  performance  importance  gap disconfirmation
    attribute
    price_value              5.5          4.5         6.5 -1.0        negative
    """
    attrs = _attributes_in(surveys, attributes, ("expectation", "performance", "importance"))
    check_number(tolerance, "tolerance")
    rows = {}
    for a in attrs:
        means = {}
        for p in ("expectation", "performance", "importance"):
            col = f"{p}_{a}"
            means[p] = float(as_numeric_series(surveys[col], f"surveys[{col!r}]").mean())
        rows[a] = means
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "attribute"
    out["gap"] = out["performance"] - out["expectation"]
    out["disconfirmation"] = [disconfirmation(g, 0.0, tolerance) for g in out["gap"]]
    return out


def satisfaction_index(
    surveys: pd.DataFrame, attributes: Any = None, low: float = 1, high: float = 7
) -> pd.Series:
    """Importance-weighted satisfaction index, 0-100 (加权满意度指数).

    Each respondent's performance ratings are rescaled to 0-100 and averaged
    with their own importance ratings as weights:

        SI = 100 * sum_i w_i (p_i - low) / (high - low),  w_i = imp_i / sum_j imp_j

    This weighting is this kit's convention (the usual importance-weighted
    average of attribute scores); 0 = every attribute rated at the bottom,
    100 = every attribute at the top.

    Parameters
    ----------
    surveys : pandas.DataFrame
        Columns ``performance_<attr>`` and ``importance_<attr>``.
    attributes : list of str, optional
        Default: every ``performance_<attr>`` column.
    low, high : float, default 1 and 7
        Ends of the rating scale.

    Returns
    -------
    pandas.Series
        One index value per survey row, named ``satisfaction_index``.

    Raises
    ------
    ValueError
        If columns are missing, values are NaN, outside [low, high], or an
        importance row sums to zero.

    Examples
    --------
    >>> s = pd.DataFrame({"performance_quality": [7, 4], "importance_quality": [6, 6],
    ...                   "performance_price": [1, 4], "importance_price": [2, 6]})
    >>> satisfaction_index(s).tolist()
    [75.0, 50.0]
    """
    lo, hi = check_number(low, "low"), check_number(high, "high")
    if hi <= lo:
        raise ValueError(f"high must be greater than low, got low={low!r}, high={high!r}")
    attrs = _attributes_in(surveys, attributes, ("performance", "importance"))
    num = pd.Series(0.0, index=surveys.index)
    den = pd.Series(0.0, index=surveys.index)
    for a in attrs:
        cols = {p: f"{p}_{a}" for p in ("performance", "importance")}
        vals = {p: as_numeric_series(surveys[c], f"surveys[{c!r}]") for p, c in cols.items()}
        for p, v in vals.items():
            bad = (v < lo) | (v > hi)
            if bad.any():
                first = v.index[bad.to_numpy()][0]
                raise ValueError(
                    f"surveys[{cols[p]!r}] must be in [{lo:g}, {hi:g}], got {v[first]:g} at {first!r}"
                )
        num += vals["importance"] * (vals["performance"] - lo) / (hi - lo)
        den += vals["importance"]
    if (den <= 0).any():
        raise ValueError("every survey needs a positive importance total")
    return (100 * num / den).rename("satisfaction_index")


def importance_performance(
    importance: Any,
    performance: Any,
    importance_threshold: Any = "mean",
    performance_threshold: Any = "mean",
) -> pd.Series:
    """Importance-performance analysis quadrant of each attribute (重要性-绩效分析, IPA).

    Martilla & James (1977, *Journal of Marketing* 41(1)) place each attribute
    on a grid of importance x performance:

    - ``"keep_up"``: high importance, high performance (keep up the good work)
    - ``"concentrate_here"``: high importance, low performance
    - ``"low_priority"``: low importance, low performance
    - ``"possible_overkill"``: low importance, high performance

    A value **at or above** its threshold counts as high (this kit's convention).

    Parameters
    ----------
    importance, performance : list, array, dict or Series of numbers
        One value per attribute; same length (and index, if both Series).
    importance_threshold, performance_threshold : {"mean", "median"} or float
        Where the grid is split; default the mean of the values (the usual
        data-centred grid). A number gives a fixed cut, e.g. 4 on a 1-7 scale.

    Returns
    -------
    pandas.Series
        Quadrant keys, indexed like the input (labels via
        :func:`kamcourse.i18n.label`).

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a value is NaN, the lengths differ, the inputs are empty, or a
        threshold is not "mean", "median" or a number.

    Examples
    --------
    >>> imp = pd.Series({"quality": 6.5, "delivery": 6.0, "ordering": 4.0, "price": 4.5})
    >>> perf = pd.Series({"quality": 6.0, "delivery": 4.0, "ordering": 3.5, "price": 6.0})
    >>> importance_performance(imp, perf).tolist()
    ['keep_up', 'concentrate_here', 'low_priority', 'possible_overkill']
    >>> importance_performance(imp, perf, 6.0, 6.0)["delivery"]
    'concentrate_here'
    """
    imp, perf = _pair(importance, performance, "importance", "performance")
    ti = _threshold(imp, importance_threshold, "importance_threshold")
    tp = _threshold(perf, performance_threshold, "performance_threshold")
    return _two_by_two(imp, perf, ti, tp, ("keep_up", "concentrate_here", "possible_overkill", "low_priority")).rename(
        "ipa_quadrant"
    )


# ---------------------------------------------------------------------------
# NPS


def _nps_scores(scores: Any) -> pd.Series:
    s = as_numeric_series(scores, "scores")
    bad = (s < 0) | (s > 10) | (s != np.round(s))
    if bad.any():
        first = s.index[bad.to_numpy()][0]
        raise ValueError(f"scores must be whole numbers from 0 to 10, got {s[first]:g} at {first!r}")
    return s


def nps_group(scores: Any) -> pd.Series:
    """Promoter, passive or detractor for each 0-10 recommendation score (NPS 分组).

    Reichheld (2003, *Harvard Business Review*, "The one number you need to
    grow"): promoters answer 9-10, passives 7-8, detractors 0-6 to "How likely
    is it that you would recommend us to a friend or colleague?".

    Parameters
    ----------
    scores : list, array or Series of int
        Whole numbers 0-10.

    Returns
    -------
    pandas.Series
        ``"promoter"``, ``"passive"`` or ``"detractor"``.

    Raises
    ------
    ValueError
        If a score is outside 0-10, not whole, NaN, or the input is empty.

    Examples
    --------
    >>> nps_group([10, 8, 6]).tolist()
    ['promoter', 'passive', 'detractor']
    """
    s = _nps_scores(scores)
    out = np.select([s >= 9, s >= 7], ["promoter", "passive"], default="detractor")
    return pd.Series(out, index=s.index, dtype=object, name="nps_group")


def nps(scores: Any) -> float:
    """Net Promoter Score (净推荐值, NPS), in [-100, 100].

    NPS = % promoters (9-10) - % detractors (0-6) of all respondents
    (Reichheld 2003, *Harvard Business Review* 81(12)); passives (7-8) count
    in the total only.

    Parameters
    ----------
    scores : list, array or Series of int
        Answers 0-10 to the recommendation question.

    Returns
    -------
    float
        Between -100 (all detractors) and 100 (all promoters).

    Raises
    ------
    TypeError
        If a score is not a number.
    ValueError
        If a score is outside 0-10 or not a whole number, NaN, or there are
        no scores.

    Examples
    --------
    >>> nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5])
    20.0
    >>> nps([11])
    Traceback (most recent call last):
    ...
    ValueError: scores must be whole numbers from 0 to 10, got 11 at 0
    """
    s = _nps_scores(scores)
    return float(100 * ((s >= 9).mean() - (s <= 6).mean()))


# ---------------------------------------------------------------------------
# the seven satisfaction indicators of the course materials


def _year_of(frame: pd.DataFrame, col: str, name: str) -> pd.Series:
    check_no_nan(frame[col], f"{name}[{col!r}]")
    return pd.to_datetime(frame[col]).dt.year


def satisfaction_indicators(
    orders: pd.DataFrame,
    service_requests: pd.DataFrame,
    surveys: pd.DataFrame,
    years: Any = None,
) -> pd.DataFrame:
    """The course materials' seven satisfaction indicators, measured per year (客户满意的衡量指标).

    The course materials list seven ways to see whether customers are
    satisfied: 美誉度, 指名度, 回头率, 投诉率, 单交易购买额, 价格变化的敏感度 and
    向其他人员的推荐率. This kit measures each from the company's tables
    (the proxies are this kit's choice; the materials name the indicators but
    not how to compute them):

    ====================  ===================================================
    reputation (美誉度)    share of surveyed customers with overall
                          satisfaction >= 4 of 5 (they speak well of us)
    name_recall (指名度)   share of surveyed customers with repurchase
                          intention 5 of 5 (they would ask for us by name)
    repurchase_rate       share of last year's buying customers who bought
    (回头率)               again this year (orders)
    complaint_rate        share of this year's buying customers who opened at
    (投诉率)               least one complaint (service_requests, type
                          ``"complaint"``); lower is better
    amount_per_purchase   mean net revenue per order (sum of its lines)
    (单交易购买额)
    price_sensitivity     revenue-weighted mean discount: the price
    (价格敏感度)            concession customers needed; lower is better
    referral_rate         share of surveyed customers who are promoters
    (推荐率)               (likelihood to recommend 9-10, Reichheld 2003)
    ====================  ===================================================

    Parameters
    ----------
    orders : pandas.DataFrame
        Columns ``order_id``, ``customer_id``, ``order_date``, ``net_revenue``,
        ``discount`` (one row per order line).
    service_requests : pandas.DataFrame
        Columns ``customer_id``, ``type``, ``opened_date``.
    surveys : pandas.DataFrame
        Columns ``customer_id``, ``year``, ``overall_satisfaction``,
        ``repurchase_intention``, ``likelihood_to_recommend``.
    years : list of int, optional
        Years to measure; default every survey year whose previous year has
        orders (the repurchase rate needs it).

    Returns
    -------
    pandas.DataFrame
        Index ``year``; one column per key of :data:`INDICATORS` (raw values:
        shares in [0, 1], amount in money, discount as a fraction).

    Raises
    ------
    ValueError
        If columns are missing, values are NaN, a year has no surveys or no
        orders, or no year can be measured.

    Examples
    --------
    >>> orders = pd.DataFrame({
    ...     "order_id": ["o1", "o2", "o3", "o3"], "customer_id": ["c1", "c2", "c1", "c1"],
    ...     "order_date": pd.to_datetime(["2024-03-01", "2024-05-01", "2025-02-01", "2025-02-01"]),
    ...     "net_revenue": [1000.0, 500.0, 600.0, 400.0], "discount": [0.1, 0.0, 0.05, 0.05]})
    >>> requests = pd.DataFrame({"customer_id": ["c1"], "type": ["complaint"],
    ...                          "opened_date": pd.to_datetime(["2025-06-01"])})
    >>> surveys = pd.DataFrame({"customer_id": ["c1", "c2"], "year": [2025, 2025],
    ...     "overall_satisfaction": [5, 3], "repurchase_intention": [5, 3], "likelihood_to_recommend": [9, 6]})
    >>> satisfaction_indicators(orders, requests, surveys).T
    year                    2025
    reputation              0.50
    name_recall             0.50
    repurchase_rate         0.50
    complaint_rate          1.00
    amount_per_purchase  1000.00
    price_sensitivity       0.05
    referral_rate           0.50
    """
    require_columns(orders, ["order_id", "customer_id", "order_date", "net_revenue", "discount"], "orders")
    require_columns(service_requests, ["customer_id", "type", "opened_date"], "service_requests")
    require_columns(
        surveys,
        ["customer_id", "year", "overall_satisfaction", "repurchase_intention", "likelihood_to_recommend"],
        "surveys",
    )
    for name, frame in (("orders", orders), ("surveys", surveys)):
        if len(frame) == 0:
            raise ValueError(f"{name} is empty")
    o_year = _year_of(orders, "order_date", "orders")
    revenue = as_numeric_series(orders["net_revenue"], "orders['net_revenue']")
    discount = as_numeric_series(orders["discount"], "orders['discount']")
    check_no_nan(orders["customer_id"], "orders['customer_id']")
    buyers = orders.groupby(o_year)["customer_id"].agg(set)
    s_year = as_numeric_series(surveys["year"], "surveys['year']").astype(int)
    if years is None:
        years = sorted(y for y in s_year.unique() if y - 1 in buyers.index and y in buyers.index)
        if not years:
            raise ValueError("no survey year has orders in it and in the year before")
    else:
        years = [int(y) for y in ([years] if np.isscalar(years) else years)]
    complaints = service_requests[service_requests["type"] == "complaint"]
    c_year = _year_of(complaints, "opened_date", "service_requests")
    scores = {
        col: as_numeric_series(surveys[col], f"surveys[{col!r}]")
        for col in ("overall_satisfaction", "repurchase_intention", "likelihood_to_recommend")
    }
    rows = {}
    for y in years:
        if y not in buyers.index or y - 1 not in buyers.index:
            raise ValueError(f"years: {y} needs orders in {y - 1} and {y}")
        in_year = s_year == y
        if not in_year.any():
            raise ValueError(f"years: no surveys in {y}")
        now, before = buyers[y], buyers[y - 1]
        this = o_year == y
        per_order = revenue[this].groupby(orders.loc[this, "order_id"]).sum()
        complained = set(complaints.loc[c_year == y, "customer_id"])
        rows[y] = {
            "reputation": float((scores["overall_satisfaction"][in_year] >= 4).mean()),
            "name_recall": float((scores["repurchase_intention"][in_year] >= 5).mean()),
            "repurchase_rate": len(before & now) / len(before),
            "complaint_rate": len(complained & now) / len(now),
            "amount_per_purchase": float(per_order.mean()),
            "price_sensitivity": float((discount[this] * revenue[this]).sum() / revenue[this].sum()),
            "referral_rate": float((scores["likelihood_to_recommend"][in_year] >= 9).mean()),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")[list(INDICATORS)]
    out.index.name = "year"
    return out


def indicator_index(indicators: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Score the seven indicators 0-100 and combine them into one index (满意度综合指数).

    Each indicator becomes a score where 100 is best (this kit's convention):
    shares x 100; complaint rate and price sensitivity (mean discount) as
    (1 - value) x 100, since lower is better; amount per purchase as a
    percentage of the best year in the table. The index is the weighted mean
    of the scores with :data:`INDICATOR_WEIGHTS` (this kit's weights: the
    course materials give none) or the ``weights`` given.

    Parameters
    ----------
    indicators : pandas.DataFrame
        Output of :func:`satisfaction_indicators` (columns :data:`INDICATORS`).
    weights : mapping, optional
        Weight per indicator (>= 0, not all 0); normalised to sum to 1.

    Returns
    -------
    pandas.DataFrame
        The seven scores (0-100) and an ``indicator_index`` column, per row of
        ``indicators``.

    Raises
    ------
    ValueError
        If a column or weight is missing, a value is NaN, or a weight is negative.

    Examples
    --------
    >>> ind = pd.DataFrame({"reputation": [0.8], "name_recall": [0.3], "repurchase_rate": [0.9],
    ...     "complaint_rate": [0.1], "amount_per_purchase": [5000.0], "price_sensitivity": [0.08],
    ...     "referral_rate": [0.4]}, index=pd.Index([2025], name="year"))
    >>> indicator_index(ind).round(1).T
    year                  2025
    reputation              80.0
    name_recall             30.0
    repurchase_rate         90.0
    complaint_rate          90.0
    amount_per_purchase    100.0
    price_sensitivity       92.0
    referral_rate           40.0
    indicator_index         73.7
    """
    require_columns(indicators, list(INDICATORS), "indicators")
    if len(indicators) == 0:
        raise ValueError("indicators is empty")
    w = dict(INDICATOR_WEIGHTS if weights is None else weights)
    missing = [k for k in INDICATORS if k not in w]
    if missing:
        raise ValueError(f"weights is missing {', '.join(missing)}")
    for k, v in w.items():
        if k not in INDICATORS:
            raise ValueError(f"weights has an unknown indicator {k!r}; use {', '.join(INDICATORS)}")
        if check_number(v, f"weights[{k!r}]") < 0:
            raise ValueError(f"weights[{k!r}] must be >= 0, got {v!r}")
    total = sum(w.values())
    if total <= 0:
        raise ValueError("weights must not all be zero")
    cols = {k: as_numeric_series(indicators[k], f"indicators[{k!r}]") for k in INDICATORS}
    scores = pd.DataFrame(index=indicators.index)
    for k, v in cols.items():
        if k == "amount_per_purchase":
            scores[k] = 100 * v / v.max() if v.max() > 0 else 0.0
        elif k in _LOWER_IS_BETTER:
            scores[k] = 100 * (1 - v)
        else:
            scores[k] = 100 * v
    scores["indicator_index"] = sum(scores[k] * w[k] for k in INDICATORS) / total
    return scores
