"""How far ahead consent counts as "expiring": the `consent_expiring_days` setting (30 days by
default) for `consent:expiring`, the "Consent expiring soon" list, the list's column and the
profile's chip; `consent:expiring:60d` in a search says its own window. Both backends."""

from __future__ import annotations

from datetime import timedelta

import pytest

from talentdesk.core import settings
from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.enums import ConsentStatus
from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.syntax import parse, to_text
from talentdesk.core.privacy.consent_state import ConsentState
from talentdesk.core.workspace import Workspace
from tests.conftest import START
from tests.core.privacy_people import consent, person
from tests.pg_fixtures import ws_on_both  # noqa: F401


def _ending_in(ws: Workspace, days: int) -> int:
    pid = person(ws, f"Ends{days}")
    consent(ws, pid, ConsentStatus.GIVEN, expires_at=START + timedelta(days=days))
    return pid


def _found(ws: Workspace, search: str) -> list[int]:
    return sorted(ws.listing.ids(ListQuery(search=search)))


def test_the_window_is_a_setting_of_30_days_by_default(ws: Workspace) -> None:
    soon, later = _ending_in(ws, 20), _ending_in(ws, 45)
    assert settings.read(ws.reader, settings.CONSENT_EXPIRING_DAYS) == 30
    assert _found(ws, "consent:expiring") == [soon]
    assert ws.consent.summary(later).state is ConsentState.VALID

    ws.settings_store().set(settings.CONSENT_EXPIRING_DAYS, 60)

    assert _found(ws, "consent:expiring") == [soon, later]
    assert ws.consent.summary(later).state is ConsentState.EXPIRING
    assert ws.consent.summary(later).text == "expiring in 45 days"
    [row] = ws.listing.rows([later], None)
    assert row.consent is ConsentState.EXPIRING
    expiring = ws.lists.get_by_name("Consent expiring soon")
    assert expiring is not None and expiring.count == 2


def test_a_search_says_its_own_window(ws: Workspace) -> None:
    soon, later = _ending_in(ws, 20), _ending_in(ws, 45)
    assert _found(ws, "consent:expiring:50d") == [soon, later]
    assert _found(ws, "consent:expiring:10d") == []
    assert _found(ws, "consent:valid,expiring:10d") == [soon, later]  # valid includes them


def test_the_window_outside_its_range_is_refused(ws: Workspace) -> None:
    with pytest.raises(ValidationError):
        ws.settings_store().set(settings.CONSENT_EXPIRING_DAYS, 0)
    with pytest.raises(ValidationError):
        parse("consent:expiring:0d")


def test_the_syntax_round_trips_and_describes_its_window() -> None:
    typed = parse("consent:expiring:60d")
    assert typed == Filter(consent=frozenset({ConsentState.EXPIRING}), consent_days=60)
    assert to_text(typed) == "consent:expiring:60d"
    assert Filter.from_json(typed.to_json()) == typed
    assert parse("consent:expiring").consent_days is None
    assert "consent_days" not in parse("consent:expiring").to_json()
