"""Bulk actions on many candidates at once, each one operation with an exact undo."""
