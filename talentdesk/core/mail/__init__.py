"""E-mail through the recruiter's own SMTP account: account settings, keyring-held password,
templates, the outbox and its sender. Free of Qt; the window runs the sender off its thread."""
