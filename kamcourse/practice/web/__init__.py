"""The Django project of the practice CRM system (实训系统的 Django 项目).

One project, one small app per area of the manual: ``accounts`` (第三章 users
and roles), ``customers`` (第四、五章), ``sales`` (第六、七章), ``service``
(第八章), ``stats`` (第九章), ``maintenance`` (第十章) and ``tasks`` (实训任务).

Importing this package configures Django with :mod:`.settings` when nothing
else has (so ``import kamcourse.practice.web.customers.models`` works on its
own, e.g. for the documentation tests); a process that sets
``DJANGO_SETTINGS_MODULE`` itself is left alone.
"""

from __future__ import annotations

import os

__all__ = ["setup"]

SETTINGS_MODULE = "kamcourse.practice.web.settings"


def setup() -> None:
    """Configure Django with the practice system's settings, once (初始化).

    Examples
    --------
    >>> setup()
    >>> from django.apps import apps
    >>> apps.is_installed("kamcourse.practice.web.sales")
    True
    """
    from django.apps import apps

    if apps.ready or apps.loading:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django

    django.setup()


if "DJANGO_SETTINGS_MODULE" not in os.environ:
    setup()
