"""Whether the window can open here, asked before Qt loads: on Linux and the BSDs Qt needs an
X11 or Wayland display, and without one it aborts (exit 134) blaming a missing xcb library."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

# Set by scripts/launch, so the advice names the command the user typed.
PROG_ENV = "TALENTDESK_PROG"
# Qt platforms that draw on a display; any other (offscreen, vnc, eglfs…) needs none.
DISPLAY_PLATFORMS = frozenset({"xcb", "wayland", "wayland-egl", ""})
NO_DISPLAY = """\
TalentDesk is a desktop application and needs a graphical session, but
neither $DISPLAY nor $WAYLAND_DISPLAY is set.

  - Run it from a terminal inside your desktop session, or
  - run it on a virtual screen:   xvfb-run -a {command}
    (xvfb-run is in the Debian package xvfb)
  - Commands work without a display, e.g.:   {prog} info
"""


def no_display_message(
    env: Mapping[str, str], argv: Sequence[str], platform: str = sys.platform
) -> str | None:
    """The friendly explanation when the window cannot open for want of a display, else None.
    argv is what the user passed after the program's name."""
    if platform in ("win32", "darwin", "cygwin"):
        return None
    # QT_QPA_PLATFORM may list fallbacks ("wayland;xcb") and options ("xcb:option").
    requested = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if requested not in DISPLAY_PLATFORMS:
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    prog = env.get(PROG_ENV) or "talentdesk"
    import shlex  # only to say what to run: every CLI command imports this module

    return NO_DISPLAY.format(prog=prog, command=shlex.join([prog, *argv]))
