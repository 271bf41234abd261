"""Replies over IMAP: the account, a read-only connection, parsing, matching and the sync."""
