"""Text helpers every stage shares: people's names, dates as written, text-layer quality."""
