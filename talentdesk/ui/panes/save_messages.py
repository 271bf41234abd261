"""What the candidate pane's banner says when a save did not go through (or may have)."""

from __future__ import annotations

from talentdesk.core.errors import TalentDeskError

AWAY_KEPT = (
    "Not saved: the team database cannot be reached. Nothing was half-written; your edits "
    "are kept: press Save again once it is back."
)
MAYBE = (
    "Maybe saved: the connection to the team database was lost during the save. Once it is "
    "back, what was saved shows; your edits stay here until then."
)
BACK = "Not saved yet: the team database is back. Press Save."


def after_maybe(stored_version: int | None, loaded_version: int | None) -> str:
    """Once the server is back after a save cut off at COMMIT: a candidate unchanged since it
    was loaded was not saved (a committed save would have moved its version)."""
    if stored_version == loaded_version:
        return BACK
    return (
        "The team database is back and this candidate was changed, by this save or by someone "
        "else: press Save to compare."
    )


def reason(exc: BaseException) -> str:
    if isinstance(exc, TalentDeskError):
        return exc.message
    return "an unexpected problem (see the log)"
