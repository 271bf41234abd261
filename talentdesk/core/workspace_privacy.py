"""The privacy services of the Workspace (issue 16): consent, who may be e-mailed, the audit
log, retention, a person's data on request and erasure. A base class of `Workspace`, kept
apart so the façade stays readable; each service loads on first use, as the others do."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from talentdesk.core.clock import Clock
    from talentdesk.core.db.migrate import Database
    from talentdesk.core.db.reader import ReadConnection
    from talentdesk.core.privacy.audit import AuditLog
    from talentdesk.core.privacy.consent_service import ConsentService
    from talentdesk.core.privacy.erasure import ErasureService
    from talentdesk.core.privacy.services import Retention, SubjectAccess
    from talentdesk.paths import AppPaths

S = TypeVar("S")


class PrivacyServices:
    paths: AppPaths
    clock: Clock
    read_only: str | None

    @property
    def reader(self) -> ReadConnection:
        raise NotImplementedError  # the Workspace's

    def _open_reader(self) -> ReadConnection:
        raise NotImplementedError  # the Workspace's: a read connection of its own, either backend

    def _service(self, kind: type[S], make: Callable[[Database], S]) -> S:
        raise NotImplementedError  # the Workspace's: one instance per service, made on first use

    @property
    def consent(self) -> ConsentService:
        """Each person's legal basis, its renewal and withdrawal (core/privacy)."""
        from talentdesk.core.privacy.consent_service import ConsentService

        return self._service(ConsentService, lambda db: ConsentService(db.sessions, self.clock))

    def not_contactable(self, candidate_ids: list[int]) -> dict[int, str]:
        """Of these, who may not be e-mailed and why (core/privacy/contactable.py)."""
        from talentdesk.core.privacy.contactable import why_not

        return why_not(self.reader, candidate_ids)

    @property
    def audit(self) -> AuditLog:
        """What was done to personal data, when and to how many (core/privacy/audit.py)."""
        from talentdesk.core.privacy.audit import AuditLog

        return self._service(AuditLog, lambda db: AuditLog(db.sessions, self.clock))

    @property
    def retention(self) -> Retention:
        """The retention policy and who is due for deletion (core/privacy/retention.py)."""
        from talentdesk.core.privacy.services import Retention

        return self._service(
            Retention,
            lambda db: Retention(
                db.sessions, self._open_reader, self.clock, self.read_only is not None
            ),
        )

    @property
    def subject_access(self) -> SubjectAccess:
        """A person's own data as a zip (core/privacy/access_export.py)."""
        from talentdesk.core.privacy.audit import AuditLog
        from talentdesk.core.privacy.services import SubjectAccess

        return self._service(
            SubjectAccess,
            lambda db: SubjectAccess(
                AuditLog(db.sessions, self.clock),
                self.paths,
                self.clock,
                self.read_only is not None,
                self._open_reader,
            ),
        )

    @property
    def erasure(self) -> ErasureService:
        """Erasing people for good, leaving only suppression entries (core/privacy/erasure)."""
        from talentdesk.core.privacy.erasure import ErasureService

        return self._service(ErasureService, lambda db: ErasureService(db.sessions, self.clock))
