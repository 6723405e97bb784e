"""Each student's own task details, drawn from their data variant (个人实训参数).

The same student id (and course secret) always gives the same customer to
enter, the same opportunities to move, the same complaint to log; a
classmate gets others. The grader recomputes them from the submission's
owner, never from anything stored in the student's database.
"""

from __future__ import annotations

import datetime as dt
import functools
import random

import pandas as pd

from kamcourse.vocabulary import PIPELINE_STAGES, SIZE_BANDS

__all__ = ["task_params", "warned_at_load"]

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_GIVEN = ["建国", "海燕", "志强", "丽娟", "国华", "晓明", "秀英", "文斌", "春梅", "立新", "雪梅", "振华", "婷婷", "宏伟"]
_CITIES = ["常州", "嘉兴", "绍兴", "佛山", "潍坊", "襄阳", "德阳", "鞍山", "宝鸡", "株洲", "芜湖", "泉州"]
_WORDS = ["恒远", "瑞丰", "鼎力", "华拓", "金泰", "宏运", "博锐", "永盛", "卓越", "安达", "康信", "联创"]
_INDUSTRY_WORDS = {"construction_machinery": "工程机械", "agricultural_machinery": "农业装备",
                   "packaging_machinery": "包装机械", "machine_tools": "数控机床", "plastics_machinery": "注塑机械",
                   "metallurgy": "冶金设备", "mining_equipment": "矿山机械", "distributor": "液压件贸易"}
_SUBJECTS = ["液压泵漏油，设备停机", "交货比约定晚了一周", "密封件尺寸与图纸不符", "油缸动作迟缓，怀疑阀体故障"]
_CONTACT_ROLES = (("purchasing", "gatekeeper"), ("engineering", "influencer"), ("management", "decision_maker"))


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def _phone(rng: random.Random) -> str:
    return f"139-0000-{rng.randint(9000, 9999)}"


def warned_at_load(opportunities: pd.DataFrame, end: pd.Timestamp, days: int) -> list[str]:
    """Open opportunities in early warning on the data's last day, by the loader's conventions.

    Last activity = created + 21 days per stage reached (at most the last
    day); expected close = created + 90 days (see :mod:`..maintenance.company`).

    Examples
    --------
    >>> opp = pd.DataFrame({"opportunity_id": ["OP1", "OP2"], "stage": ["prospecting", "proposal"],
    ...                     "created_date": pd.to_datetime(["2025-12-20", "2025-06-01"])})
    >>> warned_at_load(opp, pd.Timestamp("2025-12-31"), 30)
    ['OP2']
    """
    from ..sales.pipeline import OPEN_STAGES, stage_rank, warnings_for

    out = []
    for r in opportunities[opportunities["stage"].isin(OPEN_STAGES)].itertuples():
        created = r.created_date.date()
        last = min(created + dt.timedelta(days=21 * stage_rank(r.stage)), end.date())
        if warnings_for(r.stage, last, created + dt.timedelta(days=90), end.date(), days):
            out.append(r.opportunity_id)
    return sorted(out)


@functools.lru_cache(maxsize=64)
def task_params(student: str | None, secret: str | None = None, warning_days: int = 30) -> dict:
    """The details of every chapter's task for one student (学生的实训参数).

    Parameters
    ----------
    student : str or None
        The student id (None: the kit's default data).
    secret : str, optional
        The course secret (default ``KAMCOURSE_SECRET``).
    warning_days : int
        The system's early-warning rule (days without activity).

    Returns
    -------
    dict
        Keyed by chapter (``"ch03"`` ... ``"ch10"``).

    Examples
    --------
    >>> p = task_params("alice", "demo")
    >>> p == task_params("alice", "demo"), p["ch04"]["customer"]["name_zh"] != task_params("bob", "demo")["ch04"]["customer"]["name_zh"]
    (True, True)
    """
    from kamcourse import accounts, data

    from ..customers.duplicates import probable_duplicates
    from ..customers.validators import CREDIT_CODE_CHARS, credit_code_check_char
    from ..maintenance.company import DIVISIONS

    variant = data.for_student(student, secret)
    rng = random.Random(variant.seed if variant.seed is not None else data.DEFAULT_SEED)
    staff = variant.load("staff")
    customers = variant.load("customers")
    contacts = variant.load("contacts")
    opps = variant.load("opportunities")
    orders = variant.load("orders")

    sales = sorted(staff.loc[(staff["role"] == "sales") & staff["leave_date"].isna(), "staff_id"])
    leaver, manager = rng.sample(sales, 2)
    existing = list(zip(customers["customer_id"], customers["name_zh"]))
    while True:
        industry = rng.choice(sorted(_INDUSTRY_WORDS))
        name = f"{rng.choice(_CITIES)}{rng.choice(_WORDS)}{_INDUSTRY_WORDS[industry]}有限公司"
        if not probable_duplicates(name, existing):
            break
    region = rng.choice(sorted(DIVISIONS))
    first17 = "91" + DIVISIONS[region] + "MA" + "".join(rng.choice(CREDIT_CODE_CHARS) for _ in range(7))
    moved = customers.iloc[rng.randrange(len(customers))]
    new_region = rng.choice(sorted(set(DIVISIONS) - {moved["region"]}))

    picked_contacts = contacts.iloc[rng.sample(range(len(contacts)), 3)]["contact_id"].tolist()
    open_opps = opps[~opps["stage"].str.startswith("closed")].sort_values("opportunity_id")
    early = open_opps[open_opps["stage"].isin(PIPELINE_STAGES[:PIPELINE_STAGES.index("negotiation")])]
    early = early["opportunity_id"].tolist()
    move = rng.sample(early, 2)
    rest = [o for o in open_opps["opportunity_id"] if o not in move]
    lose, win = rng.sample(rest, 2)
    warned = [o for o in warned_at_load(opps, data.END_DATE, warning_days) if o not in (lose, win)]
    stage_of = dict(zip(opps["opportunity_id"], opps["stage"]))

    with_contacts = contacts.groupby("customer_id")["contact_id"].first()
    complainer = with_contacts.index[rng.randrange(len(with_contacts))]

    last_year = orders[orders["order_date"] > data.END_DATE - pd.Timedelta(days=365)]
    revenue = last_year.groupby("customer_id")["net_revenue"].sum()
    counts = customers["industry"].value_counts()
    return {
        "ch03": {"new_user": f"rep{rng.randint(100, 999)}", "new_name": _name(rng), "leaver": leaver.lower()},
        "ch04": {"customer": {"name_zh": name, "credit_code": first17 + credit_code_check_char(first17),
                              "industry": industry, "region": region, "size_band": rng.choice(
                                  list(SIZE_BANDS)),
                              "account_manager": manager},
                 "moved": moved["customer_id"], "moved_name": moved["name_zh"], "new_region": new_region},
        "ch05": {"contacts": [{"name_zh": _name(rng), "role": role, "decision_level": level, "phone": _phone(rng)}
                              for role, level in _CONTACT_ROLES],
                 "rephone": picked_contacts[0], "new_phone": _phone(rng), "gone": picked_contacts[1]},
        "ch06": {"move": {o: PIPELINE_STAGES[PIPELINE_STAGES.index(stage_of[o]) + 1] for o in move},
                 "lose": lose, "lose_reason": "competitor", "warned": warned},
        "ch07": {"win": win, "win_reason": "product_fit"},
        "ch08": {"customer": complainer, "contact": with_contacts[complainer], "subject": rng.choice(_SUBJECTS),
                 "satisfaction": rng.randint(3, 5)},
        "ch09": {"top_industry": sorted(counts[counts == counts.max()].index),
                 "top20_share": round(100 * accounts.top_share(revenue, 0.2), 1)},
        "ch10": {"victim": picked_contacts[2]},
    }
