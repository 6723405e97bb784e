"""The opportunity pipeline's rules: stages, early warnings, closing reasons (业务机会规则).

Pure functions over plain values, so the rules read (and test) on their own;
the models call them.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from kamcourse.vocabulary import CLOSED_STAGES, PIPELINE_STAGES

__all__ = ["STAGES", "OPEN_STAGES", "CLOSED_STAGES", "CLOSING_REASONS", "stage_rank", "furthest",
           "warnings_for"]

#: The kit's pipeline (kamcourse.vocabulary.PIPELINE_STAGES) plus the lost outcome; CLOSED_STAGES from the vocabulary too.
STAGES: tuple[str, ...] = (*PIPELINE_STAGES, "closed_lost")
OPEN_STAGES: tuple[str, ...] = PIPELINE_STAGES[:-1]

#: Why an opportunity was won or lost (6.3.2 填写关闭原因). "legacy": imported history, not recorded.
CLOSING_REASONS = (
    ("price", _("price")),
    ("product_fit", _("product fit to the need")),
    ("relationship", _("relationship with the customer")),
    ("service", _("service and technical support")),
    ("competitor", _("a competitor's offer")),
    ("budget", _("no budget at the customer")),
    ("timing", _("timing: project postponed or cancelled")),
    ("other", _("other (explain in the note)")),
    ("legacy", _("not recorded (imported history)")),
)


def stage_rank(stage: str) -> int:
    """Position of a stage in the pipeline (lost counts as where it was lost, so rank 0 here).

    Raises
    ------
    ValueError
        If ``stage`` is not a pipeline stage.

    Examples
    --------
    >>> stage_rank("proposal"), stage_rank("closed_won")
    (2, 4)
    """
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {', '.join(STAGES)}; got {stage!r}")
    return PIPELINE_STAGES.index(stage) if stage in PIPELINE_STAGES else 0


def furthest(previous: str, stage: str) -> str:
    """The furthest stage reached after moving to ``stage`` (商机到达的最远阶段).

    A won deal has reached every stage; losing does not move the furthest stage.

    Examples
    --------
    >>> furthest("proposal", "qualification"), furthest("proposal", "closed_won"), furthest("proposal", "closed_lost")
    ('proposal', 'closed_won', 'proposal')
    """
    if stage == "closed_lost":
        return previous
    return stage if stage_rank(stage) > stage_rank(previous) else previous


def warnings_for(stage: str, last_activity: dt.date | None, expected_close: dt.date | None, today: dt.date,
                 days: int = 30) -> list[str]:
    """Early warnings of one opportunity (业务机会预警, manual 6.2.3).

    ``"no_activity"``: open, and no activity (follow-up or stage change) for
    more than ``days`` days; ``"overdue"``: open, and the expected close date
    has passed (this kit's convention for the manual's warning rules).

    Parameters
    ----------
    stage : str
    last_activity, expected_close : datetime.date or None
    today : datetime.date
    days : int
        Days without activity that raise a warning (positive).

    Returns
    -------
    list of str

    Raises
    ------
    ValueError
        If ``days`` is not positive.

    Examples
    --------
    >>> import datetime as dt
    >>> warnings_for("proposal", dt.date(2025, 1, 1), dt.date(2025, 3, 1), dt.date(2025, 3, 15))
    ['no_activity', 'overdue']
    >>> warnings_for("closed_won", dt.date(2025, 1, 1), None, dt.date(2025, 3, 15))
    []
    """
    if days < 1:
        raise ValueError(f"days must be positive, got {days!r}")
    if stage in CLOSED_STAGES:
        return []
    out = []
    if last_activity is None or (today - last_activity).days > days:
        out.append("no_activity")
    if expected_close is not None and expected_close < today:
        out.append("overdue")
    return out
