"""A person with distinctive words in every kind of record, the files to look for them in, and
a crowd of others so the search index has many rows and segments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from talentdesk.core.db.enums import InteractionKind, OutboxStatus
from talentdesk.core.db.models import OutboxMessage
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import START, session_outside

# Words nobody else has, each in a different record: name, e-mail, profile note, a touchpoint,
# a reminder and an outbox message.
FIRST = "Qwyxxelbert"
LAST = "Vuzzquamski"
EMAIL = "qwyxx.vuzz@erasure-test.example"
NOTE = "Plumbagovelvet prefers remote work"
TOUCHPOINT = "Marzipannebula called about the offer"
REMINDER = "Ask Zinnobrecht about notice"
OUTBOX = "Dear Qwyxxelbert, Hortensiablau"
LINKEDIN = "https://linkedin.com/in/qwyxx-vuzzquamski"
PHONE = "+48 601 777 313"
MARKERS = (FIRST, LAST, EMAIL, "Plumbagovelvet", "Marzipannebula", "Zinnobrecht", "Hortensiablau")


@dataclass(frozen=True)
class Erased:
    id: int
    others: list[int]


def make_person(ws: Workspace, others: int = 300) -> Erased:
    crowd = [
        ws.candidates.create(
            CandidateRecord(f"Person{n}", f"Crowd{n}", email=f"p{n}@crowd.example", notes=f"n{n}")
        )
        for n in range(others // 2)
    ]
    person = ws.candidates.create(
        CandidateRecord(
            FIRST,
            LAST,
            email=EMAIL,
            other_emails=["q.v@second.example"],
            linkedin_url=LINKEDIN,
            phone=PHONE,
            country="Poland",
            notes=NOTE,
        )
    )
    crowd += [
        ws.candidates.create(
            CandidateRecord(f"Later{n}", f"Crowd{n}", email=f"l{n}@crowd.example", notes=f"m{n}")
        )
        for n in range(others - others // 2)
    ]
    pool = ws.pools.create(f"Backend {person}")
    ws.pools.add_members(pool, [person, *crowd[:5]])
    ws.interactions.log(person, InteractionKind.CALL, subject="Call", body=TOUCHPOINT)
    ws.reminders.add(person, START + timedelta(days=3), note=REMINDER)
    with session_outside(ws.paths.database) as session:
        session.add(
            OutboxMessage(
                candidate_id=person,
                to_name=f"{FIRST} {LAST}",
                to_address=EMAIL,
                subject="Hello",
                body_text=OUTBOX,
                body_html=f"<p>{OUTBOX}</p>",
                status=OutboxStatus.SENT,
                next_attempt_at=START,
            )
        )
    return Erased(person, crowd)


def database_files(database: Path) -> list[Path]:
    return [
        database,
        database.with_name(database.name + "-wal"),
        database.with_name(database.name + "-shm"),
    ]


def found_in_files(database: Path) -> dict[str, list[str]]:
    """Each marker found (see `markers_in`) → the files it is in."""
    found: dict[str, list[str]] = {}
    for path in database_files(database):
        if not path.exists():
            continue
        for marker in markers_in(path.read_bytes()):
            found.setdefault(marker, []).append(path.name)
    return found


def markers_in(data: bytes) -> list[str]:
    """The markers in `data` (lower-cased): each in any letter case, or for a word its last
    eight letters (the search index stores a word after the prefix it shares with the one
    before)."""
    lowered = data.lower()
    found = []
    for marker in MARKERS:
        forms = {marker.lower().encode()}
        if marker.isalpha():
            forms.add(marker.lower()[-8:].encode())
        if any(form in lowered for form in forms):
            found.append(marker)
    return found
