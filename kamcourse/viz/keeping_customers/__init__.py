"""Figures of lessons 12 and 13 (keeping customers), one module per part, one function per figure."""

from . import maintenance, programmes, service
from .maintenance import *  # noqa: F401,F403
from .programmes import *  # noqa: F401,F403
from .service import *  # noqa: F401,F403

__all__ = [*maintenance.__all__, *service.__all__, *programmes.__all__]
