"""Proof that a redacted copy holds nothing that was marked for removal."""
