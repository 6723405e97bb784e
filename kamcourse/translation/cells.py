"""Which cells are translated, and what a Chinese code cell may change (可翻译的单元格).

This kit's convention (docs/CONTRIBUTING.md, "Chinese catalogue"):

- every Markdown cell with text is translated as a whole;
- a code cell is translated only when it holds text a reader reads as text:
  comments, docstrings and assertion messages (the messages a test shows a
  student). Everything else in it (names, numbers, other strings) is code and
  stays exactly as in English: :func:`program_difference` checks it, so a
  translation can never change what a cell computes, drop an nbgrader marker
  or reveal a hidden test;
- the first code cell of a Chinese notebook selects Chinese
  (:func:`select_chinese`).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

__all__ = [
    "NBGRADER_MARKER",
    "readable_text",
    "is_translatable",
    "program_difference",
    "select_chinese",
    "chinese_share",
    "mostly_chinese",
]

#: nbgrader's marker comments: never translated, never moved.
NBGRADER_MARKER = re.compile(r"^[ \t]*###? ?(BEGIN|END) (SOLUTION|HIDDEN TESTS|MARK SCHEME)\b.*$", re.M)
_TOOL_COMMENT = re.compile(r"^#\s*(noqa|type:|pragma|fmt:|doctest:|YOUR CODE HERE)", re.I)
_LETTER = re.compile(r"[^\W\d_]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# what is not prose in a Markdown cell: code, links' targets, addresses, HTML tags
_NOT_PROSE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`|\]\([^)]*\)|<[^>\n]+>|https?://\S+|\$\$.*?\$\$|\$[^$\n]+\$", re.S)

_ZH_SELECT = 'from kamcourse import i18n\ni18n.set_language("zh")  # 中文；改成 "en" 即切换为英文\n'


def _python(source: str) -> str:
    """The source with IPython magics and shell lines replaced by ``pass`` (same line numbers)."""
    return "\n".join("pass" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n"))


def _magics(source: str) -> list[str]:
    return [line.strip() for line in source.split("\n") if line.lstrip().startswith(("%", "!"))]


def _markers(source: str) -> list[str]:
    return [m.group(0).strip() for m in NBGRADER_MARKER.finditer(source)]


def _comments(source: str) -> list[str]:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(_python(source)).readline))
        comments = [t.string for t in tokens if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        comments = [line.strip() for line in source.split("\n") if line.strip().startswith("#")]
    return [c for c in comments
            if not NBGRADER_MARKER.match(c) and not _TOOL_COMMENT.match(c) and _LETTER.search(c)]


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _strings(source: str) -> list[str]:
    """Docstrings (string statements) and assertion messages."""
    try:
        tree = ast.parse(_python(source))
    except SyntaxError:
        return []
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and _is_text(node.value):
            found.append(node.value.value)
        elif isinstance(node, ast.Assert) and node.msg is not None:
            parts = node.msg.values if isinstance(node.msg, ast.JoinedStr) else [node.msg]
            found += [p.value for p in parts if _is_text(p)]
    return [s for s in found if _LETTER.search(s)]


def readable_text(source: str) -> list[str]:
    """The text of a code cell that a reader reads as text: comments, docstrings, assertion messages.

    nbgrader markers and tool comments (``# noqa``, ``# YOUR CODE HERE``) are
    not text to translate.

    Parameters
    ----------
    source : str
        A code cell's source.

    Returns
    -------
    list of str

    Examples
    --------
    >>> readable_text('x = 1  # one customer\\n### BEGIN HIDDEN TESTS\\nassert x == 1, "q1: not yet"\\n### END HIDDEN TESTS')
    ['# one customer', 'q1: not yet']
    >>> readable_text('revenue = orders["net_revenue"].sum()')
    []
    """
    return _comments(source) + _strings(source)


def is_translatable(cell) -> bool:
    """Whether a notebook cell gets a catalogue entry (Markdown with text; code with :func:`readable_text`).

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_markdown_cell
    >>> is_translatable(new_markdown_cell("## 1 · The course map"))
    True
    >>> is_translatable(new_code_cell("data.names()")), is_translatable(new_code_cell("data.names()  # the tables"))
    (False, True)
    """
    if cell.cell_type == "markdown":
        return bool(cell.source.strip())
    if cell.cell_type == "code":
        return bool(readable_text(cell.source))
    return False


class _Blank(ast.NodeTransformer):
    """Blank the parts a translation may change: string statements and assertion messages."""

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        if _is_text(node.value):
            return ast.Expr(value=ast.Constant(value=""))
        return self.generic_visit(node)

    def visit_Assert(self, node: ast.Assert) -> ast.AST:
        node = self.generic_visit(node)
        if _is_text(node.msg):
            node.msg = ast.Constant(value="")
        elif isinstance(node.msg, ast.JoinedStr):
            # the formatted values stay (in any order), the words around them may change
            kept = sorted(ast.dump(v) for v in node.msg.values if not _is_text(v))
            node.msg = ast.Constant(value=tuple(kept))
        return node


def _shape(source: str) -> str:
    return ast.dump(_Blank().visit(ast.parse(_python(source))))


def program_difference(english: str, chinese: str) -> str | None:
    """Say how a translated code cell differs from its English source as a program, or None.

    Only comments, docstrings and assertion messages may differ; nbgrader
    markers and IPython magics must stay, line for line, in the same order.

    Parameters
    ----------
    english, chinese : str
        The English cell and its translation.

    Returns
    -------
    str or None
        None when the two are the same program, else what differs.

    Examples
    --------
    >>> program_difference('x = 1  # one', 'x = 1  # 一个')
    >>> program_difference('assert x > 0, "q1: too small"', 'assert x > 0, "第 1 题：太小了"')
    >>> program_difference('x = 1  # one', 'x = 2  # 两个')
    'the code differs from the English cell: x = 2  # 两个'
    >>> program_difference('### BEGIN HIDDEN TESTS\\nassert x\\n### END HIDDEN TESTS', 'assert x')
    'nbgrader markers differ from the English cell'
    """
    if _markers(english) != _markers(chinese):
        return "nbgrader markers differ from the English cell"
    if _magics(english) != _magics(chinese):
        return "IPython magics differ from the English cell"
    try:
        same = _shape(english) == _shape(chinese)
    except SyntaxError:
        same = [line for line in english.split("\n") if not line.lstrip().startswith("#")] == [
            line for line in chinese.split("\n") if not line.lstrip().startswith("#")
        ]
    if same:
        return None
    en_lines = english.split("\n")
    first = next((line for i, line in enumerate(chinese.split("\n"))
                  if i >= len(en_lines) or line.split("#")[0].rstrip() != en_lines[i].split("#")[0].rstrip()),
                 chinese.split("\n")[0])
    return f"the code differs from the English cell: {first.strip()}"


def _offset(lines: list[str], lineno: int, col: int) -> int:
    """Character offset of an ast (line, UTF-8 byte column) position in ``"\\n".join(lines)``."""
    before = sum(len(line) + 1 for line in lines[: lineno - 1])
    return before + len(lines[lineno - 1].encode("utf-8")[:col].decode("utf-8"))


def select_chinese(source: str) -> str:
    """The first code cell of a Chinese notebook: every ``set_language(...)`` becomes ``set_language("zh")``.

    A cell that does not choose a language gets the two lines that do, at the top.

    Parameters
    ----------
    source : str
        The (translated) first code cell.

    Returns
    -------
    str

    Examples
    --------
    >>> print(select_chinese('from kamcourse import i18n\\ni18n.set_language()  # 中文；"en" 为英文'))
    from kamcourse import i18n
    i18n.set_language("zh")  # 中文；"en" 为英文
    >>> print(select_chinese("import pandas as pd"))
    from kamcourse import i18n
    i18n.set_language("zh")  # 中文；改成 "en" 即切换为英文
    import pandas as pd
    """
    try:
        tree = ast.parse(_python(source))
    except SyntaxError:
        return _ZH_SELECT + source
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
             and (getattr(n.func, "attr", None) == "set_language" or getattr(n.func, "id", None) == "set_language")]
    if not calls:
        return _ZH_SELECT + source
    lines = source.split("\n")
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset), reverse=True):
        start = _offset(lines, call.func.end_lineno, call.func.end_col_offset)
        end = _offset(lines, call.end_lineno, call.end_col_offset)
        source = source[:start] + '("zh")' + source[end:]
        lines = source.split("\n")
    return source


def chinese_share(text: str) -> float:
    """Share of Chinese characters among the letters of a Markdown text's prose (中文占比).

    Code (inline and fenced), formulas, link targets, HTML tags and web
    addresses are left out; then ``chinese / (chinese + latin letters)``.

    Examples
    --------
    >>> chinese_share("大客户管理（`kam`）")
    1.0
    >>> round(chinese_share("大客户 key account"), 2)
    0.23
    >>> chinese_share("`code` only")
    0.0
    """
    prose = _NOT_PROSE.sub(" ", text)
    cjk, latin = len(_CJK.findall(prose)), len(_LATIN.findall(prose))
    return cjk / (cjk + latin) if cjk + latin else 0.0


def mostly_chinese(text: str) -> bool:
    """Whether a Markdown text is mostly Chinese: at least half of its prose letters are Chinese.

    Examples
    --------
    >>> mostly_chinese("## 2 · 课程地图（map）")
    True
    >>> mostly_chinese("## 2 · The course map (课程地图)")
    False
    """
    return chinese_share(text) >= 0.5
