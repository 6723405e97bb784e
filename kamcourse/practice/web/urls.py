"""URLs: the statistics, maintenance and task pages, then the (customised) admin for everything else."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

__all__ = ["urlpatterns"]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("stats/", include("kamcourse.practice.web.stats.urls")),
    path("maintenance/", include("kamcourse.practice.web.maintenance.urls")),
    path("tasks/", include("kamcourse.practice.web.tasks.urls")),
    path("", admin.site.urls),
]
