"""Summaries the metrics read, kept current by SQLite triggers on the tables they sum up, so
every write path (logging a contact, the mailbox sync, the outbox, an erasure, a merge, a
delete and its undo) keeps them right without knowing of them.

`mail_question` (models_metrics.MailQuestion): per candidate, each e-mail received with the
recruiter's answer, the first e-mail sent or feedback given at or after it (at the same moment
the e-mail received comes first: it cannot answer what was sent with it). E-mails answered by
one answer are one question, from the first of them; those with no answer yet are one too.
A change to a person's e-mails or feedback recomputes that person's questions (a few rows).

`contact_week` (models_metrics.ContactWeek): per calendar week (its Monday, UTC) and person,
how many timeline entries but notes: contacts logged per week are a read of a few thousand
rows per week instead of a count of distinct people over every entry of the week.

Frozen once a migration shipped it, as db/triggers.py's versions are.
"""

from __future__ import annotations

_ANSWER_KINDS = "'email_out', 'feedback'"
_KINDS = "'email_in', 'email_out', 'feedback'"

# Hours between two stored times exactly as datetime subtraction gives them (whole seconds,
# then microseconds): what time to respond showed when it computed them in Python.
_HOURS = (
    "((unixepoch(substr(answer, 1, 19)) - unixepoch(substr(asked, 1, 19))) * 1000000"
    " + (substr(answer, 21) - substr(asked, 21))) / 1000000.0 / 3600.0"
)


def question_rows(who: str) -> str:
    """The questions of the candidates `who` (a condition on `i.candidate_id`) selects, as
    mail_question's columns. The answer only grows with the time asked: equal answers are
    neighbours, so grouping by it joins exactly the e-mails one answer answered."""
    return (
        f"SELECT candidate_id, asked, answer, {_HOURS} FROM ("
        " SELECT candidate_id, min(asked) AS asked, answer FROM ("
        " SELECT i.candidate_id, i.occurred_at AS asked, (SELECT o.occurred_at FROM interaction o"
        " WHERE o.candidate_id = i.candidate_id"
        f" AND o.kind IN ({_ANSWER_KINDS}) AND o.occurred_at >= i.occurred_at"
        " ORDER BY o.occurred_at LIMIT 1) AS answer"
        f" FROM interaction i WHERE i.kind = 'email_in' AND {who})"
        " GROUP BY candidate_id, answer)"
    )


def questions(who: str) -> str:
    return (
        "INSERT INTO mail_question (candidate_id, asked_at, answered_at, hours) "
        + question_rows(who)
    )


def _refresh(who: str) -> str:
    """Statements (for a trigger's body) that recompute the questions of `who`, candidate ids
    written with OLD./NEW."""
    return (
        f"DELETE FROM mail_question WHERE candidate_id IN ({who});"
        f" {questions(f'i.candidate_id IN ({who})')};"
    )


# The Monday of a stored time's week ('weekday 0' is the Sunday ending it).
def week_of(time: str) -> str:
    return f"date({time}, 'weekday 0', '-6 days')"


def _counted(time: str, who: str, step: str) -> str:
    """A statement adding `step` (1 or -1) to the contacts of `who` in the week of `time`."""
    if step == "1":
        return (
            f"INSERT INTO contact_week (week, candidate_id, contacts) VALUES ({week_of(time)},"
            f" {who}, 1) ON CONFLICT (week, candidate_id) DO UPDATE SET contacts = contacts + 1;"
        )
    where = f"week = {week_of(time)} AND candidate_id = {who}"
    return (
        f"UPDATE contact_week SET contacts = contacts - 1 WHERE {where};"
        f" DELETE FROM contact_week WHERE {where} AND contacts <= 0;"
    )


def _trigger(name: str, event: str, body: str, when: str, at: str = "AFTER") -> str:
    return f"CREATE TRIGGER {name} {at} {event} WHEN {when} BEGIN {body} END"


def _answer_of(time: str) -> str:
    """The first answer at or after `time` to the person NEW's entry belongs to."""
    return (
        "(SELECT o.occurred_at FROM interaction o WHERE o.candidate_id = NEW.candidate_id"
        f" AND o.kind IN ({_ANSWER_KINDS}) AND o.occurred_at >= {time}"
        " ORDER BY o.occurred_at LIMIT 1)"
    )


def _hours(answer: str, asked: str) -> str:
    return f"({_HOURS.replace('answer', answer).replace('asked', asked)})"


def _asked() -> str:
    """An e-mail received joins the question its answer (or no answer yet) already has, which
    starts no later than it; or starts one. One row read or written, however long the person's
    history: recomputing all of it made each new e-mail cost as much as every earlier one."""
    answer = _answer_of("NEW.occurred_at")
    mine = f"candidate_id = NEW.candidate_id AND answered_at IS {answer}"
    return (
        "INSERT INTO mail_question (candidate_id, asked_at, answered_at, hours)"
        f" SELECT NEW.candidate_id, NEW.occurred_at, a, {_hours('a', 'NEW.occurred_at')}"
        f" FROM (SELECT {answer} AS a)"
        f" WHERE NOT EXISTS (SELECT 1 FROM mail_question WHERE {mine});"
        " UPDATE mail_question SET asked_at = NEW.occurred_at,"
        f" hours = {_hours('answered_at', 'NEW.occurred_at')}"
        f" WHERE {mine} AND asked_at > NEW.occurred_at;"
    )


def _answered() -> str:
    """An answer changes only the questions asked after the answer before it and up to the one
    after it (the question it splits): those are recomputed."""
    before = (
        "coalesce((SELECT max(o.occurred_at) FROM interaction o"
        " WHERE o.candidate_id = NEW.candidate_id"
        f" AND o.kind IN ({_ANSWER_KINDS}) AND o.occurred_at < NEW.occurred_at), '')"
    )
    after = (
        "(SELECT min(o.occurred_at) FROM interaction o WHERE o.candidate_id = NEW.candidate_id"
        f" AND o.kind IN ({_ANSWER_KINDS}) AND o.occurred_at > NEW.occurred_at)"
    )

    def within(column: str) -> str:
        return f"{column} > {before} AND ({after} IS NULL OR {column} <= {after})"

    asked = within("i.occurred_at")
    return (
        f"DELETE FROM mail_question WHERE candidate_id = NEW.candidate_id"
        f" AND {within('asked_at')};"
        f" {questions(f'i.candidate_id = NEW.candidate_id AND {asked}')};"
    )


# A timeline entry deleted with its person (a delete, an erasure) changes nothing: the person's
# rows went before it (recomputing them once per entry made deleting thousands of people take
# twice as long).
_PERSON_KEPT = "EXISTS (SELECT 1 FROM candidate c WHERE c.id = OLD.candidate_id)"
_PERSON_GONE = (
    "DELETE FROM mail_question WHERE candidate_id = OLD.id;"
    " DELETE FROM contact_week WHERE candidate_id = OLD.id AND week IN (SELECT"
    f" {week_of('i.occurred_at')} FROM interaction i WHERE i.candidate_id = OLD.id"
    " AND i.kind <> 'note');"
)


V1: tuple[str, ...] = (
    _trigger(
        "trg_interaction_mail_question_insert",
        "INSERT ON interaction",
        _asked(),
        when="NEW.kind = 'email_in'",
    ),
    _trigger(
        "trg_interaction_mail_question_answer_insert",
        "INSERT ON interaction",
        _answered(),
        when=f"NEW.kind IN ({_ANSWER_KINDS})",
    ),
    _trigger(
        "trg_interaction_mail_question_update",
        "UPDATE OF occurred_at, kind, candidate_id ON interaction",
        _refresh("OLD.candidate_id, NEW.candidate_id"),
        when=f"OLD.kind IN ({_KINDS}) OR NEW.kind IN ({_KINDS})",
    ),
    _trigger(
        "trg_interaction_mail_question_delete",
        "DELETE ON interaction",
        _refresh("OLD.candidate_id"),
        when=f"OLD.kind IN ({_KINDS}) AND {_PERSON_KEPT}",
    ),
    _trigger(
        "trg_interaction_contact_week_insert",
        "INSERT ON interaction",
        _counted("NEW.occurred_at", "NEW.candidate_id", "1"),
        when="NEW.kind <> 'note'",
    ),
    _trigger(
        "trg_interaction_contact_week_update_old",
        "UPDATE OF occurred_at, kind, candidate_id ON interaction",
        _counted("OLD.occurred_at", "OLD.candidate_id", "-1"),
        when="OLD.kind <> 'note'",
    ),
    _trigger(
        "trg_interaction_contact_week_update_new",
        "UPDATE OF occurred_at, kind, candidate_id ON interaction",
        _counted("NEW.occurred_at", "NEW.candidate_id", "1"),
        when="NEW.kind <> 'note'",
    ),
    _trigger(
        "trg_interaction_contact_week_delete",
        "DELETE ON interaction",
        _counted("OLD.occurred_at", "OLD.candidate_id", "-1"),
        when=f"OLD.kind <> 'note' AND {_PERSON_KEPT}",
    ),
    _trigger(
        "trg_candidate_metrics_summary_delete",
        "DELETE ON candidate",
        _PERSON_GONE,
        when="1",
        at="BEFORE",
    ),
)

# Fills the summaries from the data as it stands (the migration that brings them).
FILL: tuple[str, ...] = (
    "DELETE FROM mail_question",
    questions("1"),
    "DELETE FROM contact_week",
    f"INSERT INTO contact_week (week, candidate_id, contacts) SELECT {week_of('occurred_at')},"
    " candidate_id, count(*) FROM interaction WHERE kind <> 'note' GROUP BY 1, 2",
)

# What each trigger is named (the migration's downgrade drops them).
NAMES: tuple[str, ...] = tuple(statement.split()[2] for statement in V1)

# The triggers a set-based insert of new people's timelines holds back (the demo seed), then
# `fill_people` fills in one statement each what they would have written row by row.
INSERT_TRIGGERS = (
    "trg_interaction_mail_question_insert",
    "trg_interaction_mail_question_answer_insert",
    "trg_interaction_contact_week_insert",
)


def fill_people(first_id: int) -> list[tuple[str, tuple[int, ...]]]:
    """The statements that add the summaries of the people from `first_id` on (none yet)."""
    return [
        (questions("i.candidate_id >= ?"), (first_id,)),
        (
            f"INSERT INTO contact_week (week, candidate_id, contacts) SELECT"
            f" {week_of('occurred_at')}, candidate_id, count(*) FROM interaction"
            " WHERE kind <> 'note' AND candidate_id >= ? GROUP BY 1, 2",
            (first_id,),
        ),
    ]
