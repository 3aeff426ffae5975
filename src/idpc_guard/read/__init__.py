"""Reading the input PDF: pages, words and pictures, layout, and defects of the file itself."""
