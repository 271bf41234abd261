"""Files the user asked for (exports, calendars, rejected rows) are written whole or not at all:
to a temporary file next to the destination, renamed over it only once complete."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from talentdesk.core.errors import TalentDeskError


def cannot_write(path: Path, exc: OSError) -> TalentDeskError:
    return TalentDeskError(
        f"{path} cannot be written ({exc.strerror or type(exc).__name__}).",
        "Choose another folder or file name.",
    )


def temporary_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.part")


@contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """Yields the temporary path to write; it replaces `path` when the block ends. On an error
    the temporary file is removed and `path` is left as it was; an OSError becomes a
    TalentDeskError naming the file. (Write and close the file inside the block: Windows
    renames no open file.)"""
    temp = temporary_for(path)
    try:
        yield temp
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise cannot_write(path, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
