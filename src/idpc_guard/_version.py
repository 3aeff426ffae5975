"""The package version (one source: the installed distribution's metadata)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("idpc-guard")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"
