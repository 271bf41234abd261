"""What a bulk action checks and looks up before it writes: the tags, the pool and stage."""

from __future__ import annotations

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from talentdesk.core.bulk.db import raw
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.db.models import Tag
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.records import TagRef


def clean_tags(tags: list[TagRef]) -> list[TagRef]:
    unique: dict[tuple[TagCategory, str], TagRef] = {}
    for tag in tags:
        name = tag.name.strip()
        if name:
            unique.setdefault((tag.category, name.casefold()), TagRef(tag.category, name))
    if not unique:
        raise ValidationError({"tags": "choose at least one tag"})
    return list(unique.values())


def existing_tag(session: Session, ref: TagRef) -> Tag | None:
    """The tag `ref` names, in any letter case (as tagging finds it), without making it."""
    return session.scalar(
        select(Tag).where(
            Tag.category == ref.category, func.lower(Tag.name) == func.lower(ref.name)
        )
    )


def pool_and_stage(
    connection: Connection, pool_id: int, stage_id: int | None
) -> tuple[str, int, str]:
    """The pool's name, and the stage (its first unless told) with its name."""
    db = raw(connection)
    pool = db.execute("SELECT name FROM pool WHERE id = ?", (pool_id,)).fetchone()
    if pool is None:
        raise NotFoundError("This pool no longer exists.")
    stages = db.execute(
        "SELECT id, name FROM pool_stage WHERE pool_id = ? ORDER BY position", (pool_id,)
    ).fetchall()
    if stage_id is None:
        stage_id = stages[0][0]
    names = dict(stages)
    if stage_id not in names:
        raise ValidationError({"stage": "that stage belongs to another pool"})
    return pool[0], stage_id, names[stage_id]
