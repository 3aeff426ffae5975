"""Renderings of a scan's decisions: the contract JSON, and text for people."""

from __future__ import annotations
