"""The metrics summaries (`mail_question`, `contact_week`: db/summary.py says what they hold) on
a PostgreSQL server, kept current by PL/pgSQL triggers doing what SQLite's do, statement for
statement, so that the metrics read the same figures from either:

- an e-mail received joins the question its answer (or no answer yet) already has, or starts
  one; an answer recomputes only the questions between the answers either side of it; any
  other change to a person's e-mails or feedback recomputes that person's questions;
- each entry but a note adds one to its person's week, and takes it off when it goes;
- a person deleted takes their rows with them first (their entries then change nothing).

`hours` is computed as SQLite does (whole microseconds, then divided in double precision), the
week is its Monday as text. Row triggers run after the statement on a server, each seeing the
whole statement's rows: the incremental steps still end where a recomputation would (the
tests compare them with `FILL` after every kind of write).

Created with the rest in a new database (create_schema), by migration 0018 in one that had
none (filled from the data then); `migrate-to` holds them back and copies the local rows.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

_ANSWER_KINDS = "'email_out', 'feedback'"
_KINDS = "'email_in', 'email_out', 'feedback'"


def hours(answer: str, asked: str) -> str:
    """Hours between two times, exactly as SQLite's summary computes them."""
    micros = f"CAST(round(extract(epoch FROM {answer} - {asked}) * 1000000) AS bigint)"
    return (
        f"(CAST({micros} AS double precision) / CAST(1000000 AS double precision)"
        " / CAST(3600 AS double precision))"
    )


def week_of(time: str) -> str:
    """The Monday of a time's week, as text (2026-11-23)."""
    return f"to_char(date_trunc('week', {time}), 'YYYY-MM-DD')"


def question_rows(who: str) -> str:
    """The questions of the candidates `who` (a condition on `i.candidate_id`) selects, as
    mail_question's columns (summary.question_rows in PostgreSQL's SQL)."""
    return (
        f"SELECT candidate_id, asked, answer, {hours('answer', 'asked')} FROM ("
        " SELECT candidate_id, min(asked) AS asked, answer FROM ("
        " SELECT i.candidate_id, i.occurred_at AS asked, (SELECT o.occurred_at FROM interaction o"
        " WHERE o.candidate_id = i.candidate_id"
        f" AND o.kind IN ({_ANSWER_KINDS}) AND o.occurred_at >= i.occurred_at"
        " ORDER BY o.occurred_at LIMIT 1) AS answer"
        f" FROM interaction i WHERE i.kind = 'email_in' AND {who}) AS e"
        " GROUP BY candidate_id, answer) AS q"
    )


def _questions(who: str) -> str:
    return (
        "INSERT INTO mail_question (candidate_id, asked_at, answered_at, hours) "
        + question_rows(who)
    )


def _answer_at(op: str, time: str, pick: str) -> str:
    return (
        f"(SELECT {pick}(o.occurred_at) FROM interaction o WHERE o.candidate_id = NEW.candidate_id"
        f" AND o.kind IN ({_ANSWER_KINDS}) AND o.occurred_at {op} {time})"
    )


_MAIL_QUESTION = f"""
CREATE OR REPLACE FUNCTION talentdesk_mail_question() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_answer timestamp;
    v_before timestamp;
    v_after timestamp;
BEGIN
    IF TG_OP = 'INSERT' AND NEW.kind = 'email_in' THEN
        v_answer := {_answer_at(">=", "NEW.occurred_at", "min")};
        INSERT INTO mail_question (candidate_id, asked_at, answered_at, hours)
        SELECT NEW.candidate_id, NEW.occurred_at, v_answer,
            {hours("v_answer", "NEW.occurred_at")}
        WHERE NOT EXISTS (SELECT 1 FROM mail_question WHERE candidate_id = NEW.candidate_id
                          AND answered_at IS NOT DISTINCT FROM v_answer);
        UPDATE mail_question SET asked_at = NEW.occurred_at,
            hours = {hours("answered_at", "NEW.occurred_at")}
        WHERE candidate_id = NEW.candidate_id AND answered_at IS NOT DISTINCT FROM v_answer
          AND asked_at > NEW.occurred_at;
    ELSIF TG_OP = 'INSERT' AND NEW.kind IN ({_ANSWER_KINDS}) THEN
        v_before := coalesce({_answer_at("<", "NEW.occurred_at", "max")}, '-infinity');
        v_after := {_answer_at(">", "NEW.occurred_at", "min")};
        DELETE FROM mail_question WHERE candidate_id = NEW.candidate_id
            AND asked_at > v_before AND (v_after IS NULL OR asked_at <= v_after);
        {
    _questions(
        "i.candidate_id = NEW.candidate_id AND i.occurred_at > v_before"
        " AND (v_after IS NULL OR i.occurred_at <= v_after)"
    )
};
    ELSIF TG_OP = 'UPDATE' AND (OLD.kind IN ({_KINDS}) OR NEW.kind IN ({_KINDS})) THEN
        DELETE FROM mail_question WHERE candidate_id IN (OLD.candidate_id, NEW.candidate_id);
        {_questions("i.candidate_id IN (OLD.candidate_id, NEW.candidate_id)")};
    ELSIF TG_OP = 'DELETE' AND OLD.kind IN ({_KINDS})
          AND EXISTS (SELECT 1 FROM candidate c WHERE c.id = OLD.candidate_id) THEN
        DELETE FROM mail_question WHERE candidate_id = OLD.candidate_id;
        {_questions("i.candidate_id = OLD.candidate_id")};
    END IF;
    RETURN NULL;
END
$$
"""

_CONTACT_WEEK = f"""
CREATE OR REPLACE FUNCTION talentdesk_contact_week() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.kind <> 'note' AND (TG_OP = 'UPDATE'
            OR EXISTS (SELECT 1 FROM candidate c WHERE c.id = OLD.candidate_id)) THEN
        UPDATE contact_week SET contacts = contacts - 1
        WHERE week = {week_of("OLD.occurred_at")} AND candidate_id = OLD.candidate_id;
        DELETE FROM contact_week
        WHERE week = {week_of("OLD.occurred_at")} AND candidate_id = OLD.candidate_id
          AND contacts <= 0;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.kind <> 'note' THEN
        INSERT INTO contact_week (week, candidate_id, contacts)
        VALUES ({week_of("NEW.occurred_at")}, NEW.candidate_id, 1)
        ON CONFLICT (week, candidate_id) DO UPDATE SET contacts = contact_week.contacts + 1;
    END IF;
    RETURN NULL;
END
$$
"""

_PERSON_GONE = f"""
CREATE OR REPLACE FUNCTION talentdesk_summary_person_gone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM mail_question WHERE candidate_id = OLD.id;
    DELETE FROM contact_week WHERE candidate_id = OLD.id AND week IN (
        SELECT {week_of("i.occurred_at")} FROM interaction i
        WHERE i.candidate_id = OLD.id AND i.kind <> 'note');
    RETURN OLD;
END
$$
"""

_TIMELINE = "AFTER INSERT OR DELETE OR UPDATE OF occurred_at, kind, candidate_id ON interaction"
# (name, table, what it runs): migrate-to holds the interaction ones back while it copies.
TRIGGERS: tuple[tuple[str, str, str], ...] = (
    ("trg_interaction_mail_question", "interaction", f"{_TIMELINE} FOR EACH ROW"
     " EXECUTE FUNCTION talentdesk_mail_question()"),
    ("trg_interaction_contact_week", "interaction", f"{_TIMELINE} FOR EACH ROW"
     " EXECUTE FUNCTION talentdesk_contact_week()"),
    ("trg_candidate_metrics_summary_delete", "candidate", "BEFORE DELETE ON candidate"
     " FOR EACH ROW EXECUTE FUNCTION talentdesk_summary_person_gone()"),
)  # fmt: skip
_FUNCTIONS = (
    "talentdesk_mail_question",
    "talentdesk_contact_week",
    "talentdesk_summary_person_gone",
)

# Fills the summaries from the data as it stands (summary.FILL in PostgreSQL's SQL).
FILL: tuple[str, ...] = (
    "DELETE FROM mail_question",
    _questions("true"),
    "DELETE FROM contact_week",
    f"INSERT INTO contact_week (week, candidate_id, contacts) SELECT {week_of('occurred_at')},"
    " candidate_id, count(*) FROM interaction WHERE kind <> 'note' GROUP BY 1, 2",
)


def create(connection: Connection) -> None:
    for function in (_MAIL_QUESTION, _CONTACT_WEEK, _PERSON_GONE):
        connection.execute(text(function))
    for name, table, body in TRIGGERS:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
        connection.execute(text(f"CREATE TRIGGER {name} {body}"))


def fill(connection: Connection) -> None:
    for statement in FILL:
        connection.execute(text(statement))


def drop(connection: Connection) -> None:
    for name, table, _ in TRIGGERS:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
    for function in _FUNCTIONS:
        connection.execute(text(f"DROP FUNCTION IF EXISTS {function}()"))
