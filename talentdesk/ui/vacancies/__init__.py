"""The window's vacancies view: the list of roles, a role's detail, its board and pipeline."""
