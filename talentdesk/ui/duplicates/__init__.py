"""Duplicates: finding them (the duplicates window) and merging two records of one person."""
