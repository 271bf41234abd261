"""The reminders privacy asks for, worked out with the other generated reminders
(core/reminders/generated.py) into its `generated_wanted` table:

- Consent renewal: the latest consent record is given (or marked expired) with an end date,
  and that end is at most `consent_renewal_days_before` days away (or passed): one reminder,
  due that many days before the end. A renewal (a newer record) clears it at the next refresh;
  done, it is not made again for the same end.
- Information notice (GDPR Art. 14): a person whose data was recorded on a basis other than
  their own consent (a consent record exists: import and adding by hand record one) with no
  notice sent (no record has `notice_sent_at`) and no consent they gave themselves gets one
  reminder, due 30 days after being added. People with no record at all (data from before
  consent was recorded) are not reminded: nothing says where their data came from.

Neither is made for people who may not be contacted (core/privacy/contactable.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from talentdesk.core import settings
from talentdesk.core.privacy.contactable import contactable_sql

if TYPE_CHECKING:
    from talentdesk.core.reminders.time_sql import TimeSql

NOTICE_DUE_DAYS = 30


def renewal(sql: TimeSql, now: datetime, scope_on: str) -> None:
    """Add the wanted consent renewal reminders; `scope_on` narrows on `c.id`."""
    days = settings.read(sql.connection, settings.CONSENT_RENEWAL_DAYS_BEFORE)
    due = sql.minus_days("k.expires_at", str(days))
    sql.run(
        f"""
    INSERT INTO {sql.temp("generated_wanted")}
        (candidate_id, origin, pool_key, pool_id, kind, due_at, reason)
    SELECT c.id, 'consent', 0, NULL, 'consent_renewal', {due},
        CASE WHEN k.expires_at > {sql.param} THEN 'Consent ends on ' ELSE 'Consent ended on ' END
            || {sql.day("k.expires_at")} || ' — ask them to renew it'
    FROM consent k JOIN candidate c ON c.id = k.candidate_id
    WHERE k.expires_at IS NOT NULL AND k.expires_at <= {sql.param}
      AND k.status IN ('given', 'expired')
      AND k.id = (SELECT max(n.id) FROM consent n WHERE n.candidate_id = k.candidate_id)
      AND {contactable_sql("c")} {scope_on}
      AND NOT EXISTS (
          SELECT 1 FROM reminder r
          WHERE r.candidate_id = c.id AND r.done_at IS NOT NULL AND r.origin = 'consent'
            AND r.done_at >= {due})
    """,
        (sql.value(now), sql.value(now + timedelta(days=days))),
    )


def notice(sql: TimeSql, scope_on: str) -> None:
    """Add the wanted information notice reminders; `scope_on` narrows on `c.id`."""
    sql.run(
        f"""
    INSERT INTO {sql.temp("generated_wanted")}
        (candidate_id, origin, pool_key, pool_id, kind, due_at, reason)
    SELECT c.id, 'notice', 0, NULL, 'custom',
        {sql.plus_days("c.created_at", str(NOTICE_DUE_DAYS))},
        'Send the information notice (GDPR Art. 14): added on ' || {sql.day("c.created_at")}
    FROM candidate c
    WHERE c.id IN (SELECT candidate_id FROM consent) AND {contactable_sql("c")} {scope_on}
      AND NOT EXISTS (
          SELECT 1 FROM consent k WHERE k.candidate_id = c.id
            AND (k.notice_sent_at IS NOT NULL
                 OR (k.legal_basis = 'consent' AND k.status <> 'pending')))
      AND NOT EXISTS (
          SELECT 1 FROM reminder r
          WHERE r.candidate_id = c.id AND r.done_at IS NOT NULL AND r.origin = 'notice')
    """
    )
