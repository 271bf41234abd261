"""Estimates made before an operation that could make a huge text or list: repeating,
joining, padding, replacing and formatting (operators, methods of text, filters)."""

from __future__ import annotations

import functools
import inspect
import itertools
import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from jinja2 import filters as jinja_filters
from jinja2 import pass_environment, pass_eval_context

from talentdesk.core.mail.template_budget import (
    MAX_INT_BITS,
    MAX_ITEMS,
    MAX_OUTPUT,
    TemplateLimitError,
    account,
    current,
    int_or_zero,
    weight,
)


# -- operators -----------------------------------------------------------------------------------
def check_binop(operator: str, left: Any, right: Any) -> None:
    budget = current()
    sized = (str, bytes, list, tuple)
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, sized) and isinstance(times, int):
                _make(seq, len(seq) * max(times, 0))
        if isinstance(left, int) and isinstance(right, int):
            _bits(left.bit_length() + right.bit_length())
    elif operator == "+" and isinstance(left, sized) and isinstance(right, sized):
        _make(left, len(left) + len(right))
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if right > 0 and abs(left) > 1:
            _bits(right * abs(left).bit_length())
    elif operator == "%" and isinstance(left, str | bytes):
        budget.text(_percent_size(left, right))


def _make(like: Any, size: int) -> None:
    """Account for a text or list like `like`, of `size` characters or items."""
    if isinstance(like, str | bytes):
        current().text(size)
    else:
        current().items(size)


def _bits(bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise TemplateLimitError(f"it would make a number of about {bits:,} bits")


_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[#0\- +]*(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d*))?[hlL]?"
    r"(?P<conv>[diouxXeEfFgGcrsab%])"
)


def _percent_size(fmt: str | bytes, values: Any) -> int:
    """An upper bound of `fmt % values`: the format, each value, each width and precision."""
    text = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
    args = list(values) if isinstance(values, tuple) else [values]
    size = len(text)
    for match in _PERCENT.finditer(text):
        if match["conv"] == "%":
            continue
        width = _star(args) if match["width"] == "*" else int(match["width"] or 0)
        prec = _star(args) if match["prec"] == "*" else int(match["prec"] or 0)
        if match["key"] is not None and isinstance(values, Mapping):
            value = values.get(match["key"])
        else:
            value = args.pop(0) if args else None
        size += max(width, weight(value) * _escapes(match["conv"]) + prec)
        if size > MAX_OUTPUT:
            break
    return size


def _escapes(conversion: str | None) -> int:
    """repr() and ascii() may write a character as up to ten ('\\U0001f600')."""
    return 10 if conversion in ("r", "a") else 1


def _star(args: list[Any]) -> int:
    """A width or precision given as `*`: the next value."""
    return int_or_zero(args.pop(0)) if args else 0


_SPEC = re.compile(r"(?:.?[<>=^])?[+\- ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<prec>\d+))?\w?%?")


def format_size(fmt: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
    """An upper bound of `fmt.format(*args, **kwargs)`."""
    size, auto = len(fmt), 0
    widest = max((int_or_zero(v) for v in (*args, *kwargs.values())), default=0)
    for _literal, field, spec, conversion in string.Formatter().parse(fmt):
        if field is None:
            continue
        key = re.split(r"[.\[]", field, maxsplit=1)[0]
        if key == "":
            key, auto = str(auto), auto + 1
        value = args[int(key)] if key.isdigit() and int(key) < len(args) else kwargs.get(key)
        if "{" in (spec or ""):  # a width given by another argument: assume the largest
            width, prec = widest, widest
        else:
            match = _SPEC.fullmatch(spec or "")
            width = int(match["width"] or 0) if match else 0
            prec = int(match["prec"] or 0) if match else 0
        size += max(width, weight(value) * _escapes(conversion) + prec) + 100  # + an attribute
        if size > MAX_OUTPUT:
            break
    return size


# -- methods of text -----------------------------------------------------------------------------
def check_text_method(
    text: str | bytes, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Refuse a str/bytes method call that would make too much; returns the arguments to use
    (an iterable to join is read once here, so it is handed on as a list)."""
    budget = current()
    named = [v for k, v in kwargs.items() if not k.startswith("_")]  # not Jinja2's _loop_vars
    first = args[0] if args else next(iter(named), None)
    if name in ("center", "ljust", "rjust", "zfill"):
        budget.text(max(len(text), int_or_zero(first)))
    elif name == "expandtabs":
        tabs = text.count("\t") if isinstance(text, str) else text.count(b"\t")
        budget.text(len(text) + tabs * (8 if first is None else int_or_zero(first)))
    elif name == "join" and args:
        items = items_of(args[0])
        budget.text(sum(weight(i) for i in items) + len(text) * max(len(items) - 1, 0))
        return (items, *args[1:])
    elif name == "replace" and len(args) >= 2:
        budget.text(_replace_size(text, args[0], args[1], args[2] if len(args) > 2 else -1))
    elif name == "translate" and isinstance(first, Mapping):
        longest = max((weight(v) for v in first.values()), default=1)
        budget.text(len(text) * max(longest, 1))
    return args


def _hits(text: str | bytes, old: object) -> int:
    """How many times replace() puts `new` in: an empty `old` goes between every letter (and a
    mismatched `old` fails in replace() itself)."""
    if isinstance(text, str):
        return text.count(old) if isinstance(old, str) and old else len(text) + 1
    return text.count(old) if isinstance(old, bytes) and old else len(text) + 1


def _replace_size(text: Any, old: Any, new: Any, count: Any) -> int:
    if not isinstance(text, str | bytes) or not isinstance(new, str | bytes):
        return 0
    hits = _hits(text, old)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * len(new)


def items_of(iterable: Any) -> list[Any]:
    items = []
    budget = current()
    for item in iterable:
        items.append(item)
        if len(items) > MAX_ITEMS:
            budget.items(len(items))
    return items


# -- filters -------------------------------------------------------------------------------------
def _pre_center(a: dict[str, Any]) -> None:
    current().text(max(weight(a["value"]), int_or_zero(a["width"])))


def _pre_indent(a: dict[str, Any]) -> None:
    width = a["width"]
    per_line = len(width) if isinstance(width, str) else int_or_zero(width)
    size = weight(a["s"])  # bounded, so its text can be looked at
    current().text(size + (str(a["s"]).count("\n") + 1) * per_line)


def _pre_wordwrap(a: dict[str, Any]) -> None:
    size = weight(a["s"])
    current().text(size + (size + 1) * len(a["wrapstring"] or "\n"))


def _pre_replace(a: dict[str, Any]) -> None:
    count = -1 if a["count"] is None else a["count"]
    current().text(_replace_size(a["s"], a["old"], a["new"], count))


def _pre_format(a: dict[str, Any]) -> None:
    values = a["kwargs"] or a["args"]
    if isinstance(a["value"], str):
        current().text(_percent_size(a["value"], values))


def _pre_batch(a: dict[str, Any]) -> None:
    current().items(max(int_or_zero(a["linecount"]), 0))


def _pre_slice(a: dict[str, Any]) -> None:
    current().items(max(int_or_zero(a["slices"]), 0))


def _pre_tojson(a: dict[str, Any]) -> None:
    current().text(weight(a["value"]) * (1 + max(int_or_zero(a["indent"]), 0)))


_PRECHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "center": _pre_center,
    "indent": _pre_indent,
    "wordwrap": _pre_wordwrap,
    "replace": _pre_replace,
    "format": _pre_format,
    "batch": _pre_batch,
    "slice": _pre_slice,
    "tojson": _pre_tojson,
}


@pass_eval_context
def bounded_join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    items = items_of(value)
    if attribute is not None:
        getter = jinja_filters.make_attrgetter(eval_ctx.environment, attribute)
        items = [getter(i) for i in items]
    current().text(sum(weight(i) for i in items) + len(str(d)) * max(len(items) - 1, 0))
    joined: str = jinja_filters.do_join(eval_ctx, items, d)
    return joined


@pass_environment
def bounded_sum(
    environment: Any, iterable: Iterable[Any], attribute: Any = None, start: Any = 0
) -> Any:
    items = items_of(iterable)
    if attribute is not None:
        getter = jinja_filters.make_attrgetter(environment, attribute)
        items = [getter(i) for i in items]
    if isinstance(start, list | tuple):  # sequences are concatenated: at once, not pairwise
        current().items(len(start) + sum(len(i) for i in items if hasattr(i, "__len__")))
        joined = [*start, *itertools.chain.from_iterable(items)]
        return joined if isinstance(start, list) else tuple(joined)
    return sum(items, start)


def bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    precheck = _PRECHECKS.get(name)
    plain = inspect.unwrap(func)
    signature = inspect.signature(plain)
    # Jinja2's sync/async filters take an evaluation context that their sync function does not.
    skip = int(getattr(func, "jinja_async_variant", False) and not hasattr(plain, "jinja_pass_arg"))

    @functools.wraps(func)  # keeps jinja_pass_arg, so the context is still passed
    def bounded(*args: Any, **kwargs: Any) -> Any:
        current().tick()
        if precheck is not None:
            bound = signature.bind(*args[skip:], **kwargs)
            bound.apply_defaults()
            precheck(bound.arguments)
        result = func(*args, **kwargs)
        account(result)
        current().check_time()  # a filter works through up to MAX_ITEMS items in one go
        return result

    return bounded
