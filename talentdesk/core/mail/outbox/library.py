"""The template library: stored templates, plus the starter templates."""

from __future__ import annotations

from sqlalchemy import delete, select

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.models import MailTemplate
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.mail.templates import STARTER_TEMPLATES, Template, check
from talentdesk.core.ops.changes import Changes


class TemplateLibrary:
    """Stored templates, plus the starter templates not overridden under the same name."""

    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def all(self) -> list[Template]:
        with self._sessions() as session:
            stored = [
                Template(t.name, t.subject, t.body)
                for t in session.scalars(select(MailTemplate).order_by(MailTemplate.name))
            ]
        names = {t.name.casefold() for t in stored}
        starters = [t for t in STARTER_TEMPLATES if t.name.casefold() not in names]
        return sorted(stored + starters, key=lambda t: t.name.casefold())

    def get(self, name: str) -> Template:
        for template in self.all():
            if template.name.casefold() == name.strip().casefold():
                return template
        raise NotFoundError(f"There is no template called {name!r}.")

    @writes("saving a template")
    def save(self, template: Template) -> None:
        """Store `template`, replacing one with the same name."""
        name = template.name.strip()
        if not name:
            raise ValidationError({"name": "a template needs a name"})
        check(template)
        now = self._clock()
        with self._sessions.begin() as session:
            found = session.scalar(select(MailTemplate).where(MailTemplate.name == name))
            if found is None:
                session.add(
                    MailTemplate(
                        name=name,
                        subject=template.subject,
                        body=template.body,
                        created_at=now,
                        updated_at=now,
                    )
                )
            else:
                found.subject, found.body, found.updated_at = template.subject, template.body, now
            self._sessions.changed(Changes(mail=True))

    @writes("deleting a template")
    def delete(self, name: str) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(MailTemplate).where(MailTemplate.name == name.strip()))
            self._sessions.changed(Changes(mail=True))
