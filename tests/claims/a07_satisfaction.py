"""Claims of assignment A07, Question 5 (prompt and model answer, on the default data of lesson 07)."""

from kamcourse import satisfaction

from . import claim

NB = "assignments/a07_satisfaction/a07_satisfaction.ipynb"


@claim(NB, "q5-prompt")
def delivery_is_must_be_and_concentrate_here(data):
    kano = satisfaction.kano_table(data.load("kano_survey"))
    assert kano.loc["on_time_delivery", "category"] == "must_be", f"on-time delivery is {kano.loc['on_time_delivery', 'category']}"
    attrs = satisfaction.attribute_summary(data.load("surveys"))
    grid = satisfaction.importance_performance(attrs["importance"], attrs["performance"], "mean", "mean")
    assert grid["delivery_reliability"] == "concentrate_here", f"delivery reliability is in {grid['delivery_reliability']}"


@claim(NB, "q5-answer")
def kano_coefficients_as_the_answer_reads_them(data):
    kano = satisfaction.kano_table(data.load("kano_survey"))
    delivery = kano.loc["on_time_delivery"]
    assert delivery["worse"] <= -0.6 and delivery["better"] <= 0.3, \
        f"on-time delivery: Better {delivery['better']:.2f}, Worse {delivery['worse']:.2f}"
    remote = kano.loc["remote_condition_monitoring"]
    assert remote["category"] == "attractive", f"remote condition monitoring is {remote['category']}"
    assert remote["better"] >= 0.6 and remote["worse"] >= -0.3, \
        f"remote condition monitoring: Better {remote['better']:.2f}, Worse {remote['worse']:.2f}"
    for feature in ("energy_efficiency", "extended_warranty"):
        assert kano.loc[feature, "category"] == "one_dimensional", f"{feature} is {kano.loc[feature, 'category']}"
