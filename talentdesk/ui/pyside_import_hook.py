"""Imports without PySide's per-import step (start-up time).

Once PySide6.QtCore is loaded, every import statement in the process goes through PySide's
`__feature_import__` (it replaces `builtins.__import__`): it exists for the opt-in
`from __feature__ import snake_case, true_property` syntax, and after each import it calls
back into Python to sort the module (PYSIDE-2029). The window's ~130 modules and their ~1,500
import statements paid 20-80 ms for it before the first paint (measured on a 2-core machine:
importing the window's modules took 90 ms without it, 110-185 ms with it).

TalentDesk never selects a PySide feature, so `install()` hands imports back to the function
PySide itself calls once its step is done (`builtins.__orig_import__`, PySide's lazy
import, which creates Qt classes when first named). A module no step has sorted keeps the
default feature selection, which is the one every module here uses. Where PySide's internals
are not as expected, nothing is changed.
"""

from __future__ import annotations

import builtins

_FEATURE_IMPORT = "__feature_import__"


def install() -> bool:
    """Imports skip PySide's feature step from now on; False (and nothing changed) where
    PySide's import functions are not the ones this was written for."""
    import PySide6.QtCore  # noqa: F401  (installs PySide's import functions)

    current = builtins.__import__
    after_step = getattr(builtins, "__orig_import__", None)
    if getattr(current, "__name__", "") != _FEATURE_IMPORT:
        return getattr(current, "__name__", "") == getattr(after_step, "__name__", None)
    if not callable(after_step) or getattr(after_step, "__name__", "") == _FEATURE_IMPORT:
        return False
    builtins.__import__ = after_step
    return True
