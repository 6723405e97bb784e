"""The one contract of every explorer (交互探索器): controls -> compute -> state, text and a figure.

An explorer is an :class:`Explorer` (an ``ipywidgets.VBox``): a notebook shows
it, and a script or a test drives it without a browser:

- ``controls``: dict of the input widgets by name; change ``.value`` to move one;
- ``state``: dict of the last result (what the text and figure show), plus
  ``draws`` (figures drawn so far) and ``figure_title`` (of the last one);
- ``update()``: recompute now (every control does it on change);
- ``hold()``: a ``with`` block that sets several controls and recomputes once;
- ``text``: the HTML widget with the result in words; ``output``: the Output
  widget holding the figure.

The explorer functions of :mod:`kamcourse.widgets` build the controls and
give :class:`Explorer` two callables: ``compute()`` (reads the controls, calls
the tested concept functions, returns the new state entries and the text) and
``figure(state)`` (draws a :mod:`kamcourse.viz` figure, or returns None).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import ipywidgets as w
from matplotlib.axes import Axes

__all__ = ["Explorer", "in_kernel"]


def in_kernel() -> bool:
    """True inside a Jupyter kernel, where an ``Output`` widget can show a figure.

    Examples
    --------
    >>> in_kernel()   # a doctest runs in plain Python
    False
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class Explorer(w.VBox):
    """An explorer: its controls, a text and a figure, recomputed whenever a control changes.

    Parameters
    ----------
    controls : mapping of str to widget
        The input widgets by name (``explorer.controls``).
    compute : callable
        ``compute() -> (entries, html)``: the new state entries (merged into
        ``explorer.state``) and the text to show.
    figure : callable, optional
        ``figure(state) -> Axes or None``: draws the figure for the state
        (None: no figure this time).
    layout : sequence of widgets, optional
        What to show above the text (default: the controls, one per row).
    draw : bool, default True
        Draw the figure on every change (False: state and text only, for tests and scripts).
    watch : sequence of str, optional
        The controls that recompute on change (default: all).

    Examples
    --------
    >>> slider = w.FloatSlider(value=0.2, min=0, max=1)
    >>> box = Explorer({"rate": slider}, lambda: ({"double": 2 * slider.value}, f"{2 * slider.value:.1f}"),
    ...                draw=False)
    >>> box.state["double"], box.text.value
    (0.4, '0.4')
    >>> box.controls["rate"].value = 0.3
    >>> box.state["double"]
    0.6
    """

    def __init__(
        self,
        controls: Mapping[str, w.Widget],
        compute: Callable[[], tuple[dict[str, Any], str]],
        figure: Callable[[dict[str, Any]], Axes | None] | None = None,
        *,
        layout: Sequence[w.Widget] | None = None,
        draw: bool = True,
        watch: Sequence[str] | None = None,
    ) -> None:
        text, output = w.HTML(), w.Output()
        super().__init__(children=[*(list(controls.values()) if layout is None else layout), text, output])
        self.controls = dict(controls)
        self.state: dict[str, Any] = {}
        self.text = text
        self.output = output
        self._compute = compute
        self._figure = figure
        self._draw = bool(draw)
        self._held = False
        for name in self.controls if watch is None else watch:
            self.controls[name].observe(self.update, names="value")
        self.update()

    def update(self, *_: Any) -> None:
        """Recompute the state and the text from the controls, and redraw the figure."""
        if self._held:
            return
        entries, html = self._compute()
        self.state.update(entries)
        self.text.value = html
        if self._draw and self._figure is not None:
            self._redraw()

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Set several controls at once: no recomputing inside the block, once at its end."""
        self._held = True
        try:
            yield
        finally:
            self._held = False
        self.update()

    def _redraw(self) -> None:
        import matplotlib.pyplot as plt

        self.output.clear_output(wait=True)
        with self.output:
            ax = self._figure(self.state)
            if ax is None:
                return
            if in_kernel():
                from IPython.display import display

                display(ax.figure)
        plt.close(ax.figure)  # shown (or not needed): no figure is left open
        self.state["draws"] = self.state.get("draws", 0) + 1
        self.state["figure_title"] = ax.get_title()
