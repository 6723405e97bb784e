"""A student's data variant stays the same bytes and the same frames across refactors of kamcourse.data.

The digests below were taken from the code before the data package was
reshaped (issue 11): the CSV text of every table of one variant seed, and a
fingerprint (dtypes, pandas hash, CSV text with index) of every frame
``generate()`` returns for it. ``for_student(...).load()`` must give exactly
``generate(seed=<its seed>)``, whether the variant is generated or read back
from the variant cache. The seed is pinned here rather than derived, so a
change to how a student's seed is derived (``seed_for``) does not touch this test.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from kamcourse import data
from kamcourse.data import variants
from kamcourse.data.loaders import dataset_texts

#: seed_for("alice", "course-2026") when the digests were taken.
SEED = 63380002

TEXT_DIGESTS = {
    "customers.csv": "f053e43363b38ede",
    "staff.csv": "f4ff0cc868dd2489",
    "contacts.csv": "b10d0702afbbd5c2",
    "opportunities.csv": "191eab2e40a0a823",
    "orders.csv": "dca32d389b8c8d81",
    "cost_to_serve.csv": "422ad48cc45b7d27",
    "service_requests.csv": "3a9ee93cc1a9a77c",
    "surveys.csv": "8325914957113fa1",
    "kano_survey.csv": "0ef8cd17644c57cc",
    "prospects.csv": "0ee4b67d25774b34",
    "instructor/lifecycle_stages.csv": "60beec7775a71a4b",
    "instructor/runaway_horse.csv": "cece230950a6ddeb",
    "instructor/kano_intended.csv": "9ae9634b2cfe7de8",
    "instructor/account_profiles.csv": "5cafd5a8efadb82f",
}

FRAME_DIGESTS = {
    "customers": "7f304ee3230ce363",
    "staff": "2ac61f50d276b261",
    "contacts": "11e5b333490d67e3",
    "opportunities": "a6775fa660f5a707",
    "orders": "e477da58b0cfd9fa",
    "cost_to_serve": "83730abf8d6da6dc",
    "service_requests": "5cf59f66d0ad8ee5",
    "surveys": "0ff636487dfef70e",
    "kano_survey": "6b0462ceba62cde6",
    "prospects": "2edf3bd063ba9afc",
    "lifecycle_stages": "51976d7e771ff12b",
    "runaway_horse": "c04dfebb94913c0d",
    "kano_intended": "31759e6e608feafd",
    "account_profiles": "3b4d87fd445a54b1",
}


def _frame_digest(df: pd.DataFrame) -> str:
    h = hashlib.sha256()
    h.update(repr([(c, str(t)) for c, t in df.dtypes.items()]).encode())
    h.update(pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes())
    h.update(df.to_csv(index=True, lineterminator="\n").encode())
    return h.hexdigest()[:16]


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.generate(seed=SEED)


def _extension_tables() -> set[str]:
    """The tables the chapters' extensions add (drawn after the core ones, from streams of their own)."""
    from kamcourse.data.extensions import EXTENSIONS

    return {t.name for e in EXTENSIONS for t in (*e.tables, *e.answers)}


def test_variant_csv_text_is_unchanged() -> None:
    texts = dataset_texts(seed=SEED)
    core = {rel: text for rel, text in texts.items() if rel.removeprefix("instructor/")[:-4] not in _extension_tables()}
    assert list(core) == list(TEXT_DIGESTS)
    got = {rel: hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] for rel, text in core.items()}
    assert got == TEXT_DIGESTS


def test_variant_frames_are_unchanged(frames) -> None:
    core = {name: df for name, df in frames.items() if name not in _extension_tables()}
    assert set(frames) - set(core) == _extension_tables()
    assert {name: _frame_digest(df) for name, df in core.items()} == FRAME_DIGESTS


@pytest.fixture
def _fresh_variants(monkeypatch, tmp_path):
    for key in ("KAMCOURSE_STUDENT", "JUPYTERHUB_USER", "NBGRADER_EXECUTION", "KAMCOURSE_SECRET"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("KAMCOURSE_VARIANT_CACHE", str(tmp_path / "variants"))
    variants._variant_frames.cache_clear()
    yield
    data.set_student(None)
    variants._variant_frames.cache_clear()


def test_a_students_tables_are_the_generator_frames_generated_or_cached(_fresh_variants) -> None:
    alice = data.for_student("alice", "course-2026")
    expected = data.generate(seed=alice.seed)
    generated = {name: alice.load(name) for name in data.names()}   # cold cache: generated, then cached
    variants._variant_frames.cache_clear()
    cached = {name: alice.load(name) for name in data.names()}      # read back from the cache's CSV files
    for name in data.names():
        pd.testing.assert_frame_equal(generated[name], expected[name], check_exact=True)
        pd.testing.assert_frame_equal(cached[name], expected[name], check_exact=True)
        assert _frame_digest(cached[name]) == _frame_digest(expected[name]), name


def test_my_data_is_the_students_variant(_fresh_variants, monkeypatch) -> None:
    monkeypatch.setenv("KAMCOURSE_SECRET", "course-2026")
    data.set_student("alice")
    mine = data.my_data()
    assert mine.seed == data.for_student("alice", "course-2026").seed
    pd.testing.assert_frame_equal(mine.load("customers"), data.for_student("alice", "course-2026").load("customers"),
                                  check_exact=True)
