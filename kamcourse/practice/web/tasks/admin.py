"""Task answers in the admin (for the teacher's view)."""

from __future__ import annotations

from django.contrib import admin

from ..adminbase import ScopedAdmin
from .models import TaskAnswer

__all__ = ["TaskAnswerAdmin"]


@admin.register(TaskAnswer)
class TaskAnswerAdmin(ScopedAdmin):
    list_display = ("user", "question", "answer", "answered_at")
    list_filter = ("question",)
