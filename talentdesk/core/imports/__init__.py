"""The import history: what each CSV import did, and undoing one as a whole (service.py)."""
