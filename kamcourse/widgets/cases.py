"""ipywidgets explorers for 'cases' (each returns a displayable widget)."""

from __future__ import annotations

__all__: list[str] = []
