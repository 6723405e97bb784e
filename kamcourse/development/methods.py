"""The prospecting methods (寻找客户的方法): the ten ways of finding customers, bilingual, with pros and cons.

The course materials list the methods of finding customers; the keys are
course vocabulary (:data:`kamcourse.vocabulary.PROSPECTING_METHOD_KEYS`, the
values of the prospects table's ``method`` column).
"""

from __future__ import annotations

import pandas as pd

from ..vocabulary import PROSPECTING_METHOD_KEYS

__all__ = ["PROSPECTING_METHODS", "prospecting_methods"]

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
        "source": "textbook summary (吴健安《现代推销学》; 苏朝晖《客户关系管理》), unconfirmed",
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
        "source": "textbook summary (吴健安《现代推销学》; 苏朝晖《客户关系管理》), unconfirmed",
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
        "source": "textbook summary (吴健安《现代推销学》; 苏朝晖《客户关系管理》), unconfirmed",
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

if tuple(PROSPECTING_METHODS["key"]) != PROSPECTING_METHOD_KEYS:  # pragma: no cover - caught by the tests
    raise RuntimeError("the prospecting method rows must follow kamcourse.vocabulary.PROSPECTING_METHOD_KEYS")


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
    from .. import i18n

    lang = i18n.check_language(language)
    sfx = "_zh" if lang == "zh" else ""
    t = PROSPECTING_METHODS.set_index("key")
    out = pd.DataFrame({
        "name": t[lang], "definition": t["definition" + sfx], "pros": t["pros" + sfx],
        "cons": t["cons" + sfx], "status": t["status"],
    })
    out.index.name = "method"
    return out
