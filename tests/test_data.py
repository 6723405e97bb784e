"""kamcourse.data: the tables load, regenerate byte for byte, and reject bad input.

The patterns the lessons rely on are tested in test_data_patterns.py, the
SQLite database in test_data_sql.py, the wheel in test_data_packaging.py.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from kamcourse import data
from kamcourse.data import schema
from kamcourse.data.loaders import dataset_texts, sha256sums

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"


@pytest.fixture(scope="module")
def default_texts() -> dict[str, str]:
    return dataset_texts()


# --------------------------------------------------------------------------- contract


def test_contract_names() -> None:
    for name in ("DEFAULT_SEED", "END_DATE", "generate", "names", "load", "load_answers", "crm", "load_cdnow",
                 "write_datasets"):
        assert hasattr(data, name), name
    assert isinstance(data.DEFAULT_SEED, int)
    assert data.END_DATE == pd.Timestamp("2025-12-31")
    # the core tables first; the chapters' extension tables follow (kamcourse.data.extensions)
    assert data.names()[:10] == [
        "customers", "staff", "contacts", "opportunities", "orders",
        "cost_to_serve", "service_requests", "surveys", "kano_survey", "prospects",
    ]
    assert data.answer_names()[:4] == ["lifecycle_stages", "runaway_horse", "kano_intended", "account_profiles"]


@pytest.mark.parametrize("name", data.names())
def test_every_table_loads_with_its_schema(name: str) -> None:
    df = data.load(name)
    table = schema.TABLES[name]
    assert list(df.columns) == table.column_names
    assert len(df) > 0
    for col, kind in table.columns:
        if kind == "date":
            assert pd.api.types.is_datetime64_any_dtype(df[col]), col
        elif kind == "bool":
            assert df[col].dtype == bool, col
        elif kind in ("money", "num"):
            assert df[col].dtype == "float64", col
        elif kind == "int":
            assert df[col].dtype == "int64", col
    key = list(table.primary_key)
    assert not df.duplicated(key).any(), f"{name}: duplicate primary key {key}"
    assert not df[key].isna().any().any()


@pytest.mark.parametrize("name", data.answer_names())
def test_answer_tables_load(name: str) -> None:
    df = data.load_answers(name)
    assert list(df.columns) == schema.ANSWERS[name].column_names
    assert len(df) > 0


def test_load_returns_a_fresh_copy() -> None:
    a = data.load("customers")
    a.loc[0, "name"] = "changed"
    assert data.load("customers").loc[0, "name"] != "changed"


def test_table_sizes_look_like_a_real_supplier() -> None:
    orders = data.load("orders")
    assert len(data.load("customers")) == 300
    assert 20_000 <= len(orders) <= 60_000, "tens of thousands of order lines"
    assert 8_000 <= orders["order_id"].nunique() <= 30_000
    assert orders["order_date"].min() >= pd.Timestamp("2021-01-01")
    assert orders["order_date"].max() <= data.END_DATE
    for name in ("opportunities", "service_requests", "prospects", "contacts"):
        assert len(data.load(name)) >= 500, name


# --------------------------------------------------------------------------- reproducibility


def test_generate_reproduces_the_csv_files_byte_for_byte(default_texts) -> None:
    for rel, text in default_texts.items():
        on_disk = (DATASETS / rel).read_bytes()
        assert on_disk == text.encode("utf-8"), f"datasets/{rel} differs from generate(); run python -m kamcourse.data"


def test_sha256sums_match_the_files(default_texts) -> None:
    listed = (DATASETS / "SHA256SUMS").read_text(encoding="utf-8")
    assert listed == sha256sums(default_texts)
    for line in listed.splitlines():
        digest, rel = line.split("  ", 1)
        assert hashlib.sha256((DATASETS / rel).read_bytes()).hexdigest() == digest, rel


def test_csv_format_is_fixed(default_texts) -> None:
    text = default_texts["orders.csv"]
    assert "\r" not in text and text.endswith("\n")
    header, first = text.splitlines()[:2]
    assert header == "order_id,line_no,customer_id,order_date,product_line,quantity,list_price,discount,net_revenue,cost_of_goods"
    fields = first.split(",")
    assert len(fields[3]) == 10 and fields[3][4] == "-"  # YYYY-MM-DD
    assert all(len(f.split(".")[1]) == 2 for f in fields[6:])  # two decimals


def test_generate_equals_load() -> None:
    tables = data.generate()
    assert sorted(tables) == sorted(data.names() + data.answer_names())
    for name in data.names():
        pd.testing.assert_frame_equal(tables[name], data.load(name), check_exact=True)
    for name in data.answer_names():
        pd.testing.assert_frame_equal(tables[name], data.load_answers(name), check_exact=True)


def test_output_does_not_depend_on_the_hash_seed() -> None:
    """Byte-identical output in a fresh interpreter with another PYTHONHASHSEED."""
    code = (
        "from kamcourse.data.loaders import dataset_texts, sha256sums\n"
        "import sys; sys.stdout.write(sha256sums(dataset_texts(seed=11, n_customers=80, years=3)))\n"
    )
    outs = []
    for hs in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hs}
        outs.append(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                   check=True).stdout)
    assert outs[0] == outs[1]
    assert outs[0] == sha256sums(dataset_texts(seed=11, n_customers=80, years=3))


def test_other_seeds_differ_but_keep_the_shape() -> None:
    a = data.generate(seed=1, n_customers=120, years=5)
    b = data.generate(seed=2, n_customers=120, years=5)
    assert len(a["customers"]) == len(b["customers"]) == 120
    assert not a["orders"]["net_revenue"].equals(b["orders"]["net_revenue"])
    assert list(a["orders"].columns) == list(b["orders"].columns)


def test_generate_is_fast_enough() -> None:
    t = time.perf_counter()
    data.generate()
    assert time.perf_counter() - t < 20.0, "generate() must take well under 10 s (benchmarks/generate.py)"


def test_write_datasets_round_trip(tmp_path, monkeypatch) -> None:
    files = data.write_datasets(tmp_path, seed=4, n_customers=50, years=3)
    assert (tmp_path / "SHA256SUMS") in files
    assert (tmp_path / "instructor" / "lifecycle_stages.csv").is_file()
    monkeypatch.setenv("KAMCOURSE_DATA_DIR", str(tmp_path))
    assert data.data_folder() == tmp_path
    assert len(data.load("customers")) == 50
    assert len(data.load_answers("lifecycle_stages")) == 50
    again = tmp_path / "again"
    data.write_datasets(again, seed=4, n_customers=50, years=3)
    for f in files:
        assert (again / f.relative_to(tmp_path)).read_bytes() == f.read_bytes()


def test_module_entry_point(tmp_path) -> None:
    out = subprocess.run([sys.executable, "-m", "kamcourse.data", str(tmp_path), "--seed", "9", "--customers", "25",
                          "--years", "2"], capture_output=True, text=True, check=True).stdout
    assert "seed 9" in out
    assert (tmp_path / "customers.csv").read_text(encoding="utf-8").count("\n") == 26


def test_data_dir_env_must_hold_tables(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KAMCOURSE_DATA_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="KAMCOURSE_DATA_DIR"):
        data.load("orders")


def test_small_and_odd_sizes_work() -> None:
    for n, years in [(1, 1), (3, 2), (7, 1), (25, 8)]:
        t = data.generate(seed=n + years, n_customers=n, years=years)
        assert len(t["customers"]) == n
        assert t["orders"]["order_date"].max() <= data.END_DATE
        start = data.END_DATE - pd.DateOffset(years=years) + pd.Timedelta(days=1)
        assert t["orders"]["order_date"].min() >= start


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "kwargs, exc, words",
    [
        ({"n_customers": 0}, ValueError, "n_customers must be at least 1, got 0"),
        ({"n_customers": -5}, ValueError, "n_customers"),
        ({"n_customers": 2.5}, TypeError, "n_customers must be a whole number, got 2.5"),
        ({"years": 0}, ValueError, "years must be at least 1, got 0"),
        ({"years": "5"}, TypeError, "years"),
        ({"seed": 1.5}, TypeError, "seed must be a whole number, got 1.5"),
        ({"seed": "42"}, TypeError, "seed"),
        ({"seed": True}, TypeError, "seed"),
        ({"seed": -1}, ValueError, "seed must not be negative, got -1"),
    ],
)
def test_generate_rejects_bad_input(kwargs, exc, words) -> None:
    with pytest.raises(exc, match=words.replace("(", r"\(").replace(".", r"\.")):
        data.generate(**kwargs)


def test_load_rejects_unknown_names() -> None:
    with pytest.raises(ValueError) as info:
        data.load("ordrs")
    msg = str(info.value)
    assert "'ordrs'" in msg and "did you mean 'orders'" in msg
    for name in data.names():
        assert name in msg
    with pytest.raises(ValueError, match="load_answers"):
        data.load("runaway_horse")
    with pytest.raises(ValueError, match="use load"):
        data.load_answers("orders")
    with pytest.raises(ValueError, match="did you mean 'kano_intended'"):
        data.load_answers("kano_intendet")
    with pytest.raises(TypeError, match="name must be"):
        data.load(3)


# --------------------------------------------------------------------------- CDNOW


def test_cdnow_shapes() -> None:
    sample = data.load_cdnow()
    assert list(sample.columns) == ["customer_id", "date", "number_of_cds", "dollar_value"]
    assert sample["customer_id"].nunique() == 2357
    assert len(sample) == 6919
    assert pd.api.types.is_datetime64_any_dtype(sample["date"])
    master = data.load_cdnow("master")
    assert master["customer_id"].nunique() == 23570
    assert list(master.columns) == list(sample.columns)
    assert master["date"].min() == pd.Timestamp("1997-01-01")
    summary = data.load_cdnow("summary")
    assert summary.shape == (2357, 3) and list(summary.columns) == ["frequency", "recency", "T"]
    assert summary.index.name == "customer_id"
    # lifetimes' documented first row: ID 1 -> frequency 2, recency 30.43, T 38.86
    assert summary.loc[1].tolist() == [2, 30.43, 38.86]
    money = data.load_cdnow("summary_monetary")
    assert list(money.columns) == ["frequency", "recency", "T", "monetary_value"]
    assert len(money) == 2357


def test_cdnow_sample_agrees_with_the_summary() -> None:
    """The sample's ids are the summary's: customer 1's repeat purchases in the 39-week calibration."""
    sample = data.load_cdnow("sample")
    one = sample[(sample["customer_id"] == 1) & (sample["date"] <= "1997-09-30")]
    assert one["date"].nunique() - 1 == data.load_cdnow("summary").loc[1, "frequency"]


def test_cdnow_bad_kind_and_missing_files(monkeypatch, tmp_path) -> None:
    from kamcourse.data import cdnow

    with pytest.raises(ValueError, match="kind must be one of"):
        data.load_cdnow("smple")
    cdnow._read.cache_clear()
    # neither an installed copy nor the checkout's datasets/cdnow: the message says what to do
    from kamcourse.data import shipped

    monkeypatch.setattr(shipped.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(shipped, "__file__", str(tmp_path / "kamcourse" / "data" / "shipped.py"))
    try:
        with pytest.raises(FileNotFoundError, match="reinstall kamcourse"):
            data.load_cdnow("sample")
    finally:
        monkeypatch.undo()
        cdnow._read.cache_clear()


CDNOW = DATASETS / "cdnow"


def test_cdnow_files_match_their_checksums() -> None:
    """datasets/cdnow/SHA256SUMS lists every CDNOW file the kit ships, and each file matches its line."""
    listed = {}
    for line in (CDNOW / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert sorted(listed) == sorted(p.name for p in CDNOW.iterdir() if p.name != "SHA256SUMS")
    for name, digest in listed.items():
        assert hashlib.sha256((CDNOW / name).read_bytes()).hexdigest() == digest, name


def test_every_data_file_is_under_a_checksum() -> None:
    """No file in datasets/ escapes a SHA256SUMS (the generated tables' or the CDNOW folder's); the datasheets aside."""
    covered = set()
    for sums in DATASETS.rglob("SHA256SUMS"):
        for line in sums.read_text(encoding="utf-8").splitlines():
            covered.add((sums.parent / line.split("  ", 1)[1]).relative_to(DATASETS).as_posix())
    files = {p.relative_to(DATASETS).as_posix() for p in DATASETS.rglob("*") if p.is_file()}
    unchecked = sorted(f for f in files - covered if not f.endswith(("SHA256SUMS", "README.md", "README.zh.md")))
    assert not unchecked, f"add these files to a SHA256SUMS: {unchecked}"


def test_cdnow_files_are_the_lifetimes_files() -> None:
    """The kit's copy is byte for byte the one lifetimes 0.11.3 distributes (the peer, when installed)."""
    from peers import require_peer

    lifetimes = require_peer("lifetimes")
    theirs = Path(lifetimes.__file__).parent / "datasets"
    for name in ("CDNOW_master.txt", "CDNOW_sample.txt", "cdnow_customers_summary.csv",
                 "cdnow_customers_summary_with_transactions.csv"):
        assert (CDNOW / name).read_bytes() == (theirs / name).read_bytes(), name


def test_cdnow_does_not_import_lifetimes() -> None:
    code = "import sys\nfrom kamcourse import data\ndata.load_cdnow('summary')\nprint('lifetimes' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_import_is_cheap() -> None:
    code = "import sys, kamcourse.data\nprint(','.join(m for m in ('scipy', 'matplotlib', 'lifetimes') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
