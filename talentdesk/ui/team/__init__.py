"""Team mode in the window: connecting to a team database on a PostgreSQL server."""
