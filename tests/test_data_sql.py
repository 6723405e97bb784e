"""kamcourse.data.crm(): a real SQLite database with keys, built into a cache outside the repo."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from kamcourse import data
from kamcourse.data import database, schema

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A private cache folder, so tests never touch the user's ~/.cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KAMCOURSE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def con(cache):
    c = data.crm()
    yield c
    c.close()


def test_tables_and_row_counts(con) -> None:
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(data.names())
    for name in data.names():
        n = con.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
        assert n == len(data.load(name)), name


def test_primary_and_foreign_keys_are_declared(con) -> None:
    for name in data.names():
        table = schema.TABLES[name]
        pk = [r[1] for r in sorted(con.execute(f"PRAGMA table_info({name})"), key=lambda r: r[5]) if r[5] > 0]
        assert pk == list(table.primary_key), name
        fks = {(r[3], r[2], r[4]) for r in con.execute(f"PRAGMA foreign_key_list({name})")}
        assert fks == set(table.foreign_keys), name
    fks = {(r[2], r[3]) for r in con.execute("PRAGMA foreign_key_list(orders)")}
    assert ("customers", "customer_id") in fks
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    indexes = {r[1] for r in con.execute("PRAGMA index_list(orders)")}
    assert "idx_orders_customer_id" in indexes and "idx_orders_order_date" in indexes


def test_revenue_per_industry_join_matches_pandas(con) -> None:
    sql = """
        SELECT c.industry, SUM(o.net_revenue) AS revenue
        FROM orders AS o JOIN customers AS c ON c.customer_id = o.customer_id
        GROUP BY c.industry ORDER BY revenue DESC
    """
    got = pd.read_sql_query(sql, con).set_index("industry")["revenue"]
    orders, customers = data.load("orders"), data.load("customers")
    want = orders.merge(customers, on="customer_id").groupby("industry")["net_revenue"].sum()
    pd.testing.assert_series_equal(got.sort_index(), want.sort_index(), check_names=False, rtol=1e-9)


def test_three_way_join_and_dates(con) -> None:
    """Account managers' revenue in 2025: orders -> customers -> staff, with SQLite date functions."""
    sql = """
        SELECT s.staff_id, s.role, ROUND(SUM(o.net_revenue), 2) AS revenue
        FROM orders o JOIN customers c USING (customer_id)
        JOIN staff s ON s.staff_id = c.account_manager_id
        WHERE strftime('%Y', o.order_date) = '2025'
        GROUP BY s.staff_id
    """
    rows = con.execute(sql).fetchall()
    assert rows and all(r[1] == "sales" for r in rows)
    total = con.execute("SELECT SUM(net_revenue) FROM orders WHERE order_date >= '2025-01-01'").fetchone()[0]
    assert sum(r[2] for r in rows) == pytest.approx(total, rel=1e-9)


def test_missing_values_and_flags(con) -> None:
    open_opps = con.execute("SELECT COUNT(*) FROM opportunities WHERE close_date IS NULL").fetchone()[0]
    assert open_opps == data.load("opportunities")["close_date"].isna().sum()
    assert set(r[0] for r in con.execute("SELECT DISTINCT won FROM opportunities")) == {0, 1}
    still = con.execute("SELECT COUNT(*) FROM staff WHERE leave_date IS NULL").fetchone()[0]
    assert still == data.load("staff")["leave_date"].isna().sum()


def test_default_connection_is_read_only_but_temp_views_work(con) -> None:
    with pytest.raises(sqlite3.OperationalError):
        con.execute("DELETE FROM orders")
    con.execute("CREATE TEMP VIEW big AS SELECT * FROM orders WHERE net_revenue > 100000")
    assert con.execute("SELECT COUNT(*) FROM big").fetchone()[0] > 0


def test_writable_copy_is_private(cache) -> None:
    mine = data.crm(writable=True)
    mine.execute("DELETE FROM service_requests")
    assert mine.execute("SELECT COUNT(*) FROM service_requests").fetchone()[0] == 0
    with pytest.raises(sqlite3.IntegrityError):
        mine.execute("INSERT INTO contacts (contact_id, customer_id) VALUES ('X1', 'NO-SUCH-CUSTOMER')")
    mine.close()
    fresh = data.crm()
    assert fresh.execute("SELECT COUNT(*) FROM service_requests").fetchone()[0] > 0
    fresh.close()


def test_built_once_into_the_cache_outside_the_repo(cache) -> None:
    path = data.crm_path()
    assert path.parent == cache and path.name.startswith("crm-") and path.suffix == ".sqlite"
    assert ROOT not in path.parents
    mtime = path.stat().st_mtime_ns
    assert data.crm_path() == path and path.stat().st_mtime_ns == mtime
    con = data.crm()
    assert Path(con.execute("PRAGMA database_list").fetchone()[2]) == path
    con.close()


def test_rebuilt_when_the_data_change(cache, tmp_path, monkeypatch) -> None:
    kit = data.crm_path()
    variant = tmp_path / "variant"
    data.write_datasets(variant, seed=8, n_customers=40, years=2)
    monkeypatch.setenv("KAMCOURSE_DATA_DIR", str(variant))
    other = data.crm_path()
    assert other != kit and other.parent == cache
    con = data.crm()
    assert con.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == 40
    con.close()


def test_xdg_cache_home_is_used(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("KAMCOURSE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert data.crm_path().parent == tmp_path / "xdg" / "kamcourse"


def test_falls_back_to_a_temp_folder_when_the_cache_is_not_writable(tmp_path, monkeypatch) -> None:
    """A cache path under a regular file cannot be created, even by root."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KAMCOURSE_CACHE_DIR", str(blocker / "cache"))
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    path = data.crm_path()
    assert path.parent.parent == temp and path.parent.name.startswith("kamcourse-")
    con = data.crm()
    assert con.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == 300
    con.close()


def test_schema_sql_is_valid_and_complete() -> None:
    mem = sqlite3.connect(":memory:")
    mem.executescript(database.schema_sql())
    names = {r[0] for r in mem.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == set(data.names())
    mem.close()


def test_no_stray_build_files(cache) -> None:
    data.crm_path()
    assert [p.name for p in cache.iterdir() if p.name.endswith(".tmp")] == []
    assert not any(p.name.startswith(".probe-") for p in cache.iterdir())
    assert os.access(cache, os.W_OK)
