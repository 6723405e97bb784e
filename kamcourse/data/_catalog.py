"""Constants and small helpers of the data generator: catalogue, shares, names, calendar.

The public constants (``DEFAULT_SEED``, ``END_DATE``, ``STAGE_RULES``,
``KANO_FEATURES``) are re-exported by :mod:`kamcourse.data`.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

DEFAULT_SEED: int = 20251231

#: The last day of the data (fixed; never "today"): 31 December 2025.
END_DATE: pd.Timestamp = pd.Timestamp("2025-12-31")

#: The lifecycle rules the generator builds each customer's purchases to fit,
#: evaluated at :data:`END_DATE` (days; "last 12 months" = the 365 days up to
#: and including END_DATE, "previous 12 months" = the 365 days before those).
STAGE_RULES: dict[str, float] = {
    "exploration_max_tenure_days": 273,   # first order at most 9 months before END_DATE
    "formation_max_tenure_days": 913,     # first order 9-30 months before END_DATE
    "formation_min_growth": 1.3,          # last 12 months >= 1.3 x previous 12 months
    "stability_band_low": 0.75,           # 0.75 <= last / previous <= 1.3
    "stability_band_high": 1.3,
    "decline_max_ratio": 0.75,            # last / previous < 0.75 ...
    "decline_max_recency_days": 182,      # ... and an order within the last 6 months
    "termination_min_recency_days": 270,  # no order in the last 270 days
}

STAGES: tuple[str, ...] = ("exploration", "formation", "stability", "decline", "termination")
_STAGE_SHARES = np.array([0.08, 0.14, 0.43, 0.15, 0.20])
_SIGMA = 1.5  # spread of log annual potential
_CAP = 15e6  # largest annual potential (yuan)

INDUSTRIES: tuple[str, ...] = (
    "construction_machinery", "agricultural_machinery", "packaging_machinery", "machine_tools",
    "plastics_machinery", "metallurgy", "mining_equipment", "distributor",
)
_INDUSTRY_P = np.array([0.15, 0.10, 0.10, 0.12, 0.10, 0.08, 0.08, 0.27])
_INDUSTRY_WORDS = {
    "construction_machinery": ("Construction Machinery", "工程机械"),
    "agricultural_machinery": ("Agricultural Machinery", "农机"),
    "packaging_machinery": ("Baling & Packaging Machinery", "打包机械"),
    "machine_tools": ("Machine Tool", "机床"),
    "plastics_machinery": ("Plastics Machinery", "塑料机械"),
    "metallurgy": ("Metallurgical Equipment", "冶金设备"),
    "mining_equipment": ("Mining Equipment", "矿山设备"),
    "distributor": ("Hydraulics Trading", "液压贸易"),
}

REGIONS: tuple[str, ...] = (
    "east_china", "south_china", "north_china", "central_china",
    "southwest_china", "northeast_china", "northwest_china",
)
_REGION_P = np.array([0.34, 0.18, 0.16, 0.12, 0.08, 0.07, 0.05])
_VISIT_COST = np.array([1800.0, 2600.0, 2700.0, 2300.0, 3200.0, 3300.0, 3600.0])  # yuan per visit
_FREIGHT = np.array([300.0, 450.0, 480.0, 400.0, 580.0, 600.0, 680.0])  # yuan per shipment

SIZE_BANDS: tuple[str, ...] = ("small_enterprise", "medium_enterprise", "large_enterprise")

PRODUCT_LINES: tuple[str, ...] = (
    "pumps", "valves", "cylinders", "seals", "hoses_fittings", "spare_parts", "services",
)
# list prices (yuan per unit, per day for services), ascending; inf pads
_CATALOG = np.array(
    [
        [1800, 3200, 5600, 8800, 14500, 23800],
        [260, 480, 850, 1500, 2900, 5200],
        [1200, 2100, 3600, 6200, 9800, 16500],
        [12, 28, 45, 85, 160, 320],
        [35, 68, 120, 240, 460, 880],
        [90, 180, 350, 720, 1400, 2600],
        [800, 1500, 2800, 5600, 12000, np.inf],
    ],
    dtype=float,
)
_COST_RATIO = np.array([0.63, 0.61, 0.65, 0.55, 0.58, 0.54, 0.52])  # cost of goods / list price
_DISCOUNT_OFFSET = np.array([0.0, 0.0, 0.0, 0.01, 0.01, -0.01, -0.03])
# product mix by industry (rows follow INDUSTRIES, columns PRODUCT_LINES)
_MIX = np.array(
    [
        [0.26, 0.20, 0.28, 0.08, 0.08, 0.06, 0.04],
        [0.22, 0.22, 0.26, 0.10, 0.10, 0.06, 0.04],
        [0.24, 0.22, 0.26, 0.09, 0.09, 0.06, 0.04],
        [0.22, 0.30, 0.18, 0.10, 0.10, 0.06, 0.04],
        [0.26, 0.28, 0.20, 0.09, 0.08, 0.05, 0.04],
        [0.24, 0.22, 0.20, 0.08, 0.08, 0.10, 0.08],
        [0.24, 0.20, 0.22, 0.08, 0.08, 0.10, 0.08],
        [0.16, 0.18, 0.14, 0.18, 0.18, 0.14, 0.02],
    ]
)
_MONTH_FACTOR = np.array([0.95, 0.72, 1.04, 1.05, 1.05, 1.00, 0.96, 0.95, 1.05, 1.00, 1.06, 1.17])

PROSPECTING_METHODS: tuple[str, ...] = (
    "door_to_door", "consulting", "bird_dog", "center_of_influence", "referral_chain",
    "directories", "advertising", "trade_shows", "personal_observation", "online",
)
# per method: cost per prospect (yuan), P(contacted), P(qualified | contacted),
# P(won | qualified), lead time to first order (days), commission per win (yuan)
_METHOD_PARAMS = np.array(
    [
        [450.0, 0.55, 0.12, 0.25, 30, 0],
        [900.0, 0.85, 0.35, 0.18, 75, 0],
        [250.0, 0.80, 0.30, 0.25, 45, 6000],
        [2800.0, 0.95, 0.60, 0.38, 60, 0],
        [350.0, 0.90, 0.55, 0.35, 45, 0],
        [60.0, 0.40, 0.15, 0.25, 90, 0],
        [280.0, 0.70, 0.10, 0.18, 60, 0],
        [1500.0, 0.90, 0.25, 0.18, 120, 0],
        [150.0, 0.60, 0.30, 0.30, 45, 0],
        [70.0, 0.50, 0.18, 0.25, 60, 0],
    ]
)
_METHOD_WIN_SHARE = np.array([0.10, 0.08, 0.08, 0.10, 0.18, 0.06, 0.06, 0.16, 0.06, 0.12])

SERVICE_TYPES: tuple[str, ...] = ("complaint", "repair", "installation", "technical_query", "warranty_claim")
SEVERITIES: tuple[str, ...] = ("low", "medium", "high")

CONTACT_ROLES: tuple[str, ...] = ("purchasing", "engineering", "management", "quality", "operations", "finance")
DECISION_LEVELS: tuple[str, ...] = ("decision_maker", "influencer", "user", "gatekeeper")

PIPELINE: tuple[str, ...] = ("prospecting", "qualification", "proposal", "negotiation", "closed_won", "closed_lost")

#: Kano survey features and the category each is built to show (keys as in kamcourse.satisfaction).
KANO_FEATURES: dict[str, str] = {
    "on_time_delivery": "must_be",
    "energy_efficiency": "one_dimensional",
    "extended_warranty": "one_dimensional",
    "remote_condition_monitoring": "attractive",
    "custom_paint_colour": "indifferent",
    "mandatory_training_course": "reverse",
}
KANO_ANSWERS: tuple[str, ...] = ("like", "must_be", "neutral", "live_with", "dislike")
_KANO_CATS = ("attractive", "one_dimensional", "must_be", "indifferent", "reverse", "questionable")
# Kano evaluation table (Berger et al. 1993): rows functional, columns dysfunctional
_KANO_TABLE = (
    ("questionable", "attractive", "attractive", "attractive", "one_dimensional"),
    ("reverse", "indifferent", "indifferent", "indifferent", "must_be"),
    ("reverse", "indifferent", "indifferent", "indifferent", "must_be"),
    ("reverse", "indifferent", "indifferent", "indifferent", "must_be"),
    ("reverse", "reverse", "reverse", "reverse", "questionable"),
)
# P(answer category | intended category); columns follow _KANO_CATS
_KANO_MIX = {
    "attractive": [0.56, 0.13, 0.04, 0.20, 0.03, 0.04],
    "one_dimensional": [0.14, 0.56, 0.16, 0.09, 0.02, 0.03],
    "must_be": [0.06, 0.14, 0.57, 0.16, 0.03, 0.04],
    "indifferent": [0.12, 0.06, 0.10, 0.58, 0.09, 0.05],
    "reverse": [0.05, 0.03, 0.04, 0.25, 0.55, 0.08],
}

_SURNAMES = (
    ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"),
    ("Huang", "黄"), ("Zhao", "赵"), ("Wu", "吴"), ("Zhou", "周"), ("Xu", "徐"), ("Sun", "孙"),
    ("Ma", "马"), ("Zhu", "朱"), ("Hu", "胡"), ("Guo", "郭"), ("He", "何"), ("Lin", "林"),
    ("Luo", "罗"), ("Gao", "高"),
)
_GIVEN = (
    ("Wei", "伟"), ("Fang", "芳"), ("Min", "敏"), ("Jing", "静"), ("Qiang", "强"), ("Lei", "磊"),
    ("Jun", "军"), ("Yong", "勇"), ("Yan", "艳"), ("Jie", "杰"), ("Tao", "涛"), ("Ming", "明"),
    ("Chao", "超"), ("Xia", "霞"), ("Ping", "平"), ("Gang", "刚"), ("Hui", "慧"), ("Bo", "波"),
    ("Jianhua", "建华"), ("Zhiqiang", "志强"), ("Xiaodong", "晓东"), ("Haiyan", "海燕"),
    ("Wenbo", "文博"), ("Siyuan", "思远"), ("Jiayi", "嘉怡"), ("Zihan", "子涵"), ("Yuting", "雨婷"),
    ("Haoran", "浩然"), ("Xinyi", "欣怡"), ("Guoqiang", "国强"),
)
_FIRM_A = (
    ("Hua", "华"), ("Jin", "金"), ("Heng", "恒"), ("Rui", "瑞"), ("Hong", "宏"), ("Sheng", "盛"),
    ("Tai", "泰"), ("Yong", "永"), ("De", "德"), ("Tian", "天"), ("Hai", "海"), ("Kai", "凯"),
    ("Jia", "嘉"), ("Long", "隆"),
)
_FIRM_B = (
    ("tong", "通"), ("da", "达"), ("feng", "丰"), ("li", "力"), ("yuan", "源"), ("cheng", "诚"),
    ("chuan", "川"), ("hui", "辉"), ("xiang", "祥"), ("xin", "鑫"),
)

_DAY = np.timedelta64(1, "D")


def _check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be a whole number, got {seed!r} ({type(seed).__name__})")
    if seed < 0:
        raise ValueError(f"seed must not be negative, got {seed}")
    return int(seed)


def _uint(rng, lo, hi, size=None):
    """Uniform integers in [lo, hi] (hi clipped up to lo)."""
    lo = np.asarray(lo)
    hi = np.maximum(np.asarray(hi), lo)
    return (lo + np.floor(rng.random(size) * (hi - lo + 1))).astype(np.int64)


def _choice_rows(rng, cum: np.ndarray) -> np.ndarray:
    """One draw per row of a matrix of cumulative probabilities."""
    u = rng.random(cum.shape[0])
    return np.minimum((u[:, None] > cum).sum(axis=1), cum.shape[1] - 1)


def _counts(shares: np.ndarray, n: int) -> np.ndarray:
    """Split n into integer counts by shares (largest remainder, ties by position)."""
    raw = shares / shares.sum() * n
    out = np.floor(raw).astype(int)
    order = np.argsort(-(raw - out), kind="stable")
    out[order[: n - out.sum()]] += 1
    return out


def _person_names(rng, n: int) -> tuple[list[str], list[str]]:
    s = rng.integers(0, len(_SURNAMES), n)
    g = rng.integers(0, len(_GIVEN), n)
    return ([f"{_SURNAMES[a][0]} {_GIVEN[b][0]}" for a, b in zip(s, g)],
            [_SURNAMES[a][1] + _GIVEN[b][1] for a, b in zip(s, g)])


class _World:
    """Holds the calendar and the RNG while the tables are built."""

    def __init__(self, seed: int, n: int, years: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.n = n
        self.years = years
        self.end = np.datetime64(END_DATE.date(), "D")
        start = (END_DATE - pd.DateOffset(years=years) + pd.Timedelta(days=1)).date()
        self.start = np.datetime64(start, "D")
        self.lo = int((self.start - self.end) / _DAY)  # first day offset (negative)
        self.year_list = list(range(start.year, END_DATE.year + 1))

    def dates(self, offsets) -> np.ndarray:
        return self.end + np.asarray(offsets, dtype=np.int64) * _DAY

    def year_of(self, offsets) -> np.ndarray:
        return self.dates(offsets).astype("datetime64[Y]").astype(int) + 1970

    def month_of(self, offsets) -> np.ndarray:
        d = self.dates(offsets)
        return (d.astype("datetime64[M]").astype(int) % 12)

    def year_bounds(self, year: int) -> tuple[int, int]:
        a = int((np.datetime64(f"{year}-01-01") - self.end) / _DAY)
        b = int((np.datetime64(f"{year}-12-31") - self.end) / _DAY)
        return a, b
