"""Privacy (issue 16): consent, retention, erasure, a person's own data, the audit log."""
