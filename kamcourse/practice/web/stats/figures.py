"""Draw the statistics pages' figures with the kit's figure functions, as inline SVG (统计图).

``kamcourse.viz`` draws every figure of the course; its labels follow
``kamcourse.i18n``'s current language, which is one setting for the whole
process. Figures are therefore drawn one at a time under a lock, in the
language of the request, and cached (the same data and language give the
same picture).
"""

from __future__ import annotations

import hashlib
import io
import pickle
import threading
from collections.abc import Callable

from django.core.cache import cache
from django.utils.translation import get_language

__all__ = ["svg"]

_LOCK = threading.Lock()


def svg(draw: Callable, data, **kwargs) -> str:
    """The SVG text of ``draw(data, ax=..., **kwargs)`` in the request's language (统计图).

    Parameters
    ----------
    draw : callable
        A ``kamcourse.viz`` function taking the data and ``ax``.
    data : pandas object
        Its first argument.
    **kwargs
        Further arguments of ``draw``.

    Returns
    -------
    str
        An ``<svg>`` element (text drawn as paths, so Chinese needs no font in the browser).

    Examples
    --------
    >>> import pandas as pd
    >>> from kamcourse import viz
    >>> svg(viz.plot_pareto, pd.Series([50.0, 30.0, 20.0])).startswith("<svg")
    True
    """
    lang = "zh" if (get_language() or "en").lower().startswith("zh") else "en"
    key = "crm-fig-" + hashlib.sha256(pickle.dumps((draw.__module__, draw.__name__, data, kwargs, lang))).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    from matplotlib.figure import Figure

    from kamcourse import i18n

    with _LOCK:
        before = i18n.get_language()
        i18n.set_language(lang)
        try:
            fig = Figure(figsize=(7.5, 4.2), layout="constrained")
            draw(data, ax=fig.subplots(), **kwargs)
            buf = io.StringIO()
            fig.savefig(buf, format="svg")
        finally:
            i18n.set_language(before)
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    cache.set(key, text, 600)
    return text
