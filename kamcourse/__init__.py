"""kamcourse: a teaching kit for Key Account Management (大客户管理) and CRM (客户关系管理).

Each course concept is a small module of pure functions:

- :mod:`kamcourse.accounts`     key-account identification (Pareto/ABC, pyramid, portfolio)
- :mod:`kamcourse.economics`    discount break-even, customer profitability, whale curve
- :mod:`kamcourse.relationship` relationship levels, KAM stages, contact coverage
- :mod:`kamcourse.value`        customer delivered value
- :mod:`kamcourse.lifecycle`    lifecycle stages from purchase history
- :mod:`kamcourse.clv`          customer lifetime value up to BG/NBD
- :mod:`kamcourse.satisfaction` disconfirmation, Kano, IPA, NPS
- :mod:`kamcourse.loyalty`      satisfaction zones and loyalty types
- :mod:`kamcourse.development`  prospecting methods and funnels
- :mod:`kamcourse.data`         the fictional company's CRM data
- :mod:`kamcourse.i18n`         bilingual labels (English/中文)
- :mod:`kamcourse.checks`       what the visible tests of assignments print ("q1 passed" / what is wrong)
- :mod:`kamcourse.vocabulary`   the course's category keys, defined once
- :mod:`kamcourse.validation`   the input gates every function checks its arguments with

Importing the package is cheap: matplotlib, scipy, ipywidgets and nbgrader
are imported only by the functions that need them.
"""

import importlib as _importlib

__version__ = "0.1.0"

_SUBMODULES = (
    "accounts", "economics", "relationship", "value", "lifecycle", "clv", "satisfaction",
    "loyalty", "development", "data", "i18n", "viz", "widgets", "cases", "vocabulary", "validation", "checks",
)
__all__ = ["__version__", *_SUBMODULES]


def __getattr__(name: str):
    """Import a submodule on first use, so ``import kamcourse`` stays cheap.

    >>> import kamcourse
    >>> kamcourse.i18n.label("customer", "zh")
    '客户'
    """
    if name in _SUBMODULES:
        return _importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'kamcourse' has no attribute {name!r}")
