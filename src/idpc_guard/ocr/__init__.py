"""The OCR stage: words for scanned pages and pictures, behind one engine interface."""
