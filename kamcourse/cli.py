"""The ``kamcourse`` command: a thin layer that parses arguments and calls the package.

Subcommands for instructors (release, grade, feedback, export) are added by the
instructor toolkit; this module only parses and dispatches.
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kamcourse`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Examples
    --------
    >>> main([])  # doctest: +ELLIPSIS
    usage: kamcourse ...
    0
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stdout)
        return 0
    try:
        if args.command == "data":
            return _data(args)
    except (ValueError, TypeError, KeyError, OSError) as exc:
        print(f"kamcourse: error: {exc}", file=sys.stderr)
        return 2
    parser.error(f"unknown command {args.command!r}")
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
