"""Bounds on filling in a mail template for one recipient: time, text, loop steps, numbers.

The recruiter writes the templates, but a slip (a loop inside a loop, `'-' * 10**9`) must not
freeze the window or eat the memory. Jinja2's sandbox stops unsafe attributes, not work; the
environment of template_sandbox also bounds work. Where one operation could be huge its size
is estimated before it runs (template_sizes); everything else is counted here as it happens
(loop steps, calls, text made, the output) and checked against a monotonic deadline.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from time import monotonic
from typing import Any

from jinja2 import Template as JinjaTemplate
from jinja2.utils import Namespace

MAX_OUTPUT = 1_000_000  # characters of subject and body together
MAX_SECONDS = 1.0
MAX_RANGE = 100_000  # numbers in one range()
MAX_ITEMS = 100_000  # items in one list, dict or set that is made (filters work item by item)
MAX_STEPS = 1_000_000  # loop steps, each weighted by the size of the loop's body
MAX_BUILT = 10 * MAX_OUTPUT  # characters (and list items) made along the way
MAX_INT_BITS = 100_000  # about 30,000 digits
MAX_DEPTH = 50  # nesting of lists and dicts that are turned into text

TOO_BIG = "the template is too large or too slow to render"


class TemplateLimitError(Exception):
    """Filling in the template went past a limit; `what` says which, in words."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass(slots=True)
class Budget:
    deadline: float
    steps: int = 0
    built: int = 0
    ticks: int = 0

    def tick(self, steps: int = 0) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise TemplateLimitError(f"its loops run more than {MAX_STEPS:,} steps")
        self.ticks += 1
        # Every 16th: the clock costs more than most steps, and 16 steps stay well under 1 s.
        if not self.ticks & 15:
            self.check_time()

    def check_time(self) -> None:
        if monotonic() > self.deadline:
            raise TemplateLimitError(f"it takes longer than {MAX_SECONDS:g} s")

    def text(self, size: int) -> None:
        """Account for making `size` characters, refusing a text too long for any message."""
        if size > MAX_OUTPUT:
            raise TemplateLimitError(
                f"it would make {size:,} characters of text (at most {MAX_OUTPUT:,})"
            )
        self._build(size)

    def items(self, count: int) -> None:
        """Account for making a list (dict, set) of `count` items."""
        if count > MAX_ITEMS:
            raise TemplateLimitError(
                f"it would make a list of {count:,} items (at most {MAX_ITEMS:,})"
            )
        self._build(count)

    def _build(self, size: int) -> None:
        self.built += size
        if self.built > MAX_BUILT:
            raise TemplateLimitError(f"it makes more than {MAX_BUILT:,} characters of text")


_current: ContextVar[Budget | None] = ContextVar("template_budget", default=None)


def current() -> Budget:
    # Outside a render (Jinja2 folding constants while compiling) sizes are still bounded.
    return _current.get() or Budget(math.inf)


def render_bounded(templates: Sequence[JinjaTemplate], context: Mapping[str, Any]) -> list[str]:
    """Each template filled in, all within one recipient's limits."""
    budget = Budget(monotonic() + MAX_SECONDS)
    token = _current.set(budget)
    try:
        results, output = [], 0
        for template in templates:
            pieces = []
            # Counted as it streams out; the time is checked by the loops that make many pieces.
            for piece in template.generate(context):
                output += len(piece)
                if output > MAX_OUTPUT:
                    raise TemplateLimitError(
                        f"the message is longer than {MAX_OUTPUT:,} characters"
                    )
                pieces.append(piece)
            results.append("".join(pieces))
        budget.check_time()  # one slow step at the end (a filter over many items) counts too
        return results
    except RecursionError:
        raise TemplateLimitError("a macro or block calls itself without end") from None
    except MemoryError:
        raise TemplateLimitError("it needs more memory than there is") from None
    finally:
        _current.reset(token)


# -- sizes ---------------------------------------------------------------------------------------
def weight(value: Any, depth: int = 0) -> int:
    """About how many characters `str(value)` makes; TemplateLimitError past MAX_OUTPUT."""
    kind = type(value)
    if kind is str or kind is bytes:
        return len(value)
    if kind is bool or value is None:
        return 5
    if kind is int:
        return int.bit_length(value) // 3 + 2
    if kind is float:
        return 30
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, Namespace):
        return weight(vars(value), depth + 1) + 12
    if not isinstance(value, Mapping | list | tuple | set | frozenset):
        return 100  # numbers, ranges, generators, macros: a short repr
    if depth > MAX_DEPTH:
        raise TemplateLimitError(f"it nests lists more than {MAX_DEPTH} deep")
    total = 2
    items = value.items() if isinstance(value, Mapping) else value
    for item in items:
        total += weight(item, depth + 1) + 2
        if total > MAX_OUTPUT:
            raise TemplateLimitError(f"it would make more than {MAX_OUTPUT:,} characters of text")
    return total


def account(result: Any) -> None:
    if result is None or type(result) is bool:
        return
    if isinstance(result, str | bytes):
        current().text(len(result))
    elif isinstance(result, list | tuple | Mapping | set | frozenset):
        current().items(len(result))
    elif isinstance(result, int) and result.bit_length() > MAX_INT_BITS:
        raise TemplateLimitError(f"a number has more than {MAX_INT_BITS:,} bits")


def int_or_zero(value: Any) -> int:
    return value if isinstance(value, int) else 0
