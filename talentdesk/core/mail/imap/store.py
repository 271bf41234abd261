"""What a sync writes: one operation per batch (its interactions, the replies on the outbox,
check-ins settled, how far the folder was read), so a dropped connection keeps each batch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, case, insert, select, text

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.models import Interaction
from talentdesk.core.db.raw_sql import json_ids
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.mail.imap.match import Found
from talentdesk.core.ops.changes import Changes
from talentdesk.core.services.interactions import contact_changes, settle_after_contact


@dataclass(frozen=True)
class FolderState:
    uidvalidity: int
    last_uid: int
    last_synced_at: datetime | None


@dataclass(frozen=True)
class Stored:
    interactions: int  # new timeline entries
    replies: int  # outbox messages newly marked replied


class SyncStore:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def folder_state(self, account: str, folder: str) -> FolderState | None:
        from talentdesk.core.db.models import ImapFolderState

        with self._sessions() as session:
            row = session.execute(
                select(
                    ImapFolderState.uidvalidity,
                    ImapFolderState.last_uid,
                    ImapFolderState.last_synced_at,
                ).where(ImapFolderState.account == account, ImapFolderState.folder == folder)
            ).first()
        return None if row is None else FolderState(row[0], row[1], row[2])

    def last_synced_at(self, account: str) -> datetime | None:
        """When the account was last synced (None: never): its most recently synced folder, as
        one sync reads them all; a folder no longer read must not keep the sync due for good."""
        from sqlalchemy import func

        from talentdesk.core.db.models import ImapFolderState

        with self._sessions() as session:
            return session.scalar(
                select(func.max(ImapFolderState.last_synced_at)).where(
                    ImapFolderState.account == account
                )
            )

    @writes("saving mail read over IMAP")
    def record(
        self, account: str, folder: str, uidvalidity: int, last_uid: int, found: list[Found]
    ) -> Stored:
        """Put `found` on the timelines (each message once) and note the folder
        read up to `last_uid`, in one transaction."""
        now = self._clock()
        with self._sessions.begin() as session:
            connection = session.connection()
            new = _new_only(connection, found)
            replies = 0
            for item in new:
                interaction_id = connection.execute(
                    insert(Interaction)
                    .values(
                        candidate_id=item.candidate_id,
                        kind=item.kind,
                        occurred_at=item.occurred_at,
                        subject=item.subject[:300] or None,
                        body=item.snippet or None,
                        pool_id=item.pool_id,
                        message_id=item.message_id,
                        created_at=now,
                        created_by_id=self._sessions.user_id,  # whose mailbox it came from
                    )
                    .returning(Interaction.id)
                ).scalar_one()
                if item.outbox_id is not None:
                    replies += _mark_replied(connection, item, interaction_id)
            candidates = sorted({item.candidate_id for item in new})
            if candidates:
                settle_after_contact(connection, candidates, now)
                self._sessions.changed(contact_changes(candidates) | Changes(mail=bool(replies)))
            _save_state(connection, account, folder, uidvalidity, last_uid, now)
            return Stored(len(new), replies)


def _new_only(connection: Connection, found: list[Found]) -> list[Found]:
    """`found` less what is on a timeline already and candidates deleted meanwhile; a message
    about several candidates goes on the first one's (the first recipient's)."""
    ids = json_ids(connection.dialect.name)
    alive = set(
        connection.scalars(
            text(f"SELECT id FROM candidate WHERE id IN {ids}"),
            {"ids": _json_ids({f.candidate_id for f in found})},
        )
    )
    unique: dict[str, Found] = {}
    for f in found:
        if f.candidate_id in alive:
            unique.setdefault(f.message_id, f)
    if not unique:
        return []
    known = set(
        connection.scalars(
            select(Interaction.message_id).where(Interaction.message_id.in_(list(unique)))
        )
    )
    return [f for message_id, f in unique.items() if message_id not in known]


def _json_ids(ids: set[int]) -> str:
    return "[" + ",".join(str(i) for i in sorted(ids)) + "]"


def _mark_replied(connection: Connection, item: Found, interaction_id: int) -> int:
    """The outbox message answered: replied at the first reply's time."""
    from talentdesk.core.db.models import OutboxMessage

    first = connection.execute(
        select(OutboxMessage.replied_at).where(OutboxMessage.id == item.outbox_id)
    ).first()
    if first is None:
        return 0
    was = first[0]
    values: dict[str, object] = {}
    if was is None or item.occurred_at < was:
        values["replied_at"] = item.occurred_at
        values["reply_interaction_id"] = interaction_id
    if values:
        from sqlalchemy import update

        connection.execute(
            update(OutboxMessage).where(OutboxMessage.id == item.outbox_id).values(**values)
        )
    return 1 if was is None else 0


def _save_state(
    connection: Connection,
    account: str,
    folder: str,
    uidvalidity: int,
    last_uid: int,
    now: datetime,
) -> None:
    from talentdesk.core.db.models import ImapFolderState
    from talentdesk.core.db.raw_sql import two_max, upsert_insert

    upsert = upsert_insert(connection.dialect.name)
    larger = two_max(connection.dialect.name)

    statement = upsert(ImapFolderState).values(
        account=account,
        folder=folder,
        uidvalidity=uidvalidity,
        last_uid=last_uid,
        last_synced_at=now,
    )
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["account", "folder"],
            set_={
                "uidvalidity": statement.excluded.uidvalidity,
                # Two syncs at once (the window's and the command line's) never move it back.
                "last_uid": case(
                    (
                        ImapFolderState.uidvalidity == statement.excluded.uidvalidity,
                        larger(ImapFolderState.last_uid, statement.excluded.last_uid),
                    ),
                    else_=statement.excluded.last_uid,
                ),
                "last_synced_at": statement.excluded.last_synced_at,
            },
        )
    )
