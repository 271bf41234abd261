"""The Jinja2 environment mail templates are filled in with: the immutable sandbox, no
loader (include, extends and import are refused when a template is compiled), and the bounds
of template_budget on every loop step, call, operator, filter and piece of output."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2 import Template as JinjaTemplate
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from talentdesk.core.mail.template_budget import (
    MAX_RANGE,
    TemplateLimitError,
    account,
    current,
    weight,
)
from talentdesk.core.mail.template_sizes import (
    bounded_filter,
    bounded_join,
    bounded_sum,
    check_binop,
    check_text_method,
    format_size,
)


# -- loops, ranges, concatenation ----------------------------------------------------------------
class _Steps:
    """An iterable whose every step counts against the recipient's budget."""

    __slots__ = ("_iterable", "_weight")

    def __init__(self, iterable: Iterable[Any], weight: int = 1) -> None:
        self._iterable = iterable
        self._weight = weight

    def __len__(self) -> int:
        return len(self._iterable)  # type: ignore[arg-type]  # TypeError: LoopContext counts

    def __iter__(self) -> Iterator[Any]:
        budget = current()
        for item in self._iterable:
            budget.tick(self._weight)
            yield item


def _range(*args: int) -> range:
    numbers = range(*args)
    try:
        count = len(numbers)
    except OverflowError:  # more than sys.maxsize
        count = (numbers.stop - numbers.start) // numbers.step
    if count > MAX_RANGE:
        raise TemplateLimitError(f"range() of {count:,} numbers (at most {MAX_RANGE:,})")
    return numbers


def _concat(*parts: Any) -> str:
    current().text(sum(weight(p) for p in parts))
    return "".join(map(str, parts))


_PLAIN = frozenset({str, int, float, bool})  # their text is short, or already counted


def _finalize(value: Any) -> Any:
    """Before `{{ value }}` is turned into text: a list or dict is measured first."""
    if type(value) not in _PLAIN:
        current().text(weight(value))
    return value


_STANDALONE: dict[type[nodes.Node], str] = {
    nodes.Include: "include",
    nodes.Extends: "extends",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
}


class _Bounder(NodeTransformer):
    """Rewrites the parsed template: loops count their steps, `~` counts its text, and the
    tags that would load another template are refused."""

    def generic_visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> nodes.Node:
        tag = _STANDALONE.get(type(node))
        if tag is not None:
            raise TemplateSyntaxError(
                f"{{% {tag} %}} cannot be used in a mail template: each one stands on its own",
                node.lineno,
            )
        return super().generic_visit(node, *args, **kwargs)

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        # A step costs as much as the body writes: `{% for %}{{ a }}…{{ z }}{% endfor %}` more.
        size = 1 + len(node.body) + sum(1 for part in node.body for _ in part.find_all(nodes.Node))
        node.iter = _call("td_steps", [node.iter, nodes.Const(size)], node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _call("td_concat", node.nodes, node.lineno)


def _call(name: str, args: Sequence[nodes.Node], lineno: int) -> nodes.Call:
    # Sequence of Node: jinja2 types a loop's `iter` as any Node, though it is an expression.
    return nodes.Call(nodes.EnvironmentAttribute(name), list(args), [], None, None, lineno=lineno)


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox with the bounds above; strict about undefined fields."""

    intercepted_binops = frozenset({"*", "+", "**", "%"})

    def __init__(self) -> None:
        super().__init__(
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            finalize=_finalize,
        )
        self.globals["range"] = _range
        self.globals.pop("lipsum", None)  # filler text by the thousand words: not for mail
        self.filters["join"] = bounded_join
        self.filters["sum"] = bounded_sum
        self.filters = {name: bounded_filter(name, f) for name, f in self.filters.items()}
        self.td_steps = _Steps
        self.td_concat = _concat

    def compile_bounded(self, source: str) -> JinjaTemplate:
        """TemplateSyntaxError for a malformed template or one that uses another."""
        tree = self.parse(source)
        tree = _Bounder().visit(tree)
        tree.set_environment(self)
        return self.from_string(tree)

    def concat(self, parts: Iterable[str]) -> str:
        """Joins what a macro, a block or `{% set %}…{% endset %}` wrote, within the bounds."""
        pieces = parts if isinstance(parts, list) else list(parts)
        current().text(sum(map(len, pieces)))
        return "".join(pieces)

    def getattr(self, obj: Any, attribute: str) -> Any:
        current().tick()  # also each item a filter sorts or groups by an attribute
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        current().tick()
        return super().getitem(obj, argument)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        current().tick()
        check_binop(operator, left, right)
        result = self.binop_table[operator](left, right)
        account(result)
        return result

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        current().tick(1)  # a call is a step: a macro calling itself twice doubles them
        if isinstance(obj, LoopContext) and args:  # a recursive loop's next level
            args = (_Steps(args[0]), *args[1:])
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, str | bytes):
            args = check_text_method(owner, getattr(obj, "__name__", ""), args, kwargs)
        result = super().call(context, obj, *args, **kwargs)
        account(result)
        current().check_time()  # a method may work through a long text in one go
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt: str = value.__self__
        is_map = value.__name__ == "format_map"

        def bounded(*args: Any, **kwargs: Any) -> str:
            values = args[0] if is_map and args and isinstance(args[0], Mapping) else kwargs
            current().text(format_size(fmt, () if is_map else args, values))
            result = wrapper(*args, **kwargs)
            account(result)
            return result

        return functools.update_wrapper(bounded, value)
