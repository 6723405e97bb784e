"""Claims of assignment A01 (prompt and model answer of Question 6).

They read the default data of lesson 01 (the source notebook says so); each student's variant may
differ, which Question 4c makes the student read on their own data.
"""

from kamcourse import accounts

from . import claim

NB = "assignments/a01_key_accounts/a01_key_accounts.ipynb"


def _default_rule(data):
    return accounts.strategic_key_accounts(data.load("orders"))  # X = 1%, Y = 10%, N = 3


@claim(NB, "q6_prompt")
def default_rule_finds_no_account(data):
    found = int(_default_rule(data)["strategic"].sum())
    assert found == 0, f"the rule with the kit's defaults finds {found} strategic key accounts"


@claim(NB, "q6_answer")
def share_test_passed_by_a_couple_of_dozen_and_growth_by_none(data):
    rule = _default_rule(data)
    n_share = int(rule["share_ok"].sum())
    assert 18 <= n_share <= 30, f"{n_share} accounts pass the share test, not 'a couple of dozen'"
    n_both = int((rule["share_ok"] & rule["growth_ok"]).sum())
    assert n_both == 0, f"{n_both} accounts that pass the share test also grew by more than 10% every year"
