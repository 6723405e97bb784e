"""The explorers of lessons 10-11: callbacks tested without a browser."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd

from kamcourse import data, widgets


def test_grading_explorer_moves_grades_with_the_cutoffs() -> None:
    c = pd.Series(range(20), index=[f"C{i}" for i in range(20)], dtype=float)
    box = widgets.grading_explorer(c, c, draw=False)
    before = int(box.state["counts"]["A"])
    box.controls["high_from"].value = 0.6
    assert int(box.state["counts"]["A"]) > before
    with box.hold():
        box.controls["medium_from"].value = 0.9
        box.controls["high_from"].value = 0.5  # medium above high: the explorer keeps medium below
    assert int(box.state["counts"].sum()) == 20


def test_matching_explorer_on_the_raw_extract() -> None:
    box = widgets.matching_explorer(data.load("raw_accounts"), draw=False)
    at85 = box.state["counts"].to_dict()
    box.controls["threshold"].value = 70
    at70 = box.state["counts"].to_dict()
    assert sum(at70.values()) > sum(at85.values()) and at70["review"] >= at85["review"]
    assert at70["duplicate"] >= at85["duplicate"]
