"""Figures for the chapter module group 'customer_value' (one function per figure, each returns the Axes)."""

from __future__ import annotations

__all__: list[str] = []
