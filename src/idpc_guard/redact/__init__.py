"""The redacted copy: the plan of what to remove, true removal, sanitising, the reviewer's copy."""
