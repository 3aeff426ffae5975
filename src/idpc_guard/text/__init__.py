"""Text helpers every stage shares: names, dates, text quality, legal vocabulary.

People's names as written, dates as written, the quality of a text layer, and the
legal vocabulary that is no one's name (judges, counsel, cited cases, institutions).
"""
