"""Customer development (客户开发): prospecting methods, funnel economics, the pipeline.

The course materials split customer development into a *marketing-oriented*
strategy (营销导向: attractive product, price, place and promotion make
customers come by themselves, "pull") and a *selling-oriented* one (推销导向:
the firm finds target customers and persuades them, "push"), and list the
methods of finding them (寻找客户的方法). This module holds:

- :data:`PROSPECTING_METHODS`: the ten methods, bilingual, with pros and cons;
- :func:`prospecting_funnel`: contacts -> qualified leads -> customers, the
  cost per customer and the first-year ROI of a budget (per method if asked);
- :func:`method_comparison`: the same numbers measured in a prospects table;
- :func:`pipeline_stages`, :func:`pipeline_summary`: stage conversion, win
  rate and cycle time of the opportunity pipeline (销售漏斗/商机管道);
- :func:`development_orientation`, :func:`acquisition_value`: marketing- vs
  selling-oriented development, and what the customers it brought are worth.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._validate import as_numeric_series, check_fraction, check_no_nan, require_columns

__all__ = [
    "PROSPECTING_METHODS",
    "FUNNEL_STAGES",
    "PIPELINE_STAGES",
    "ORIENTATION",
    "prospecting_methods",
    "prospecting_funnel",
    "method_comparison",
    "pipeline_stages",
    "pipeline_summary",
    "development_orientation",
    "acquisition_value",
]

#: Funnel stages of a prospecting campaign, in order.
FUNNEL_STAGES: tuple[str, ...] = ("contacts", "leads", "customers")

#: Stages of the opportunity pipeline (商机阶段), in order; a closed deal ends in
#: ``"closed_won"`` or ``"closed_lost"``.
PIPELINE_STAGES: tuple[str, ...] = ("prospecting", "qualification", "proposal", "negotiation", "closed_won")

#: Development orientation of each prospecting method (this kit's convention):
#: advertising and trade shows put the offer in front of buyers who then come
#: forward (营销导向, "pull" by promotion); the other methods have the
#: salesperson find and persuade prospects (推销导向, "push").
ORIENTATION: dict[str, str] = {
    "door_to_door": "selling_oriented",
    "consulting": "selling_oriented",
    "bird_dog": "selling_oriented",
    "center_of_influence": "selling_oriented",
    "referral_chain": "selling_oriented",
    "directories": "selling_oriented",
    "advertising": "marketing_oriented",
    "trade_shows": "marketing_oriented",
    "personal_observation": "selling_oriented",
    "online": "selling_oriented",
}

_KIT = "kit_summary"
_CM = "definition: course materials (客户关系管理第四章课后练习)"
_CANVASS = "English name: yourarticlelibrary.com/?p=1987; preservearticles.com (8 methods of prospecting)"

_METHOD_ROWS: list[dict[str, str]] = [
    {
        "key": "door_to_door",
        "en": "door-to-door canvassing",
        "zh": "逐户访问法",
        "definition": "Visit every firm in a chosen area that may need the product, one after another, without selection (cold canvassing).",
        "definition_zh": "又称地毯式寻找法：在选定区域内对可能有需求的企业逐一上门拜访，不加挑选。",
        "pros": "wide coverage, no prospect is missed; builds the salesperson's experience and market knowledge; brings out hidden objections",
        "cons": "blind and costly in time and effort; high rejection rate hurts morale; intrusive; buyers may be busy or absent",
        "pros_zh": "覆盖面广，不遗漏潜在客户；积累推销经验和市场知识；能发现潜在异议",
        "cons_zh": "盲目性大，耗费时间和精力；拒绝率高，打击士气；容易打扰客户，客户可能不在或没空",
        "source": f"{_CM}; {_CANVASS}; pros: yourarticlelibrary.com; cons: cold-canvassing text (th4.ilovetranslation.com)",
        "status": "sourced",
    },
    {
        "key": "consulting",
        "en": "consulting / information services",
        "zh": "咨询寻找法",
        "definition": "Use the paid services of information agencies, consultancies, trade associations or government bodies to obtain lists of target customers.",
        "definition_zh": "利用信息服务机构提供的有偿咨询服务来寻找目标客户。",
        "pros": "professional and fast; saves the salesperson's time",
        "cons": "costs money; quality and freshness vary; the salesperson stays passive",
        "pros_zh": "专业、快捷，节省推销人员的时间",
        "cons_zh": "需要付费；信息质量和时效参差不齐；比较被动",
        "source": _CM,
        "status": _KIT,
    },
    {
        "key": "bird_dog",
        "en": "bird-dog (spotter) method",
        "zh": "委托助手法（猎犬法）",
        "definition": "Pay helpers who are in touch with target customers (service staff, insiders) to spot and introduce prospects; the salesperson follows up.",
        "definition_zh": "又称“猎犬”法：委托与目标客户有联系的人士协助寻找目标客户，推销人员再跟进。",
        "pros": "widens reach at low fixed cost; brings market intelligence",
        "cons": "helpers vary in quality and may be passive or unreliable; commissions to pay; hard to control",
        "pros_zh": "以较低的固定成本扩大覆盖面；能获得市场情报",
        "cons_zh": "助手素质参差不齐，可能消极或不可靠；需支付佣金；难以控制",
        "source": _CM,
        "status": _KIT,
    },
    {
        "key": "center_of_influence",
        "en": "center of influence",
        "zh": "中心开花法",
        "definition": "Win an influential person or organisation in a target group as a customer, then use their influence to turn the rest of the group into customers.",
        "definition_zh": "在特定目标客户群中选择有影响的人物或组织，使其成为客户，借助其影响把该群体中的其他对象转化为现实客户。",
        "pros": "strong leverage and credibility; saves effort",
        "cons": "the key person is hard to find and win; depends on one person; harm spreads if that person turns negative",
        "pros_zh": "借力使力，可信度高，省时省力",
        "cons_zh": "中心人物难找难争取；过于依赖一个人；中心人物态度转变时负面影响也会扩散",
        "source": f"{_CM}; English name: yourarticlelibrary.com; preservearticles.com",
        "status": _KIT,
    },
    {
        "key": "referral_chain",
        "en": "referral (endless chain)",
        "zh": "连锁介绍法",
        "definition": "Ask each current customer or contact for the names of others who may buy, and continue the chain with each new one.",
        "definition_zh": "请每一位现有客户或联系人介绍其他可能购买的客户，并不断延续下去（无限连锁介绍）。",
        "pros": "warm, pre-qualified leads; the referral adds credibility; high close rate",
        "cons": "depends on the referrer's willingness and the seller's goodwill; hard to plan; the salesperson is passive",
        "pros_zh": "线索有温度、已初步筛选；有介绍人的信誉背书；成交率高",
        "cons_zh": "取决于介绍人的意愿和企业的口碑；难以计划；推销人员较被动",
        "source": "English name: yourarticlelibrary.com; preservearticles.com (endless chain)",
        "status": _KIT,
    },
    {
        "key": "directories",
        "en": "directories and records",
        "zh": "资料查阅法",
        "definition": "Search directories, trade registers, statistics, the press and websites for firms that fit the target profile.",
        "definition_zh": "查阅名录、黄页、工商登记、统计资料、报刊和网站等资料来寻找目标客户。",
        "pros": "cheap, fast and broad; prepares the first call",
        "cons": "data may be outdated or incomplete; needs screening",
        "pros_zh": "成本低、速度快、范围广；为拜访做好准备",
        "cons_zh": "资料可能过时或不完整；需要筛选",
        "source": "CONTENT §6 (textbook table)",
        "status": _KIT,
    },
    {
        "key": "advertising",
        "en": "advertising (direct response)",
        "zh": "广告开拓法",
        "definition": "Advertise to the target market, then follow up those who respond.",
        "definition_zh": "通过广告向目标市场传播信息，再跟进有回应的客户。",
        "pros": "large reach; prospects select themselves",
        "cons": "expensive; the response is hard to measure",
        "pros_zh": "覆盖面大；客户自我筛选",
        "cons_zh": "费用高；效果难以衡量",
        "source": "CONTENT §6 (textbook table)",
        "status": _KIT,
    },
    {
        "key": "trade_shows",
        "en": "trade shows and conferences",
        "zh": "会议/展会寻找法",
        "definition": "Meet and collect prospects at trade fairs, exhibitions and industry conferences.",
        "definition_zh": "在展销会、交易会和行业会议上结识并收集潜在客户。",
        "pros": "many qualified prospects at once, face to face",
        "cons": "costly; short contacts; needs follow-up",
        "pros_zh": "一次接触大量合格的潜在客户，面对面交流",
        "cons_zh": "费用高；接触时间短；需要后续跟进",
        "source": "yourarticlelibrary.com (names obtained at exhibitions and fairs)",
        "status": _KIT,
    },
    {
        "key": "personal_observation",
        "en": "personal observation",
        "zh": "个人观察法",
        "definition": "The salesperson spots prospects through their own observation of the market.",
        "definition_zh": "推销人员凭借自己对市场的观察和判断发现潜在客户。",
        "pros": "cheap; builds market sensitivity",
        "cons": "depends on individual skill; limited scale",
        "pros_zh": "成本低；培养市场敏感度",
        "cons_zh": "依赖个人能力；规模有限",
        "source": "CONTENT §6 (textbook table)",
        "status": _KIT,
    },
    {
        "key": "online",
        "en": "online prospecting",
        "zh": "网络寻找法",
        "definition": "Find prospects with search engines, company websites and social media.",
        "definition_zh": "利用搜索引擎、企业网站和社交媒体寻找潜在客户。",
        "pros": "fast and cheap",
        "cons": "information noise; privacy limits",
        "pros_zh": "快速、便宜",
        "cons_zh": "信息噪声大；受隐私保护的限制",
        "source": "peritumagri.com (e-prospecting)",
        "status": _KIT,
    },
]

#: The ten prospecting methods (寻找客户的方法): key, en, zh, definition,
#: definition_zh, pros, cons, pros_zh, cons_zh, source, status. ``key`` is the
#: value used in the prospects table's ``method`` column. ``status`` says how
#: far the pros and cons are sourced: ``"sourced"`` (English points found in
#: the cited source) or ``"kit_summary"`` (this kit's summary of standard
#: textbook points, unconfirmed). The Chinese pros/cons wording is always this
#: kit's own; ``source`` names where the name and definition come from.
PROSPECTING_METHODS: pd.DataFrame = pd.DataFrame(_METHOD_ROWS).astype(object)



def prospecting_methods(language: str | None = None) -> pd.DataFrame:
    """The prospecting methods (寻找客户的方法) in one language, for reading.

    :data:`PROSPECTING_METHODS` holds both languages side by side; this gives
    the columns name, definition, pros, cons and status in English or Chinese.
    ``status`` says whether the pros and cons were found in a source
    (``"sourced"``) or are this kit's summary of standard textbook points
    (``"kit_summary"``).

    Parameters
    ----------
    language : {"en", "zh"}, optional
        Default the current language (:func:`kamcourse.i18n.get_language`).

    Returns
    -------
    pandas.DataFrame
        Index ``method`` (the keys used in the prospects table).

    Raises
    ------
    ValueError
        If ``language`` is not "en" or "zh".

    Examples
    --------
    >>> prospecting_methods("zh").loc["center_of_influence", "name"]
    '中心开花法'
    >>> prospecting_methods("en").loc["door_to_door", "status"]
    'sourced'
    """
    from . import i18n
    from ._validate import check_choice

    lang = i18n.get_language() if language is None else check_choice(language, "language", i18n.LANGUAGES)
    sfx = "_zh" if lang == "zh" else ""
    t = PROSPECTING_METHODS.set_index("key")
    out = pd.DataFrame({
        "name": t[lang], "definition": t["definition" + sfx], "pros": t["pros" + sfx],
        "cons": t["cons" + sfx], "status": t["status"],
    })
    out.index.name = "method"
    return out


_PLAN_FIELDS = ("budget", "cost_per_contact", "qualification_rate", "win_rate", "revenue_per_customer", "margin")


def _plan_frame(values: dict[str, Any]) -> pd.DataFrame:
    """Broadcast scalars and per-method Series/dicts into one table."""
    series = {k: (pd.Series(v) if isinstance(v, Mapping) else v) for k, v in values.items()}
    keyed = {k: v for k, v in series.items() if isinstance(v, pd.Series)}
    if not keyed:
        return pd.DataFrame({k: [v] for k, v in series.items()}, index=pd.Index(["plan"], name="method"))
    first_name, first = next(iter(keyed.items()))
    index = first.index
    for name, s in keyed.items():
        missing = [k for k in index if k not in s.index]
        extra = [k for k in s.index if k not in index]
        if missing or extra or len(s) != len(index):
            raise ValueError(
                f"{name} and {first_name} must cover the same methods; "
                f"{name} lacks {missing} and has extra {extra}"
            )
    frame = pd.DataFrame({k: (v.reindex(index) if isinstance(v, pd.Series) else v) for k, v in series.items()}, index=index)
    frame.index.name = index.name or "method"
    return frame


def prospecting_funnel(
    budget: Any,
    cost_per_contact: Any = None,
    qualification_rate: Any = None,
    win_rate: Any = None,
    revenue_per_customer: Any = None,
    margin: Any = 1.0,
) -> pd.DataFrame:
    """Funnel economics of a prospecting budget (客户开发漏斗与投资回报).

    A budget buys contacts; some contacts qualify as leads; some leads are
    won as customers; each customer brings first-year revenue, of which the
    gross margin is profit::

        contacts  = budget / cost_per_contact
        leads     = contacts x qualification_rate
        customers = leads x win_rate
        cost_per_customer = budget / customers
        first_year_profit = customers x revenue_per_customer x margin
        roi = (first_year_profit - budget) / budget

    The counts are expected values (fractions allowed). The formulas are the
    standard funnel arithmetic; first-year ROI ignores later years, so it
    understates methods that bring loyal customers (this kit's convention).

    Parameters
    ----------
    budget : float, Series/dict per method, or DataFrame
        Money to spend (> 0). A DataFrame gives every parameter as a column
        (``budget``, ``cost_per_contact``, ``qualification_rate``,
        ``win_rate``, ``revenue_per_customer``, optional ``margin``), one row
        per method.
    cost_per_contact : float or Series/dict per method
        Cost of one contact (> 0).
    qualification_rate, win_rate : float or Series/dict per method
        Share of contacts that become qualified leads, share of leads won; [0, 1].
    revenue_per_customer : float or Series/dict per method
        First-year revenue of a won customer (>= 0).
    margin : float or Series/dict per method, default 1.0
        Gross margin on that revenue, [0, 1]; 1.0 gives a revenue ROI.

    Returns
    -------
    pandas.DataFrame
        One row per method (``"plan"`` when every parameter is a number):
        budget, contacts, leads, customers, cost_per_contact, cost_per_lead,
        cost_per_customer (inf when no customer is won), first_year_revenue,
        first_year_profit, roi.

    Raises
    ------
    TypeError
        If a parameter is not a number.
    ValueError
        If a parameter is missing, out of range, NaN, or the per-method
        parameters do not cover the same methods.

    Examples
    --------
    >>> f = prospecting_funnel(budget=50_000, cost_per_contact=250, qualification_rate=0.3,
    ...                        win_rate=0.25, revenue_per_customer=40_000, margin=0.3)
    >>> f.loc["plan", ["contacts", "leads", "customers", "cost_per_customer", "roi"]].round(2).tolist()
    [200.0, 60.0, 15.0, 3333.33, 2.6]
    >>> prospecting_funnel(budget={"referral_chain": 10_000, "trade_shows": 10_000},
    ...                    cost_per_contact={"referral_chain": 100, "trade_shows": 400},
    ...                    qualification_rate=0.5, win_rate=0.2, revenue_per_customer=20_000)["customers"]
    method
    referral_chain    10.0
    trade_shows        2.5
    Name: customers, dtype: float64
    """
    if isinstance(budget, pd.DataFrame):
        plan = budget
        require_columns(plan, [f for f in _PLAN_FIELDS if f != "margin"], "budget")
        if len(plan) == 0:
            raise ValueError("budget (the plan table) is empty")
        plan = plan[[f for f in _PLAN_FIELDS if f in plan.columns]].copy()
        if "margin" not in plan.columns:
            plan["margin"] = margin
    else:
        given = dict(zip(_PLAN_FIELDS, (budget, cost_per_contact, qualification_rate, win_rate, revenue_per_customer, margin)))
        for name, value in given.items():
            if value is None:
                raise ValueError(f"{name} is required (a number, or one per method)")
        plan = _plan_frame(given)
    checked = {}
    for name in _PLAN_FIELDS:
        s = as_numeric_series(plan[name], name)
        for label, v in s.items():
            where = f"{name}[{label!r}]" if len(s) > 1 or label != "plan" else name
            if name in ("budget", "cost_per_contact"):
                if v <= 0:
                    raise ValueError(f"{where} must be greater than 0, got {v:g}")
            elif name == "revenue_per_customer":
                if v < 0:
                    raise ValueError(f"{where} must not be negative, got {v:g}")
            else:
                check_fraction(v, where)
        checked[name] = s
    b = checked["budget"]
    out = pd.DataFrame(index=plan.index)
    out["budget"] = b
    out["contacts"] = b / checked["cost_per_contact"]
    out["leads"] = out["contacts"] * checked["qualification_rate"]
    out["customers"] = out["leads"] * checked["win_rate"]
    out["cost_per_contact"] = checked["cost_per_contact"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["cost_per_lead"] = np.where(out["leads"] > 0, b / out["leads"].where(out["leads"] > 0, 1), np.inf)
        out["cost_per_customer"] = np.where(
            out["customers"] > 0, b / out["customers"].where(out["customers"] > 0, 1), np.inf
        )
    out["first_year_revenue"] = out["customers"] * checked["revenue_per_customer"]
    out["first_year_profit"] = out["first_year_revenue"] * checked["margin"]
    out["roi"] = (out["first_year_profit"] - b) / b
    return out


def _flag(values: pd.Series, name: str) -> pd.Series:
    """A yes/no column (bool or 0/1) as 0/1 integers; NaN and other values raise."""
    check_no_nan(values, name)
    ok = values.isin([True, False, 0, 1])
    if not ok.all():
        raise ValueError(f"{name} must be True/False or 0/1, got {values[~ok].iloc[0]!r}")
    return values.astype(int)


def method_comparison(
    prospects: pd.DataFrame,
    margin: float = 1.0,
    method_col: str = "method",
) -> pd.DataFrame:
    """Compare prospecting methods on a prospects table (寻找客户方法的比较).

    For each method: how many prospects were found, contacted, qualified and
    won, what it cost, and what the won customers bought in their first year::

        cost_per_contact   = cost / contacts
        qualification_rate = leads / contacts
        win_rate           = customers / leads
        conversion         = customers / contacts
        cost_per_customer  = cost / customers
        roi = (first_year_revenue x margin - cost) / cost

    The columns ``cost_per_contact``, ``qualification_rate``, ``win_rate`` and
    ``revenue_per_customer`` plug straight into :func:`prospecting_funnel` to
    ask "what would another budget buy?".

    Parameters
    ----------
    prospects : pandas.DataFrame
        One row per prospect with columns ``method``, ``cost``, ``contacted``,
        ``qualified``, ``won`` (booleans or 0/1) and ``first_year_revenue``.
    margin : float, default 1.0
        Gross margin in [0, 1] applied to first-year revenue for the ROI.
    method_col : str, default "method"
        The method column.

    Returns
    -------
    pandas.DataFrame
        Index ``method``; columns prospects, contacts, leads, customers, cost,
        cost_per_contact, qualification_rate, win_rate, conversion,
        cost_per_customer, first_year_revenue, revenue_per_customer, roi.
        Ratios with a zero denominator are NaN (cost_per_customer inf).

    Raises
    ------
    ValueError
        If a column is missing (named, with those present), the table is
        empty, holds NaN, or a won prospect was not qualified/contacted.

    Examples
    --------
    >>> p = pd.DataFrame({
    ...     "method": ["referral_chain"] * 3 + ["door_to_door"] * 3,
    ...     "cost": [100, 100, 100, 300, 300, 300],
    ...     "contacted": [1, 1, 1, 1, 1, 0],
    ...     "qualified": [1, 1, 0, 1, 0, 0],
    ...     "won": [1, 0, 0, 0, 0, 0],
    ...     "first_year_revenue": [5000, 0, 0, 0, 0, 0],
    ... })
    >>> method_comparison(p)[["contacts", "leads", "customers", "cost_per_customer"]]
                    contacts  leads  customers  cost_per_customer
    method
    referral_chain         3      2          1              300.0
    door_to_door           2      1          0                inf
    """
    cols = [method_col, "cost", "contacted", "qualified", "won", "first_year_revenue"]
    require_columns(prospects, cols, "prospects")
    if len(prospects) == 0:
        raise ValueError("prospects is empty; it needs at least one prospect")
    m = check_fraction(margin, "margin")
    check_no_nan(prospects[method_col], f"prospects[{method_col!r}]")
    flags = {col: _flag(prospects[col], f"prospects[{col!r}]") for col in ("contacted", "qualified", "won")}
    if ((flags["qualified"] > flags["contacted"]) | (flags["won"] > flags["qualified"])).any():
        raise ValueError("prospects has a won or qualified prospect that was not contacted/qualified first")
    cost = as_numeric_series(prospects["cost"], "prospects['cost']", allow_negative=False)
    revenue = as_numeric_series(
        prospects["first_year_revenue"], "prospects['first_year_revenue']", allow_negative=False
    )
    frame = pd.DataFrame(
        {
            "prospects": 1,
            "contacts": flags["contacted"],
            "leads": flags["qualified"],
            "customers": flags["won"],
            "cost": cost,
            "first_year_revenue": revenue,
        },
        index=prospects.index,
    )
    g = frame.groupby(prospects[method_col].rename("method"), sort=False).sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        g["cost_per_contact"] = g["cost"] / g["contacts"].replace(0, np.nan)
        g["qualification_rate"] = g["leads"] / g["contacts"].replace(0, np.nan)
        g["win_rate"] = g["customers"] / g["leads"].replace(0, np.nan)
        g["conversion"] = g["customers"] / g["contacts"].replace(0, np.nan)
        g["cost_per_customer"] = np.where(g["customers"] > 0, g["cost"] / g["customers"].clip(lower=1), np.inf)
        g["revenue_per_customer"] = g["first_year_revenue"] / g["customers"].replace(0, np.nan)
        g["roi"] = (g["first_year_revenue"] * m - g["cost"]) / g["cost"].replace(0, np.nan)
    order = [
        "prospects", "contacts", "leads", "customers", "cost", "cost_per_contact", "qualification_rate",
        "win_rate", "conversion", "cost_per_customer", "first_year_revenue", "revenue_per_customer", "roi",
    ]
    return g[order]


def pipeline_stages(opportunities: pd.DataFrame, include_open: bool = False) -> pd.DataFrame:
    """How far opportunities get: stage-to-stage conversion of the pipeline (商机阶段转化).

    An opportunity *reached* a stage if its furthest stage is that stage or a
    later one (a won deal reached every stage). Per stage::

        reached            = opportunities whose furthest stage >= the stage
        share_of_created   = reached / all opportunities counted
        stage_conversion   = reached(next stage) / reached(this stage)

    Open opportunities are still moving, so counting them would understate
    conversion: by default only closed ones count (this kit's convention).

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Columns ``furthest_stage`` (one of :data:`PIPELINE_STAGES`) and
        ``stage`` (current stage; ``"closed_won"``/``"closed_lost"`` when closed).
    include_open : bool, default False
        Count open opportunities too.

    Returns
    -------
    pandas.DataFrame
        Index ``stage`` (:data:`PIPELINE_STAGES`); columns reached,
        share_of_created, stage_conversion (NaN for the last stage).

    Raises
    ------
    ValueError
        If columns are missing, values are NaN or not known stages, or no
        opportunity is left to count.

    Examples
    --------
    >>> opp = pd.DataFrame({
    ...     "stage": ["closed_won", "closed_lost", "closed_lost", "closed_lost", "proposal"],
    ...     "furthest_stage": ["closed_won", "negotiation", "qualification", "prospecting", "proposal"]})
    >>> pipeline_stages(opp)
                   reached  share_of_created  stage_conversion
    stage
    prospecting          4              1.00          0.750000
    qualification        3              0.75          0.666667
    proposal             2              0.50          1.000000
    negotiation          2              0.50          0.500000
    closed_won           1              0.25               NaN
    """
    require_columns(opportunities, ["stage", "furthest_stage"], "opportunities")
    for col in ("stage", "furthest_stage"):
        check_no_nan(opportunities[col], f"opportunities[{col!r}]")
    closed = opportunities["stage"].isin(["closed_won", "closed_lost"])
    furthest = opportunities.loc[closed | bool(include_open), "furthest_stage"]
    unknown = sorted(set(furthest) - set(PIPELINE_STAGES))
    if unknown:
        raise ValueError(
            f"opportunities['furthest_stage'] has unknown stage(s) {unknown}; "
            f"stages are {', '.join(PIPELINE_STAGES)}"
        )
    if len(furthest) == 0:
        raise ValueError("opportunities has no closed opportunity to count (pass include_open=True?)")
    rank = furthest.map({s: i for i, s in enumerate(PIPELINE_STAGES)})
    reached = pd.Series([int((rank >= i).sum()) for i in range(len(PIPELINE_STAGES))],
                        index=pd.Index(PIPELINE_STAGES, name="stage"))
    out = pd.DataFrame({"reached": reached, "share_of_created": reached / len(furthest)})
    nxt = reached.shift(-1)
    out["stage_conversion"] = (nxt / reached.where(reached > 0)).astype(float)
    return out


def pipeline_summary(opportunities: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Win rate, deal size and sales-cycle time of the opportunity pipeline (销售漏斗指标).

    ::

        win_rate = won / closed opportunities
        cycle_days = close_date - created_date (median, for won and for lost deals)

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Columns ``stage``, ``won`` (bool), ``amount``, ``created_date``,
        ``close_date`` (NaT while open), and ``by`` if given.
    by : str, optional
        A column to group by (e.g. ``"staff_id"``); default one row ``"all"``.

    Returns
    -------
    pandas.DataFrame
        Columns opportunities, open, closed, won, win_rate, won_amount,
        mean_won_amount, cycle_days_won, cycle_days_lost.

    Raises
    ------
    ValueError
        If columns are missing, the table is empty, or a closed deal has no
        close date.

    Examples
    --------
    >>> opp = pd.DataFrame({
    ...     "stage": ["closed_won", "closed_lost", "closed_won", "proposal"],
    ...     "won": [True, False, True, False], "amount": [100.0, 50.0, 300.0, 80.0],
    ...     "created_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01", "2025-11-01"]),
    ...     "close_date": pd.to_datetime(["2025-03-02", "2025-02-21", "2025-06-29", None])})
    >>> pipeline_summary(opp).loc["all", ["closed", "won", "win_rate", "cycle_days_won", "cycle_days_lost"]].tolist()
    [3.0, 2.0, 0.6666666666666666, 90.0, 20.0]
    """
    cols = ["stage", "won", "amount", "created_date", "close_date"] + ([by] if by else [])
    require_columns(opportunities, cols, "opportunities")
    if len(opportunities) == 0:
        raise ValueError("opportunities is empty")
    closed = opportunities["stage"].isin(["closed_won", "closed_lost"])
    won = _flag(opportunities["won"], "opportunities['won']").astype(bool) & closed
    check_no_nan(opportunities["created_date"], "opportunities['created_date']")
    if opportunities.loc[closed, "close_date"].isna().any():
        first = opportunities.index[(closed & opportunities["close_date"].isna()).to_numpy()][0]
        raise ValueError(f"opportunities['close_date'] is missing for the closed deal at {first!r}")
    amount = as_numeric_series(opportunities["amount"], "opportunities['amount']", allow_negative=False)
    days = (pd.to_datetime(opportunities["close_date"]) - pd.to_datetime(opportunities["created_date"])).dt.days
    frame = pd.DataFrame({
        "opportunities": 1, "open": (~closed).astype(int), "closed": closed.astype(int), "won": won.astype(int),
        "won_amount": amount.where(won, 0.0),
        "days_won": days.where(won), "days_lost": days.where(closed & ~won),
    }, index=opportunities.index)
    keys = opportunities[by] if by else pd.Series("all", index=opportunities.index)
    g = frame.groupby(keys.rename(by or "group"))
    out = g[["opportunities", "open", "closed", "won", "won_amount"]].sum()
    out["win_rate"] = out["won"] / out["closed"].replace(0, np.nan)
    out["mean_won_amount"] = out["won_amount"] / out["won"].replace(0, np.nan)
    out["cycle_days_won"] = g["days_won"].median()
    out["cycle_days_lost"] = g["days_lost"].median()
    return out[["opportunities", "open", "closed", "won", "win_rate", "won_amount", "mean_won_amount",
                "cycle_days_won", "cycle_days_lost"]]


def development_orientation(methods: Any) -> Any:
    """Marketing- or selling-oriented development for each acquisition method (营销导向/推销导向).

    The course materials distinguish *marketing-oriented* development (attractive
    product, price, channel and promotion draw customers in) from
    *selling-oriented* development (the salesperson finds and persuades them).
    Which prospecting method belongs where is this kit's convention
    (:data:`ORIENTATION`): advertising and trade shows count as
    marketing-oriented, the eight search-and-persuade methods as selling-oriented.

    Parameters
    ----------
    methods : str or list/Series of str
        Keys of :data:`PROSPECTING_METHODS`.

    Returns
    -------
    str or pandas.Series
        ``"marketing_oriented"`` or ``"selling_oriented"``.

    Raises
    ------
    ValueError
        If a method is unknown (the message lists the known ones) or missing.

    Examples
    --------
    >>> development_orientation("advertising")
    'marketing_oriented'
    >>> development_orientation(["referral_chain", "trade_shows"]).tolist()
    ['selling_oriented', 'marketing_oriented']
    """
    if isinstance(methods, str):
        if methods not in ORIENTATION:
            raise ValueError(f"methods must be one of {', '.join(ORIENTATION)}; got {methods!r}")
        return ORIENTATION[methods]
    s = methods if isinstance(methods, pd.Series) else pd.Series(list(methods))
    check_no_nan(s, "methods")
    unknown = sorted(set(s) - set(ORIENTATION), key=str)
    if unknown:
        raise ValueError(f"methods must be among {', '.join(ORIENTATION)}; got {unknown[0]!r}")
    return s.map(ORIENTATION).astype(object).rename("orientation")


def acquisition_value(
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    as_of: Any = None,
    by: str = "acquisition_method",
) -> pd.DataFrame:
    """What the customers each development route brought are worth today (客户开发方式与客户价值).

    Per acquisition method (or ``by="orientation"``): how many customers it
    brought, how many still buy (an order in the 365 days up to ``as_of``),
    and their revenue in those 365 days::

        active_share = active customers / customers
        revenue_12m_per_customer = last-12-month revenue / customers

    Parameters
    ----------
    customers : pandas.DataFrame
        Columns ``customer_id`` and ``acquisition_method``.
    orders : pandas.DataFrame
        Columns ``customer_id``, ``order_date``, ``net_revenue``.
    as_of : date-like, optional
        End of the 12-month window; default the last order date.
    by : {"acquisition_method", "orientation"}
        Group by method, or by :func:`development_orientation`.

    Returns
    -------
    pandas.DataFrame
        Columns customers, active_customers, active_share, revenue_12m,
        revenue_12m_per_customer, revenue_12m_per_active_customer,
        orientation (for methods).

    Raises
    ------
    ValueError
        If columns are missing, values are NaN, a method is unknown or
        ``by`` is not one of the two choices.

    Examples
    --------
    >>> customers = pd.DataFrame({"customer_id": ["c1", "c2", "c3"],
    ...                           "acquisition_method": ["advertising", "referral_chain", "referral_chain"]})
    >>> orders = pd.DataFrame({"customer_id": ["c1", "c2", "c3"], "net_revenue": [100.0, 900.0, 50.0],
    ...                        "order_date": pd.to_datetime(["2025-06-01", "2025-10-01", "2023-01-05"])})
    >>> acquisition_value(customers, orders)[["customers", "active_share", "revenue_12m_per_customer"]]
                        customers  active_share  revenue_12m_per_customer
    acquisition_method
    advertising                 1           1.0                 100.0
    referral_chain              2           0.5                 450.0
    """
    from ._validate import check_choice

    check_choice(by, "by", ("acquisition_method", "orientation"))
    require_columns(customers, ["customer_id", "acquisition_method"], "customers")
    require_columns(orders, ["customer_id", "order_date", "net_revenue"], "orders")
    for col in ("customer_id", "acquisition_method"):
        check_no_nan(customers[col], f"customers[{col!r}]")
    check_no_nan(orders["order_date"], "orders['order_date']")
    dates = pd.to_datetime(orders["order_date"])
    end = dates.max() if as_of is None else pd.Timestamp(as_of)
    recent = (dates > end - pd.Timedelta(days=365)) & (dates <= end)
    revenue = as_numeric_series(orders["net_revenue"], "orders['net_revenue']")
    rev12 = revenue[recent].groupby(orders.loc[recent, "customer_id"]).sum()
    c = customers[["customer_id", "acquisition_method"]].copy()
    c["orientation"] = development_orientation(c["acquisition_method"]).to_numpy()
    c["revenue_12m"] = c["customer_id"].map(rev12).fillna(0.0)  # no recent order = no revenue
    c["active"] = c["customer_id"].isin(rev12.index).astype(int)
    g = c.groupby(by, sort=True)
    out = pd.DataFrame({
        "customers": g.size(),
        "active_customers": g["active"].sum(),
        "revenue_12m": g["revenue_12m"].sum(),
    })
    out["active_share"] = out["active_customers"] / out["customers"]
    out["revenue_12m_per_customer"] = out["revenue_12m"] / out["customers"]
    out["revenue_12m_per_active_customer"] = out["revenue_12m"] / out["active_customers"].replace(0, np.nan)
    cols = ["customers", "active_customers", "active_share", "revenue_12m", "revenue_12m_per_customer",
            "revenue_12m_per_active_customer"]
    if by == "acquisition_method":
        out["orientation"] = [ORIENTATION[m] for m in out.index]
        cols.append("orientation")
    return out[cols]
