"""How a CRM system is implemented (客户关系管理的实施步骤), as the course materials list the steps.

Two of the course documents list the steps, in slightly different words:

- the teaching plan (《客户关系管理》教案, 第四章 客户关系管理的实施步骤): set the CRM strategy
  (制定CRM战略), choose or develop the system (选择或开发CRM系统), migrate and integrate the data
  (数据迁移与集成), train and deploy (培训与部署);
- the answers (课后答案, 第三章 客户关系管理的实施): set the goals (确定客户关系管理的目标), find a
  system that fits (寻找适合企业的客户关系管理系统), train the staff and customise the system
  (进行员工培训和系统的定制化开发), test it (对系统进行测试), and go live (最终实施系统).

The syllabus adds selection, the implementation strategy and its risks (六、客户关系管理系统的选型与实施:
6.2 选型流程, 6.3 实施策略与步骤, 6.4 实施过程中的风险与挑战) and evaluation (十、10.2 CRM项目评估与监控);
the hotel CRM manual has chapters on the team (第八章), software selection (第九章 9.1), performance
evaluation (第十章) and risks (第十一章).
"""

from __future__ import annotations

import pandas as pd

from ..relationship import steps_table
from ..validation import check_choice

__all__ = ["IMPLEMENTATION_STEPS", "implementation_steps"]

#: The steps of each source, in order.
IMPLEMENTATION_STEPS: dict[str, tuple[str, ...]] = {
    "teaching_plan": ("crm_strategy", "system_selection", "data_migration", "training_deployment"),
    "answers": ("set_goals", "find_system", "training_customisation", "system_testing", "go_live"),
}


def implementation_steps(source: str = "teaching_plan", language: str | None = None) -> pd.DataFrame:
    """The steps of a CRM implementation as one of the course documents lists them (CRM实施步骤).

    Source: the course materials (``"teaching_plan"``: 《客户关系管理》教案 第四章, four steps;
    ``"answers"``: 课后答案 第三章, five steps); the one-line descriptions are this kit's summary.

    Parameters
    ----------
    source : {"teaching_plan", "answers"}
        Which document's list.
    language : {"en", "zh"}, optional
        Language of ``name`` and ``description``; the current language by default.

    Returns
    -------
    pandas.DataFrame
        Index ``step_key``; columns ``step`` (1, 2, ...), ``name``, ``description``.

    Raises
    ------
    ValueError
        If ``source`` or ``language`` is unknown.

    Examples
    --------
    >>> implementation_steps(language="en")["name"].tolist()
    ['set the CRM strategy', 'choose or develop the system', 'migrate and integrate the data', 'train and deploy']
    >>> len(implementation_steps("answers"))
    5
    """
    check_choice(source, "source", tuple(IMPLEMENTATION_STEPS))
    return steps_table(IMPLEMENTATION_STEPS[source], "step_key", language)
