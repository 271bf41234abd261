"""`talentdesk vacancy add|list|show|move|close`, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from talentdesk.core.db.enums import CandidateStatus
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.integration.conftest import run_cli


def cli(data_dir: Path, *args: str) -> Any:
    result = run_cli("--data-dir", str(data_dir), "vacancy", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if "--json" in args else result.stdout


def people(data_dir: Path) -> dict[str, int]:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        made = {}
        for first, status in (
            ("Anna", CandidateStatus.ACTIVE),
            ("Ben", CandidateStatus.ACTIVE),
            ("Cleo", CandidateStatus.ACTIVE),
            ("Dora", CandidateStatus.ACTIVE),
        ):
            made[first] = ws.candidates.create(
                CandidateRecord(
                    first_name=first,
                    last_name="Nowak",
                    email=f"{first.lower()}@example.com",
                    status=status,
                )
            )
        ws.pools.create("Java pool")
        return made
    finally:
        ws.close()


def test_add_list_and_show_a_role(data_dir: Path) -> None:
    added = cli(
        data_dir,
        "add",
        "Backend Developer",
        "--client",
        "Allegro",
        "--location",
        "Kraków",
        "--remote",
        "hybrid",
        "--seniority",
        "senior",
        "--salary",
        "15000-22000",
        "PLN",
        "--require",
        "skill:Kotlin",
        "--require",
        "Java",
        "--nice",
        "industry:Fintech",
        "--json",
    )
    cli(data_dir, "add", "Data Engineer", "--status", "on-hold")
    listed = cli(data_dir, "list", "--json")["vacancies"]
    assert [(v["title"], v["status"]) for v in listed] == [
        ("Data Engineer", "on_hold"),
        ("Backend Developer", "open"),
    ]  # opened the same day: the newer first
    only_open = cli(data_dir, "list", "--status", "open", "--json")["vacancies"]
    assert [v["title"] for v in only_open] == ["Backend Developer"]
    shown = cli(data_dir, "show", str(added["id"]), "--json")
    assert (shown["client"], shown["remote"], shown["seniority"]) == (
        "Allegro",
        "hybrid",
        "senior",
    )
    assert (shown["salary_min"], shown["salary_max"], shown["currency"]) == (
        "15000.00",
        "22000.00",
        "PLN",
    )
    assert sorted((t["category"], t["name"], t["required"]) for t in shown["tags"]) == [
        ("industry", "Fintech", False),
        ("skill", "Java", True),
        ("skill", "Kotlin", True),
    ]
    assert [s["name"] for s in shown["stages"]][:2] == ["Sourced", "Contacted"]
    text = cli(data_dir, "show", str(added["id"]))
    assert "required:       skill:Java, skill:Kotlin" in text
    assert "Backend Developer" in cli(data_dir, "list")


def test_move_by_email_and_id_and_a_wrong_stage_is_one_error_line(data_dir: Path) -> None:
    ids = people(data_dir)
    role = cli(data_dir, "add", "Backend Developer", "--json")["id"]
    out = cli(data_dir, "move", str(role), "anna@example.com", "contacted")
    assert out.strip() == "added Anna Nowak to Backend Developer at Contacted"
    out = cli(data_dir, "move", str(role), str(ids["Anna"]), "INTERVIEWING")
    assert out.strip() == "moved Anna Nowak from Contacted to Interviewing in Backend Developer"
    shown = cli(data_dir, "show", str(role), "--json")
    interviewing = next(s for s in shown["stages"] if s["name"] == "Interviewing")
    assert [p["name"] for p in interviewing["people"]] == ["Anna Nowak"]

    result = run_cli("--data-dir", str(data_dir), "vacancy", "move", str(role), "anna@example.com",
                     "Phone screen")  # fmt: skip
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: Backend Developer has no stage “Phone screen”; its stages:")
    assert "Sourced, Contacted, Engaged" in line
    result = run_cli("--data-dir", str(data_dir), "vacancy", "move", str(role), "nobody@x.com",
                     "Contacted")  # fmt: skip
    assert result.returncode == 2 and result.stderr.startswith("error: There is no candidate")


def test_close_with_outcomes_near_fits_and_mail(data_dir: Path) -> None:
    ids = people(data_dir)
    role = cli(data_dir, "add", "Backend Developer", "--json")["id"]
    for first in ("Anna", "Ben", "Cleo", "Dora"):
        cli(data_dir, "move", str(role), f"{first.lower()}@example.com", "Interviewing")
    result = run_cli("--data-dir", str(data_dir), "vacancy", "close", str(role), "--hired",
                     "anna@example.com")  # fmt: skip
    assert result.returncode == 2
    assert "without an outcome: Ben Nowak, Cleo Nowak, Dora Nowak" in result.stderr
    account = run_cli("--data-dir", str(data_dir), "mail", "account", "--host", "127.0.0.1",
                      "--port", "2525", "--security", "starttls", "--user", "sam", "--from",
                      "sam@example.com", "--name", "Sam")  # fmt: skip
    assert account.returncode == 0, account.stderr
    closed = cli(
        data_dir,
        "close",
        str(role),
        "--all",
        "rejected",
        "--hired",
        "anna@example.com",
        "--declined",
        str(ids["Dora"]),
        "--near-fit",
        "ben@example.com",
        "--near-fit-pool",
        "java pool",
        "--mail",
        "Feedback after interview",
        "--mail-hired",
        "Welcome aboard",
        "--json",
    )
    assert closed["status"] == "filled"
    assert closed["outcomes"] == {"hired": 1, "rejected": 2, "declined": 1}
    assert (closed["near_fits"], closed["near_fit_pool"], closed["queued"]) == (1, "Java pool", 4)
    shown = cli(data_dir, "show", str(role), "--json")
    by_stage = {s["name"]: [p["name"] for p in s["people"]] for s in shown["stages"]}
    assert by_stage["Hired"] == ["Anna Nowak"] and by_stage["Declined"] == ["Dora Nowak"]
    assert sorted(by_stage["Not a fit"]) == ["Ben Nowak", "Cleo Nowak"]
    outbox = run_cli("--data-dir", str(data_dir), "outbox", "--json")
    subjects = sorted(m["subject"] for m in json.loads(outbox.stdout)["messages"])
    assert subjects == [
        "Congratulations on the Backend Developer role",
        *["Your interview for Backend Developer"] * 3,
    ]
    again = cli(data_dir, "add", "Tester", "--json")["id"]
    text = cli(data_dir, "close", str(again))
    assert text.strip() == "closed Tester (closed): 0 hired, 0 told"
    # Someone hired before the close: the role is filled unless told otherwise.
    third = cli(data_dir, "add", "Designer", "--json")["id"]
    cli(data_dir, "move", str(third), "cleo@example.com", "hired")
    assert cli(data_dir, "close", str(third), "--json")["status"] == "filled"
    result = run_cli("--data-dir", str(data_dir), "vacancy", "close", str(third))
    assert (result.returncode, result.stderr) == (2, "error: Designer is filled already.\n")


def test_match_lists_who_fits_with_the_explanation(data_dir: Path) -> None:
    from talentdesk.core.db.enums import TagCategory
    from talentdesk.core.records import TagRef

    ws = Workspace.open(AppPaths(data_dir))
    try:
        kotlin = [TagRef(TagCategory.SKILL, "Kotlin")]
        for first, tags in (("Anna", kotlin), ("Ben", []), ("Dora", kotlin)):
            dnc = CandidateStatus.DO_NOT_CONTACT if first == "Dora" else CandidateStatus.ACTIVE
            record = CandidateRecord(first_name=first, last_name="Nowak", tags=tags, status=dnc)
            ws.candidates.create(record)
    finally:
        ws.close()
    role = cli(data_dir, "add", "Android Developer", "--require", "skill:Kotlin", "--json")["id"]
    page = cli(data_dir, "match", str(role), "--limit", "5", "--json")
    first = page["matches"][0]
    assert first["name"] == "Anna Nowak"
    assert "Dora Nowak" not in [m["name"] for m in page["matches"]]  # do not contact
    required = next(c for c in first["criteria"] if c["key"] == "required_tags")
    assert (required["state"], required["why"]) == ("match", "Has Kotlin (1 of 1 required)")
    text = cli(data_dir, "match", str(role), "--limit", "1")
    notes = [line for line in text.splitlines() if line.startswith("note: ")]
    assert len(notes) == len(page["notes"]) >= 1  # what the role lacks to match on, said
    ranked = text.splitlines()[len(notes)]
    assert ranked.split() == ["1.", str(first["score"]), "Anna", "Nowak"]
    points = round(required["points"])
    assert f"+ Required tags: Has Kotlin (1 of 1 required) (+{points})" in text
