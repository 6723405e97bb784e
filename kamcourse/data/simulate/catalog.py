"""The fictional company's catalogue (模拟企业的参数): the numbers and names the simulation draws from.

Shares of the lifecycle stages, industries and regions, the price list,
costs and discounts, the product mix, seasonality, the prospecting methods'
funnel rates, the Kano answer mixes, and the syllables of people's and firms'
names. The category keys themselves are course vocabulary
(:mod:`kamcourse.vocabulary`); the arrays here follow their order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_SEED",
    "END_DATE",
    "KANO_FEATURES",
    "STAGE_SHARES",
    "POTENTIAL_SIGMA",
    "POTENTIAL_CAP",
    "INDUSTRY_SHARES",
    "INDUSTRY_WORDS",
    "REGION_SHARES",
    "VISIT_COST",
    "FREIGHT",
    "PRICE_LIST",
    "COST_RATIO",
    "DISCOUNT_OFFSET",
    "PRODUCT_MIX",
    "MONTH_FACTOR",
    "METHOD_PARAMS",
    "METHOD_WIN_SHARE",
    "KANO_MIX",
    "SURNAMES",
    "GIVEN_NAMES",
    "FIRM_SYLLABLES_A",
    "FIRM_SYLLABLES_B",
]


#: The last day of the data (fixed; never "today"): 31 December 2025.
END_DATE: pd.Timestamp = pd.Timestamp("2025-12-31")

#: The seed of the kit's own data (``datasets/``).
DEFAULT_SEED: int = 20251231

# share of customers per lifecycle stage (vocabulary.STAGES order); the rules they
# are built to fit are vocabulary.STAGE_RULES
STAGE_SHARES = np.array([0.08, 0.14, 0.43, 0.15, 0.20])
POTENTIAL_SIGMA = 1.5  # spread of log annual potential
POTENTIAL_CAP = 15e6  # largest annual potential (yuan)

INDUSTRY_SHARES = np.array([0.15, 0.10, 0.10, 0.12, 0.10, 0.08, 0.08, 0.27])
INDUSTRY_WORDS = {
    "construction_machinery": ("Construction Machinery", "工程机械"),
    "agricultural_machinery": ("Agricultural Machinery", "农机"),
    "packaging_machinery": ("Baling & Packaging Machinery", "打包机械"),
    "machine_tools": ("Machine Tool", "机床"),
    "plastics_machinery": ("Plastics Machinery", "塑料机械"),
    "metallurgy": ("Metallurgical Equipment", "冶金设备"),
    "mining_equipment": ("Mining Equipment", "矿山设备"),
    "distributor": ("Hydraulics Trading", "液压贸易"),
}

REGION_SHARES = np.array([0.34, 0.18, 0.16, 0.12, 0.08, 0.07, 0.05])
VISIT_COST = np.array([1800.0, 2600.0, 2700.0, 2300.0, 3200.0, 3300.0, 3600.0])  # yuan per visit
FREIGHT = np.array([300.0, 450.0, 480.0, 400.0, 580.0, 600.0, 680.0])  # yuan per shipment

# list prices (yuan per unit, per day for services), ascending; inf pads
PRICE_LIST = np.array(
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
COST_RATIO = np.array([0.63, 0.61, 0.65, 0.55, 0.58, 0.54, 0.52])  # cost of goods / list price
DISCOUNT_OFFSET = np.array([0.0, 0.0, 0.0, 0.01, 0.01, -0.01, -0.03])
# product mix by industry (rows follow vocabulary.INDUSTRIES, columns vocabulary.PRODUCT_LINES)
PRODUCT_MIX = np.array(
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
MONTH_FACTOR = np.array([0.95, 0.72, 1.04, 1.05, 1.05, 1.00, 0.96, 0.95, 1.05, 1.00, 1.06, 1.17])

# per method: cost per prospect (yuan), P(contacted), P(qualified | contacted),
# P(won | qualified), lead time to first order (days), commission per win (yuan)
METHOD_PARAMS = np.array(
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
METHOD_WIN_SHARE = np.array([0.10, 0.08, 0.08, 0.10, 0.18, 0.06, 0.06, 0.16, 0.06, 0.12])

#: Kano survey features and the category each is built to show (keys of kamcourse.vocabulary.KANO_CATEGORIES).
KANO_FEATURES: dict[str, str] = {
    "on_time_delivery": "must_be",
    "energy_efficiency": "one_dimensional",
    "extended_warranty": "one_dimensional",
    "remote_condition_monitoring": "attractive",
    "custom_paint_colour": "indifferent",
    "mandatory_training_course": "reverse",
}
# P(answer category | intended category); columns follow kamcourse.vocabulary.KANO_CATEGORIES
KANO_MIX = {
    "attractive": [0.56, 0.13, 0.04, 0.20, 0.03, 0.04],
    "one_dimensional": [0.14, 0.56, 0.16, 0.09, 0.02, 0.03],
    "must_be": [0.06, 0.14, 0.57, 0.16, 0.03, 0.04],
    "indifferent": [0.12, 0.06, 0.10, 0.58, 0.09, 0.05],
    "reverse": [0.05, 0.03, 0.04, 0.25, 0.55, 0.08],
}

SURNAMES = (
    ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"),
    ("Huang", "黄"), ("Zhao", "赵"), ("Wu", "吴"), ("Zhou", "周"), ("Xu", "徐"), ("Sun", "孙"),
    ("Ma", "马"), ("Zhu", "朱"), ("Hu", "胡"), ("Guo", "郭"), ("He", "何"), ("Lin", "林"),
    ("Luo", "罗"), ("Gao", "高"),
)
GIVEN_NAMES = (
    ("Wei", "伟"), ("Fang", "芳"), ("Min", "敏"), ("Jing", "静"), ("Qiang", "强"), ("Lei", "磊"),
    ("Jun", "军"), ("Yong", "勇"), ("Yan", "艳"), ("Jie", "杰"), ("Tao", "涛"), ("Ming", "明"),
    ("Chao", "超"), ("Xia", "霞"), ("Ping", "平"), ("Gang", "刚"), ("Hui", "慧"), ("Bo", "波"),
    ("Jianhua", "建华"), ("Zhiqiang", "志强"), ("Xiaodong", "晓东"), ("Haiyan", "海燕"),
    ("Wenbo", "文博"), ("Siyuan", "思远"), ("Jiayi", "嘉怡"), ("Zihan", "子涵"), ("Yuting", "雨婷"),
    ("Haoran", "浩然"), ("Xinyi", "欣怡"), ("Guoqiang", "国强"),
)
FIRM_SYLLABLES_A = (
    ("Hua", "华"), ("Jin", "金"), ("Heng", "恒"), ("Rui", "瑞"), ("Hong", "宏"), ("Sheng", "盛"),
    ("Tai", "泰"), ("Yong", "永"), ("De", "德"), ("Tian", "天"), ("Hai", "海"), ("Kai", "凯"),
    ("Jia", "嘉"), ("Long", "隆"),
)
FIRM_SYLLABLES_B = (
    ("tong", "通"), ("da", "达"), ("feng", "丰"), ("li", "力"), ("yuan", "源"), ("cheng", "诚"),
    ("chuan", "川"), ("hui", "辉"), ("xiang", "祥"), ("xin", "鑫"),
)
