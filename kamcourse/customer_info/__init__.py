"""Customer information management (客户信息管理): records, data quality, duplicates, grading, privacy.

One module per idea of lesson 11:

- :mod:`~kamcourse.customer_info.records`: the customer record (客户档案) and its age;
- :mod:`~kamcourse.customer_info.phones`, :mod:`~kamcourse.customer_info.labels`,
  :mod:`~kamcourse.customer_info.names`: phone numbers, category labels and company names as typed,
  brought to one standard form;
- :mod:`~kamcourse.customer_info.duplicates`: duplicate records found, grouped and merged;
- :mod:`~kamcourse.customer_info.faults` and :mod:`~kamcourse.customer_info.quality`: every fault of a
  raw CRM extract, and the quality dimensions measured from them;
- :mod:`~kamcourse.customer_info.grading`: classification and A/B/C grading as the company rules do it;
- :mod:`~kamcourse.customer_info.privacy` and :mod:`~kamcourse.customer_info.pipl`: keeping customer
  information private (teaching, not legal advice).

>>> normalize_phone("+86 139 0000 0001")
'13900000001'
"""

from . import duplicates, faults, grading, labels, names, phones, pipl, privacy, quality, records
from .duplicates import *  # noqa: F401,F403
from .faults import *  # noqa: F401,F403
from .grading import *  # noqa: F401,F403
from .labels import *  # noqa: F401,F403
from .names import *  # noqa: F401,F403
from .phones import *  # noqa: F401,F403
from .pipl import *  # noqa: F401,F403
from .privacy import *  # noqa: F401,F403
from .quality import *  # noqa: F401,F403
from .records import *  # noqa: F401,F403

__all__ = [
    *records.__all__, *phones.__all__, *labels.__all__, *names.__all__, *duplicates.__all__, *faults.__all__,
    *quality.__all__, *grading.__all__, *privacy.__all__, *pipl.__all__,
]
