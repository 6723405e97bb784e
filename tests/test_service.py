"""kamcourse.service: service levels, targets, backlog, cost to serve by tier, complaints, recovery."""

from __future__ import annotations

import pandas as pd
import pytest

from kamcourse import service, vocabulary


def _requests() -> pd.DataFrame:
    return pd.DataFrame({
        "severity": ["high", "high", "medium", "low"],
        "channel": ["phone", "email", "email", "phone"],
        "opened_date": ["2025-03-01"] * 4,
        "closed_date": ["2025-03-04", "2025-03-20", None, "2025-03-08"],
        "first_response_hours": [1.0, 3.0, 10.0, 5.0],
        "first_contact_resolution": [True, False, False, False],
    })


def test_targets_and_misses():
    """This kit's service level agreement: response 2 / 8 / 24 h, close 10 / 7 / 5 days (high / medium / low)."""
    assert service.SERVICE_TARGETS.loc["high"].tolist() == [2.0, 10.0]
    assert service.SERVICE_TARGETS.loc["low"].tolist() == [24.0, 5.0]
    m = service.target_misses(_requests())
    assert m["response_missed"].tolist() == [False, True, True, False]
    assert m["resolution_missed"].tolist()[:2] == [False, True] and pd.isna(m["resolution_missed"].iloc[2])
    assert m["resolution_missed"].iloc[3]  # low, 7 days > 5


def test_service_levels_by_group():
    lv = service.service_levels(_requests(), by="channel")
    assert lv.loc["email", "requests"] == 2 and lv.loc["phone", "first_contact_resolution"] == 0.5
    assert lv.loc["email", "response_missed"] == 1.0
    assert lv.loc["email", "resolution_missed"] == 1.0  # the open one does not count
    overall = service.service_levels(_requests())
    assert overall["requests"].iloc[0] == 4 and overall["median_response_hours"].iloc[0] == 4.0


def test_service_levels_refuse_bad_input():
    with pytest.raises(ValueError, match="missing column"):
        service.service_levels(_requests().drop(columns="first_response_hours"))
    with pytest.raises(ValueError, match="unknown priority 'urgent'"):
        service.target_misses(_requests().assign(severity="urgent"))
    with pytest.raises(ValueError, match="first_response_hours'] must be numbers >= 0"):
        service.target_misses(_requests().assign(first_response_hours=-1.0))


def test_backlog_counts_open_requests():
    b = service.backlog(_requests(), ["2025-02-28", "2025-03-05", "2025-03-31"])
    assert b.tolist() == [0, 3, 1]


def test_cost_to_serve_by_tier():
    costs = pd.DataFrame({"customer_id": ["a", "b", "c"], "visit_cost": [10.0, 1.0, 1.0], "logistics_cost": [0.0] * 3,
                          "support_cost": [5.0, 1.0, 0.0], "special_terms_cost": [0.0] * 3, "total_cost": [15.0, 2.0, 1.0]})
    t = service.cost_to_serve_by_tier(costs, pd.Series({"a": 100.0, "b": 10.0, "c": 5.0}),
                                      pd.Series({"a": 30.0, "b": 3.0, "c": 1.0}), pd.Series({"a": "A", "b": "C", "c": "C"}))
    assert t.loc["C", "customers"] == 2 and t.loc["C", "cost_to_serve_per_customer"] == 1.5
    assert t.loc["C", "cost_share"] == pytest.approx(0.2) and t.loc["A", "net_profit"] == 15.0
    with pytest.raises(ValueError, match="tiers contains 1 missing value"):
        service.cost_to_serve_by_tier(costs, pd.Series({"a": 1.0}), pd.Series({"a": 1.0}), pd.Series({"a": "A", "b": "C"}))


def test_cause_pareto_vital_few():
    """Juran's vital few: the causes before which the cumulative share is below 80 %."""
    causes = pd.Series(["picking_error"] * 6 + ["order_entry_error"] * 2 + ["carrier_delay"] + ["billing_error"])
    p = service.cause_pareto(causes)
    assert p.index.tolist()[:2] == ["picking_error", "order_entry_error"]
    assert p["vital_few"].tolist() == [True, True, False, False]
    assert p["cum_share"].iloc[-1] == 1.0
    with pytest.raises(ValueError, match="unknown cause 'weather'"):
        service.cause_pareto(pd.Series(["weather"]))
    assert service.cause_pareto(pd.Series(["late"] * 2), valid=None)["complaints"].tolist() == [2]
    assert set(service.ROOT_CAUSES) == set(vocabulary.ROOT_CAUSES)


def test_revenue_kept_windows_and_censoring():
    orders = pd.DataFrame({"customer_id": ["a"] * 4 + ["b"], "net_revenue": [100.0, 60.0, 80.0, 999.0, 50.0],
                           "order_date": pd.to_datetime(["2025-01-15", "2025-03-10", "2025-05-01", "2025-12-01",
                                                          "2025-01-01"])})
    requests = pd.DataFrame({"customer_id": ["a", "a", "b"], "opened_date": ["2025-02-01", "2025-11-01", "2025-02-01"],
                             "closed_date": ["2025-03-01", "2025-11-05", None]})
    k = service.revenue_kept(requests, orders, days=90, end="2025-12-31")
    assert k.loc[0, ["before", "after"]].tolist() == [100.0, 140.0] and bool(k.loc[0, "kept"])
    assert not k.loc[1, "observable"] and pd.isna(k.loc[1, "kept"])  # window runs past the end
    assert not k.loc[2, "observable"]  # still open


def test_recovery_evidence_is_contested():
    """de Matos, Henrique & Rossi (2007): positive on satisfaction, none on repurchase intention."""
    e = service.RECOVERY_PARADOX_EVIDENCE.set_index("study")
    assert e.loc["de Matos, Henrique & Rossi (2007)", "finding"].startswith("mixed")
    assert e.loc["McCollough, Berry & Yadav (2000)", "finding"].startswith("against")
    assert "Journal of Service Research 10(1)" in e["published"].tolist()


def test_recovery_groups_by_worst_satisfaction():
    r = pd.DataFrame({"customer_id": ["a", "a", "b"], "type": ["complaint"] * 3,
                      "opened_date": ["2025-01-01", "2025-06-01", "2024-05-01"], "satisfaction_after": [5, 4, 2]})
    s = pd.DataFrame({"customer_id": ["a", "b", "b"], "year": [2025, 2024, 2025], "overall_satisfaction": [4, 2, 5]})
    g = service.recovery_groups(r, s, columns=("overall_satisfaction",))
    assert g["surveys"].tolist() == [1, 0, 1, 1]  # b 2025 no complaint; a 2025 worst 4; b 2024 worst 2
    assert g.loc["recovered_ok", "overall_satisfaction"] == 4
