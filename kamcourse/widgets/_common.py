"""Helpers shared by the explorers."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["redraw"]


def redraw(out, draw: Callable, state: dict) -> None:
    """Clear the ``Output`` widget ``out`` and draw a new figure in it (no figure is left open).

    ``draw()`` returns an Axes; ``state`` records how many figures were drawn and
    the last title, so tests can check that a control redraws the figure.
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    out.clear_output(wait=True)
    with out:
        ax = draw()
        display(ax.figure)
        plt.close(ax.figure)
    state["draws"] = state.get("draws", 0) + 1
    state["figure_title"] = ax.get_title()
