"""Bulk actions on the candidate list's selection, or on every id of the list."""
