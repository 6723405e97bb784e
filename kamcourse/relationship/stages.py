"""The stages of a key-account relationship (大客户关系发展阶段): Millman & Wilson, McDonald & Rogers."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd

from ..validation import check_choice
from .levels import steps_table

__all__ = ["KAM_STAGES", "KAM_STAGE_DESCRIPTIONS", "MCDONALD_ROGERS_STAGES", "MCDONALD_ROGERS_DESCRIPTIONS", "kam_stages"]

#: Millman & Wilson's relational development model of KAM, in order.
KAM_STAGES: tuple[str, ...] = (
    "pre_kam",
    "early_kam",
    "mid_kam",
    "partnership_kam",
    "synergistic_kam",
    "uncoupling_kam",
)

#: One line per Millman & Wilson stage (stage order sourced; the one-line contents are
#: the usual textbook reading of Millman & Wilson 1995, 1996).
KAM_STAGE_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "pre_kam": "spot which accounts have key-account potential and prepare",
        "early_kam": "explore collaboration; one of several suppliers; the salesperson-buyer "
        "link dominates (bow tie)",
        "mid_kam": "more trust and more contacts across functions; preferred-supplier status",
        "partnership_kam": "the customer treats the supplier as an external resource; "
        "shared information and joint problem solving",
        "synergistic_kam": "quasi-integration: the two firms create joint value beyond the partnership",
        "uncoupling_kam": "disengagement, possible at any stage (breach of trust, change of strategy)",
    }
)

#: McDonald & Rogers' relationship stages, in order (plus disintegration, possible at any stage).
MCDONALD_ROGERS_STAGES: tuple[str, ...] = (
    "exploratory_kam",
    "basic_kam",
    "cooperative_kam",
    "interdependent_kam",
    "integrated_kam",
    "disintegrating_kam",
)

#: One line per McDonald & Rogers stage (McDonald's definitions; McDonald & Rogers 1998).
MCDONALD_ROGERS_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "exploratory_kam": "supplier and customer size each other up; little or no business yet",
        "basic_kam": "some transactional business",
        "cooperative_kam": "regular business, maybe preferred supplier but one of many; price still matters",
        "interdependent_kam": "multi-function, multi-level links, but the customer could still exit",
        "integrated_kam": "systems interlinked; exit is hard for both",
        "disintegrating_kam": "the relationship comes apart, possible at any stage",
    }
)


def kam_stages(model: str = "millman_wilson", language: str | None = None) -> pd.DataFrame:
    """The stages of a key-account relationship as a table (大客户关系发展阶段).

    Two models of how a supplier–key-account relationship develops:

    - ``"millman_wilson"``: pre-KAM → early-KAM → mid-KAM → partnership-KAM →
      synergistic-KAM, with uncoupling-KAM possible at any point
      (Millman & Wilson 1995, 1996);
    - ``"mcdonald_rogers"``: exploratory → basic → cooperative →
      interdependent → integrated, with disintegrating possible at any point
      (McDonald & Rogers 1998).

    The order of the stages is sourced (Millman & Wilson 1995, 1996; McDonald &
    Rogers 1998); the one-line descriptions are the usual textbook reading.

    Parameters
    ----------
    model : {"millman_wilson", "mcdonald_rogers"}
        Which model.
    language : {"en", "zh"}, optional
        Language of the ``name`` and ``description`` columns; the current language by default.

    Returns
    -------
    pandas.DataFrame
        One row per stage in order, index ``stage`` (keys), columns
        ``step`` (1, 2, ...), ``name`` and ``description``.

    Raises
    ------
    ValueError
        If ``model`` or ``language`` is unknown.

    References
    ----------
    .. [1] Millman, T., & Wilson, K. (1995). From key account selling to key account
       management. *Journal of Marketing Practice: Applied Marketing Science* 1(1), 9-21.
    .. [2] McDonald, M., & Rogers, B. (1998). *Key Account Management*. Butterworth-Heinemann.

    Examples
    --------
    >>> kam_stages().index.tolist()[:3]
    ['pre_kam', 'early_kam', 'mid_kam']
    >>> int(kam_stages("mcdonald_rogers", "en").loc["integrated_kam", "step"])
    5
    """
    check_choice(model, "model", ("millman_wilson", "mcdonald_rogers"))
    keys = KAM_STAGES if model == "millman_wilson" else MCDONALD_ROGERS_STAGES
    return steps_table(keys, "stage", language)
