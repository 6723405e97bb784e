"""Feedback of the visible tests in graded notebooks (作业自检反馈): "q1 passed", or what is wrong, in one line.

A test cell of an assignment is plain Python: ``assert`` lines whose messages
say what is wrong, then ``passed("q1")``::

    from kamcourse.checks import passed, is_number
    assert is_number(top20_share), "q2: top20_share must be a number"
    assert 0.2 <= top20_share <= 1, "q2: the top 20% bring at least 20% of revenue"
    passed("q2")

- When every check passes, :func:`passed` prints ``q2 passed`` (``第 2 题通过``
  in Chinese: the language of :mod:`kamcourse.i18n`), so silence never means
  "maybe".
- When a check fails inside Jupyter, the cell shows one red line, the
  assertion's message (``✗ q2: top20_share must be a number``), instead of a
  traceback; a name that is not defined yet or an error raised while checking
  gets a one-line hint too (:func:`failure_message`). Importing this module
  installs that display in the running IPython kernel, for the cells that
  import it only; other cells keep IPython's usual tracebacks.
- The cell still fails (nbgrader and ``kamcourse grade`` see the error), and
  outside IPython nothing changes: an assertion raises as usual.

The predicates (:func:`is_number`, :func:`is_count`, :func:`is_fraction`)
never raise, so a visible test can check the kind of an answer before it
compares it, and a wrong type gives a message rather than an error from pandas.
"""

from __future__ import annotations

import linecache
import math
import numbers
import re
import sys
from typing import Any

from . import i18n

__all__ = ["passed", "passed_message", "question_label", "failure_message", "is_number", "is_count", "is_fraction", "MARK"]

#: The marker of a failed check, shown before the message.
MARK = "✗"

_TEXT = {
    "passed": {"en": "{q} passed", "zh": "{q}通过"},
    "undefined": {
        "en": "{name} is not defined yet: run your answer cell above (and the cells before it) first",
        "zh": "{name} 还没有定义：请先运行上面的答案单元格（以及它之前的单元格）",
    },
    "failed": {"en": "a check did not pass (line {line} of this test cell)", "zh": "有一项检查没有通过（本测试单元格第 {line} 行）"},
    "error": {
        "en": "checking your answer stopped with {kind}: {text} (line {line} of this test cell); "
              "look at the type and the shape of your answer",
        "zh": "检查你的答案时出现 {kind}：{text}（本测试单元格第 {line} 行）；请检查答案的类型和形状",
    },
}
_QUESTION = re.compile(r"""passed\(\s*["']([^"']+)["']\s*\)""")
_NUMBERED = re.compile(r"^q(\d+)([a-z]?)$")
_MODULE = "kamcourse.checks"


def _question(question: str) -> str:
    if not isinstance(question, str):
        raise TypeError(f"question must be a string such as 'q1', got {question!r}")
    if not question.strip():
        raise ValueError(f"question must name the question, e.g. 'q1', got {question!r}")
    return question.strip()


def question_label(question: str, language: str | None = None) -> str:
    """How a question's label reads in a language: ``q2b`` in English, ``第 2 题（b）`` in Chinese (题号).

    Labels of the form ``q<number><letter>`` are translated; any other label is kept as it is.
    Source: this kit's convention (the Chinese assignments number questions 第 N 题).

    Parameters
    ----------
    question : str
        The label used in the test cell, e.g. ``"q1"`` or ``"q2b"``.
    language : {"en", "zh"}, optional
        Default: the current language of :mod:`kamcourse.i18n`.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``question`` is not a string.
    ValueError
        If ``question`` is empty or ``language`` unknown.

    Examples
    --------
    >>> question_label("q2b", "en"), question_label("q2b", "zh"), question_label("q1", "zh")
    ('q2b', '第 2 题（b）', '第 1 题')
    >>> question_label("bonus", "zh")
    'bonus'
    """
    q, lang = _question(question), i18n.check_language(language)
    found = _NUMBERED.match(q)
    if lang != "zh" or not found:
        return q
    number, part = found.groups()
    return f"第 {number} 题" + (f"（{part}）" if part else "")


def passed_message(question: str, language: str | None = None) -> str:
    """The line a test cell prints when all its checks pass (自检通过提示).

    Source: this kit's convention, after otter-grader's ``grader.check("q1")``
    ("q1 passed!").

    Parameters
    ----------
    question : str
        The question's label, e.g. ``"q1"`` or ``"q2b"``.
    language : {"en", "zh"}, optional
        Default: the current language of :mod:`kamcourse.i18n`.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``question`` is not a string.
    ValueError
        If ``question`` is empty or ``language`` unknown.

    Examples
    --------
    >>> passed_message("q1", "en")
    'q1 passed'
    >>> passed_message("q2b", "zh")
    '第 2 题（b）通过'
    >>> passed_message("", "en")
    Traceback (most recent call last):
    ...
    ValueError: question must name the question, e.g. 'q1', got ''
    """
    lang = i18n.check_language(language)
    return _TEXT["passed"][lang].format(q=question_label(question, lang))


def passed(question: str) -> None:
    """Print that the checks of a test cell passed: ``q1 passed`` (``第 1 题通过``).

    The last line of every test cell: it runs only when no check above it
    failed. Source: this kit's convention (see :func:`passed_message`).

    Parameters
    ----------
    question : str
        The question's label, e.g. ``"q1"``.

    Raises
    ------
    TypeError
        If ``question`` is not a string.
    ValueError
        If ``question`` is empty.

    Examples
    --------
    >>> i18n.set_language("en"); passed("q3")
    q3 passed
    """
    print(passed_message(question))


def failure_message(exc: BaseException, question: str | None = None, line: int | None = None,
                    language: str | None = None) -> str:
    """One line saying what is wrong, for a check that failed (自检未通过的说明).

    - an ``AssertionError`` shows its own message, prefixed with the question
      (:func:`question_label`) when the message does not name it;
    - a ``NameError`` says which name is missing and to run the answer cell;
    - any other error says where checking stopped and to look at the type and
      shape of the answer.

    Source: this kit's convention (one line instead of a traceback, as
    otter-grader reports a failing test case).

    Parameters
    ----------
    exc : BaseException
        The exception the test cell raised.
    question : str, optional
        The question's label (``"q1"``), taken from the cell's ``passed(...)``.
    line : int, optional
        The line of the test cell where it stopped.
    language : {"en", "zh"}, optional
        Default: the current language of :mod:`kamcourse.i18n`.

    Returns
    -------
    str
        Starts with :data:`MARK`.

    Raises
    ------
    TypeError
        If ``exc`` is not an exception.
    ValueError
        If ``language`` is unknown.

    Examples
    --------
    >>> failure_message(AssertionError("q2: top20_share must be a number"), "q2", 3, "en")
    '✗ q2: top20_share must be a number'
    >>> failure_message(AssertionError("a share lies between 0 and 1"), "q2", 3, "en")
    '✗ q2: a share lies between 0 and 1'
    >>> failure_message(AssertionError("第 1 题：占比应在 0 和 1 之间"), "q1", 3, "zh")
    '✗ 第 1 题：占比应在 0 和 1 之间'
    >>> failure_message(NameError("name 'revenue' is not defined", name="revenue"), "q1", 2, "zh")
    '✗ 第 1 题：revenue 还没有定义：请先运行上面的答案单元格（以及它之前的单元格）'
    >>> failure_message(TypeError("unsupported operand"), "q1", 4, "en")  # doctest: +NORMALIZE_WHITESPACE
    '✗ q1: checking your answer stopped with TypeError: unsupported operand (line 4 of this test cell);
    look at the type and the shape of your answer'
    """
    if not isinstance(exc, BaseException):
        raise TypeError(f"exc must be an exception, got {exc!r}")
    lang = i18n.check_language(language)
    where = "?" if line is None else line
    if isinstance(exc, AssertionError):
        text = str(exc).strip() or _TEXT["failed"][lang].format(line=where)
    elif isinstance(exc, NameError):
        name = getattr(exc, "name", None) or (re.findall(r"'([^']+)'", str(exc)) or ["?"])[0]
        text = _TEXT["undefined"][lang].format(name=name)
    else:
        text = _TEXT["error"][lang].format(kind=type(exc).__name__, text=str(exc).strip()[:200], line=where)
    if question:
        label = question_label(question, lang)
        if not text.lower().startswith((question.lower(), label.lower())):
            text = f"{label}：{text}" if lang == "zh" else f"{label}: {text}"
    return f"{MARK} {text}"


def _real(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def is_number(value: Any) -> bool:
    """Whether ``value`` is one finite real number (an int, a float or a numpy scalar; not a bool).

    Never raises, so a test can check the kind of an answer first.
    Source: this kit's convention.

    Parameters
    ----------
    value : object

    Returns
    -------
    bool

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> is_number(0.5), is_number(np.float64(2)), is_number(3)
    (True, True, True)
    >>> is_number(True), is_number(float("nan")), is_number("0.5"), is_number(pd.Series([1.0]))
    (False, False, False, False)
    """
    return _real(value) is not None


def is_count(value: Any) -> bool:
    """Whether ``value`` is a whole number of things (>= 0), such as 3 or 3.0.

    Source: this kit's convention.

    Parameters
    ----------
    value : object

    Returns
    -------
    bool

    Examples
    --------
    >>> is_count(3), is_count(3.0), is_count(2.5), is_count(-1)
    (True, True, False, False)
    """
    number = _real(value)
    return number is not None and number >= 0 and number == int(number)


def is_fraction(value: Any) -> bool:
    """Whether ``value`` is a number between 0 and 1 (a share or a rate, not a percentage).

    Source: this kit's convention (shares are fractions: 0.25, not 25).

    Parameters
    ----------
    value : object

    Returns
    -------
    bool

    Examples
    --------
    >>> is_fraction(0.25), is_fraction(1), is_fraction(25), is_fraction(-0.1)
    (True, True, False, False)
    """
    number = _real(value)
    return number is not None and 0 <= number <= 1


# --- the display in Jupyter ---------------------------------------------------------------

def _test_cell_frame(shell, tb):
    """The deepest traceback entry in a notebook cell that imports this module, and the cell's source."""
    found, source = None, ""
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_name == "<module>" and frame.f_globals is shell.user_ns:
            text = "".join(linecache.getlines(frame.f_code.co_filename))
            if _MODULE in text:
                found, source = tb, text
        tb = tb.tb_next
    return found, source


def _show(shell, etype, value, tb, tb_offset=None):
    """IPython's custom exception handler: one line for a test cell, the usual traceback otherwise."""
    cell_tb, source = _test_cell_frame(shell, tb)
    if cell_tb is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)
        return None
    line = cell_tb.tb_lineno  # where the test cell stopped
    named = _QUESTION.findall(source)
    question = named[-1] if named else None
    red, reset = "\x1b[0;31m", "\x1b[0m"
    stb = [f"{red}{failure_message(value, question, line)}{reset}"]
    shell._showtraceback(etype, value, stb)
    return None


def _install() -> bool:
    """Install the one-line display in the running IPython kernel (once); False outside IPython."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    if getattr(shell, "custom_exceptions", ()) and not getattr(shell, "_kamcourse_checks", False):
        return False  # someone else's handler: leave it alone
    shell.set_custom_exc((Exception,), _show)
    shell._kamcourse_checks = True
    return True


_install()
