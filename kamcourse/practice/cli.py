"""``kamcourse crm``: start the practice CRM, hand out and grade its tasks (实训系统命令).

::

    kamcourse crm [--port N] [--no-browser]        start the system (the default)
    kamcourse crm tasks [--student ID] [--lang zh]  print a student's task handout
    kamcourse crm grade --submissions DIR -o scores.csv [--gradebook URL]
    kamcourse crm grade --db crm.sqlite3 --student ID
    kamcourse crm hand-in FILE                      a consistent copy of this user's database
    kamcourse crm backup [FILE] | restore FILE      10.1 / 10.2 from the command line
    kamcourse crm where                             the data folder and database
    kamcourse crm manage ARGS...                    Django's manage.py (e.g. createsuperuser)

Environment: see :mod:`kamcourse.practice.config` (``KAMCOURSE_CRM_DATABASE_URL``
for a shared PostgreSQL instance).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``kamcourse crm``.

    Examples
    --------
    >>> build_parser().parse_args(["--port", "8123", "--no-browser"]).port
    8123
    >>> build_parser().parse_args(["tasks", "--lang", "zh"]).action
    'tasks'
    """
    p = argparse.ArgumentParser(prog="kamcourse crm", description="The practice CRM system (客户关系管理实训系统).")
    p.add_argument("--port", type=int, default=0, help="TCP port (default: a free one)")
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.add_argument("--student", default=None, help="load this student's data variant into a new database")
    p.add_argument("--database-url", default=None, help="postgresql://... for a shared class instance")
    p.add_argument("--home", default=None, help="data folder (default: the per-user data folder)")
    p.add_argument("--threads", type=int, default=8, help="server threads per process (default 8)")
    p.add_argument("--workers", type=int, default=1,
                   help="server processes (default 1; more uses gunicorn, Linux/macOS: a shared class instance)")
    p.add_argument("--unix-socket", default=None, help=argparse.SUPPRESS)
    p.add_argument("--url-prefix", default=None, help=argparse.SUPPRESS)
    p.add_argument("--behind-proxy", action="store_true", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    sub.add_parser("init", help="prepare the database (migrate, load the data) without serving")
    t = sub.add_parser("tasks", help="print the practical tasks of a student")
    t.add_argument("--student", dest="task_student", default=None)
    t.add_argument("--lang", choices=["zh", "en"], default="zh")
    g = sub.add_parser("grade", help="grade practice databases; write scores for the gradebook")
    g.add_argument("--submissions", help="folder of <student>/crm.sqlite3")
    g.add_argument("--db", help="one database file (with --student)")
    g.add_argument("--student", dest="grade_student", default=None)
    g.add_argument("--output", "-o", default="practice-crm-scores.csv", help="scores CSV")
    g.add_argument("--gradebook", default=None, help="nbgrader gradebook URL, e.g. sqlite:////course/gradebook.db")
    g.add_argument("--assignment", default="practice_crm", help="assignment name in the gradebook")
    one = sub.add_parser("grade-one", help=argparse.SUPPRESS)
    one.add_argument("--student", dest="grade_student", default="")
    h = sub.add_parser("hand-in", help="write a consistent copy of this user's database to hand in")
    h.add_argument("file")
    b = sub.add_parser("backup", help="write a backup file")
    b.add_argument("file", nargs="?")
    r = sub.add_parser("restore", help="restore a backup file (all or nothing)")
    r.add_argument("file")
    sub.add_parser("where", help="print the data folder and the database")
    m = sub.add_parser("manage", help="run a Django management command")
    m.add_argument("args", nargs=argparse.REMAINDER)
    return p


def _environment(args: argparse.Namespace) -> None:
    if args.home:
        os.environ["KAMCOURSE_CRM_HOME"] = args.home
    if args.database_url:
        os.environ["KAMCOURSE_CRM_DATABASE_URL"] = args.database_url
    if args.url_prefix:
        os.environ["KAMCOURSE_CRM_URL_PREFIX"] = "/" + args.url_prefix.strip("/")
    if args.behind_proxy:
        os.environ["KAMCOURSE_CRM_BEHIND_PROXY"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamcourse.practice.web.settings")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kamcourse crm`` with ``argv``; return the exit code.

    Examples
    --------
    >>> main(["where"])  # doctest: +ELLIPSIS
    data folder: ...
    0
    """
    args = build_parser().parse_args(argv)
    _environment(args)
    from . import server
    from .web import setup

    setup()
    if args.action == "where":
        from . import config

        print(f"data folder: {config.home()}\ndatabase:    {config.database_settings()['NAME']}")
        return 0
    if args.action == "tasks":
        return _tasks(args)
    if args.action == "grade":
        return _grade(args)
    if args.action == "grade-one":
        from django.core.management import call_command

        from .web.tasks.grading import grade_current_database

        call_command("migrate", verbosity=0, interactive=False)  # a database of an older version

        print(json.dumps(grade_current_database(args.grade_student or None)))
        return 0
    if args.action == "manage":
        from django.core.management import execute_from_command_line

        execute_from_command_line(["kamcourse crm manage", *args.args])
        return 0
    if args.action == "hand-in":
        from . import config
        from .web.tasks.grading import copy_database

        copy_database(config.database_path(), args.file)
        print(f"wrote {args.file}: hand this file in")
        return 0
    server.prepare(student=args.student)
    if args.action == "init":
        return 0
    if args.action in ("backup", "restore"):
        from .web.maintenance import backup as backups

        if args.action == "backup":
            print(f"wrote {backups.backup(args.file, note='command line')}")
        else:
            counts = backups.restore(args.file)
            print(f"restored {sum(counts.values())} records from {args.file}")
        return 0
    server.serve(host=args.host, port=args.port, open_browser=not args.no_browser, unix_socket=args.unix_socket,
                 threads=args.threads, workers=args.workers)
    return 0


def _tasks(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.utils import translation

    from kamcourse import data

    from .web.tasks.catalogue import CHAPTERS, handout, titles
    from .web.tasks.checks import MAX_POINTS
    from .web.tasks.params import task_params

    student = args.task_student if args.task_student is not None else data.student_id()
    with translation.override("zh-hans" if args.lang == "zh" else "en"):
        params = task_params(student, None, settings.CRM_WARNING_DAYS)
        names = titles()
        for chapter in CHAPTERS:
            print(f"## {names[chapter]} ({MAX_POINTS[chapter]})\n")
            for i, step in enumerate(handout(chapter, params), 1):
                print(f"{i}. {step}")
            print()
    return 0


def _grade(args: argparse.Namespace) -> int:
    from .web.tasks import grading

    if args.submissions:
        results = grading.grade_submissions(args.submissions)
    elif args.db:
        results = [grading.grade_database_file(args.db, args.grade_student)]
    else:
        raise ValueError("give --submissions DIR or --db FILE --student ID")
    path = grading.write_scores_csv(results, args.output)
    for r in results:
        total, top = sum(r["chapters"].values()), sum(r["max"].values())
        note = f"  ({r['error']})" if r.get("error") else ""
        if r.get("database_student") not in (None, r["student"]) and r.get("database_student") != "":
            note += f"  (database loaded for {r['database_student']!r})"
        print(f"{r['student']:<20} {total:g}/{top:g}{note}")
    print(f"wrote {path}")
    if args.gradebook:
        grading.write_gradebook(results, args.gradebook, args.assignment)
        print(f"recorded {len(results)} student(s) in {args.gradebook} as assignment {args.assignment}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    try:
        sys.exit(main())
    except (ValueError, OSError, RuntimeError) as exc:
        print(f"kamcourse crm: error: {exc}", file=sys.stderr)
        sys.exit(2)
