from __future__ import annotations

from django.urls import path

from . import views

__all__ = ["urlpatterns", "app_name"]

app_name = "stats"
urlpatterns = [
    path("customers/", views.customers, name="customers"),
    path("business/", views.business, name="business"),
    path("service/", views.service, name="service"),
]
