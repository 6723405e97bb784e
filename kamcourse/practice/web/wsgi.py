"""The WSGI application of the practice CRM (served by waitress: :mod:`kamcourse.practice.server`)."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamcourse.practice.web.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

__all__ = ["application"]

application = get_wsgi_application()
