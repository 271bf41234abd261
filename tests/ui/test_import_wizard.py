"""File → Import CSV… driven like a user: preview, mapping, decisions, dry run, import, report."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.enums import InteractionKind, TagCategory
from talentdesk.core.records import TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.ops import all_idle
from tests.ui.conftest import outside_the_window
from tests.ui.import_wizard_helpers import (
    COMMIT,
    DATA,
    FINISH,
    NEXT,
    go_to_dry_run,
    open_wizard,
    preview_cells,
    preview_header,
    wait_run,
    write_people,
)


def test_linkedin_export_goes_through_every_step_into_a_pool(
    qtbot, window: MainWindow, ws: Workspace
) -> None:
    pool = outside_the_window(lambda: ws.pools.create("Kraków Java"))
    window.pool_pane.model.reload()
    wizard = open_wizard(window, DATA / "linkedin_connections.csv")

    # 1. The preview shows the table after LinkedIn's "Notes:" preamble, letters intact.
    assert preview_header(wizard)[:3] == ["First Name", "Last Name", "URL"]
    assert [row[:2] for row in preview_cells(wizard)] == [
        ["Anna", "Kowalska"],
        ["Łukasz", "Wiśniewski"],
        ["Zoë", "O'Brien"],
    ]
    assert "2 lines above the header (line 5) are skipped" in wizard.file_page.info.text()
    assert wizard.file_page.skipped_lines.toPlainText().startswith("line 1:  Notes:\n")
    wizard.next()

    # 2. LinkedIn's preset is recognised; "Connected On" goes to the notes.
    mapping = wizard.mapping_page
    assert mapping.preset.currentData() == "linkedin"
    assert mapping.mapping() == [
        "first_name", "last_name", "linkedin_url", "email", "company", "title", "notes+",
    ]  # fmt: skip
    mapping.set_target(4, "ignore")  # the user drops the company
    wizard.next()

    # 3. Decide: the pool, a tag for everyone.
    options = wizard.options_page
    options.pool.setCurrentIndex(options.pool.findData(pool))
    qtbot.keyClicks(options.tags, "skill:Java, Meetup 2026")
    go_to_dry_run(qtbot, wizard)

    # 4. The dry run says what will happen and writes nothing.
    assert "Will create 3, update 0" in wizard.dry_run_page.summary.text()
    assert "join the pool “Kraków Java”" in wizard.dry_run_page.status.text()
    assert ws.reads.total_candidates() == 0
    assert wizard.button(COMMIT).text() == "&Import"
    assert wizard.button(COMMIT).isEnabled()

    # 5. Import, 6. report.
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        wizard.next()
    page = wizard.import_page
    wait_run(qtbot, page)
    assert page.summary.text().startswith("Created 3, updated 0, skipped 0, rejected 0.")
    assert wizard.button(FINISH).isVisible() and wizard.button(FINISH).isEnabled()

    ids = ws.listing.ids(ListQuery(pool_id=pool))
    assert len(ids) == 3
    lukasz = ws.candidates.get(ws.listing.ids(ListQuery(search="wisniewski"))[0])
    assert lukasz.email == "lukasz@example.com"
    assert lukasz.company is None  # ignored on purpose
    assert lukasz.linkedin_url == "https://linkedin.com/in/lwisniewski"
    assert "Connected On: 01 Jan 2024" in (lukasz.notes or "")
    assert set(lukasz.tags) == {
        TagRef(TagCategory.SKILL, "Java"),
        TagRef(TagCategory.CUSTOM, "Meetup 2026"),
    }
    timeline = ws.interactions.timeline(ids[0])
    day = f"{timeline[0].occurred_at.astimezone():%Y-%m-%d}"
    assert [(e.kind, e.subject) for e in timeline] == [
        (InteractionKind.NOTE, f"Imported from linkedin_connections.csv on {day}")
    ]
    # The window shows them without a restart.
    wizard.next()  # Finish
    qtbot.waitUntil(lambda: window.count_label.text() == "3 of 3 candidates")
    assert "Import finished" in window.statusBar().currentMessage()


def test_a_binary_file_is_refused_with_the_reason_and_no_way_forward(
    qtbot, window: MainWindow
) -> None:
    wizard = open_wizard(window, DATA / "image_named.csv")
    assert wizard.file_page.error.isVisible()
    assert "binary data" in wizard.file_page.error.text()
    assert not wizard.button(NEXT).isEnabled()
    # Typing a good path recovers.
    wizard.file_page.path_edit.setText(str(DATA / "google_contacts.csv"))
    qtbot.waitUntil(lambda: wizard.button(NEXT).isEnabled())
    assert not wizard.file_page.error.isVisible()


def test_header_only_and_missing_files_say_what_is_wrong(qtbot, window: MainWindow) -> None:
    wizard = open_wizard(window, DATA / "header_only.csv")
    assert "no rows" in wizard.file_page.error.text()
    wizard.file_page.set_path(DATA / "does-not-exist.csv")
    assert "does-not-exist.csv is not a file that exists" in wizard.file_page.error.text()
    assert not wizard.button(NEXT).isEnabled()


def test_detected_encoding_is_shown_and_can_be_overridden(qtbot, window: MainWindow) -> None:
    wizard = open_wizard(window, DATA / "polish_excel_cp1250.csv")
    page = wizard.file_page
    assert "Windows-1250" in page.info.text()
    assert preview_header(wizard) == ["Imię", "Nazwisko", "Miasto", "Stawka"]
    assert preview_cells(wizard)[0] == ["Łukasz", "Wiśniewski", "Łódź", "120,50"]
    page.encoding.setCurrentIndex(page.encoding.findData("cp1252"))
    assert "Encoding: Windows-1252 (Western) (detected: Windows-1250" in page.info.text()
    assert preview_cells(wizard)[0][:3] == ["£ukasz", "Wiœniewski", "£ódŸ"]
    # A wrong delimiter shows one column, which the user sees in the preview.
    page.delimiter.setCurrentIndex(page.delimiter.findData("|"))
    assert "delimiter: vertical bar, 1 column" in page.info.text()
    assert preview_cells(wizard)[0] == ["£ukasz;Wiœniewski;£ódŸ;120,50"]


def test_a_mapping_without_a_name_or_with_a_field_twice_cannot_go_on(
    qtbot, window: MainWindow
) -> None:
    wizard = open_wizard(window, DATA / "linkedin_connections.csv")
    wizard.next()
    page = wizard.mapping_page
    page.set_target(0, "ignore")
    page.set_target(1, "ignore")
    assert "at least one column for the first, last or full name" in page.problem.text()
    assert not wizard.button(NEXT).isEnabled()
    page.set_target(0, "first_name")
    page.set_target(4, "email")  # "Email Address" is already the e-mail
    assert "“E-mail” is chosen for more than one column" in page.problem.text()
    assert not wizard.button(NEXT).isEnabled()
    page.set_target(4, "company")
    assert wizard.button(NEXT).isEnabled()
    # Choosing a preset again restores its mapping.
    page.preset.setCurrentIndex(page.preset.findData("auto"))
    page.preset.activated.emit(page.preset.currentIndex())
    assert page.mapping()[2] == "linkedin_url"  # "URL" holds profile links: preset or not


def test_the_mapping_page_maps_columns_by_their_values(
    qtbot, window: MainWindow, ws: Workspace, tmp_path: Path
) -> None:
    """Headers that say nothing ("URL", "Contact", "Column 7") map by what the column holds;
    a header that names the field keeps it ("Email"), so the other addresses go to Other
    e-mails."""
    path = tmp_path / "people.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Name", "URL", "Contact", "Column 7", "Email"])
        out.writerow(["Anna Kowalska", "https://www.linkedin.com/in/anna-k", "anna@home.pl",
                      "+48 600 100 200", "anna@work.pl"])  # fmt: skip
        out.writerow(["Jan Nowak", "pl.linkedin.com/in/jan-n/", "jan@home.pl", "601-200-300", ""])
    wizard = open_wizard(window, path)
    wizard.next()
    page = wizard.mapping_page
    assert page.mapping() == ["full_name", "linkedin_url", "other_emails", "phone", "email"]
    shown = [page.table.cellWidget(row, 2).currentText() for row in range(5)]
    assert shown[1:4] == ["LinkedIn URL", "Other e-mails", "Phone"]
    assert page.by_values.isVisible()
    assert page.by_values.text() == (
        "Matched by what the column holds: “URL” → LinkedIn URL, “Contact” → Other e-mails, "
        "“Column 7” → Phone."
    )
    assert not page.problem.text()
    go_to_dry_run(qtbot, wizard)
    wizard.next()
    wait_run(qtbot, wizard.import_page)
    anna = ws.candidates.get(ws.listing.ids(ListQuery(search="kowalska"))[0])
    assert (anna.linkedin_url, anna.phone, anna.email, anna.other_emails) == (
        "https://linkedin.com/in/anna-k", "+48 600 100 200", "anna@work.pl", ["anna@home.pl"]
    )  # fmt: skip


def test_a_saved_mapping_is_offered_again_for_the_next_file_like_it(
    qtbot, window: MainWindow, ws: Workspace, modal, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from talentdesk.core.csvio import saved_mappings

    first = write_people(tmp_path / "agency-1.csv", [["Anna", "Nowak", "a@example.com", "X", ""]])
    wizard = open_wizard(window, first)
    wizard.next()
    page = wizard.mapping_page
    assert not page.delete_button.isEnabled()
    page.set_target(3, "notes+")  # this agency's "Company" is really the client

    def name_it(dialog: QInputDialog) -> None:
        dialog.setTextValue("Agency sheet")
        dialog.accept()

    modal.run(lambda: qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton), name_it)
    assert page.preset.currentText() == "Saved: Agency sheet"
    assert page.delete_button.isEnabled()
    saved = saved_mappings.get(ws.db, "agency sheet")
    assert saved.targets == ["first_name", "last_name", "email", "notes+", "birthday"]
    wizard.reject()

    # The next file with these columns (in other letter case) starts from the saved one.
    second = tmp_path / "agency-2.csv"
    second.write_text("first name,LAST NAME,email,company,birthday\nJan,Kowal,,Y,\n")
    wizard = open_wizard(window, second)
    wizard.next()
    page = wizard.mapping_page
    assert page.preset.currentText() == "Saved: Agency sheet"
    assert page.mapping()[3] == "notes+"
    page.delete_saved()
    qtbot.waitUntil(all_idle)
    assert saved_mappings.list_mappings(ws.db) == []
    assert page.preset.findText("Saved: Agency sheet") == -1
    assert page.mapping()[3] == "notes+"  # deleting the saved copy keeps what is on screen
    wizard.reject()
