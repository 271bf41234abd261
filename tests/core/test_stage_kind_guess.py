"""The kind of a stage known only by its name (an old free-text stage, a CSV cell), and the
migration's own copy of that rule, which must say the same when it ships."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from talentdesk.core.db.enums import DEFAULT_PIPELINE, StageKind, guess_stage_kind
from talentdesk.core.db.migrate import MIGRATIONS_DIR

NAMES = {
    # The defaults, in any case and spacing.
    "sourced": StageKind.NEW, " INTERVIEWING ": StageKind.INTERVIEWING,
    "not a FIT": StageKind.REJECTED, "Declined": StageKind.DECLINED,
    # What agencies call their own.
    "Phone screen": StageKind.SCREENING, "Final round": StageKind.INTERVIEWING,
    "Client interview": StageKind.INTERVIEWING, "Tech test": StageKind.INTERVIEWING,
    "Coding assessment": StageKind.INTERVIEWING, "Case study": StageKind.INTERVIEWING,
    "Offer extended": StageKind.OFFER, "Placed": StageKind.HIRED,
    "Placement": StageKind.HIRED, "Offer accepted": StageKind.HIRED,
    "Rejected by client": StageKind.REJECTED, "Talent community": StageKind.SCREENING,
    "Applied": StageKind.NEW, "Reached out": StageKind.CONTACTED,
    # A negative outcome wins over the word it negates.
    "Not hired": StageKind.REJECTED, "No hire": StageKind.REJECTED,
    "Not a good fit": StageKind.REJECTED, "Not selected": StageKind.REJECTED,
    "Unsuitable": StageKind.REJECTED, "Interview failed": StageKind.REJECTED,
    "Disqualified": StageKind.REJECTED,
    "Offer declined": StageKind.DECLINED, "Not interested": StageKind.DECLINED,
    "Candidate withdrew": StageKind.WITHDRAWN, "Ghosted": StageKind.WITHDRAWN,
    # A few words in the languages the importer already reads.
    "Entretien": StageKind.INTERVIEWING, "Rozmowa z klientem": StageKind.INTERVIEWING,
    "Vorstellungsgespräch": StageKind.INTERVIEWING, "Odrzucony": StageKind.REJECTED,
    "Abgelehnt": StageKind.REJECTED,
    # Nothing to go by: in progress, nothing owed.
    "Évaluation": StageKind.SCREENING, "On hold": StageKind.SCREENING,
    # Words inside other words say nothing.
    "Latest applicants": StageKind.SCREENING, "Renewed interest": StageKind.SCREENING,
    "New leads": StageKind.NEW, "Test task": StageKind.INTERVIEWING,
}  # fmt: skip


def _migration() -> ModuleType:
    path = MIGRATIONS_DIR / "versions" / "0006_stage_kinds_and_vacancies.py"
    spec = importlib.util.spec_from_file_location("migration_0006", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "kind"), list(NAMES.items()))
def test_a_stage_name_gives_its_kind(name: str, kind: StageKind) -> None:
    assert guess_stage_kind(name) is kind


def test_the_migration_guesses_as_the_app_does() -> None:
    migration = _migration()
    names = [*NAMES, *(n for n, _ in DEFAULT_PIPELINE), "", "   ", "x" * 100]
    assert {n: migration._kind_of(n) for n in names} == {
        n: guess_stage_kind(n).value for n in names
    }
    assert [k for _, k in migration._DEFAULTS] == [k.value for _, k in DEFAULT_PIPELINE]
    assert [n for n, _ in migration._DEFAULTS] == [n for n, _ in DEFAULT_PIPELINE]
