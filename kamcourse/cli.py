"""The ``kamcourse`` command: a thin layer that parses arguments and calls the package.

Subcommands: ``data`` (the company's tables), ``crm`` (the practice CRM system,
:mod:`kamcourse.practice.cli`), for instructors ``release``, ``grade``,
``feedback``, ``export`` (see :mod:`kamcourse.instructor`) and
``student-edition``, for students ``lessons`` and ``lab`` (see
:mod:`kamcourse.edition`), ``i18n`` for the Chinese track (see
:mod:`kamcourse.translation`), and for trainers ``workshop`` (see
:mod:`kamcourse.workshop`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``kamcourse`` command.

    Examples
    --------
    >>> parser = build_parser()
    >>> parser.prog
    'kamcourse'
    >>> parser.parse_args(["data", "list"]).command
    'data'
    """
    parser = argparse.ArgumentParser(
        prog="kamcourse",
        description=(
            "Teaching kit for Key Account Management (大客户管理) and CRM (客户关系管理) courses. "
            "Open the course with `make lab`; run the tests with `make test`."
        ),
    )
    parser.add_argument("--version", action="version", version=f"kamcourse {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    data = sub.add_parser("data", help="the fictional company's CRM data")
    data_sub = data.add_subparsers(dest="action", metavar="ACTION", required=True)
    data_sub.add_parser("list", help="list the tables and their sizes")
    show = data_sub.add_parser("show", help="print the first rows of a table")
    show.add_argument("name", help="table name, e.g. orders")
    show.add_argument("-n", type=int, default=5, help="number of rows (default 5)")
    write = data_sub.add_parser("write", help="regenerate the CSV files of a seed into a folder")
    write.add_argument("folder", help="where to write the CSVs")
    write.add_argument("--seed", type=int, default=None, help="random seed (default: the kit's DEFAULT_SEED)")
    data_sub.add_parser("sqlite", help="print the path of the SQLite copy of the data")

    course_help = "course folder holding nbgrader_config.py (default: found from the working folder)"
    rel = sub.add_parser("release", help="make the student version of assignments and check it leaks nothing")
    rel.add_argument("assignment", nargs="*", help="assignment name(s)")
    rel.add_argument("--all", action="store_true", help="every assignment of the source folder")
    rel.add_argument("--course", help=course_help)

    gr = sub.add_parser("grade", help="autograde all submissions in parallel, with a summary table")
    gr.add_argument("assignment")
    gr.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: number of cores)")
    gr.add_argument("--student", default=None, help="only these students (glob, e.g. 'alice' or '2024*')")
    gr.add_argument("--timeout", type=float, default=600, help="seconds one submission may run in all (default 600)")
    gr.add_argument("--cell-timeout", type=int, default=None, help="seconds one cell may run (default: nbgrader config)")
    gr.add_argument("--force", action="store_true", help="regrade submissions already graded and unchanged")
    gr.add_argument("--unsafe", action="store_true",
                    help="run student code without the sandbox, with your own rights (only for submissions you trust)")
    gr.add_argument("--sandbox-user", default="nobody",
                    help="as root, the unprivileged user sandboxed kernels run as (default nobody)")
    gr.add_argument("--no-progress", action="store_true", help="no progress bar")
    gr.add_argument("--same-data", action="store_true",
                    help="run every submission on the kit's default data (no per-student variants)")
    gr.add_argument("--no-fork-server", action="store_true",
                    help="start every sandboxed kernel anew instead of forking it from a preloaded one (slower)")
    gr.add_argument("--course", help=course_help)

    fb = sub.add_parser("feedback", help="per-student HTML feedback without hidden tests")
    fb.add_argument("assignment")
    fb.add_argument("--student", default=None, help="only these students (glob)")
    fb.add_argument("--course", help=course_help)

    ex = sub.add_parser("export", help="grades as an LMS import file")
    ex.add_argument("assignment")
    ex.add_argument("--format", choices=["canvas", "moodle", "csv"], default="csv")
    ex.add_argument("--output", "-o", default=None, help="file to write (default reports/<assignment>-<format>.csv)")
    ex.add_argument("--column", default=None, help="grade column title (default: the assignment name)")
    ex.add_argument("--course", help=course_help)

    se = sub.add_parser("student-edition", help="build what students receive: lessons, data, released assignments "
                        "(no solution, hidden test, rubric or answer table)")
    se.add_argument("out", help="the folder to write (new, or an edition built before)")
    se.add_argument("--assignments", default=None, help="comma-separated assignments to release (default: all)")
    se.add_argument("--course", help=course_help)
    le = sub.add_parser("lessons", help="copy the lessons and cases into your working folder (never overwriting)")
    le.add_argument("folder", help="your working folder")
    # `kamcourse lab` has its own parser (kamcourse.edition.launch): unknown options go to jupyter lab
    sub.add_parser("lab", help="open the course in JupyterLab on your working folder: kamcourse lab [DIR] "
                   "[--exchange PATH] [--lang zh]", add_help=False)

    from .translation.command import add_parser as add_i18n_parser

    add_i18n_parser(sub)

    # the practice CRM has its own parser (kamcourse.practice.cli): `kamcourse crm --help`
    sub.add_parser("crm", help="the practice CRM system (客户关系管理实训系统): kamcourse crm [--port N] [--no-browser]",
                   add_help=False)
    ws = sub.add_parser("workshop", help="list the explorers, or show some full screen without code (Voila)")
    ws.add_argument("pages", nargs="*", metavar="NAME", help="workshop page(s) to serve; none: list them")
    ws.add_argument("--all", action="store_true", help="serve every workshop page")
    ws.add_argument("--lang", choices=["en", "zh"], default=None, help="language of the pages (default: KAMCOURSE_LANG or en)")
    ws.add_argument("--port", type=int, default=None, help="TCP port (default: a free one)")
    ws.add_argument("--no-browser", action="store_true", help="do not open a browser; print the URL")
    ws.add_argument("--room", metavar="IP", default=None,
                    help="serve a room: bind to this address of the room's network (needs --participants)")
    ws.add_argument("--participants", type=int, default=0, help="with --room: how many participant tokens to make")
    ws.add_argument("--tokens", default="workshop-tokens.csv",
                    help="with --room: where to write the participants' links (default workshop-tokens.csv)")
    return parser


def _data(args: argparse.Namespace) -> int:
    from . import data

    if args.action == "list":
        for name in data.names():
            frame = data.load(name)
            print(f"{name:<18} {len(frame):>7} rows  {', '.join(map(str, frame.columns))}")
    elif args.action == "show":
        print(data.load(args.name).head(args.n).to_string())
    elif args.action == "write":
        seed = data.DEFAULT_SEED if args.seed is None else args.seed
        written = data.write_datasets(args.folder, seed=seed)
        print(f"wrote {len(written)} files for seed {seed} to {args.folder}")
    elif args.action == "sqlite":
        con = data.crm()
        print(con.execute("PRAGMA database_list").fetchone()[2])
        con.close()
    return 0


def _instructor(args: argparse.Namespace) -> int:
    try:
        from . import instructor
    except ImportError as exc:  # the student edition carries no grading tools
        raise RuntimeError(f"{args.command}: the instructor's tools are not part of this installation "
                           "(a student edition); use the kit's checkout") from exc

    course = instructor.Course(__import__("pathlib").Path(args.course).resolve()) if args.course else None
    if args.command == "release":
        if not args.assignment and not args.all:
            raise ValueError("name an assignment, or use --all")
        instructor.release(None if args.all else args.assignment, course=course)
        return 0
    if args.command == "grade":
        rows = instructor.grade(
            args.assignment, course=course, jobs=args.jobs, students=args.student, timeout=args.timeout,
            cell_timeout=args.cell_timeout, force=args.force,
            unsafe=args.unsafe, sandbox_user=args.sandbox_user, progress=not args.no_progress,
            per_student_data=not args.same_data, fork_server=not args.no_fork_server,
        )
        return 0 if all(r.status in instructor.STATUSES for r in rows) else 1
    if args.command == "feedback":
        instructor.feedback(args.assignment, course=course, students=args.student)
        return 0
    if args.command == "export":
        instructor.export(args.assignment, args.format, course=course, path=args.output, column=args.column)
        return 0
    raise ValueError(f"unknown command {args.command!r}")


def _edition(args: argparse.Namespace) -> int:
    if args.command == "lessons":
        from .edition.lessons import copy_lessons

        print(copy_lessons(args.folder))
        return 0
    from pathlib import Path

    try:
        from .edition.build import build_student_edition
        from .instructor import Course
    except ImportError as exc:
        raise RuntimeError("student-edition: the instructor's tools are not part of this installation "
                           "(a student edition); use the kit's checkout") from exc

    names = [n.strip() for n in args.assignments.split(",") if n.strip()] if args.assignments else None
    build_student_edition(args.out, course=Course(Path(args.course).resolve()) if args.course else None,
                          assignments=names)
    return 0


def _workshop(args: argparse.Namespace) -> int:
    from . import i18n, workshop

    lang = args.lang or i18n.get_language()
    if not args.pages and not args.all:
        print(i18n.label("workshop_list_header", lang))
        for page in workshop.PAGES.values():
            minutes = i18n.label("workshop_minutes", lang).format(minutes=page.minutes)
            print(f"  {page.name:<16} {i18n.label(f'workshop_{page.name}_title', lang)}  ({minutes}; {page.lesson})")
        return 0
    pages = workshop.names() if args.all else args.pages
    return workshop.run(pages, lang=lang, port=args.port, ip=args.room or "127.0.0.1",
                        open_browser=not args.no_browser, participants=args.participants, tokens_file=args.tokens)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kamcourse`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Examples
    --------
    >>> main([])  # doctest: +ELLIPSIS
    usage: kamcourse ...
    0
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["lab"]:
        from .edition.launch import main as lab_main

        try:
            return lab_main(argv[1:])
        except (ValueError, OSError) as exc:
            print(f"kamcourse lab: error: {exc}", file=sys.stderr)
            return 2
    if argv[:1] == ["crm"]:
        from .practice.cli import main as crm_main

        try:
            return crm_main(argv[1:])
        except (ValueError, OSError, RuntimeError) as exc:
            print(f"kamcourse crm: error: {exc}", file=sys.stderr)
            return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stdout)
        return 0
    try:
        if args.command == "data":
            return _data(args)
        if args.command == "i18n":
            from .translation.command import run

            return run(args)
        if args.command == "workshop":
            return _workshop(args)
        if args.command in ("student-edition", "lessons"):
            return _edition(args)
        return _instructor(args)
    except (ValueError, TypeError, KeyError, OSError, RuntimeError) as exc:
        print(f"kamcourse: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
