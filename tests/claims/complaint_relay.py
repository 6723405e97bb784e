"""Claims of the complaint-relay case: hand-offs, days to resolve, satisfaction afterwards, the single-owner estimate."""

from __future__ import annotations

from kamcourse.cases import complaint_relay as cr

from . import ClaimData, claim

NB = "notebooks/cases/complaint_relay.ipynb"


@claim(NB, "handoff-table-read")
def more_handoffs_longer_and_less_satisfied(data: ClaimData) -> None:
    t = cr.handoff_table(data.load("service_requests"), kind="complaint", max_handoffs=4, dropna=True)
    assert t["mean_days"].is_monotonic_increasing, f"days by hand-offs {t['mean_days'].round(1).tolist()}"
    assert t["mean_satisfaction"].is_monotonic_decreasing, f"satisfaction {t['mean_satisfaction'].round(2).tolist()}"
    assert t.loc[0, "mean_days"] < 5 and t.loc[0, "mean_satisfaction"] >= 4, "no hand-off: not a few days, not satisfied"
    ratio = t["mean_days"].iloc[-1] / t.loc[0, "mean_days"]
    assert 3.5 <= ratio <= 5.5, f"4+ hand-offs take {ratio:.1f} times as long, not about four times"


@claim(NB, "corr-read")
def clearly_positive_and_clearly_negative(data: ClaimData) -> None:
    c = cr.handoff_correlation(data.load("service_requests"), dropna=True)
    assert c["days_to_resolve"] > 0.5 and c["satisfaction_afterwards"] < -0.5, c.round(2).to_dict()


@claim(NB, "slopes-read")
def severity_does_not_explain_it_away(data: ClaimData) -> None:
    requests = data.load("service_requests")
    within = cr.handoff_slopes(requests, by="severity", dropna=True)
    pooled = cr.handoff_slopes(requests, by=None, dropna=True)
    assert 1.5 <= within["days_per_handoff"] <= 5, f"{within['days_per_handoff']:.1f} days per hand-off, not a few"
    assert within["satisfaction_per_handoff"] < -0.3, "a hand-off does not lower the score within severity"
    for k in within.index:
        assert abs(within[k] - pooled[k]) < 0.2 * abs(pooled[k]), f"{k}: within {within[k]:.2f} vs pooled {pooled[k]:.2f}"


@claim(NB, "estimate-read")
def three_days_and_half_a_point(data: ClaimData) -> None:
    e = cr.single_owner_estimate(data.load("service_requests"), max_handoffs=1, dropna=True)
    now, est = e.loc["current_process"], e.loc["single_owner_estimate"]
    assert now["share_over_max"] > 0.5, f"{now['share_over_max']:.0%} pass more than one hand-off"
    days = now["mean_days"] - est["mean_days"]
    points = est["mean_satisfaction"] - now["mean_satisfaction"]
    assert 2.5 <= days <= 3.5 and 0.4 <= points <= 0.65, f"{days:.1f} fewer days, {points:+.2f} satisfaction"
