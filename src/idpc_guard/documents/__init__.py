"""The bundle's documents: boundaries, kinds, key fields, the case, text already covered."""
