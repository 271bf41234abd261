"""Duplicates: finding them (Candidates → Find duplicates…, the window that lists likely
duplicates and acts on them) and merging two records of one person."""
