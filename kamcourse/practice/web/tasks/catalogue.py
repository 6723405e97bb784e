"""The practical tasks, one per chapter of the manual: what the student is asked to do (实训任务书).

Each task's handout is written from the student's own parameters
(:func:`.params.task_params`) in the language of the page or command;
:mod:`.checks` grades it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kamcourse import i18n

__all__ = ["CHAPTERS", "titles", "handout"]

CHAPTERS = ("ch03", "ch04", "ch05", "ch06", "ch07", "ch08", "ch09", "ch10")


def _l(key: str) -> str:
    from django.utils.translation import get_language

    return i18n.label(key, "zh" if (get_language() or "en").lower().startswith("zh") else "en")


def titles() -> dict[str, str]:
    """Each chapter's task title in the current language (任务标题).

    Examples
    --------
    >>> sorted(titles()) == sorted(CHAPTERS)
    True
    """
    return {
        "ch03": _("Chapter 3: users and permissions"),
        "ch04": _("Chapter 4: customer records"),
        "ch05": _("Chapter 5: contacts"),
        "ch06": _("Chapter 6: opportunities"),
        "ch07": _("Chapter 7: sales orders"),
        "ch08": _("Chapter 8: service requests"),
        "ch09": _("Chapter 9: statistics"),
        "ch10": _("Chapter 10: backup and restore"),
    }


def handout(chapter: str, p: dict) -> list[str]:
    """The steps of one chapter's task for a student with parameters ``p`` (任务说明).

    Parameters
    ----------
    chapter : str
        One of :data:`CHAPTERS`.
    p : dict
        :func:`.params.task_params` of the student.

    Returns
    -------
    list of str
        One step per item.

    Raises
    ------
    ValueError
        For an unknown chapter.

    Examples
    --------
    >>> from .params import task_params
    >>> len(handout("ch06", task_params(None))) >= 3
    True
    """
    if chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {', '.join(CHAPTERS)}; got {chapter!r}")
    q = p[chapter]
    if chapter == "ch03":
        return [_("Log in as admin. Register a login account %(user)s for the new sales representative %(name)s, "
                  "with the role sales representative and a password of your choice.") % {"user": q["new_user"],
                                                                                            "name": q["new_name"]},
                _("The salesperson with the account %(user)s is leaving the company: deactivate the account "
                  "(do not delete it, so the records keep their author).") % {"user": q["leaver"]}]
    if chapter == "ch04":
        c = q["customer"]
        return [_("Enter the new customer %(name)s: unified social credit code %(code)s, industry %(industry)s, "
                  "region %(region)s, size %(size)s, account manager %(manager)s.")
                % {"name": c["name_zh"], "code": c["credit_code"], "industry": _l(c["industry"]),
                   "region": _l(c["region"]), "size": _l(c["size_band"]), "manager": c["account_manager"]},
                _("Customer %(name)s (%(id)s) has moved: change its region to %(region)s.")
                % {"name": q["moved_name"], "id": q["moved"], "region": _l(q["new_region"])}]
    if chapter == "ch05":
        steps = [_("Enter the three contacts of the new customer of chapter 4:")]
        for c in q["contacts"]:
            steps.append(_("%(name)s, function %(role)s, role in the buying decision %(level)s, phone %(phone)s")
                         % {"name": c["name_zh"], "role": _l(c["role"]), "level": _l(c["decision_level"]),
                            "phone": c["phone"]})
        steps += [_("Contact %(id)s has a new phone number %(phone)s: change it.") % {"id": q["rephone"],
                                                                                       "phone": q["new_phone"]},
                  _("Contact %(id)s has left the customer: delete the contact.") % {"id": q["gone"]}]
        return steps
    if chapter == "ch06":
        steps = [_("Move opportunity %(id)s to the stage %(stage)s and log a follow-up activity on it.")
                 % {"id": o, "stage": _l(s)} for o, s in q["move"].items()]
        steps += [_("Close opportunity %(id)s as lost, closing reason: a competitor's offer; add a note.")
                  % {"id": q["lose"]},
                  _("Find every open opportunity in early warning and log a follow-up activity on each.")]
        return steps
    if chapter == "ch07":
        return [_("Opportunity %(id)s is won: close it as won with the closing reason 'product fit to the need', "
                  "and create its sales order.") % {"id": q["win"]},
                _("Track the order: mark it shipped, then invoiced, then close it (one step at a time).")]
    if chapter == "ch08":
        return [_("Customer %(id)s calls with a complaint: %(subject)s. Log it as a service request of type "
                  "complaint, priority high, with the contact %(contact)s.")
                % {"id": q["customer"], "subject": q["subject"], "contact": q["contact"]},
                _("Record your first response to the customer as a tracking note (kind: response to the customer) "
                  "within the target."),
                _("Close the request within its target, with the resolution and the customer's satisfaction "
                  "score %(score)d.") % {"score": q["satisfaction"]}]
    if chapter == "ch09":
        return [_("On the customer statistics page: which industry has the most customers? Answer on the tasks page."),
                _("On the customer statistics page: what share of the last 12 months' revenue do the top 20% of "
                  "customers bring? Answer in percent with one decimal on the tasks page.")]
    return [_("Make a backup with the note 'before cleanup'."),
            _("Then delete contact %(id)s (pretend it was a mistake).") % {"id": q["victim"]},
            _("Restore the backup you made, and check that the contact is back. Do this task last: "
              "a restore replaces everything done after the backup.")]
