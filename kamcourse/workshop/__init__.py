"""Workshop mode: the explorers as code-free pages for a projector (stub while building)."""
from __future__ import annotations

__all__ = ["PAGES", "page_for_explorer"]

PAGES = {"discount": "discount_explorer"}


def page_for_explorer(function: str) -> str | None:
    return next((n for n, f in PAGES.items() if f == function), None)
