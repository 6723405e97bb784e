"""One table of the company's data: its columns and their kinds, keys and indexes (:mod:`kamcourse.data.schema`)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Table"]


@dataclass(frozen=True)
class Table:
    """One table: ``columns`` as (name, kind) pairs, primary key, foreign keys, indexes."""

    name: str
    columns: tuple[tuple[str, str], ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)
    indexes: tuple[tuple[str, ...], ...] = ()
    not_null: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        """The column names in schema order."""
        return [c for c, _ in self.columns]

    def kind(self, column: str) -> str:
        """The kind of one column (``"str"``, ``"date"``, ``"money"`` ...).

        Examples
        --------
        >>> Table("t", (("day", "date"), ("amount", "money"))).kind("day")
        'date'
        """
        return dict(self.columns)[column]
