"""Interactive explorers (ipywidgets) built on the concept functions.

Each explorer returns a widget to display in a notebook; its callbacks call the
same tested functions the lessons use, and it redraws a :mod:`kamcourse.viz`
figure. Importing this module imports ipywidgets and matplotlib.
"""

from . import cases, customer_value, key_accounts, satisfaction_development
from .cases import *  # noqa: F401,F403
from .customer_value import *  # noqa: F401,F403
from .key_accounts import *  # noqa: F401,F403
from .satisfaction_development import *  # noqa: F401,F403

__all__ = [*key_accounts.__all__, *customer_value.__all__, *satisfaction_development.__all__, *cases.__all__]
