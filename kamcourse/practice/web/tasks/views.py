"""The practical tasks page: the student's handout, the answers of chapter 9, and a progress check."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..maintenance.models import Instance
from .catalogue import CHAPTERS, handout, titles
from .models import TaskAnswer
from .params import task_params

__all__ = ["index"]


class AnswerForm(forms.Form):
    top_industry = forms.CharField(label=gettext_lazy("Industry with the most customers"), max_length=100,
                                   required=False)
    top20_share = forms.DecimalField(label=gettext_lazy("Top 20% customers' share of revenue (%)"), required=False,
                                     min_value=0, max_value=100, decimal_places=1)


@login_required
def index(request):
    """Show the tasks of the student this system was loaded for; save the chapter-9 answers.

    Examples
    --------
    >>> from django.test import Client
    >>> Client().get("/tasks/").status_code
    302
    """
    instance = Instance.objects.order_by("pk").first()
    student = instance.student or None if instance else None
    params = task_params(student, None, settings.CRM_WARNING_DAYS)
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            for question, value in form.cleaned_data.items():
                if value not in (None, ""):
                    TaskAnswer.objects.update_or_create(user=request.user, question=question,
                                                        defaults={"answer": str(value), "answered_at": timezone.now()})
            messages.success(request, _("Your answers are saved."))
            return redirect("tasks:index")
    else:
        saved = dict(TaskAnswer.objects.filter(user=request.user).values_list("question", "answer"))
        form = AnswerForm(initial=saved)
    progress = None
    if request.GET.get("check") and instance is not None:
        from .grading import grade_current_database

        progress = grade_current_database(student)["checks"]
    names = titles()
    context = {**admin.site.each_context(request), "title": _("Practical tasks"), "student": student,
               "tasks": [(c, names[c], handout(c, params)) for c in CHAPTERS], "form": form, "progress": progress}
    return render(request, "tasks/index.html", context)
