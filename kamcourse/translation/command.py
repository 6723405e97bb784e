"""``kamcourse i18n``: the command-line face of the Chinese track (thin; the work is in the package)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser", "run"]


def add_parser(sub) -> argparse.ArgumentParser:
    """Add the ``i18n`` subcommand to the ``kamcourse`` parser's subparsers ``sub``.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="kamcourse")
    >>> _ = add_parser(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["i18n", "update", "notebooks/01_key_accounts.ipynb"]).notebooks
    ['notebooks/01_key_accounts.ipynb']
    """
    i18n = sub.add_parser("i18n", help="the Chinese track: translation catalogues and generated Chinese notebooks")
    actions = i18n.add_subparsers(dest="action", metavar="ACTION", required=True)
    root_help = "course folder (default: found from the working folder)"
    up = actions.add_parser("update", help="extract new and changed cells into the catalogues (changed ones become "
                                           "fuzzy); naming a notebook adds it to the Chinese track")
    up.add_argument("notebooks", nargs="*", help="English notebooks or guides (default: everything in the track)")
    up.add_argument("--root", help=root_help)
    bd = actions.add_parser("build", help="generate the Chinese notebooks and assignments from the catalogues")
    bd.add_argument("--root", help=root_help)
    bd.add_argument("--strict", action="store_true", help="exit 1 if any cell had to stay English")
    ck = actions.add_parser("check", help="what is missing, fuzzy or stale; which notebooks are not translated yet")
    ck.add_argument("--root", help=root_help)
    return i18n


def run(args: argparse.Namespace, out=None) -> int:
    """Run ``kamcourse i18n ACTION`` for parsed ``args``; return the exit code.

    Examples
    --------
    >>> import io, kamcourse
    >>> root = str(Path(kamcourse.__file__).parents[1])
    >>> run(argparse.Namespace(action="check", root=root), out=io.StringIO())
    0
    """
    from .catalogue import update
    from .guides import guide_track
    from .paths import catalogue_path, chinese_path, find_root, track
    from .twins import build, check

    out = out or sys.stdout
    root = find_root(args.root) if args.root else find_root()
    if args.action == "update":
        named = [str(Path(n).resolve()) for n in args.notebooks] or None
        for source, summary in update(root, named).items():
            what = (f"{len(summary.added)} new, {len(summary.changed)} changed (fuzzy if translated), "
                    f"{len(summary.removed)} removed" if summary else "up to date")
            print(f"{catalogue_path(source)}: {what}", file=out)
        return 0
    if args.action == "build":
        problems = build(root)
        for source in track(root) + guide_track(root):
            print(f"wrote {chinese_path(source)}", file=out)
        for problem in problems:
            print(f"kept in English: {problem}", file=out)
        return 1 if problems and args.strict else 0
    if args.action == "check":
        status = check(root)
        print(status.report(), file=out)
        return 0 if status.ok else 1
    raise ValueError(f"unknown i18n action {args.action!r}")
