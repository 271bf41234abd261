"""Backups of the database: making them (make), keeping them (policy), listing them (listing),
putting one back (restore) and checking the live database (check).

Nothing is imported here, so `talentdesk.core.errors` can use `names` without a cycle.
"""
