"""The human-readable half of a subject-access export: one self-contained HTML page. Every
value is escaped: notes and e-mail bodies are the person's and others' free text."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from talentdesk.core.privacy.person_data import PersonData, Row

# Tables shown under a title of their own; any other table about the person follows, titled
# from its name (a table added later is shown without a change here).
TITLES: dict[str, str] = {
    "candidate": "Profile",
    "candidate_email": "Other e-mail addresses",
    "candidate_tag": "Tags",
    "pool_membership": "Talent pools",
    "application": "Applications",
    "application_stage_change": "Application stage history",
    "interaction": "Contacts and notes (including e-mails read from the mailbox)",
    "reminder": "Reminders",
    "consent": "Consent and legal basis",
    "outbox_message": "E-mails written to you (with their text)",
    "candidate_merge": "Records merged into this one",
    "duplicate_dismissal": "Records marked as not the same person",
}

_STYLE = (
    "body{font-family:sans-serif;margin:2em;max-width:70em}"
    "table{border-collapse:collapse;margin-bottom:1.5em}"
    "td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}"
    "td{white-space:pre-wrap}"
)


def _cell(value: Any) -> str:
    return "" if value is None else escape(str(value))


def _label_of(data: PersonData, table: str, column: str, value: Any) -> str:
    """A shared row's label beside its id: "3 (Backend Berlin)"."""
    from talentdesk.core.db.models import Base

    for fk in Base.metadata.tables[table].foreign_keys:
        if fk.parent.name == column and fk.column.name == "id":
            label = data.labels.get(fk.column.table.name, {}).get(value)
            if label:
                shown = " · ".join(str(v) for v in label.values() if v)
                return f"{_cell(value)} ({escape(shown)})"
    return _cell(value)


def _table(data: PersonData, name: str, rows: list[Row]) -> str:
    columns = list(rows[0])
    head = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_label_of(data, name, c, r[c])}</td>" for c in columns) + "</tr>"
        for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _profile(row: Row) -> str:
    items = "".join(
        f"<tr><th>{escape(k.replace('_', ' '))}</th><td>{_cell(v)}</td></tr>"
        for k, v in row.items()
        if v not in (None, "")
    )
    return f"<table>{items}</table>"


def _sent(data: PersonData) -> str:
    """Which e-mails were sent to the person and when: the outbox's, then ones logged by hand."""
    lines: list[tuple[str, str, str]] = []
    for m in data.tables.get("outbox_message", []):
        if m.get("sent_at") or m.get("status") == "sent":
            at = str(
                m.get("sent_at") or f"{m.get('created_at')} (queued; the send time is unknown)"
            )
            lines.append((at, str(m.get("to_address") or ""), m.get("subject") or ""))
    logged = {m.get("interaction_id") for m in data.tables.get("outbox_message", [])}
    for i in data.tables.get("interaction", []):
        if i.get("kind") == "email_out" and i.get("id") not in logged:
            lines.append((str(i["occurred_at"]), "", i.get("subject") or ""))
    if not lines:
        return "<p>No e-mail was sent to you.</p>"
    rows = "".join(
        f"<tr><td>{escape(at)}</td><td>{escape(to)}</td><td>{escape(subject)}</td></tr>"
        for at, to, subject in sorted(lines)
    )
    return f"<table><tr><th>sent at (UTC)</th><th>to</th><th>subject</th></tr>{rows}</table>"


def html_report(data: PersonData, now: datetime) -> str:
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>Data held about {escape(data.name)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Data held about {escape(data.name)}</h1>",
        f"<p>Exported {escape(now.strftime('%Y-%m-%d %H:%M'))} UTC. Times are UTC. The same "
        "data, complete and machine-readable, is in data.json beside this file.</p>",
        "<h2>E-mails sent to you</h2>",
        _sent(data),
    ]
    profile = data.tables.get("candidate") or []
    if profile:
        parts += ["<h2>Profile</h2>", _profile(profile[0])]
    for name, rows in data.tables.items():
        if name == "candidate" or not rows:
            continue
        title = TITLES.get(name, name.replace("_", " ").capitalize())
        parts += [f"<h2>{escape(title)}</h2>", _table(data, name, rows)]
    parts.append("</body></html>")
    return "\n".join(parts)
