"""Templates: a subject and a plain-text body with Jinja2 merge fields, rendered per recipient
in Jinja2's sandbox with strict undefined variables.

A field the recipient lacks (no company, no pool given) is absent from their context rather
than empty, so `{{ company }}` fails for them with the reason instead of sending "Hi  at None".
Whatever else stops a template for a recipient (a limit of template_limits, arithmetic on a
text) is their skip reason too: the template is the recruiter's, its failures are not bugs.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from jinja2 import Template as JinjaTemplate
from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError

from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.template_budget import TOO_BIG, TemplateLimitError, render_bounded
from talentdesk.core.mail.template_sandbox import BoundedEnvironment

log = logging.getLogger(__name__)

SIGNATURE_SEPARATOR = "\n\n-- \n"  # RFC 3676: mail programs recognise it
MAX_SOURCE = {"subject": 2_000, "body": 100_000}  # characters of the template itself


@dataclass(frozen=True)
class Template:
    name: str
    subject: str
    body: str


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str | None


class MissingFieldError(Exception):
    """This recipient cannot get this template; `reason` says why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@cache
def _environment() -> BoundedEnvironment:
    return BoundedEnvironment()


@lru_cache(maxsize=64)
def _compiled(source: str) -> JinjaTemplate:
    """Compiled once per text, not once per recipient: a bulk send renders the same template
    a thousand times."""
    return _environment().compile_bounded(source)


def check(template: Template) -> None:
    """ValidationError when the subject or body is not a valid template, or is too large or
    too slow to fill in even with short sample values."""
    errors: dict[str, str] = {}
    if not template.subject.strip():
        errors["subject"] = "a message needs a subject"
    for field, source in (("subject", template.subject), ("body", template.body)):
        if len(source) > MAX_SOURCE[field]:
            errors[field] = f"longer than {MAX_SOURCE[field]:,} characters"
            continue
        try:
            _compiled(source)
        except TemplateSyntaxError as exc:
            errors[field] = f"line {exc.lineno}: {exc.message}"
            continue
        try:
            render_bounded([_compiled(source)], SAMPLE_CONTEXT)
        except TemplateLimitError as exc:
            errors[field] = f"{TOO_BIG} (tried with sample values): {exc.what}"
        except Exception:  # a field the samples lack, 1/0…: said per recipient when sending
            pass
    if errors:
        raise ValidationError(errors)


def render(
    template: Template, context: Mapping[str, Any], signature: str = "", with_html: bool = False
) -> Rendered:
    """The message as this recipient gets it; MissingFieldError says why they cannot get it."""
    try:
        subject, body = render_bounded(
            [_compiled(template.subject), _compiled(template.body)], context
        )
    except TemplateLimitError as exc:
        raise MissingFieldError(f"{TOO_BIG} for them: {exc.what}") from None
    except UndefinedError as exc:
        raise MissingFieldError(_missing(exc.message or "")) from None
    except TemplateError as exc:
        raise MissingFieldError(f"the template cannot be filled in: {exc.message}") from None
    except Exception as exc:  # the template's own doing: 1/0, a number plus a text…
        log.debug("template failed for a recipient", exc_info=True)
        raise MissingFieldError(f"the template cannot be filled in: {exc}") from None
    subject = " ".join(subject.split())
    body = body.strip("\n")
    if signature.strip():
        body += SIGNATURE_SEPARATOR + signature.strip("\n")
    body += "\n"
    return Rendered(subject, body, text_to_html(body) if with_html else None)


def _missing(message: str) -> str:
    plain = re.fullmatch(r"'(\w+)' is undefined", message)
    if plain:
        return (
            f"no {plain.group(1).replace('_', ' ')} (the template uses {{{{ {plain.group(1)} }}}})"
        )
    attribute = re.fullmatch(r"'.*' has no attribute '(\w+)'", message)
    if attribute:
        return f"no {attribute.group(1).replace('_', ' ')} for this recipient ({message})"
    return f"a field is missing ({message})"


def text_to_html(text: str) -> str:
    """The plain text as HTML: escaped, blank lines make paragraphs, single ones line breaks."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip("\n")) if p.strip()]
    body = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
    head = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>'
    return f"{head}\n{body}\n</body></html>\n"


def merge_context(
    candidate: Mapping[str, Any],
    recruiter: Mapping[str, Any],
    pool: Mapping[str, Any] | None = None,
    vacancy: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The merge fields: the candidate's at the top level ({{ first_name }}), then `pool`
    (name, stage), `vacancy` (title, company, location) and `recruiter` (name, email). Empty
    values are left out so that a template naming them fails for this recipient."""
    context = _present(candidate)
    context["recruiter"] = _present(recruiter)
    if pool is not None:
        context["pool"] = _present(pool)
    if vacancy is not None:
        context["vacancy"] = _present(vacancy)
    return context


def _present(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ""}


# Every merge field, with short values: what `check` fills a template in with.
SAMPLE_CONTEXT = merge_context(
    {
        "first_name": "Anna",
        "last_name": "Nowak",
        "full_name": "Anna Nowak",
        "email": "anna@example.com",
        "title": "Data Engineer",
        "company": "Example Ltd",
        "city": "Kraków",
        "country": "Poland",
        "industry": "Software",
    },
    {"name": "Sam Recruiter", "email": "sam@example.com"},
    {"name": "Data engineers", "stage": "Contacted", "description": "Senior data people"},
    {"title": "Lead Data Engineer", "company": "Example Ltd", "location": "Remote"},
)


STARTER_TEMPLATES: tuple[Template, ...] = (
    Template(
        "Check-in",
        "Catching up, {{ first_name }}",
        "Hi {{ first_name }},\n\n"
        "It has been a while since we last spoke, and I wanted to check in. How are things "
        "going at {{ company }}?\n\n"
        "If anything has changed on your side, or you would simply like to hear what the market "
        "looks like for you at the moment, I am happy to have a short call.\n\n"
        "Best regards,\n{{ recruiter.name }}",
    ),
    Template(
        "Market update",
        "{{ pool.name }}: a short market update",
        "Hi {{ first_name }},\n\n"
        "A short update on what I am seeing in {{ pool.name }}: which companies are hiring, "
        "what they are paying and which skills are in demand.\n\n"
        "[Your update here]\n\n"
        "If you would like to talk about what this means for you, just reply to this e-mail.\n\n"
        "Best regards,\n{{ recruiter.name }}",
    ),
    Template(
        "Feedback after interview",
        "Your interview for {{ vacancy.title }}",
        "Hi {{ first_name }},\n\n"
        "Thank you again for your time interviewing for the {{ vacancy.title }} role. I have "
        "heard back from the team and wanted to share their feedback with you.\n\n"
        "[Feedback here]\n\n"
        "I am happy to talk it through whenever suits you.\n\n"
        "Best regards,\n{{ recruiter.name }}",
    ),
    Template(
        "Role that fits you",
        "{{ vacancy.title }}: a role that fits you",
        "Hi {{ first_name }},\n\n"
        "I am working on a {{ vacancy.title }} role that made me think of you, given your "
        "experience as {{ title }}.\n\n"
        "[What makes the role interesting]\n\n"
        "Would you be open to a short call this week?\n\n"
        "Best regards,\n{{ recruiter.name }}",
    ),
    Template(
        "Welcome aboard",
        "Congratulations on the {{ vacancy.title }} role",
        "Hi {{ first_name }},\n\n"
        "Congratulations again on the {{ vacancy.title }} role, and thank you for the trust "
        "you put in me during the process.\n\n"
        "I will stay in touch in your first weeks; if anything comes up before you start, "
        "just reply to this e-mail.\n\n"
        "Best regards,\n{{ recruiter.name }}",
    ),
    Template(
        "Re-consent request",
        "May I keep your details, {{ first_name }}?",
        "Hi {{ first_name }},\n\n"
        "I keep your profile on file so that I can tell you about roles that match your "
        "experience. Data protection rules ask me to check that you are still happy with "
        "this.\n\n"
        'If you are, please reply with "yes". If you would rather I deleted your details, '
        'reply with "delete" and I will remove them.\n\n'
        "Best regards,\n{{ recruiter.name }}",
    ),
    # GDPR Art. 14: sending it records the notice (the setting `notice_template` names it).
    Template(
        "Information notice",
        "How I keep your details, {{ first_name }}",
        "Hi {{ first_name }},\n\n"
        "I am {{ recruiter.name }}, a recruiter. I came across your professional profile and "
        "keep your name, contact details and career information on file so that I can tell "
        "you about roles that match your experience.\n\n"
        "[Where your details came from, the legal basis, how long they are kept]\n\n"
        "You may ask for a copy of your data, have it corrected or deleted, object to my "
        "keeping it, and complain to your data protection authority. To do any of these, or "
        'if you would rather not hear from me, simply reply to this e-mail ("delete" is '
        "enough).\n\n"
        "Best regards,\n{{ recruiter.name }}\n{{ recruiter.email }}",
    ),
)
