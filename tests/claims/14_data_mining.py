"""Claims of lesson 14 (customer data mining), recomputed as the lesson computes them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import claim

NB = "notebooks/14_data_mining.ipynb"
TRAIN_CUTOFFS = ["2022-12-31", "2023-03-31", "2023-06-30", "2023-09-30"]
TEST_CUTOFFS = ["2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31"]
def _segments(data) -> dict:
    """The lesson's section 2: features, inputs, k-means labels, profile, names, match with the design."""
    def build():
        from sklearn.cluster import KMeans
        from sklearn.preprocessing import StandardScaler

        from kamcourse import data as kit_data
        from kamcourse import mining

        orders, firms = data.load("orders"), data.load("firmographics")
        features = mining.customer_features(orders, as_of=kit_data.END_DATE)
        inputs = mining.segmentation_inputs(features, firms)
        z = StandardScaler().fit_transform(inputs)
        labels = pd.Series(KMeans(n_clusters=5, n_init=10, random_state=0).fit_predict(z), index=inputs.index)
        described = features.join(firms.set_index("customer_id")[["sales_growth", "employees"]])
        profile = mining.cluster_profile(described, labels)
        p = profile.drop(index="all")
        names = {p["recency_days"].idxmax(): "seg_lost", p["tenure_days"].idxmin(): "seg_new"}
        rest = p.drop(index=list(names))
        names[rest["trend"].idxmax()] = "seg_growing"
        names[rest["trend"].idxmin()] = "seg_slipping"
        names[p.index.difference(list(names))[0]] = "seg_core"
        designed = kit_data.load_answers("designed_segments").set_index("customer_id")["segment"]
        segment = labels.map(names)
        return {"orders": orders, "features": features, "inputs": inputs, "z": z, "labels": labels,
                "profile": profile.rename(index=names), "segment": segment, "designed": designed,
                "match": mining.match_segments(segment, designed)}

    return data.memo("14:segments", build)


def _churn(data) -> dict:
    """The lesson's section 3: panels, both models, their test scores, the value at risk."""
    def build():
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        from sklearn.tree import DecisionTreeClassifier

        from kamcourse import clv, mining

        orders = data.load("orders")
        train, test = mining.churn_panel(orders, TRAIN_CUTOFFS), mining.churn_panel(orders, TEST_CUTOFFS)
        x_train, x_test = mining.churn_inputs(train), mining.churn_inputs(test)
        logit = make_pipeline(StandardScaler(), LogisticRegression()).fit(x_train, train["churned"])
        tree = DecisionTreeClassifier(max_depth=3, min_samples_leaf=20, random_state=0).fit(x_train, train["churned"])
        value = test["gross_profit"].clip(lower=1.0) * clv.margin_multiple(0.8, 0.10)
        return {"orders": orders, "train": train, "test": test, "logit": logit, "tree": tree, "x_train": x_train,
                "p_logit": logit.predict_proba(x_test)[:, 1], "p_tree": tree.predict_proba(x_test)[:, 1],
                "y": test["churned"], "value": value}

    return data.memo("14:churn", build)


def _quotes(data) -> dict:
    def build():
        from mlxtend.frequent_patterns import apriori, association_rules

        from kamcourse import mining

        quotes = mining.basket_matrix(data.load("opportunity_lines"), "opportunity_id", "product_line")
        rules = association_rules(apriori(quotes, min_support=0.05, max_len=3, use_colnames=True),
                                  metric="lift", min_threshold=1.2)
        rules = rules[rules["consequents"].map(len) == 1].sort_values("lift", ascending=False)
        return {"quotes": quotes, "rules": rules}

    return data.memo("14:quotes", build)


def _near(value: float, target: float, tol: float, what: str) -> None:
    assert abs(value - target) <= tol, f"{what} is {value:.4g}, the lesson says {target}"


# --------------------------------------------------------------------------- features


@claim(NB, "features-read")
def recency_median_and_mean(data) -> None:
    f = _segments(data)["features"]
    assert len(f) == 300, f"{len(f)} customers"
    _near(f["recency_days"].median(), 31, 0.5, "median days since last order")
    _near(f["recency_days"].mean(), 211, 1.0, "mean days since last order")
    assert (f["recency_days"] > 730).sum() >= 20, "a group has not ordered for years"
    _near(f["trend"].median(), 0.5, 0.02, "median trend")
    assert (f["trend"] == 0).any() and (f["trend"] == 1).any()


# --------------------------------------------------------------------------- clustering


@claim(NB, "seg-inputs-read")
def inputs_on_different_scales(data) -> None:
    x = _segments(data)["inputs"]
    assert x["monetary_log"].std() > 3, f"log revenue spreads over {x['monetary_log'].std():.2f} units"
    assert x["trend"].between(0, 1).all() and x["trend"].min() == 0 and x["trend"].max() == 1
    assert 0.05 < x["sales_growth"].std() < 0.2 and x["sales_growth"].abs().max() < 0.5, x["sales_growth"].describe()


@claim(NB, "k-read")
def silhouette_peaks(data) -> None:
    from kamcourse import mining

    t = mining.choose_k(_segments(data)["z"], ks=range(2, 9))
    drops = -t["inertia"].diff().dropna()
    assert drops.iloc[0] == drops.max() and drops.is_monotonic_decreasing, f"inertia drops {drops.round(1).tolist()}"
    s = t["silhouette"]
    assert set(s.nlargest(2).index) == {2, 3} and abs(s[2] - 0.55) < 0.01 and abs(s[3] - 0.55) < 0.01, s.round(3)
    assert s[5] > s[4] and s[5] > s[6], f"no second peak at 5: {s.round(3).to_dict()}"
    _near(s[5], 0.49, 0.005, "silhouette at k=5")
    _near(s[4], 0.47, 0.005, "silhouette at k=4")
    _near(s[6], 0.44, 0.005, "silhouette at k=6")


@claim(NB, "naming-read")
def five_named_groups(data) -> None:
    p = _segments(data)["profile"]
    assert p.loc["seg_lost", "customers"] == 59 and p.loc["seg_lost", "revenue"] == 0
    _near(p.loc["seg_lost", "share"], 0.2, 0.005, "lost share")
    _near(p.loc["seg_lost", "recency_days"] / 365, 2.6, 0.1, "lost customers' years without an order")
    assert p.loc["seg_new", "customers"] == 24 and p.loc["seg_new", "tenure_days"] < 150
    assert 2 <= p.loc["seg_new", "orders"] <= 3
    assert p.loc["seg_growing", "customers"] == 42
    _near(p.loc["seg_growing", "trend"], 0.86, 0.005, "growing trend")
    _near(p.loc["seg_growing", "sales_growth"], 0.21, 0.005, "growing customers' own growth")
    assert p.loc["seg_slipping", "customers"] == 49
    _near(p.loc["seg_slipping", "trend"], 0.30, 0.005, "slipping trend")
    assert p.loc["seg_slipping", "revenue"] < 0.5 * p.loc["seg_slipping", "revenue_previous"]
    _near(p.loc["seg_slipping", "sales_growth"], -0.13, 0.005, "slipping customers' own growth")
    assert p.loc["seg_core", "customers"] == 126 and p.loc["seg_core", "customers"] == p["customers"].drop("all").max()
    _near(p.loc["seg_core", "orders"], 13, 0.5, "core orders a year")
    _near(p.loc["seg_core", "trend"], 0.50, 0.005, "core trend")


@claim(NB, "designed-read")
def clusters_are_the_designed_segments(data) -> None:
    m = _segments(data)["match"]
    assert m.mapping == {"seg_new": "exploration", "seg_growing": "formation", "seg_core": "stability",
                         "seg_slipping": "decline", "seg_lost": "termination"}, m.mapping
    _near(m.agreement, 0.987, 0.0005, "agreement")
    _near(m.adjusted_rand, 0.96, 0.006, "adjusted Rand")
    assert m.table.loc["seg_slipping", "stability"] == 3 and m.table.loc["seg_slipping", "termination"] == 1
    assert int(m.table.sum().sum() - np.trace(m.table.loc[list(m.mapping), list(m.mapping.values())].to_numpy())) == 4


@claim(NB, "designed-intro")
def growth_designed_by_stage(data) -> None:
    from kamcourse import data as kit_data
    from kamcourse import vocabulary

    designed = _segments(data)["designed"]
    stages = kit_data.load_answers("lifecycle_stages").set_index("customer_id")["intended_stage"]
    assert set(designed) == set(vocabulary.STAGES) and len(designed) == 300
    assert (designed == stages.reindex(designed.index)).all(), "designed segments are not the intended stages"
    growth = data.load("firmographics").set_index("customer_id")["sales_growth"].groupby(designed).mean()
    assert growth["formation"] > 0.1 and growth["decline"] < -0.1, growth.round(3).to_dict()
    assert growth.idxmax() == "formation" and growth.idxmin() == "decline", growth.round(3).to_dict()


@claim(NB, "nogrowth-read")
def decline_hides_without_growth(data) -> None:
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler

    from kamcourse import mining

    s = _segments(data)
    z = StandardScaler().fit_transform(s["inputs"].drop(columns="sales_growth"))
    labels = pd.Series(KMeans(n_clusters=5, n_init=10, random_state=0).fit_predict(z), index=s["inputs"].index)
    table = mining.match_segments(labels, s["designed"]).table
    host = table["decline"].idxmax()
    assert table["decline"].sum() == 45, table["decline"]
    assert table.loc[host, "decline"] == 37 and table.loc[host, "stability"] == 59, table
    assert (table["stability"] > 0).sum() == 2, "steady customers should be split in two"
    sizes = s["features"]["revenue"].groupby(labels).median()
    stable = table.index[table["stability"] > 0]
    assert sizes[stable].max() > 2 * sizes[stable].min(), "the two steady clusters differ in size"


@claim(NB, "ward-read")
def ward_agrees(data) -> None:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics import adjusted_rand_score

    from kamcourse import mining

    s = _segments(data)
    ward = AgglomerativeClustering(n_clusters=5, linkage="ward").fit_predict(s["z"])
    _near(adjusted_rand_score(s["labels"], ward), 0.94, 0.005, "ARI k-means vs Ward")
    _near(mining.match_segments(ward, s["designed"].loc[s["inputs"].index]).agreement, 0.987, 0.0005, "Ward agreement")


@claim(NB, "rules-abc-read")
def abc_against_clusters(data) -> None:
    from kamcourse import accounts

    s = _segments(data)
    abc = accounts.abc_classes(s["orders"].groupby("customer_id")["net_revenue"].sum())
    t = pd.crosstab(s["segment"], abc)
    assert t["A"].sum() == 64 and t.loc["seg_core", "A"] == 46, t
    assert t.loc["seg_slipping", "A"] == 11 and t.loc["seg_lost", "A"] == 6, t


@claim(NB, "rules-pyramid-read")
def pyramid_against_clusters(data) -> None:
    from kamcourse import accounts

    s = _segments(data)
    tier = accounts.customer_pyramid(s["orders"].groupby("customer_id")["net_revenue"].sum())
    t = pd.crosstab(s["segment"], tier).reindex(columns=list(accounts.PYRAMID_TIERS), fill_value=0)
    top = t[["vip", "major"]]
    assert top.to_numpy().sum() == 15 and top.loc["seg_core"].sum() == 12, t
    assert t.loc["seg_slipping", "major"] == 2 and t.loc["seg_lost", "vip"] == 1, t
    young = t.loc[["seg_growing", "seg_new"]]
    assert young[["vip", "major"]].to_numpy().sum() == 0, t
    assert young.to_numpy().sum() - young["small"].sum() == 1, t


@claim(NB, "rules-rfm-read")
def rfm_against_clusters(data) -> None:
    from kamcourse import clv
    from kamcourse import data as kit_data

    s = _segments(data)
    summary = clv.rfm_summary(s["orders"], "customer_id", "order_date", "net_revenue",
                              observation_end=kit_data.END_DATE, freq="W")
    t = pd.crosstab(clv.rfm_segments(clv.rfm_scores(summary)), s["segment"])
    assert t.loc[["general_win_back", "important_win_back"], "seg_lost"].sum() == 44
    assert t.loc[["important_value", "general_value"], "seg_core"].sum() == 99
    slipping = t["seg_slipping"]
    assert slipping.sum() == 49 and (slipping > 0).sum() == 5, slipping
    assert slipping[["important_value", "general_value"]].sum() == 22


# --------------------------------------------------------------------------- churn


@claim(NB, "churn-intro")
def churn_definition_and_leaks(data) -> None:
    import inspect

    from kamcourse import data as kit_data
    from kamcourse import mining

    defaults = inspect.signature(mining.churn_table).parameters
    assert defaults["horizon_days"].default == 270 == kit_data.STAGE_RULES["termination_min_recency_days"]
    assert defaults["active_days"].default == 365, defaults["active_days"].default
    # a lost customer's recency at the end of the data is her lifecycle stage: termination
    f = _segments(data)["features"]
    stages = kit_data.load_answers("lifecycle_stages").set_index("customer_id")["intended_stage"]
    silent = f["recency_days"] > 270
    assert (stages.reindex(f.index)[silent] == "termination").mean() > 0.95, "silence at the end is not churn"
    # the firmographics' growth was drawn from the stage (the thing predicted): it separates the stages
    growth = data.load("firmographics").set_index("customer_id")["sales_growth"].reindex(f.index)
    by_stage = growth.groupby(stages.reindex(f.index)).mean()
    assert by_stage["formation"] - by_stage["decline"] > 0.25, by_stage.round(3).to_dict()
    # the training and test cut-offs are quarter-ends of 2022-2023 and 2024-2025
    assert {pd.Timestamp(c).year for c in TRAIN_CUTOFFS} == {2022, 2023}
    assert {pd.Timestamp(c).year for c in TEST_CUTOFFS} == {2024, 2025}
    assert all(pd.Timestamp(c).is_quarter_end for c in TRAIN_CUTOFFS + TEST_CUTOFFS)


@claim(NB, "churn-panels-read")
def panel_sizes(data) -> None:
    c = _churn(data)
    assert len(c["train"]) == 857 and len(c["test"]) == 916
    _near(c["train"]["churned"].mean(), 0.097, 0.0005, "training churn rate")
    _near(c["test"]["churned"].mean(), 0.075, 0.0005, "test churn rate")
    assert pd.Timestamp(TRAIN_CUTOFFS[-1]) + pd.Timedelta(days=270) < pd.Timestamp("2024-06-30")


@claim(NB, "coef-read")
def recency_dominates(data) -> None:
    c = _churn(data)
    coef = pd.Series(c["logit"][-1].coef_[0], index=c["x_train"].columns)
    _near(coef["recency_log"], 3.0, 0.2, "recency coefficient")
    assert coef["recency_log"] == coef.abs().max() and coef["frequency_log"] < 0
    assert abs(coef["trend"] - 0.02) < 0.01, coef["trend"]


@claim(NB, "tree-read")
def tree_splits_on_recency(data) -> None:
    c = _churn(data)
    t = c["tree"].tree_
    assert c["x_train"].columns[t.feature[0]] == "recency_log"
    _near(t.threshold[0], 4.77, 0.005, "first split")
    _near(np.expm1(t.threshold[0]), 117, 1.0, "days at the first split")
    leaves = pd.Series(c["tree"].predict(c["x_train"]), index=c["x_train"].index)
    above = c["x_train"]["recency_log"] > t.threshold[0]
    assert leaves[above].all() and not leaves[~above].any()


@claim(NB, "confusion-read")
def confusion_counts(data) -> None:
    from sklearn.metrics import confusion_matrix

    c = _churn(data)
    (tn, fp), (fn, tp) = confusion_matrix(c["y"], c["p_logit"] >= 0.5)
    assert (tp, fn, fp) == (49, 20, 10) and tp + fn == 69, (tp, fn, fp)
    _near((tp + tn) / len(c["y"]), 0.967, 0.0005, "accuracy")
    _near(1 - c["y"].mean(), 0.925, 0.0005, "predicting nobody churns")


@claim(NB, "auc-read")
def auc_against_baselines(data) -> None:
    from sklearn.metrics import roc_auc_score

    c = _churn(data)
    y = c["y"]
    _near(roc_auc_score(y, c["p_logit"]), 0.950, 0.0005, "logistic regression AUC")
    _near(roc_auc_score(y, c["p_tree"]), 0.902, 0.0005, "tree AUC")
    _near(roc_auc_score(y, c["test"]["recency_days"]), 0.945, 0.0005, "recency AUC")


@claim(NB, "gains-read")
def gains_reading(data) -> None:
    from kamcourse import mining

    c = _churn(data)
    g = mining.gains_table(c["y"], c["p_logit"])
    assert g.loc[1, "customers"] == 92 and g.loc[1, "churners"] == 57 and c["y"].sum() == 69
    _near(g.loc[1, "cum_gains"], 0.83, 0.005, "gains at 10%")
    _near(g.loc[1, "lift"], 8.2, 0.05, "top-decile lift")
    _near(g.loc[3, "cum_gains"], 0.94, 0.005, "gains at 30%")
    assert (g["lift"].iloc[1:] < 1).all(), g["lift"]


@claim(NB, "bgnbd-read")
def regression_beats_bgnbd(data) -> None:
    from sklearn.metrics import roc_auc_score

    from kamcourse import clv, mining

    c = _churn(data)
    cut = TEST_CUTOFFS[-1]
    at_cut = c["test"].loc[pd.Timestamp(cut)]
    orders = c["orders"]
    h = clv.rfm_summary(orders[orders["order_date"] <= cut], "customer_id", "order_date", observation_end=cut, freq="W")
    model = clv.fit_bgnbd(h["frequency"], h["recency"], h["T"])
    alive = model.prob_alive(h["frequency"], h["recency"], h["T"]).reindex(at_cut.index)
    assert len(at_cut) == 230 and at_cut["churned"].sum() == 14
    p = c["logit"].predict_proba(mining.churn_inputs(at_cut))[:, 1]
    _near(roc_auc_score(at_cut["churned"], p), 0.99, 0.005, "regression AUC at the last cut-off")
    _near(roc_auc_score(at_cut["churned"], 1 - alive), 0.92, 0.005, "BG/NBD AUC at the last cut-off")


@claim(NB, "threshold-read")
def median_break_even(data) -> None:
    from kamcourse import mining

    v = _churn(data)["value"]
    _near(v.median(), 72_600, 100, "median value at risk")
    _near(mining.offer_threshold(3000, v.median(), 0.3), 0.14, 0.005, "break-even probability")


@claim(NB, "campaign-read")
def campaign_results(data) -> None:
    from kamcourse import mining

    c = _churn(data)
    y, p, v = c["y"], c["p_logit"], c["value"]
    rule = mining.retention_campaign(y, p, v, 3000, 0.3)
    half = mining.retention_campaign(y, p, v, 3000, 0.3, threshold=0.5)
    everybody = mining.retention_campaign(y, p, v, 3000, 0.3, threshold=0.0)
    assert rule["contacted"] == 83 and rule["churners_reached"] == 39
    _near(rule["profit"] / 1e6, 1.85, 0.005, "break-even rule's profit (million)")
    assert half["contacted"] == 59
    _near(half["profit"] / 1e6, 1.05, 0.005, "threshold 0.5 profit (million)")
    _near(everybody["profit"] / 1e6, -0.48, 0.005, "offer-to-all profit (million)")
    assert everybody["cost"] == 2_748_000 and everybody["cost"] > everybody["value_kept"]


# --------------------------------------------------------------------------- association rules


@claim(NB, "orders-rules-read")
def orders_hold_no_rule(data) -> None:
    from mlxtend.frequent_patterns import apriori, association_rules

    from kamcourse import mining

    baskets = mining.basket_matrix(data.load("orders"), "order_id", "product_line")
    rules = association_rules(apriori(baskets, min_support=0.02, use_colnames=True), metric="lift", min_threshold=1.05)
    assert len(baskets) == 12_141 and len(rules) == 0
    m = mining.rule_measures(baskets, "valves", "cylinders")
    _near(m["support"], 0.10, 0.005, "valves and cylinders' support")
    assert m["lift"] < 1, m["lift"]


@claim(NB, "quotes-intro")
def four_designed_bundles(data) -> None:
    from kamcourse import data as kit_data

    rules = kit_data.load_answers("designed_rules")
    assert list(zip(rules["antecedent"], rules["consequent"])) == [
        ("pumps", "valves"), ("cylinders", "seals"), ("spare_parts", "hoses_fittings"), ("pumps+valves", "services")
    ], rules
    lines = data.load("opportunity_lines")
    assert {"opportunity_id", "product_line"} <= set(lines.columns)
    assert lines["opportunity_id"].isin(data.load("opportunities")["opportunity_id"]).all()


@claim(NB, "quotes-read")
def quote_rules(data) -> None:
    from kamcourse import mining

    q = _quotes(data)
    top = q["rules"].iloc[0]
    assert set(top["antecedents"]) == {"pumps", "valves"} and set(top["consequents"]) == {"services"}
    _near(top["support"], 0.126, 0.0005, "support")
    _near(top["confidence"], 0.53, 0.005, "confidence")
    _near(top["lift"], 2.98, 0.005, "lift")
    _near(q["quotes"]["services"].mean(), 0.178, 0.0005, "services' share of quotes")
    lifts = {(a, c): mining.rule_measures(q["quotes"], a, c)["lift"]
             for a, c in [("spare_parts", "hoses_fittings"), ("cylinders", "seals"), ("pumps", "valves")]}
    assert [round(x, 2) for x in lifts.values()] == [2.11, 1.89, 1.54], lifts
    _near(mining.rule_measures(q["quotes"], "pumps", "valves")["confidence"], 0.71, 0.005, "pumps -> valves")
    reverse = mining.rule_measures(q["quotes"], "services", ["pumps", "valves"])
    assert abs(reverse["lift"] - top["lift"]) < 1e-9, reverse["lift"]
    other_way = mining.rule_measures(q["quotes"], ["valves", "services"], "pumps")
    _near(other_way["confidence"], 0.89, 0.005, "{valves, services} -> pumps confidence")


@claim(NB, "offers-read")
def key_account_offer(data) -> None:
    from kamcourse import accounts, mining

    q = _quotes(data)
    opps = data.load("opportunities")
    open_quotes = opps[opps["close_date"].isna()].set_index("opportunity_id")
    revenue = data.load("orders").groupby("customer_id")["net_revenue"].sum()
    key = open_quotes[open_quotes["customer_id"].map(accounts.abc_classes(revenue)) == "A"]
    assert len(key) == 4
    largest = key["amount"].idxmax()
    assert largest == "OP00930" and key.loc[largest, "amount"] == 100_500 and key.loc[largest, "stage"] == "qualification"
    customer = data.load("customers").set_index("customer_id").loc[key.loc[largest, "customer_id"]]
    assert key.loc[largest, "customer_id"] == "C0206" and customer["industry"] == "packaging_machinery"
    held = q["quotes"].loc[largest]
    assert held["pumps"] and held["valves"] and not held["services"]
    offers = mining.cross_sell_offers(q["rules"][q["rules"]["confidence"] >= 0.5], q["quotes"].loc[key.index])
    mine = offers[offers["basket"] == largest].set_index("cross_sell_item")
    assert set(mine.index) == {"services", "spare_parts"}
    assert mine.loc["services", "because"] == "pumps + valves" and round(mine.loc["services", "lift"], 2) == 2.98
    assert mine.loc["spare_parts", "because"] == "hoses_fittings"


# --------------------------------------------------------------------------- privacy and scores


@claim(NB, "privacy")
def models_use_no_personal_column(data) -> None:
    contacts = data.load("contacts")
    assert {"name", "name_zh", "phone"} <= set(contacts.columns), contacts.columns
    assert contacts["phone"].notna().all() and contacts["name"].notna().all()
    used = {*data.load("orders").columns, *data.load("firmographics").columns, *data.load("opportunity_lines").columns}
    assert not used & {"name", "name_zh", "phone"}, sorted(used & {"name", "name_zh", "phone"})
    x = _churn(data)["x_train"]
    assert set(x.columns) == {"recency_log", "frequency_log", "monetary_log", "trend"}, x.columns
    assert set(_segments(data)["inputs"].columns) <= {"recency_log", "frequency_log", "monetary_log", "tenure_log",
                                                      "trend", "sales_growth"}, _segments(data)["inputs"].columns


@claim(NB, "score-read")
def calibration_reading(data) -> None:
    c = _churn(data)
    p, y = c["p_logit"], c["y"].to_numpy()
    top = p > 0.7
    assert top.sum() == 44
    _near(p[top].mean(), 0.87, 0.005, "mean score above 0.7")
    _near(y[top].mean(), 0.91, 0.005, "churn above 0.7")
    mid = (p > 0.1) & (p <= 0.3)
    _near(p[mid].mean(), 0.17, 0.005, "mean score 0.1-0.3")
    _near(y[mid].mean(), 0.03, 0.005, "churn 0.1-0.3")
    flagged = p >= 0.5
    assert flagged.sum() == 59 and (~y[flagged].astype(bool)).sum() == 10 and (y[~flagged] == 1).sum() == 20


@claim(NB, "summary")
def summary_numbers(data) -> None:
    """The summary repeats the readings checked above; the main numbers once more."""
    from sklearn.metrics import roc_auc_score

    from kamcourse import mining

    _near(_segments(data)["match"].agreement, 0.987, 0.0005, "clusters named right")
    c = _churn(data)
    _near(roc_auc_score(c["y"], c["p_logit"]), 0.950, 0.0005, "regression AUC")
    _near(mining.top_decile_lift(c["y"], c["p_logit"]), 8.2, 0.05, "top-decile lift")
    _near(roc_auc_score(c["y"], c["test"]["recency_days"]), 0.945, 0.0005, "recency AUC")
