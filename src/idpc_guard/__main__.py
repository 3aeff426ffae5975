"""``python -m idpc_guard``: the command line."""

from __future__ import annotations

from idpc_guard.cli.app import main

if __name__ == "__main__":
    main()
