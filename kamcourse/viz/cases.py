"""Figures for the chapter module group 'cases' (one function per figure, each returns the Axes)."""

from __future__ import annotations

__all__: list[str] = []
