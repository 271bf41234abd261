"""Candidates → Find duplicates…: the window that lists likely duplicates and acts on them."""
