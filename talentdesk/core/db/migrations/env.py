"""Alembic environment: always run in-process on the application's own connection."""

from alembic import context

from talentdesk.core.db import models, triggers  # noqa: F401  (models registers the tables)
from talentdesk.core.db.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    include_name=triggers.include_name,
)
with context.begin_transaction():
    context.run_migrations()
