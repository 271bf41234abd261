"""E-mail in the window: the account, templates, composing, the outbox and logging replies."""
