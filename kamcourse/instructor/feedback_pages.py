"""``kamcourse feedback``: per-student HTML feedback that never shows a hidden test.

nbgrader's own feedback prints hidden tests (their code, and the failing line
in tracebacks). Here each feedback page is rebuilt from the autograded
notebook: test cells show only their visible part and a one-line result; a
failed hidden check shows only its name and points; every output is scrubbed
of hidden-test lines (a submission could try to print them), of the course
secret and of the student's data key; and the finished HTML is searched for
every one of them before it is written.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path
from typing import TextIO

from ..i18n import label
from .checker import split_hidden
from .course import Course, ensure_tools_on_path, find_course
from .leaks import hidden_lines

__all__ = ["feedback", "HiddenTestLeak"]


class HiddenTestLeak(RuntimeError):
    """A generated feedback file still contains hidden-test text, a key or the secret (nothing was written)."""


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _forms(line: str) -> set[str]:
    """A secret line as it may appear: raw, JSON-escaped (a printed notebook), HTML-escaped."""
    as_json = json.dumps(line, ensure_ascii=False)[1:-1]
    forms = {line, as_json, html.escape(line), html.escape(as_json), html.escape(line, quote=False)}
    return {f for f in forms if f}


def _scrub(text: str, secrets: set[str]) -> str:
    for line in sorted(secrets, key=len, reverse=True):
        for form in sorted(_forms(line), key=len, reverse=True):
            text = text.replace(form, "[hidden]")
    return text


def _scrub_outputs(cell, secrets: set[str]) -> None:
    for out in cell.get("outputs", []):
        if "text" in out:
            out["text"] = _scrub(str(out["text"]), secrets)
        if "traceback" in out:
            out["traceback"] = [_scrub(str(t), secrets) for t in out["traceback"]]
        if "evalue" in out:
            out["evalue"] = _scrub(str(out["evalue"]), secrets)
        for mime, value in list(out.get("data", {}).items()):
            if isinstance(value, str):
                out["data"][mime] = _scrub(value, secrets)
            elif mime.endswith("json"):
                out["data"][mime] = json.loads(_scrub(json.dumps(value), secrets))


def _keys(student: str) -> set[str]:
    """The course secret (when one is set) and the student's data key: never shown on a page."""
    import os

    from kamcourse.data.variants import student_key

    secret = os.environ.get("KAMCOURSE_SECRET", "")
    return {student_key(student)} | ({secret} if len(secret) >= 8 else set())


def _result_output(text: str):
    import nbformat

    return nbformat.v4.new_output("stream", name="stdout", text=text + "\n")


def _language(source_notebook: Path) -> str:
    """The language of an assignment's source notebook (a Chinese twin says ``zh`` in its metadata)."""
    import nbformat

    language = nbformat.read(source_notebook, as_version=4).metadata.get("kamcourse", {}).get("language")
    return language if language in ("en", "zh") else "en"


def _build(nb, grades: dict, verdicts: dict, secrets: set[str], student: str, assignment: str, lang: str = "en"):
    import nbformat

    def t(key: str, **values) -> str:
        return label(f"feedback_{key}", lang).format(**values)

    rows = []
    total = maximum = 0.0
    for cell in nb.cells:
        m = _meta(cell)
        if m.get("grade"):
            g = grades.get(m["grade_id"], {})
            score = g.get("score")
            rows.append((m["grade_id"], score, g.get("max_score", m.get("points", 0)),
                         t("written_answer") if cell.cell_type == "markdown" else t("test")))
            total += score or 0.0
            maximum += float(g.get("max_score", m.get("points", 0)) or 0)
    lines = [f"# {t('title')} · {assignment}", "", f"**{t('student')}** {student}  ",
             f"**{t('score')}** {total:g} / {maximum:g}", "",
             f"| {t('part')} | {t('kind')} | {t('points')} |", "|---|---|---|"]
    for gid, score, mx, kind in rows:
        shown = t("not_graded") if score is None else t("points_of", score=f"{score:g}", max=f"{float(mx):g}")
        lines.append(f"| {gid} | {kind} | {shown} |")
    header = nbformat.v4.new_markdown_cell("\n".join(lines))
    cells = [header]
    for cell in nb.cells:
        m = _meta(cell)
        cell = nbformat.from_dict(json.loads(json.dumps(cell)))
        if cell.cell_type == "code" and m.get("grade") and not m.get("solution"):
            gid = m["grade_id"]
            visible, hidden = split_hidden(cell.source)
            cell.source = visible.rstrip() + ("\n" + t("hidden_not_shown") if hidden.strip() else "")
            g = grades.get(gid, {})
            score, mx = g.get("score") or 0.0, float(g.get("max_score", m.get("points", 0)) or 0)
            verdict = verdicts.get(gid, {})
            points = {"part": gid, "score": f"{score:g}", "max": f"{mx:g}"}
            if score >= mx > 0:
                text = t("passed", **points)
            elif verdict.get("part") == "visible" and verdict.get("message"):
                text = t("failed", why=verdict["message"], **points)
            elif verdict.get("part") == "hidden":
                text = t("failed", why=t("hidden_failed"), **points)
            else:
                failed = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                what = failed[0].get("ename", t("an_error")) if failed else t("a_check")
                if failed and what in ("NotRun", "CheckFailed"):
                    what = _scrub(str(failed[0].get("evalue", what)), secrets)
                text = t("failed", why=what, **points)
            cell.outputs = [_result_output(_scrub(text, secrets))]
            cell.metadata.pop("nbgrader", None)
        else:
            if cell.cell_type == "code":
                _scrub_outputs(cell, secrets)
            cell.source = _scrub(cell.source, secrets)
            if m.get("grade") and cell.cell_type == "markdown":
                g = grades.get(m["grade_id"], {})
                note = g.get("comment")
                score = g.get("score")
                shown = t("not_graded") if score is None else t("points_of", score=f"{score:g}",
                                                                  max=f"{float(g.get('max_score', 0)):g}")
                extra = f"\n\n> **{t('teacher_score')}** {shown}"
                if note:
                    extra += f"  \n> **{t('comment')}** {note}"
                cell.source += extra
        cells.append(cell)
    out = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    return out


def _grades(gb, name: str, assignment: str, student: str) -> dict:
    from nbgrader.api import MissingEntry

    try:
        sub = gb.find_submission_notebook(name, assignment, student)
    except MissingEntry:
        return {}
    out = {}
    for g in sub.grades:
        out[g.name] = {"score": None if (g.auto_score is None and g.manual_score is None) else float(g.score),
                       "max_score": float(g.max_score)}
    for c in sub.comments:
        if c.name in out:
            out[c.name]["comment"] = c.manual_comment
    return out


def feedback(assignment: str, *, course: Course | None = None, students: str | None = None,
             out: TextIO | None = None) -> list[Path]:
    """Write one HTML feedback page per student and notebook (反馈报告).

    Parameters
    ----------
    assignment : str
        The assignment, already graded with ``kamcourse grade``.
    course : Course, optional
        The course (default: found from the working folder).
    students : str, optional
        Glob of student ids (default all graded students).
    out : file, optional
        Where to report.

    Returns
    -------
    list of Path
        The feedback files, ``feedback/<student>/<assignment>/<notebook>.html``.

    Raises
    ------
    HiddenTestLeak
        If, despite the scrubbing, a page still contained a hidden-test line, a key or the secret.
    ValueError
        If the assignment was never graded.

    Examples
    --------
    >>> feedback("no_such_assignment")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: nothing graded for 'no_such_assignment' ...
    """
    import fnmatch

    import nbformat
    from nbconvert import HTMLExporter

    out = out or sys.stdout
    ensure_tools_on_path()
    course = course or find_course()
    graded = sorted(p for p in course.autograded.glob(f"*/{assignment}") if p.is_dir())
    if students:
        graded = [p for p in graded if fnmatch.fnmatchcase(p.parent.name, students)]
    if not graded:
        raise ValueError(f"nothing graded for {assignment!r} in {course.autograded}: run `kamcourse grade {assignment}` first")
    secrets: dict[str, set[str]] = {}
    languages: dict[str, str] = {}
    for src in (course.source / assignment).glob("*.ipynb"):
        secrets[src.stem] = hidden_lines(src)
        languages[src.stem] = _language(src)
    state_dir = course.reports / ".state" / assignment
    exporter = HTMLExporter(template_name="lab")
    written: list[Path] = []
    with course.gradebook() as gb:
        for folder in graded:
            student = folder.parent.name
            state = {}
            if (state_dir / f"{student}.json").exists():
                state = json.loads((state_dir / f"{student}.json").read_text(encoding="utf-8"))
            keys = _keys(student)
            for name in sorted(secrets):
                hidden = secrets[name] | keys
                path = folder / f"{name}.ipynb"
                try:
                    nb = nbformat.read(path, as_version=4) if state.get("status") != "invalid notebook" else None
                except Exception:  # noqa: BLE001 - an unreadable submission gets a plain page
                    nb = None
                if nb is None or state.get("status") in ("notebook missing", "invalid notebook"):
                    reason = state.get("reason") or "the notebook could not be read"
                    lang = languages[name]
                    page = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
                        f"# {label('feedback_title', lang)} · {assignment}\n\n"
                        f"**{label('feedback_student', lang)}** {student}  \n**{label('feedback_score', lang)}** "
                        f"{state.get('score', 0):g} / {state.get('max_score', 0):g}\n\n"
                        + label("feedback_not_gradable", lang).format(reason=html.escape(reason)))])
                    body, _ = exporter.from_notebook_node(page)
                else:
                    verdicts = {v["grade_id"]: v for v in state.get("verdicts", []) if v.get("notebook") == name}
                    fb = _build(nb, _grades(gb, name, assignment, student), verdicts, hidden, student,
                                assignment, languages[name])
                    body, _ = exporter.from_notebook_node(fb)
                leaked = [s for s in hidden if any(f in body for f in _forms(s))]
                if leaked:
                    what = "a key or the course secret" if set(leaked) & keys else f"hidden tests: {leaked[:2]}"
                    raise HiddenTestLeak(f"feedback for {student}/{name} would show {what}")
                target = course.feedback / student / assignment / f"{name}.html"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(body, encoding="utf-8")
                stamp = course.submitted / student / assignment / "timestamp.txt"
                if stamp.exists():
                    (target.parent / "timestamp.txt").write_text(stamp.read_text(encoding="utf-8"), encoding="utf-8")
                written.append(target)
    print(f"wrote {len(written)} feedback file(s) to {course.feedback} (hidden tests removed and checked)", file=out)
    return written
