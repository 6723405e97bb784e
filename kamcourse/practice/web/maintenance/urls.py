from __future__ import annotations

from django.urls import path

from . import views

__all__ = ["urlpatterns", "app_name"]

app_name = "maintenance"
urlpatterns = [
    path("", views.index, name="index"),
    path("backup/", views.make_backup, name="backup"),
    path("download/<str:name>", views.download, name="download"),
    path("restore/", views.restore, name="restore"),
]
