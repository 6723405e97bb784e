"""The Chinese interface text: a gettext PO catalogue compiled without GNU gettext (界面翻译).

The catalogue ``kamcourse/practice/locale/zh_Hans/LC_MESSAGES/django.po`` is
the source (edit it with any PO editor). Django reads compiled ``.mo`` files;
instead of asking users to install GNU gettext for ``compilemessages``, the
system compiles the PO file with the pure-Python ``polib`` package when it
starts, into a cache folder keyed by the catalogue's checksum (so an edited
catalogue is recompiled, and a read-only installation works).
Django's own Chinese (admin, auth) ships compiled with Django.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

__all__ = ["PO_FILE", "compiled_locale_dir"]

#: The source catalogue of the practice system's own strings.
PO_FILE = Path(__file__).resolve().parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _cache_root() -> Path:
    base = os.environ.get("KAMCOURSE_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    if not os.environ.get("KAMCOURSE_CACHE_DIR"):
        root = root / "kamcourse"
    return root / "practice-locale"


def compiled_locale_dir(po_file: Path = PO_FILE) -> Path:
    """Compile the PO catalogue (if not yet done) and return the folder for ``LOCALE_PATHS`` (编译翻译).

    Parameters
    ----------
    po_file : pathlib.Path
        The catalogue (default :data:`PO_FILE`).

    Returns
    -------
    pathlib.Path
        A folder holding ``zh_Hans/LC_MESSAGES/django.mo``.

    Raises
    ------
    FileNotFoundError
        If ``po_file`` does not exist.

    Examples
    --------
    >>> folder = compiled_locale_dir()
    >>> (folder / "zh_Hans" / "LC_MESSAGES" / "django.mo").is_file()
    True
    """
    data = Path(po_file).read_bytes()
    key = hashlib.sha256(data).hexdigest()[:16]
    for root in (_cache_root(), Path(tempfile.gettempdir()) / f"kamcourse-locale-{os.getuid() if hasattr(os, 'getuid') else 0}"):
        folder = root / key
        mo = folder / "zh_Hans" / "LC_MESSAGES" / "django.mo"
        if mo.is_file():
            return folder
        try:
            import polib

            mo.parent.mkdir(parents=True, exist_ok=True)
            tmp = mo.with_name(f".django.mo.{os.getpid()}")
            polib.pofile(str(po_file)).save_as_mofile(str(tmp))
            os.replace(tmp, mo)
            return folder
        except OSError:
            continue
    raise OSError(f"could not write the compiled catalogue of {po_file} to any cache folder")


_CALLS = {"_": 1, "gettext": 1, "gettext_lazy": 1, "ngettext": 2, "gettext_noop": 1}


def source_messages(root: Path | None = None) -> set[str]:
    """Every translatable string of the practice system's code and templates (待翻译的界面文字).

    Python: the first argument of ``_``/``gettext``/``gettext_lazy`` (and
    both forms of ``ngettext``); templates: ``{% translate "..." %}`` and
    ``{% blocktranslate %}...{% endblocktranslate %}`` with ``{{ x }}``
    written ``%(x)s``, as Django's ``makemessages`` extracts them.

    Parameters
    ----------
    root : pathlib.Path, optional
        Folder to scan (default: the practice package).

    Returns
    -------
    set of str

    Examples
    --------
    >>> "Practice CRM system" in source_messages()
    True
    """
    import ast
    import re

    root = Path(root) if root else Path(__file__).resolve().parent
    found: set[str] = set()
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CALLS:
                for arg in node.args[:_CALLS[node.func.id]]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
    simple = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.*?)\1""")
    block = re.compile(r"\{%\s*blocktranslate[^%]*%\}(.*?)\{%\s*endblocktranslate\s*%\}", re.S)
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        found.update(m.group(2) for m in simple.finditer(text))
        for m in block.finditer(text):
            body = m.group(1).replace("%", "%%")
            found.add(re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", body))
    return found
