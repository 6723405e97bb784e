"""Interactive explorers (ipywidgets) built on the concept functions, one contract for all.

Each explorer function returns an :class:`~kamcourse.widgets.base.Explorer`
to display in a notebook: ``controls`` (the input widgets), ``state`` (the
last result), ``update()``, ``text`` and ``output``. Its callbacks call the
same tested functions the lessons use, and it redraws a :mod:`kamcourse.viz`
figure. Importing this package imports ipywidgets and matplotlib.
"""

from . import cases, customer_value, data_mining, key_accounts, satisfaction_development
from .base import Explorer
from .cases import *  # noqa: F401,F403
from .customer_value import *  # noqa: F401,F403
from .data_mining import *  # noqa: F401,F403
from .key_accounts import *  # noqa: F401,F403
from .satisfaction_development import *  # noqa: F401,F403

__all__ = ["Explorer", *key_accounts.__all__, *customer_value.__all__, *satisfaction_development.__all__, *cases.__all__,
           *data_mining.__all__]
