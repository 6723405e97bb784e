"""kamcourse.customer_info: phones, labels, names, duplicates, quality, grading, privacy, PIPL (lesson 11)."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamcourse import customer_info as ci
from kamcourse import data, i18n, vocabulary


# --------------------------------------------------------------------------- phones
@pytest.mark.parametrize(("typed", "digits"), [
    ("139-0000-0001", "13900000001"), ("+86 139 0000 0001", "13900000001"), ("0086 13900000001", "13900000001"),
    ("(021) 8800-0001", "02188000001"), ("+86 21 8800 0001", "02188000001"), ("+86 10 8800 0016", "01088000016"),
    ("0571-8800001", "05718800001"), ("0571-88000012", "057188000012"),
])
def test_valid_numbers_normalise(typed, digits) -> None:
    """China's numbering plan (MIIT 2017): mobiles 11 digits from 1[3-9]; landlines 0 + area code + 7-8 digits."""
    assert ci.normalize_phone(typed) == digits


@pytest.mark.parametrize("typed", ["021-8800001", "021-880000012", "139-OOOO-0001", "88000001", "12900000001", "1390000001"])
def test_malformed_numbers_are_refused(typed) -> None:
    assert ci.normalize_phone(typed) is None


def test_phone_status_and_a_number_given_as_number() -> None:
    assert ci.phone_status(["139-0000-0001", None, "139-0000-001", ""]).tolist() == ["valid", "missing", "malformed", "missing"]
    with pytest.raises(TypeError, match="store phone numbers as text"):
        ci.normalize_phone(13900000001)
    with pytest.raises(TypeError, match="phones must hold text"):
        ci.phone_status([13900000001])


# --------------------------------------------------------------------------- labels
def test_labels_map_through_key_synonym_and_fuzzy() -> None:
    t = ci.standardize_labels(["distributor", "代理商", "Distributer", "工程机诫", "其他", None])
    assert t["standard_key"].tolist()[:4] == ["distributor", "distributor", "distributor", "construction_machinery"]
    assert t["match"].tolist() == ["already_standard", "synonym", "fuzzy", "fuzzy", "unmatched", "missing"]


def test_every_glossary_name_of_an_industry_is_a_synonym() -> None:
    names = [i18n.label(k, lang) for k in vocabulary.INDUSTRIES for lang in ("en", "zh")]
    assert ci.standardize_labels(names)["match"].isin(["synonym", "already_standard"]).all()


def test_cutoff_is_checked() -> None:
    with pytest.raises(ValueError, match=r"cutoff must be in \[0, 100\], got 120"):
        ci.standardize_labels(["x"], cutoff=120)


# --------------------------------------------------------------------------- names
def test_name_key_follows_the_four_parts_of_a_chinese_name() -> None:
    """企业名称登记管理规定 (2020) Art. 6: place + trade name + industry + legal form; the trade name stays."""
    variants = ["永达打包机械有限公司", "北京永达打包机械有限公司", "北京市永达打包机械有限公司（销售部）", "永达 打包机械 有限公司",
                "永大打包机械", "Yongda Baling & Packaging Machinery Co., Ltd.", "YONGDA BALING AND PACKAGING MACHINERY CO LTD",
                "Ｙｏｎｇｄａ Machine Tool Co., Ltd."]
    assert {ci.company_name_key(v).trade for v in variants} == {"yongda"}


def test_every_trade_name_of_the_generator_reads_the_same_in_both_scripts() -> None:
    customers = data.load("customers")
    zh = customers["name_zh"].map(lambda n: ci.company_name_key(n).trade)
    en = customers["name"].map(lambda n: ci.company_name_key(n).trade)
    assert (zh == en).all(), customers.loc[zh != en, ["name", "name_zh"]].head()


def test_similarity_is_the_indel_ratio() -> None:
    """RapidFuzz's fuzz.ratio = 100 * (1 - InDel distance / total length)."""
    assert ci.name_similarity("Yongda Co.", "永达有限公司") == 100.0
    assert ci.name_similarity("Yongda Co.", "Yongdda Co.") == pytest.approx(100 * 12 / 13)
    with pytest.raises(TypeError, match="name must be a string"):
        ci.company_name_key(None)


# --------------------------------------------------------------------------- duplicates
def _accounts(**over) -> pd.DataFrame:
    base = {"record_id": ["R1", "R2"], "company_name": ["永达机床有限公司", "Yongda Machine Tool Co."],
            "industry_label": ["machine_tools", "机床"], "region": ["east_china", "east_china"],
            "phone": ["021-88000001", None]}
    base.update(over)
    return pd.DataFrame(base)


@pytest.mark.parametrize(("over", "decision"), [
    ({}, "duplicate"),                                                            # same trade name, industry agrees
    ({"industry_label": ["machine_tools", None]}, "review"),                      # nothing else agrees
    ({"industry_label": ["machine_tools", None], "phone": ["021-88000001", "02188000001"]}, "duplicate"),
    ({"industry_label": ["machine_tools", "distributor"]}, "different"),          # two firms, one trade name
    ({"phone": ["021-88000001", "021-88000002"]}, "different"),                   # phones conflict
    ({"company_name": ["永达机床有限公司", "Yonda Machine Tool Co."]}, "review"),     # near name, no phone
    ({"company_name": ["永达机床有限公司", "Yonda Machine Tool Co."], "phone": ["021-88000001", "+86 21 8800 0001"]},
     "duplicate"),
])
def test_the_decision_rule(over, decision) -> None:
    assert ci.duplicate_pairs(_accounts(**over))["decision"].tolist() == [decision]


def test_other_regions_are_never_compared() -> None:
    assert ci.duplicate_pairs(_accounts(region=["east_china", "north_china"])).empty


def test_groups_are_connected_components_named_after_the_oldest() -> None:
    accounts = pd.DataFrame({"record_id": ["R1", "R2", "R3", "R4"]})
    pairs = pd.DataFrame({"record_a": ["R2", "R1"], "record_b": ["R3", "R3"], "decision": ["duplicate", "duplicate"]})
    assert ci.duplicate_groups(accounts, pairs).tolist() == ["R1", "R1", "R1", "R4"]
    with pytest.raises(ValueError, match="not in accounts"):
        ci.duplicate_groups(accounts, pd.DataFrame({"record_a": ["R9"], "record_b": ["R1"], "decision": ["duplicate"]}))


def test_uniqueness_and_completeness() -> None:
    assert ci.uniqueness(["a", "a", "b", "c"]) == 0.75
    assert ci.completeness(pd.DataFrame({"x": ["a", None, " ", "b"]}))["x"] == 0.5
    assert ci.consistency(["metallurgy", "冶金", None], vocabulary.INDUSTRIES) == 0.5


# --------------------------------------------------------------------------- grading
@given(st.sampled_from(ci.LEVELS), st.sampled_from(ci.LEVELS), st.sampled_from(ci.LEVELS))
def test_a_higher_level_never_lowers_the_grade(c, p, q) -> None:
    """The company rules (第五条): more contribution or more potential never makes a worse grade."""
    order = {"A": 0, "B": 1, "C": 2}
    if ci.LEVELS.index(q) >= ci.LEVELS.index(p):
        assert order[ci.GRADE_MATRIX[(c, q)]] <= order[ci.GRADE_MATRIX[(c, p)]]
        assert order[ci.GRADE_MATRIX[(q, c)]] <= order[ci.GRADE_MATRIX[(p, c)]]


def test_the_rules_corner_cases() -> None:
    """A = major contribution and long-term potential; C = small contribution, ordinary potential (第五条)."""
    assert ci.GRADE_MATRIX[("high", "high")] == "A" and ci.GRADE_MATRIX[("low", "low")] == "C"
    assert ci.GRADE_MATRIX[("medium", "medium")] == "B"
    assert ci.GRADE_MATRIX[("high", "low")] == ci.GRADE_MATRIX[("low", "high")] == "B"


def test_rank_levels_and_bad_cutoffs() -> None:
    levels = ci.rank_level(pd.Series(range(1, 11), dtype=float))
    assert levels.value_counts().to_dict() == {"low": 5, "medium": 3, "high": 2}
    with pytest.raises(ValueError, match="medium < high"):
        ci.rank_level(pd.Series([1.0, 2.0]), (0.8, 0.5))


def test_grades_on_the_company_data_use_both_dimensions() -> None:
    customers, orders = data.load("customers"), data.load("orders")
    contribution = ci.customer_contribution(orders, data.load("cost_to_serve"), 2025).reindex(customers["customer_id"], fill_value=0.0)
    potential = ci.cooperation_potential(ci.potential_features(customers, orders, data.load("surveys"), 2025))
    g = ci.customer_grades(contribution, potential)
    assert set(g["grade"]) == set(ci.GRADES)
    assert ((g["contribution_level"] == "high") & (g["grade"] != "A")).any(), "contribution alone decides"


def test_tenure_bands() -> None:
    bands = ci.tenure_band(pd.Series(pd.to_datetime(["2025-01-01", "2024-12-01", "2020-06-30"])), "2025-12-31")
    assert bands.tolist() == ["under_1y", "1_3y", "over_5y"]
    with pytest.raises(ValueError, match="must not lie after as_of"):
        ci.tenure_band(pd.Series(pd.to_datetime(["2026-01-02"])), "2025-12-31")


# --------------------------------------------------------------------------- privacy
KEY = "a test key that is long enough"


def test_pseudonyms_are_stable_keyed_and_not_a_plain_hash() -> None:
    p = ci.pseudonymise(["R1", "R2", "R1", None], KEY)
    assert p[0] == p[2] and p[0] != p[1] and pd.isna(p[3])
    assert ci.pseudonymise(["R1"], KEY + "!")[0] != p[0], "another key, another pseudonym"
    assert hashlib.sha256(b"R1").hexdigest()[:10] not in p[0], "a plain hash could be guessed"
    with pytest.raises(ValueError, match="at least 16 characters"):
        ci.pseudonymise(["R1"], "short")


def test_the_analysis_survives_pseudonymisation() -> None:
    contacts = data.load("raw_contacts")
    view = ci.role_view(contacts, "data_analyst", KEY)
    assert not {"name", "mobile", "note", "birthday", "marital_status"} & set(view.columns)
    assert sorted(view.groupby("record_id").size()) == sorted(contacts.groupby("record_id").size())


def test_role_views_and_masks() -> None:
    t = pd.DataFrame({"name": ["刘浩然"], "mobile": ["139-0000-0001"], "note": ["x"], "extra": [1]})
    assert ci.role_view(t, "service_desk", KEY).iloc[0].tolist() == ["刘浩然", "139****0001"]
    assert list(ci.role_view(t, "account_manager", KEY).columns) == ["name", "mobile", "note"], "ungranted fields hidden"
    assert ci.mask_name(["Liu Haoran"]).tolist() == ["Liu H*****"]
    with pytest.raises(ValueError, match="role must be one of"):
        ci.role_view(t, "intern", KEY)


def test_fields_without_purpose_in_the_extract() -> None:
    cols = [*data.load("raw_accounts").columns, *data.load("raw_contacts").columns]
    assert ci.fields_without_purpose(cols) == ["marital_status"]


def test_pipl_articles() -> None:
    """个人信息保护法 (2021): Art. 6 purpose and minimum necessary, Art. 19 retention, Art. 44-47 rights,
    Art. 73 de-identification (with Art. 4: anonymised information is not personal information)."""
    t = ci.pipl_principles("en")
    assert t.loc["pipl_purpose_minimum", "articles"] == "6"
    assert t.loc["pipl_retention", "articles"] == "19"
    assert t.loc["pipl_rights", "articles"] == "44-47"
    assert t.loc["pipl_deidentification", "articles"] == "4, 73"
    assert t.loc["pipl_lawful_basis", "articles"] == "13, 14"
    assert (ci.pipl_principles("zh")["principle"].str.contains(r"[\u4e00-\u9fff]")).all()


def test_a_customer_record() -> None:
    rec = ci.customer_record("C0001", data)
    assert rec.company["name_zh"] == "永达打包机械有限公司"
    assert rec.preferences.sum() == pytest.approx(1.0, abs=0.01)
    with pytest.raises(ValueError, match="not in the customers table"):
        ci.customer_record("C9999", data)


# --------------------------------------------------------------------------- more of each module
def test_mask_phone_keeps_the_first_three_and_last_four_digits() -> None:
    """The usual display mask of Chinese apps and bills: 139****0001 (this kit's convention, after normalising)."""
    got = ci.mask_phone(["139-0000-0001", "010-8800-0016", "+86 21 8800 0001", "12345", None])
    assert got.tolist()[:3] == ["139****0001", "010****0016", "021****0001"]
    assert got[3:].isna().all(), "a malformed or missing number shows nothing"
    with pytest.raises(TypeError, match="phones must hold text"):
        ci.mask_phone([13900000001])


def test_pseudonyms_are_hmac_sha256_as_rfc_4231_computes_it() -> None:
    """RFC 4231 (2005), HMAC-SHA256 test case 6: a 131-byte key of 0xaa and a 54-character message."""
    message = "Test Using Larger Than Block-Size Key - Hash Key First"
    got = ci.pseudonymise([message], b"\xaa" * 131, prefix="", length=64)[0]
    assert got == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"


def test_a_key_is_text_or_bytes() -> None:
    with pytest.raises(TypeError, match="key must be a string or bytes, got int"):
        ci.pseudonymise(["R1"], 1234567890123456789)
    with pytest.raises(TypeError, match="values must be a column of texts"):
        ci.pseudonymise("R1", KEY)


def test_role_view_refuses_an_unknown_access_level() -> None:
    policy = {"clerk": {"name": "blurred"}}
    with pytest.raises(ValueError, match=r"policy\['clerk'\]\['name'\] must be one of"):
        ci.role_view(pd.DataFrame({"name": ["刘浩然"]}), "clerk", KEY, policy)


def test_every_field_the_roles_see_has_a_purpose() -> None:
    """PIPL (2021) Art. 6: a field shown to a role must serve a recorded purpose; marital status serves none."""
    shown = {f for rules in ci.ACCESS_POLICY.values() for f, level in rules.items() if level != "hidden"}
    assert ci.fields_without_purpose(sorted(shown)) == []
    assert all(rules["marital_status"] == "hidden" for rules in ci.ACCESS_POLICY.values())
    assert set(ci.ACCESS_LEVELS) >= {level for rules in ci.ACCESS_POLICY.values() for level in rules.values()}


def test_validity_leaves_missing_numbers_out() -> None:
    """Validity = valid / filled in (DAMA UK 2013: a missing value is a completeness fault, not a validity one)."""
    assert ci.validity(["021-88000001", None, " ", "021-8800001"]) == 0.5
    assert pd.isna(ci.validity([None, None]))
    contacts = data.load("raw_contacts")
    status = ci.phone_status(contacts["mobile"]).value_counts()
    assert ci.validity(contacts["mobile"]) == status["valid"] / (status["valid"] + status["malformed"])


def test_consistency_and_uniqueness_edge_cases() -> None:
    assert pd.isna(ci.consistency([None], vocabulary.INDUSTRIES))
    assert ci.uniqueness(pd.Series(["R1", "R1", "R1"])) == pytest.approx(1 / 3)
    with pytest.raises(ValueError, match="groups is empty"):
        ci.uniqueness(pd.Series([], dtype=object))
    with pytest.raises(ValueError, match="no rows"):
        ci.completeness(pd.DataFrame({"x": []}))


def test_the_five_dimensions_measured_are_dama_uks_six_but_accuracy() -> None:
    """DAMA UK (2013): completeness, uniqueness, timeliness, validity, accuracy, consistency; accuracy needs the truth."""
    dama = {"completeness", "uniqueness", "timeliness", "validity", "accuracy", "consistency"}
    assert set(ci.QUALITY_DIMENSIONS) == dama - {"accuracy"}
    assert set(vocabulary.FAULT_DIMENSIONS.values()) == set(ci.QUALITY_DIMENSIONS)


def test_the_quality_profile_counts_every_fault_once() -> None:
    a, c = data.load("raw_accounts"), data.load("raw_contacts")
    profile = ci.quality_profile(a, c, data.END_DATE)
    assert profile["failed"].sum() == len(ci.find_faults(a, c, data.END_DATE))
    assert (profile["rate"] == 1 - profile["failed"] / profile["checked"]).all()
    assert set(profile["dimension"]) == set(ci.QUALITY_DIMENSIONS)
    row = profile.set_index(["table", "field", "fault"]).loc[("raw_accounts", "phone", "malformed_phone")]
    assert row["rate"] == pytest.approx(ci.validity(a["phone"])), "the profile's validity is validity()"


def test_stale_records_at_the_limit() -> None:
    """Stale = not updated for more than STALE_DAYS (730, two years: this kit's choice); a missing date is stale."""
    assert ci.STALE_DAYS == 730
    dates = pd.Series(pd.to_datetime(["2024-01-01", "2023-12-31", None]))  # 730 and 731 days before 2025-12-31
    assert ci.stale_records(dates, "2025-12-31").tolist() == [False, True, True]
    assert ci.stale_records(dates, "2025-12-31", max_age_days=1).tolist() == [True, True, True]
    with pytest.raises(ValueError, match="max_age_days"):
        ci.stale_records(dates, "2025-12-31", max_age_days=0)
    with pytest.raises(ValueError, match="as_of"):
        ci.stale_records(dates, "not a date")


def test_record_age_in_days() -> None:
    age = ci.record_age(pd.Series(pd.to_datetime(["2025-12-31", "2024-12-31", None])), "2025-12-31")
    assert age[:2].tolist() == [0.0, 365.0] and pd.isna(age[2])
    raw = data.load("raw_accounts")
    assert ci.stale_records(raw["last_updated"], data.END_DATE).sum() == (ci.record_age(raw["last_updated"], data.END_DATE) > 730).sum()


def test_departed_contacts_ignore_a_trip_and_contacts_already_inactive() -> None:
    contacts = pd.DataFrame({
        "contact_record_id": ["K1", "K2", "K3"], "record_id": ["R1", "R2", "R3"],
        "mobile": [None, None, None], "status": ["active", "inactive", "active"],
        "last_contact_date": pd.to_datetime(["2025-01-01"] * 3),
        "note": ["出差中，下周回来", "已离职", "Resigned in May"]})
    assert ci.departed_contacts(contacts)["contact_record_id"].tolist() == ["K3"]
    with pytest.raises(ValueError, match="contacts"):
        ci.departed_contacts(contacts.drop(columns="note"))


def test_label_text_reduces_what_people_type() -> None:
    assert ci.label_text("Packaging Machinery Sector") == "packaging machinery"
    assert ci.label_text("冶金 行业") == "冶金"
    assert ci.label_text("Ｍａｃｈｉｎｅ Tools") == "machine tools", "full-width letters (NFKC)"
    assert ci.label_text("Baling & Packaging") == "baling and packaging"
    assert ci.label_text("行业") == "行业", "a suffix alone is kept"
    with pytest.raises(TypeError, match="label must be a string"):
        ci.label_text(None)


def test_a_trade_name_has_at_least_two_characters() -> None:
    """企业名称登记管理规定 (2020) Art. 8: 字号应当由两个以上汉字组成; one character left is no trade name."""
    with pytest.raises(ValueError, match="no trade name left"):
        ci.company_name_key("北京永有限公司")
    assert ci.company_name_key("北京市永达有限公司") == ci.NameKey("yongda", "", "zh")
    assert ci.company_name_key("上海永达机床厂").trade == "yongda", "厂 is a legal form too"


def test_merge_needs_a_group_for_every_record() -> None:
    accounts = data.load("raw_accounts").head(3)
    with pytest.raises(ValueError, match="has no group"):
        ci.merge_duplicates(accounts, pd.Series({accounts["record_id"].iloc[0]: accounts["record_id"].iloc[0]}))


def test_duplicate_pairs_bad_input() -> None:
    with pytest.raises(ValueError, match=r"threshold must be in \[0, 100\], got 101"):
        ci.duplicate_pairs(_accounts(), threshold=101)
    with pytest.raises(ValueError, match="duplicate record_id 'R1'"):
        ci.duplicate_pairs(_accounts(record_id=["R1", "R1"]))


def test_classify_customers_the_three_ways_of_the_rules() -> None:
    """公司客户关系管理制度 第四条: 按行业分类、按规模分类、按合作年限分类."""
    customers = data.load("customers")
    classes = ci.classify_customers(customers, data.END_DATE)
    assert list(classes.columns) == ["industry", "size_band", "tenure_band"] and len(classes) == len(customers)
    assert set(classes["tenure_band"]) <= set(ci.TENURE_BANDS)
    with pytest.raises(ValueError, match="first_order_date"):
        ci.classify_customers(customers.drop(columns="first_order_date"), data.END_DATE)


def test_grade_matrix_reads_the_rules_a_b_c() -> None:
    """公司客户关系管理制度 第五条: A 重大贡献+长期合作潜力; B 一定贡献+合作潜力; C 贡献较小、潜力一般."""
    g = ci.customer_grades(pd.Series([10.0, 5, 1], index=["a", "b", "c"]), pd.Series([10.0, 5, 1], index=["a", "b", "c"]),
                           cutoffs=(1 / 3, 2 / 3))
    assert g["grade"].tolist() == ["A", "B", "C"]
    with pytest.raises(ValueError, match="contribution"):
        ci.customer_grades(pd.Series([1.0], index=["a"]), pd.Series([1.0], index=["b"]))


def test_contribution_and_potential_by_hand() -> None:
    """Contribution = revenue − cost of goods − cost to serve (lesson 02); growth bounded in [−1, 1] (this kit's rate)."""
    orders = pd.DataFrame({"customer_id": ["C1", "C2", "C2"], "order_date": pd.to_datetime(["2024-05-01", "2024-05-01", "2025-05-01"]),
                           "net_revenue": [100.0, 40.0, 60.0], "cost_of_goods": [70.0, 30.0, 40.0]})
    cts = pd.DataFrame({"customer_id": ["C1", "C2"], "year": [2025, 2025], "total_cost": [5.0, 8.0]})
    assert ci.customer_contribution(orders, cts, 2025).to_dict() == {"C1": -5.0, "C2": 12.0}
    customers = pd.DataFrame({"customer_id": ["C1", "C2", "C3"], "size_band": ["small_enterprise", "medium_enterprise", "large_enterprise"]})
    surveys = pd.DataFrame({"customer_id": ["C2"], "year": [2025], "repurchase_intention": [5]})
    f = ci.potential_features(customers, orders, surveys, 2025)
    assert f["growth"].tolist() == [-1.0, pytest.approx(1 / 3), 0.0]
    assert f["size"].tolist() == [1.0, 2.0, 3.0] and f["repurchase_intention"].tolist() == [5.0, 5.0, 5.0]
    # min-max per column, weights 0.4 / 0.3 / 0.3 (a constant column scores 0): C2 = 0.4 * 1 + 0.3 * 0.5
    assert ci.cooperation_potential(f).tolist() == pytest.approx([0.0, 0.55, 0.60])
    with pytest.raises(ValueError, match="year"):
        ci.customer_contribution(orders, cts, 0)


# --------------------------------------------------------------------------- the text gates (kamcourse.validation.text)
def test_text_gate_keeps_the_index_and_refuses_numbers() -> None:
    from kamcourse.validation import as_text_series, check_secret

    s = as_text_series(pd.Series(["a", None, float("nan")], index=["x", "y", "z"]), "phone")
    assert s.index.tolist() == ["x", "y", "z"] and s["x"] == "a" and s[["y", "z"]].isna().all()
    with pytest.raises(TypeError, match=r"phone must hold text .* got 7 \(int\) at 'y'"):
        as_text_series(pd.Series(["a", 7], index=["x", "y"]), "phone")
    with pytest.raises(TypeError, match="must be a column of texts"):
        as_text_series("021-88000001", "phone")
    assert check_secret(b"0123456789abcdef") == b"0123456789abcdef"
    assert check_secret("短密钥短密钥") == "短密钥短密钥".encode(), "18 bytes of UTF-8 are enough"
    with pytest.raises(ValueError, match="salt must have at least 32 characters"):
        check_secret("x" * 20, "salt", min_length=32)
