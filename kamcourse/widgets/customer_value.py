"""ipywidgets explorers for 'customer_value' (each returns a displayable widget)."""

from __future__ import annotations

__all__: list[str] = []
