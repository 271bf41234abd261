"""Templates are bounded: each way of making a template too large or too slow stops with a clear
message for that recipient (and in the editor's check), never a traceback or a frozen window;
templates that load other templates are refused; ordinary templates, long ones too, render."""

from __future__ import annotations

import pytest

from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.templates import (
    SAMPLE_CONTEXT,
    MissingFieldError,
    Template,
    check,
    render,
)

TOO_BIG = "the template is too large or too slow to render"

ATTACKS = {
    "string times a billion": "{{ 'x' * 10**9 }}",
    "number times a string": "{{ 10**9 * first_name }}",
    "nested ranges of a million": (
        "{% for a in range(10**6) %}{% for b in range(10**6) %}x{% endfor %}{% endfor %}"
    ),
    "nested ranges within the range limit": (
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}"
    ),
    "nested loops without output": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    ),
    "nested loops over long texts": (
        "{% for c in 'x' * 1000000 %}{% for d in 'x' * 1000000 %}{% endfor %}{% endfor %}"
    ),
    "huge range": "{{ range(10**12)|list|length }}",
    "percent repeated": "{{ ('%s' * 1000000) % ((first_name,) * 1000000) }}",
    "percent width": "{{ '%1000000000s' % first_name }}",
    "percent star width": "{{ '%*s' % (10**9, first_name) }}",
    "format width": "{{ '{:>1000000000}'.format(first_name) }}",
    "format nested width": "{{ '{:{}}'.format(first_name, 10**9) }}",
    "format filter width": "{{ '%1000000000s'|format(first_name) }}",
    "join of a huge list": "{{ range(100000)|join('x' * 100000) }}",
    "join method": "{{ ('x' * 100000).join(['a'] * 100000) }}",
    "center filter": "{{ first_name|center(10**9) }}",
    "center filter, literal width": "{{ first_name|center(1000000000) }}",
    "ljust method": "{{ first_name.ljust(10**9) }}",
    "zfill method": "{{ '1'.zfill(10**9) }}",
    "expandtabs": "{{ ('\t' * 1000).expandtabs(1000000) }}",
    "indent": "{{ ('\n' * 100000)|indent(100000) }}",
    "replace twice": "{{ ('x' * 1000)|replace('x', 'x' * 1000)|replace('x', 'x' * 1000) }}",
    "wordwrap with a long wrapstring": "{{ ('x ' * 400000)|wordwrap(1, wrapstring='y' * 10**6) }}",
    "batch filled": "{{ [1]|batch(10**9, 'x')|list|length }}",
    "slice into a billion": "{{ [1]|slice(10**9)|list|length }}",
    "sum of lists": "{{ ([[1] * 100000] * 100000)|sum(start=[])|length }}",
    "tojson indent": "{{ [[1]]|tojson(indent=10**9) }}",
    "power": "{{ 2 ** (10**10) }}",
    "squaring in a loop": (
        "{% set ns = namespace(n=3) %}{% for i in range(100) %}{% set ns.n = ns.n * ns.n %}"
        "{% endfor %}{{ ns.n > 0 }}"
    ),
    "doubling with ~": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}"
    ),
    "doubling with +": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}{{ ns.s|length }}"
    ),
    "a list of one long text, repeated": "{{ ['x' * 1000000] * 100000 }}",
    "dict of repeated long texts": "{{ {}.fromkeys(range(100000), 'x' * 1000000) }}",
    "long texts gathered in a macro": (
        "{% macro m() %}{% for i in range(100000) %}{{ 'x' * 1000000 }}{% endfor %}"
        "{% endmacro %}{{ m() }}"
    ),
    "a message of a hundred megabytes": (
        "{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}"
    ),
    "recursive macro": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "recursive loop": "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
    "block rendering itself": "{% block a %}{{ self.a() }}{% endblock %}",
}


@pytest.mark.parametrize("body", ATTACKS.values(), ids=ATTACKS.keys())
def test_each_way_of_growing_stops_with_the_reason(body: str) -> None:
    template = Template("t", "Hi {{ first_name }}", body)
    with pytest.raises(MissingFieldError) as stopped:
        render(template, SAMPLE_CONTEXT)
    assert stopped.value.reason.startswith(f"{TOO_BIG} for them: ")
    with pytest.raises(ValidationError) as refused:  # the editor and compose say so at once
        check(template)
    assert refused.value.errors["body"].startswith(f"{TOO_BIG} (tried with sample values): ")


def test_the_reason_names_the_limit() -> None:
    def reason(body: str) -> str:
        with pytest.raises(MissingFieldError) as stopped:
            render(Template("t", "s", body), SAMPLE_CONTEXT)
        return stopped.value.reason

    assert "1,000,000,000 characters of text (at most 1,000,000)" in reason("{{ 'x' * 10**9 }}")
    assert "range() of 1,000,000 numbers (at most 100,000)" in reason("{{ range(10**6) }}")
    # A step of a long loop body counts more: this stops after about 20,000 steps, long
    # before the clock could (so the reason is the same on a slow machine).
    heavy = "{% if false %}" + "{{ a }}" * 20 + "{% endif %}"
    loops = "{% for a in range(100000) %}{% for b in range(100000) %}" + heavy
    assert "more than 1,000,000 steps" in reason(loops + "{% endfor %}{% endfor %}")
    assert "calls itself without end" in reason(ATTACKS["recursive macro"])
    assert "message is longer than 1,000,000 characters" in reason(
        "{% for i in range(2000) %}{{ 'y' * 1000 }}{% endfor %}"
    )


def test_the_subject_is_bounded_too() -> None:
    template = Template("t", "{{ 'x' * 10**9 }}", "Hi")
    with pytest.raises(ValidationError) as refused:
        check(template)
    assert TOO_BIG in refused.value.errors["subject"]
    with pytest.raises(MissingFieldError, match=TOO_BIG):
        render(template, SAMPLE_CONTEXT)


@pytest.mark.parametrize(
    ("tag", "body"),
    [
        ("include", "Hi {% include 'signature.txt' %}"),
        ("extends", "{% extends 'base.txt' %}"),
        ("import", "{% import 'macros.txt' as m %}{{ m.hi() }}"),
        ("from … import", "{% from 'macros.txt' import hi %}{{ hi() }}"),
    ],
)
def test_templates_cannot_load_other_templates(tag: str, body: str) -> None:
    template = Template("t", "Hi", "Dear {{ first_name }},\n" + body)
    with pytest.raises(ValidationError) as refused:
        check(template)
    message = f"line 2: {{% {tag} %}} cannot be used in a mail template"
    assert refused.value.errors["body"].startswith(message)
    with pytest.raises(MissingFieldError) as stopped:
        render(template, SAMPLE_CONTEXT)
    assert f"{{% {tag} %}} cannot be used in a mail template" in stopped.value.reason


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("{{ 1 / 0 }}", "the template cannot be filled in: division by zero"),
        ("{{ 1 + first_name }}", "the template cannot be filled in: unsupported operand"),
        ("{{ ''.__class__ }}", "attribute '__class__' of 'str' object is unsafe"),  # sandbox
        ("{% set l = [] %}{{ l.append(1) }}", "attribute 'append' of 'list' object is unsafe"),
        ("{{ lipsum(5) }}", "no lipsum"),
        ("{{ company }}", "no company"),
    ],
)
def test_other_failures_are_a_reason_for_that_recipient(body: str, reason: str) -> None:
    context = {k: v for k, v in SAMPLE_CONTEXT.items() if k != "company"}
    with pytest.raises(MissingFieldError) as stopped:
        render(Template("t", "Hi", body), context)
    assert reason in stopped.value.reason


def test_a_syntax_error_is_reported_with_its_line() -> None:
    with pytest.raises(ValidationError) as refused:
        check(Template("t", "Hi", "Dear {{ first_name }},\n{% for %}"))
    assert refused.value.errors["body"].startswith("line 2: ")


def test_a_template_longer_than_the_source_limit_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        check(Template("t", "Hi", "x" * 100_001))
    assert refused.value.errors["body"] == "longer than 100,000 characters"


def test_an_ordinary_long_template_renders_in_full() -> None:
    paragraph = "We have a number of roles open at the moment, each described below.\n"
    body = (
        "Hi {{ first_name }},\n\n"
        + paragraph * 1300  # about 90 KB of plain text (templates may have 100,000 characters)
        + "{% for i in range(1, 3001) %}Role {{ i }} of {{ loop.length }}: "
        "{{ pool.name|upper|center(30) }}{{ ' (last)' if loop.last }}\n{% endfor %}"
        "{% macro line(n) %}{{ '-' * n }}{% endmacro %}{{ line(72) }}\n"
        "{{ '%s, %s' % (last_name, first_name) }} / {{ '{:>12}'.format(city) }}\n"
        "{{ [title, company, country]|join(' · ') }}{% for c in 'abc' if c != 'b' %}{{ c }}"
        "{% endfor %}\n"
        "{% for n in [[1, [2]], [3]] recursive %}{% if n is iterable %}({{ loop(n) }})"
        "{% else %}{{ n }}{% endif %}{% endfor %}\n"
        "{{ recruiter.name }}"
    )
    template = Template("t", "Roles for {{ first_name }}", body)
    check(template)
    rendered = render(template, SAMPLE_CONTEXT)
    text = rendered.text
    assert len(text) > 180_000
    assert text.startswith("Hi Anna,\n\n" + paragraph)
    assert text.count(paragraph) == 1300
    assert "Role 1 of 3000:         DATA ENGINEERS        \n" in text
    assert "Role 3000 of 3000:         DATA ENGINEERS         (last)\n" in text
    assert "-" * 72 + "\n" in text
    assert "Nowak, Anna /       Kraków\n" in text
    assert "Data Engineer · Example Ltd · Poland" + "ac\n" in text
    assert "\n(1(2))(3)\n" in text
    assert text.endswith("Sam Recruiter\n")
    assert rendered.subject == "Roles for Anna"
