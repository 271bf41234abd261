"""Backups of the database: naming them (names), making them (make, auto), keeping them
(policy), listing them (listing), putting one back (restore) and checking the live database
(check). Import the modules themselves; nothing is gathered here, so the start-up path (which
reaches `names` only when an error hint needs the newest backup) stays light.
"""
