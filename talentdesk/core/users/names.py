"""A user's name: the computer's login for a local database's one user, the name given at
connect on a team database; checked the same way wherever it is typed. (No SQLAlchemy: the
Connect dialog and the command line check names before any database is open.)"""

from __future__ import annotations

import getpass

from talentdesk.core.errors import ValidationError

FALLBACK_NAME = "Me"
NAME_LENGTH = 100


def login_name() -> str:
    """The operating system's login name, or "Me" when it has none to give."""
    try:
        name = getpass.getuser().strip()
    except (OSError, KeyError, ImportError):  # no login name in the environment or passwd
        name = ""
    return name[:NAME_LENGTH] or FALLBACK_NAME


def checked_name(name: str) -> str:
    """A user's name with its spaces tidied, or a ValidationError saying what is wrong."""
    tidy = " ".join(name.split())
    if not tidy:
        raise ValidationError({"name": "give a name your colleagues will recognise"})
    if len(tidy) > NAME_LENGTH:
        raise ValidationError({"name": f"at most {NAME_LENGTH} characters"})
    return tidy
