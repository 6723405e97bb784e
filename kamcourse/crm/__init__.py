"""CRM foundations (客户关系管理的理念): what CRM is, where it comes from, its process, kinds and principles.

One module per idea of lesson 10:

- :mod:`~kamcourse.crm.origins`: the development of CRM and its theoretical bases;
- :mod:`~kamcourse.crm.customers`: customer, client and consumer (客户、顾客与消费者);
- :mod:`~kamcourse.crm.relationship_types`: the four relationship types against Kotler's levels and the
  KAM stages of :mod:`kamcourse.relationship`;
- :mod:`~kamcourse.crm.process`: the CRM process mapped onto the company's own tables;
- :mod:`~kamcourse.crm.systems`: operational, analytical and collaborative CRM;
- :mod:`~kamcourse.crm.principles`: customer orientation, integration, continuous improvement.

>>> CRM_PROCESS[0], CRM_TYPES[1]
('collect', 'analytical')
"""

from . import customers, origins, principles, process, relationship_types, systems
from .customers import *  # noqa: F401,F403
from .origins import *  # noqa: F401,F403
from .principles import *  # noqa: F401,F403
from .process import *  # noqa: F401,F403
from .relationship_types import *  # noqa: F401,F403
from .systems import *  # noqa: F401,F403

__all__ = [*origins.__all__, *customers.__all__, *relationship_types.__all__, *process.__all__, *systems.__all__,
           *principles.__all__]
