"""The redaction log (no personal data), its summaries and its chart."""
