"""Smart lists: filters over the candidates (filters.py), as saved lists and as search text."""
