"""A cheaper form of the check PySide runs after every import (start-up time).

Once PySide6.QtCore is loaded, PySide hears every import (PYSIDE-2029, for its opt-in
`from __feature__ import …`) and decides, once per module, whether the module uses PySide: it
reads the module's whole source through `inspect.getsource` (linecache, tokenize) and looks for
"PySide6" in it. That costs about half a millisecond a module; the ~200 modules the window
imports before its first paint paid 90-160 ms for it (measured on a loaded 2-core machine,
about a tenth of the start).

`install()` swaps that test for the same test made on the file's bytes: the same answer
("PySide6" in the source) for every module that is a .py file, and PySide's own test for any
other (built-in, compiled, zipped). Nothing here changes which modules PySide switches
features for; where PySide's internals are not as expected, nothing is changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

_MARK = b"PySide6"


def install() -> bool:
    """Use the cheaper test from now on; False (and nothing changed) where PySide's feature
    module is not the one this was written for."""
    import PySide6.QtCore  # noqa: F401  (loads shibokensupport, whose hook this is)

    feature = sys.modules.get("shibokensupport.feature")
    slow = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(slow):
        return False
    if getattr(slow, "reads_bytes", False):  # installed already
        return True
    feature._mod_uses_pyside = _reading_bytes(slow)  # type: ignore[attr-defined]
    return True


def _reading_bytes(slow: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return slow(module)
        try:
            return _MARK in Path(path).read_bytes()
        except OSError:
            return slow(module)

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    return uses_pyside
