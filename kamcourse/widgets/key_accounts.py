"""ipywidgets explorers for 'key_accounts' (each returns a displayable widget)."""

from __future__ import annotations

__all__: list[str] = []
