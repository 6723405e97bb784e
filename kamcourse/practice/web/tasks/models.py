"""A student's answer to a question of a practical task (实训答案)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["TaskAnswer"]


class TaskAnswer(models.Model):
    """What a student answered to one question (e.g. a figure read from the statistics pages)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="task_answers")
    question = models.CharField(_("question"), max_length=40)
    answer = models.CharField(_("answer"), max_length=200)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("task answer")
        verbose_name_plural = _("task answers")
        constraints = [models.UniqueConstraint(fields=["user", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.question}: {self.answer}"
