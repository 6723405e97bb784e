"""Regenerate the CSV tables: ``python -m kamcourse.data [FOLDER] [--seed N]``.

Without FOLDER it rewrites the kit's own ``datasets/`` (default seed), byte for byte.
"""

from __future__ import annotations

import argparse
import sys

from .generator import DEFAULT_SEED
from .loaders import repo_datasets, write_datasets


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and write the tables; return the exit code.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     main([tmp, "--seed", "3", "--customers", "30", "--years", "2"])
    wrote ... files for seed 3 to ...
    0
    """
    parser = argparse.ArgumentParser(prog="python -m kamcourse.data", description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=None, help="target folder (default: the kit's datasets/)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--customers", type=int, default=300, help="number of customers (default 300)")
    parser.add_argument("--years", type=int, default=5, help="years of records (default 5)")
    args = parser.parse_args(argv)
    folder = args.folder if args.folder is not None else repo_datasets()
    written = write_datasets(folder, seed=args.seed, n_customers=args.customers, years=args.years)
    print(f"wrote {len(written)} files for seed {args.seed} to {folder}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
