from __future__ import annotations

from django.urls import path

from . import views

__all__ = ["urlpatterns", "app_name"]

app_name = "tasks"
urlpatterns = [path("", views.index, name="index")]
