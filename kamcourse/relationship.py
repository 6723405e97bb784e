"""Relationship levels, KAM stages and contact coverage (关系营销水平、大客户关系阶段、联系人覆盖).

Three ideas of the key-account chapter that describe *how close* a supplier
is to an account:

- Kotler's five levels of relationship marketing (关系营销的水平) and the
  matrix that picks a level from the number of customers and the margin,
  exactly as the course materials print it (:func:`relationship_levels`);
- the stages a key-account relationship goes through: Millman & Wilson's
  six KAM stages (:data:`KAM_STAGES`) and McDonald & Rogers' relationship
  stages (:data:`MCDONALD_ROGERS_STAGES`);
- who holds the contacts at each account: one person ("bow tie", 领结型)
  or many people across functions ("diamond", 钻石型), measured on a
  contacts table (:func:`contact_coverage`).

>>> relationship_levels("few", "high")
('partnership',)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd

from ._validate import check_choice, check_fraction, check_positive_int, require_columns

__all__ = [
    "RELATIONSHIP_LEVELS",
    "RELATIONSHIP_LEVEL_DESCRIPTIONS",
    "N_CUSTOMERS_CATEGORIES",
    "MARGIN_CATEGORIES",
    "KOTLER_MATRIX",
    "relationship_levels",
    "relationship_level_table",
    "relationship_matrix",
    "KAM_STAGES",
    "KAM_STAGE_DESCRIPTIONS",
    "MCDONALD_ROGERS_STAGES",
    "MCDONALD_ROGERS_DESCRIPTIONS",
    "kam_stages",
    "COVERAGE_MODELS",
    "contact_coverage",
]

# ---------------------------------------------------------------------------
# Kotler's five levels of relationship marketing
# ---------------------------------------------------------------------------

#: Kotler's five levels of relationship marketing, from the loosest to the closest.
RELATIONSHIP_LEVELS: tuple[str, ...] = ("basic", "reactive", "accountable", "proactive", "partnership")

#: One line per level (Kotler & Keller; CONTENT §5.4).
RELATIONSHIP_LEVEL_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "basic": "sells the product and does not follow up",
        "reactive": "sells the product and invites the customer to call with questions, comments or complaints",
        "accountable": "calls the customer shortly after the sale to check expectations were met "
        "and to ask for improvement ideas",
        "proactive": "contacts the customer from time to time with better ways to use the product "
        "or with new products",
        "partnership": "works continuously with the customer to find ways to deliver better value",
    }
)

#: Rows of Kotler's matrix: how many customers (or distributors) the firm has.
N_CUSTOMERS_CATEGORIES: tuple[str, ...] = ("many", "medium", "few")
#: Columns of Kotler's matrix: the profit margin per customer.
MARGIN_CATEGORIES: tuple[str, ...] = ("high", "medium", "low")

#: Kotler's matrix as the course materials print it: ``KOTLER_MATRIX[(n_customers, margin)]``.
KOTLER_MATRIX: Mapping[tuple[str, str], tuple[str, ...]] = MappingProxyType(
    {
        ("many", "high"): ("accountable",),
        ("many", "medium"): ("reactive",),
        ("many", "low"): ("basic", "reactive"),
        ("medium", "high"): ("proactive",),
        ("medium", "medium"): ("accountable",),
        ("medium", "low"): ("reactive",),
        ("few", "high"): ("partnership",),
        ("few", "medium"): ("proactive",),
        ("few", "low"): ("accountable",),
    }
)


def relationship_levels(n_customers: str, margin: str) -> tuple[str, ...]:
    """Recommended relationship level(s) for a number of customers and a margin (关系营销的水平).

    Kotler's matrix: the fewer the customers and the higher the margin, the
    closer the relationship worth paying for. Exactly as the course materials
    print it (rows = number of customers, columns = margin)::

                  high margin   medium margin   low margin
        many      accountable   reactive        basic or reactive
        medium    proactive     accountable     reactive
        few       partnership   proactive       accountable

    Source: Kotler, *Marketing Management* (9th/10th ed.); the course
    materials' table "关系营销的水平" prints the same cells (CONTENT §5.4).

    Parameters
    ----------
    n_customers : {"many", "medium", "few"}
        How many customers (or distributors) the firm serves (顾客或分销商数量).
    margin : {"high", "medium", "low"}
        The profit margin per customer (利润水平).

    Returns
    -------
    tuple of str
        One level, or two when the materials print "basic or reactive";
        keys of :data:`RELATIONSHIP_LEVELS` (read them with ``i18n.label``).

    Raises
    ------
    ValueError
        If a category is unknown; the message lists the valid ones.

    Examples
    --------
    >>> relationship_levels("many", "low")
    ('basic', 'reactive')
    >>> relationship_levels("medium", "medium")
    ('accountable',)
    >>> relationship_levels("lots", "high")
    Traceback (most recent call last):
    ...
    ValueError: n_customers must be one of 'many', 'medium', 'few'; got 'lots'
    """
    check_choice(n_customers, "n_customers", N_CUSTOMERS_CATEGORIES)
    check_choice(margin, "margin", MARGIN_CATEGORIES)
    return KOTLER_MATRIX[(n_customers, margin)]


def relationship_level_table(language: str | None = None) -> pd.DataFrame:
    """Kotler's five levels of relationship marketing as a table (关系营销的五种水平).

    From the loosest to the closest: basic (基本型), reactive (反应型),
    accountable (责任型), proactive (积极型), partnership (合伙型)
    (Kotler & Keller; Chinese names as in the course materials; CONTENT §5.4).

    Parameters
    ----------
    language : {"en", "zh"}, optional
        Language of the ``name`` and ``description`` columns; the current language by default.

    Returns
    -------
    pandas.DataFrame
        Index ``level`` (keys of :data:`RELATIONSHIP_LEVELS`), columns ``step``
        (1 … 5), ``name`` and ``description``.

    Raises
    ------
    ValueError
        If ``language`` is unknown.

    Examples
    --------
    >>> relationship_level_table("zh").loc["accountable", "name"]
    '责任型'
    >>> relationship_level_table("en")["step"].tolist()
    [1, 2, 3, 4, 5]
    """
    return _stage_table(RELATIONSHIP_LEVELS, "level", language)


def _stage_table(keys: tuple[str, ...], index_name: str, language: str | None) -> pd.DataFrame:
    from . import i18n

    if language is not None:
        check_choice(language, "language", i18n.LANGUAGES)
    return pd.DataFrame(
        {
            "step": range(1, len(keys) + 1),
            "name": [i18n.label(k, language) for k in keys],
            "description": [i18n.label(f"{k}_desc", language) for k in keys],
        },
        index=pd.Index(list(keys), name=index_name),
    )


def _cell_text(levels: tuple[str, ...], language: str | None = None) -> str:
    """Readable text of a matrix cell: "accountable", or "basic or reactive"."""
    from . import i18n

    names = [i18n.label(level, language) for level in levels]
    if len(names) == 1:
        return names[0]
    return i18n.label("either_or", language).format(a=names[0], b=names[1])


def relationship_matrix(language: str | None = None) -> pd.DataFrame:
    """Kotler's relationship-level matrix as a 3 × 3 table of readable labels (关系营销水平矩阵).

    Each cell names the level(s) of :func:`relationship_levels` in the
    requested language ("basic or reactive" where the materials give two) (Kotler; course materials, CONTENT §5.4).

    Parameters
    ----------
    language : {"en", "zh"}, optional
        Language of the labels; the current :mod:`kamcourse.i18n` language by default.

    Returns
    -------
    pandas.DataFrame
        Index: the number-of-customers keys ``many, medium, few``;
        columns: the margin keys ``high, medium, low``.

    Raises
    ------
    ValueError
        If ``language`` is not ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> relationship_matrix("en").loc["many", "low"]
    'basic or reactive'
    >>> relationship_matrix("zh").loc["few", "high"]
    '合伙型'
    """
    from . import i18n

    if language is not None:
        check_choice(language, "language", i18n.LANGUAGES)
    rows = {n: [_cell_text(KOTLER_MATRIX[(n, m)], language) for m in MARGIN_CATEGORIES] for n in N_CUSTOMERS_CATEGORIES}
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(MARGIN_CATEGORIES))


# ---------------------------------------------------------------------------
# KAM relationship stages
# ---------------------------------------------------------------------------

#: Millman & Wilson's relational development model of KAM, in order.
KAM_STAGES: tuple[str, ...] = (
    "pre_kam",
    "early_kam",
    "mid_kam",
    "partnership_kam",
    "synergistic_kam",
    "uncoupling_kam",
)

#: One line per Millman & Wilson stage (stage order sourced; the one-line contents are
#: the usual textbook reading, CONTENT §5.1).
KAM_STAGE_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "pre_kam": "spot which accounts have key-account potential and prepare",
        "early_kam": "explore collaboration; one of several suppliers; the salesperson-buyer "
        "link dominates (bow tie)",
        "mid_kam": "more trust and more contacts across functions; preferred-supplier status",
        "partnership_kam": "the customer treats the supplier as an external resource; "
        "shared information and joint problem solving",
        "synergistic_kam": "quasi-integration: the two firms create joint value beyond the partnership",
        "uncoupling_kam": "disengagement, possible at any stage (breach of trust, change of strategy)",
    }
)

#: McDonald & Rogers' relationship stages, in order (plus disintegration, possible at any stage).
MCDONALD_ROGERS_STAGES: tuple[str, ...] = (
    "exploratory_kam",
    "basic_kam",
    "cooperative_kam",
    "interdependent_kam",
    "integrated_kam",
    "disintegrating_kam",
)

#: One line per McDonald & Rogers stage (McDonald's definitions, CONTENT §5.2).
MCDONALD_ROGERS_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "exploratory_kam": "supplier and customer size each other up; little or no business yet",
        "basic_kam": "some transactional business",
        "cooperative_kam": "regular business, maybe preferred supplier but one of many; price still matters",
        "interdependent_kam": "multi-function, multi-level links, but the customer could still exit",
        "integrated_kam": "systems interlinked; exit is hard for both",
        "disintegrating_kam": "the relationship comes apart, possible at any stage",
    }
)


def kam_stages(model: str = "millman_wilson", language: str | None = None) -> pd.DataFrame:
    """The stages of a key-account relationship as a table (大客户关系发展阶段).

    Two models of how a supplier–key-account relationship develops:

    - ``"millman_wilson"``: pre-KAM → early-KAM → mid-KAM → partnership-KAM →
      synergistic-KAM, with uncoupling-KAM possible at any point
      (Millman & Wilson 1995, 1996);
    - ``"mcdonald_rogers"``: exploratory → basic → cooperative →
      interdependent → integrated, with disintegrating possible at any point
      (McDonald & Rogers 1998).

    The order of the stages is sourced (CONTENT §5.1, §5.2); the one-line
    descriptions are the usual textbook reading.

    Parameters
    ----------
    model : {"millman_wilson", "mcdonald_rogers"}
        Which model.
    language : {"en", "zh"}, optional
        Language of the ``name`` and ``description`` columns; the current language by default.

    Returns
    -------
    pandas.DataFrame
        One row per stage in order, index ``stage`` (keys), columns
        ``step`` (1, 2, ...), ``name`` and ``description``.

    Raises
    ------
    ValueError
        If ``model`` or ``language`` is unknown.

    Examples
    --------
    >>> kam_stages().index.tolist()[:3]
    ['pre_kam', 'early_kam', 'mid_kam']
    >>> int(kam_stages("mcdonald_rogers", "en").loc["integrated_kam", "step"])
    5
    """
    check_choice(model, "model", ("millman_wilson", "mcdonald_rogers"))
    keys = KAM_STAGES if model == "millman_wilson" else MCDONALD_ROGERS_STAGES
    return _stage_table(keys, "stage", language)


# ---------------------------------------------------------------------------
# Contact coverage: bow tie or diamond
# ---------------------------------------------------------------------------

#: The two contact models (Cheverton; McDonald & Rogers): one knot, or many links.
COVERAGE_MODELS: tuple[str, ...] = ("bow_tie", "diamond")


def contact_coverage(
    contacts: pd.DataFrame,
    staff: pd.DataFrame | None = None,
    *,
    bow_tie_share: float = 0.8,
    min_owners: int = 3,
    as_of: str | pd.Timestamp | None = None,
    customer_col: str = "customer_id",
    owner_col: str = "staff_id",
) -> pd.DataFrame:
    """Who holds each account's contacts: bow tie (领结型) or diamond (钻石型) coverage.

    In a **bow tie** all traffic between supplier and account runs through one
    knot, usually the account manager; if that person leaves, the relationship
    can leave with them (the course materials' "runaway horse" case). In a
    **diamond** many people on each side know each other, function to
    function (Cheverton; McDonald & Rogers 1998; CONTENT §5.3).

    For each account, with ``n`` its contacts and the *key person* the staff
    member holding the most of them (ties: the smallest staff id)::

        key_person_share = contacts held by the key person / n
        model            = "bow_tie"  if n_owners < min_owners or key_person_share >= bow_tie_share
                           "diamond"  otherwise
        key_person_risk  = model == "bow_tie"   (or, with ``staff``, the key person has left)

    The thresholds are this kit's convention, not numbers from a source: one
    person holding 80% or more of the contacts is the knot, and a diamond
    needs at least three of our people linked to the account (say sales,
    service and technical); a second person alone is a back-up, not a diamond.

    Parameters
    ----------
    contacts : pandas.DataFrame
        One row per customer-side contact, with the account (``customer_col``)
        and the staff member of ours who holds the relationship (``owner_col``).
    staff : pandas.DataFrame, optional
        Staff table with ``staff_id`` and ``leave_date`` (NaT while employed).
        When given, the result also says whether the key person has left and
        how many of the account's owners have left, and a key person who has
        left counts as a risk even in a diamond.
    bow_tie_share : float
        Share of the contacts (in (0, 1]) at or above which one person is the knot.
    min_owners : int
        Fewer distinct owners than this is a bow tie whatever the shares.
    as_of : date-like, optional
        With ``staff``: a leave date after ``as_of`` does not count as gone yet.
        By default any recorded leave date counts.
    customer_col, owner_col : str
        Column names of the account and of the staff member in ``contacts``.

    Returns
    -------
    pandas.DataFrame
        One row per account (index = account id, sorted), columns
        ``n_contacts``, ``n_owners``, ``key_person``, ``key_person_share``,
        ``model`` (``"bow_tie"``/``"diamond"``), ``key_person_risk`` (bool);
        with ``staff`` also ``key_person_left`` (bool) and ``owners_left``.

    Raises
    ------
    TypeError
        If ``contacts`` (or ``staff``) is not a DataFrame.
    ValueError
        If a column is missing (the message lists those present), if an account
        or owner is missing (NaN), if a contact's owner is not in ``staff``, or
        if a threshold is out of range.

    Examples
    --------
    >>> contacts = pd.DataFrame({
    ...     "customer_id": ["C1", "C1", "C1", "C2", "C2", "C2", "C2"],
    ...     "staff_id":    ["S1", "S1", "S1", "S1", "S2", "S3", "S2"]})
    >>> table = contact_coverage(contacts)
    >>> table[["n_contacts", "n_owners", "key_person", "model", "key_person_risk"]]
                 n_contacts  n_owners key_person    model  key_person_risk
    customer_id
    C1                    3         1         S1  bow_tie             True
    C2                    4         3         S2  diamond            False
    >>> staff = pd.DataFrame({"staff_id": ["S1", "S2", "S3"],
    ...                       "leave_date": pd.to_datetime(["2024-06-30", None, None])})
    >>> contact_coverage(contacts, staff)[["key_person_left", "owners_left"]]
                 key_person_left  owners_left
    customer_id
    C1                      True            1
    C2                     False            1
    >>> contact_coverage(contacts.rename(columns={"staff_id": "owner"}))
    Traceback (most recent call last):
    ...
    ValueError: contacts is missing column(s) 'staff_id'; columns present: customer_id, owner
    """
    require_columns(contacts, [customer_col, owner_col], "contacts")
    share = check_fraction(bow_tie_share, "bow_tie_share", low=0.0, high=1.0, low_open=True)
    min_owners = check_positive_int(min_owners, "min_owners")
    for col in (customer_col, owner_col):
        missing = contacts[col].isna()
        if missing.any():
            first = contacts.index[missing.to_numpy()][0]
            raise ValueError(
                f"contacts[{col!r}] has {int(missing.sum())} missing value(s), first in row {first!r}; "
                "every contact needs an account and an owner"
            )

    counts = contacts.groupby([customer_col, owner_col], sort=True).size().rename("held").reset_index()
    # the key person: most contacts, ties broken by the smallest owner id (counts is sorted by id)
    counts = counts.sort_values([customer_col, "held"], ascending=[True, False], kind="stable")
    top = counts.drop_duplicates(customer_col, keep="first").set_index(customer_col)
    n_contacts = counts.groupby(customer_col)["held"].sum()
    n_owners = counts.groupby(customer_col)[owner_col].nunique()

    table = pd.DataFrame(
        {
            "n_contacts": n_contacts.astype(int),
            "n_owners": n_owners.astype(int),
            "key_person": top[owner_col],
            "key_person_share": top["held"] / n_contacts,
        }
    )
    table.index.name = customer_col
    bow_tie = (table["n_owners"] < min_owners) | (table["key_person_share"] >= share - 1e-12)
    table["model"] = bow_tie.map({True: "bow_tie", False: "diamond"})
    table["key_person_risk"] = bow_tie.astype(bool)

    if staff is not None:
        require_columns(staff, ["staff_id", "leave_date"], "staff")
        leave = pd.to_datetime(staff.set_index("staff_id")["leave_date"], errors="raise")
        unknown = sorted(set(counts[owner_col]) - set(leave.index), key=str)
        if unknown:
            raise ValueError(
                f"contacts[{owner_col!r}] holds staff id(s) not in staff: {', '.join(map(repr, unknown[:5]))}"
            )
        gone = leave.notna()
        if as_of is not None:
            gone = gone & (leave <= pd.Timestamp(as_of))
        gone_ids = set(gone[gone].index)
        table["key_person_left"] = table["key_person"].isin(gone_ids).astype(bool)
        counts["left"] = counts[owner_col].isin(gone_ids)
        table["owners_left"] = counts.groupby(customer_col)["left"].sum().astype(int)
        table["key_person_risk"] = table["key_person_risk"] | table["key_person_left"]
    return table
