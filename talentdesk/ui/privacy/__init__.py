"""The privacy windows and actions (issue 16)."""
