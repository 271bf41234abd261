"""Who did what (issue 18): the recruiters of a database and the one using this workspace."""
