"""The Chinese track (中文版): translation catalogues, generated Chinese notebooks, Chinese JupyterLab.

English notebooks are the source; the Chinese of each cell lives in a gettext
PO catalogue (``locale/zh_CN/LC_MESSAGES/<notebook path>.po``, ``msgctxt`` =
notebook path + cell id, ``msgid`` = the English cell), editable with Poedit or
Weblate; the Chinese notebooks (``notebooks/zh/...``) and assignments
(``assignments/<name>_zh/``) are generated from them and committed::

    kamcourse i18n update [NOTEBOOK ...]   # extract new/changed cells (changed ones become fuzzy)
    kamcourse i18n build                   # write the Chinese notebooks
    kamcourse i18n check                   # what is missing, fuzzy or stale; what is not in the track yet

Modules: :mod:`~kamcourse.translation.paths` (layout, the track),
:mod:`~kamcourse.translation.cells` (what is translated),
:mod:`~kamcourse.translation.catalogue` (PO catalogues),
:mod:`~kamcourse.translation.twins` (generation and checks),
:mod:`~kamcourse.translation.guides` (Markdown guides, translated section by section),
:mod:`~kamcourse.translation.lab` (JupyterLab's interface language, a class's default; run as
``python -m kamcourse.translation.lab`` by ``make lab``, so it is not imported here).
"""

from .catalogue import update
from .cells import mostly_chinese, program_difference, readable_text
from .paths import catalogue_path, chinese_path, english_sources, find_root, track
from .twins import Problem, Status, build, build_notebook, check

__all__ = [
    "update", "build", "build_notebook", "check", "Problem", "Status",
    "readable_text", "program_difference", "mostly_chinese",
    "find_root", "english_sources", "catalogue_path", "chinese_path", "track",
]
