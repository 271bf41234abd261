"""The outbox as one service: plan and queue a mailing; its queries, the recruiter's decisions
and the sender's steps come from its parts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.db.models import OutboxMessage
from talentdesk.core.db.sessions import writes
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox.decisions import RecruiterDecisions
from talentdesk.core.mail.outbox.planning import Plan, make_plan
from talentdesk.core.mail.outbox.queries import OutboxQueries
from talentdesk.core.mail.outbox.steps import SenderSteps
from talentdesk.core.mail.templates import Template
from talentdesk.core.ops.changes import Changes


class Outbox(OutboxQueries, RecruiterDecisions, SenderSteps):
    def plan(
        self,
        template: Template,
        candidate_ids: Sequence[int],
        account: MailAccount,
        pool_id: int | None = None,
        vacancy_id: int | None = None,
        with_html: bool = False,
    ) -> Plan:
        """Render `template` for each candidate (in the order given, each once) and say who is
        skipped and why. Writes nothing: this is the preview."""
        return make_plan(
            self._sessions, template, candidate_ids, account, pool_id, vacancy_id, with_html
        )

    @writes("queueing e-mail")
    def queue(self, plan: Plan) -> int:
        """Put the plan's messages in the outbox; returns how many."""
        if not plan.drafts:
            return 0
        now = self._clock()
        rows = [
            {
                "candidate_id": d.candidate_id,
                "pool_id": plan.pool_id,
                "vacancy_id": plan.vacancy_id,
                "is_feedback": plan.feedback,
                "to_name": d.to_name,
                "to_address": d.to_address,
                "subject": d.subject,
                "template_name": plan.template_name,
                "body_text": d.text,
                "body_html": d.html,
                "status": OutboxStatus.QUEUED,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
                "queued_by_id": self._sessions.user_id,  # sent from this recruiter's account
            }
            for d in plan.drafts
        ]
        with self._sessions.begin() as session:
            session.execute(insert(OutboxMessage), rows)
            self._sessions.changed(Changes(mail=True))
        return len(rows)
