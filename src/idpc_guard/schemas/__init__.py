"""JSON Schemas shipped with the package."""

from __future__ import annotations
