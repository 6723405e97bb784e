"""Tables added by later chapters (kamcourse.data.extensions): each from its own stream, nothing else moves."""

from __future__ import annotations

import pandas as pd
import pytest

from kamcourse.data.extensions import EXTENSIONS, Extension, build_extensions, stream
from kamcourse.data.schema import ANSWER_TABLES, STUDENT_TABLES, TABLES
from kamcourse.data.table import Table


def _draws(name: str) -> Extension:
    def build(tables, rng):
        ids = tables["customers"]["customer_id"]
        return {name: pd.DataFrame({"customer_id": ids, "x": rng.integers(0, 10**6, len(ids))})}

    return Extension(name, (Table(name, (("customer_id", "str"), ("x", "int"))),), (), build)


def _core() -> dict[str, pd.DataFrame]:
    return {"customers": pd.DataFrame({"customer_id": [f"C{i:04d}" for i in range(1, 51)]})}


def test_an_extension_does_not_move_another() -> None:
    alone = build_extensions(_core(), seed=3, extensions=(_draws("b"),))["b"]
    after_a = build_extensions(_core(), seed=3, extensions=(_draws("a"), _draws("b")))["b"]
    pd.testing.assert_frame_equal(alone, after_a)
    other_seed = build_extensions(_core(), seed=4, extensions=(_draws("b"),))["b"]
    assert not alone["x"].equals(other_seed["x"])


def test_streams_differ_by_name() -> None:
    assert stream(1, "a").integers(10**9) != stream(1, "b").integers(10**9)


def test_an_extension_must_return_what_it_declares() -> None:
    wrong = Extension("w", (Table("w", (("customer_id", "str"),)),), (), lambda tables, rng: {"other": pd.DataFrame()})
    with pytest.raises(ValueError, match=r"extension 'w' returned tables \['other'\] but declares \['w'\]"):
        build_extensions(_core(), seed=1, extensions=(wrong,))
    clash = Extension("c", (Table("customers", (("customer_id", "str"),)),), (), lambda tables, rng: {})
    with pytest.raises(ValueError, match="declares table.* that exist already"):
        build_extensions(_core(), seed=1, extensions=(clash,))


def test_registered_extensions_are_in_the_schema() -> None:
    for ext in EXTENSIONS:
        assert all(t.name in STUDENT_TABLES and TABLES[t.name] is t for t in ext.tables)
        assert all(t.name in ANSWER_TABLES for t in ext.answers)
