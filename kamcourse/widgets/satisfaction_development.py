"""ipywidgets explorers for 'satisfaction_development' (each returns a displayable widget)."""

from __future__ import annotations

__all__: list[str] = []
