"""Rules: their schema, loading, and the decisions they produce."""

from __future__ import annotations
