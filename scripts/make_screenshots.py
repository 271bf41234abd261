"""Regenerate the README's screenshots from sample data (run through scripts/screenshots)."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QDialog, QWidget  # noqa: E402

from scripts.screenshot_mail import seed_sent_mail  # noqa: E402
from scripts.screenshot_privacy import SHOTS as PRIVACY_SHOTS  # noqa: E402
from scripts.screenshot_privacy import privacy_shots  # noqa: E402
from scripts.screenshot_team import SHOTS as TEAM_SHOTS  # noqa: E402
from scripts.screenshot_team import team_shots  # noqa: E402
from talentdesk.core.candidate_list import ListQuery  # noqa: E402
from talentdesk.core.db.enums import (  # noqa: E402
    RemotePolicy,
    Seniority,
    TagCategory,
    VacancyStatus,
)
from talentdesk.core.mail.account import MailAccount, Security  # noqa: E402
from talentdesk.core.records import CandidateRecord, TagRef  # noqa: E402
from talentdesk.core.timezone import local_zone  # noqa: E402
from talentdesk.core.vacancies.records import VacancyRecord, WantedTag  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402
from talentdesk.ui.app import application  # noqa: E402
from talentdesk.ui.dialogs.reminder_dialog import ReminderDialog  # noqa: E402
from talentdesk.ui.duplicates.window import DuplicatesWindow  # noqa: E402
from talentdesk.ui.import_wizard.wizard import ImportWizard  # noqa: E402
from talentdesk.ui.main_window import MainWindow  # noqa: E402
from talentdesk.ui.metrics.view import MetricsView  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SHOTS = ("first-run.png", "main-window.png", "timeline.png", "import-mapping.png",
         "import-check.png", "reminder-dialog.png", "compose.png",
         "vacancies-board.png", "applications.png", "matching.png",
         "smart-lists.png", "duplicates.png", "merge.png", "imap-account.png",
         "metrics.png", *PRIVACY_SHOTS, *TEAM_SHOTS)  # fmt: skip
# A spreadsheet as recruiters bring it: Polish headers, a skills column, one bad row, and one
# person who is already in the sample data.
SAMPLE_CSV = """Imię;Nazwisko;E-mail;Firma;Stanowisko;Miasto;Umiejętności;Uwagi
Ewa;Zielińska;ewa.zielinska@example.com;Allegro;Data Engineer;Poznań;Python, Spark;Meetup
Jan;Brzęczyszczykiewicz;jan(at)example.com;Comarch;Tester;Kraków;Selenium;
Kamil;Dudek;kamil.dudek@example.com;Revolut;SRE;Kraków;Kubernetes, Go;Polecony przez Ewę
Marta;Kaczmarek;marta.k@example.com;Nokia;Product Owner;Wrocław;Scrum;
"""


SMART_SEARCH = "tag:java city:kraków seniority:senior,lead"


def _sample_csv(folder: Path) -> Path:
    path = folder / "kontakty.csv"
    path.write_text(SAMPLE_CSV, encoding="utf-8")
    return path


def seed_role(ws: Workspace, people: list[int]) -> int:
    """A role part-way through its pipeline (runs on the write path)."""
    skill = TagCategory.SKILL
    vacancy_id = ws.vacancies.create(
        VacancyRecord(
            title="Senior Backend Developer",
            company="Allegro",
            hiring_manager="Ola Wiśniewska",
            location="Kraków",
            remote_policy=RemotePolicy.HYBRID,
            seniority=Seniority.SENIOR,
            salary_min=Decimal(18000),
            salary_max=Decimal(24000),
            salary_currency="PLN",
            tags=[WantedTag(TagRef(skill, "Java")), WantedTag(TagRef(skill, "Kotlin"), False)],
        )
    )
    ws.vacancies.add_candidates(vacancy_id, people)
    stages = {s.name: s.id for s in ws.vacancies.stages(vacancy_id)}
    cards = ws.vacancies.board(vacancy_id).cards
    plan = ["Sourced", "Engaged", "Engaged", "Engaged", "Interviewing", "Interviewing",
            "Offer", "Not a fit", "Declined"]  # fmt: skip
    for card, stage in zip(cards, plan, strict=False):
        ws.vacancies.move(card.application_id, stages[stage])
    ws.vacancies.set_near_fit([cards[7].application_id], True)
    return vacancy_id


def _sample_vacancies(ws: Workspace, candidate_id: int) -> None:
    """Three roles (the sample data has none yet): the candidate shown is in two of them."""
    python = TagRef(TagCategory.SKILL, "Python")
    backend = ws.vacancies.create(
        VacancyRecord(
            title="Senior Data Engineer",
            company="Northwind Analytics",
            location="Kraków, Poland",
            remote_policy=RemotePolicy.HYBRID,
            seniority=Seniority.SENIOR,
            tags=[
                WantedTag(python),
                WantedTag(TagRef(TagCategory.SKILL, "Spark")),
                WantedTag(TagRef(TagCategory.SKILL, "Airflow"), required=False),
                WantedTag(TagRef(TagCategory.SKILL, "AWS"), required=False),
            ],
        )
    )
    platform = ws.vacancies.create(
        VacancyRecord(title="Platform Engineer", company="Contoso", tags=[WantedTag(python)])
    )
    ws.vacancies.create(VacancyRecord(title="Analytics Lead", company="Fabrikam"))
    for vacancy_id in (platform, backend):
        ws.vacancies.add_candidates(vacancy_id, [candidate_id])
    stages = {s.name: s.id for s in ws.vacancies.stages(platform)}
    (application,) = [
        a for a in ws.vacancies.applications_of(candidate_id) if a.vacancy_id == platform
    ]
    ws.vacancies.move(application.application_id, stages["Engaged"])
    ws.vacancies.move(application.application_id, stages["Interviewing"])
    ws.vacancies.move(application.application_id, stages["Not a fit"])
    ws.vacancies.set_near_fit([application.application_id], True)
    ws.vacancies.set_status(platform, VacancyStatus.CLOSED)


def _match_window(ws: Workspace, window: MainWindow) -> QWidget:
    """The Matching tab on its own (the vacancies view hosts it in the window)."""
    from talentdesk.ui.vacancies.match_tab import MatchTab

    tab = MatchTab(ws, window.events)
    tab.setWindowTitle("Matching")
    tab.resize(1100, 700)
    open_roles = ws.vacancies.summaries(frozenset({VacancyStatus.OPEN}))
    tab.show_vacancy(next(v.id for v in open_roles if v.title == "Senior Data Engineer"))
    tab.show()
    if tab.model.rowCount() > 1:
        tab.select_candidates([m.candidate_id for m in tab.model.matches[1:3]])
    return tab


def smart_lists(window: MainWindow) -> None:
    """The pool pane's lists with their counts, and everyone searched with filters (the chips
    under the search box, ready to be saved as a list)."""
    window.pool_pane.select_pool(None)
    window.list_pane.search.setText(SMART_SEARCH)
    window.list_pane.table.selectRow(0)
    window.candidate_pane.tabs.setCurrentIndex(1)  # their pools: how far they got


def plant_duplicates(ws: Workspace) -> None:
    """Someone from the sample data entered again, as a second import would."""
    ws.candidates.create(
        CandidateRecord(
            "Anna", "Kowalska", email="ANNA.KOWALSKA@example.com", company="Allegro",
            city="Kraków", country="Poland", title="Java Developer",
        )
    )  # fmt: skip


def duplicates_window(window: MainWindow) -> DuplicatesWindow:
    from talentdesk.ui.mainwindow.actions import open_duplicates

    open_duplicates(window)
    found = window.findChild(DuplicatesWindow, "duplicatesWindow")
    assert found is not None
    found.resize(1000, 620)
    return found


def main() -> int:
    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        paths = AppPaths(Path(tmp))
        ws = Workspace.open(paths)
        window = MainWindow(ws, paths.settings)
        window.resize(1440, 880)
        window.show()
        shots: list[tuple[str, object]] = []

        def first_run() -> None:
            window.grab().save(str(OUT / "first-run.png"))
            window.load_sample_data()  # an operation: the panes refresh once it has landed
            when_idle(loaded)

        def when_idle(then: Callable[[], None]) -> None:
            if window.events.ops.idle:
                then()
            else:
                QTimer.singleShot(50, lambda: when_idle(then))

        def loaded() -> None:
            pool = window.pool_pane.model.index(1)
            window.pool_pane.view.setCurrentIndex(pool)
            when_listed(pool_listed)

        def when_listed(then: Callable[[], None]) -> None:
            # The pool's list is read on a thread: select once it has landed.
            model = window.list_pane.model
            if model.searching or model.query.pool_id is None:
                QTimer.singleShot(50, lambda: when_listed(then))
            else:
                then()

        def pool_listed() -> None:
            window.list_pane.table.selectRow(2)
            window.candidate_pane.tabs.setCurrentIndex(0)
            QTimer.singleShot(300, main_window)

        def main_window() -> None:
            window.grab().save(str(OUT / "main-window.png"))
            window.candidate_pane.tabs.setCurrentIndex(2)
            QTimer.singleShot(300, timeline)

        def timeline() -> None:
            window.grab().save(str(OUT / "timeline.png"))
            wizard = window.import_csv(_sample_csv(Path(tmp)))
            wizard.next()
            QTimer.singleShot(300, lambda: import_mapping(wizard))

        def import_mapping(wizard: ImportWizard) -> None:
            wizard.grab().save(str(OUT / "import-mapping.png"))
            wizard.next()
            wizard.next()
            wizard.dry_run_page.job.finished.connect(  # type: ignore[union-attr]
                lambda: QTimer.singleShot(200, lambda: import_check(wizard))
            )

        def import_check(wizard: ImportWizard) -> None:
            wizard.grab().save(str(OUT / "import-check.png"))
            wizard.reject()
            QTimer.singleShot(200, reminder_dialog)

        def reminder_dialog() -> None:
            dialog = ReminderDialog(
                now=ws.clock(),
                zone=local_zone(ws.tz),
                day_start=time(9),
                candidate_name=ws.candidates.get(window.candidate_pane.candidate_id).full_name,
                parent=window,
            )
            dialog.note.setText("Market update call: new Kraków roles")
            dialog.repeat.setCurrentIndex(dialog.repeat.findText("Every 3 months"))
            dialog.ends.setCurrentIndex(dialog.ends.findText("After"))
            dialog.count.setValue(4)
            dialog.show()
            QTimer.singleShot(300, lambda: finish(dialog))

        def finish(dialog: ReminderDialog) -> None:
            dialog.grab().save(str(OUT / "reminder-dialog.png"))
            dialog.reject()
            window.mail_ui.services.save_account(
                MailAccount(
                    host="smtp.example.com",
                    port=587,
                    security=Security.STARTTLS,
                    username="anna@example.com",
                    sender_address="anna@example.com",
                    sender_name="Anna Recruiter",
                    signature="Anna Recruiter\nTalent Partner",
                )
            )
            model = window.list_pane.model
            first_two = [model.candidate_id(0), model.candidate_id(1)]
            compose = window.mail_ui.compose(first_two, window.pool_pane.current_pool_id())
            assert compose is not None
            compose.template.setCurrentIndex(compose.template.findText("Market update"))
            compose.refresh_plan()
            compose.resize(1000, 620)
            QTimer.singleShot(800, lambda: email(compose))

        def email(compose: QDialog) -> None:
            compose.grab().save(str(OUT / "compose.png"))
            compose.reject()
            model = window.list_pane.model
            people = [model.candidate_id(i) for i in range(min(14, model.rowCount()))]
            window.events.ops.run(
                "A role for the screenshot",
                lambda: seed_role(ws, people),
                success=lambda vacancy_id: QTimer.singleShot(200, lambda: board(vacancy_id)),
            )

        def board(vacancy_id: int) -> None:
            view = window.vacancies_tab.show_vacancy(vacancy_id)
            view.splitter.setSizes([380, 1060])
            QTimer.singleShot(400, board_shot)

        def board_shot() -> None:
            window.grab().save(str(OUT / "vacancies-board.png"))
            if len(sys.argv) > 1 and sys.argv[1] == "--outcomes":  # to look at, not kept
                bar = window.vacancies_tab.view().board.scroller.horizontalScrollBar()
                bar.setValue(bar.maximum())
                window.repaint()
                window.grab().save(str(Path(tmp).parent / "vacancies-outcomes.png"))
            window.main_tabs.setCurrentIndex(0)
            shown = window.candidate_pane.candidate_id
            assert shown is not None
            window.events.ops.run("Sample vacancies", lambda: _sample_vacancies(ws, shown))
            when_idle(applications)

        def applications() -> None:
            window.candidate_pane.tabs.setCurrentIndex(4)
            QTimer.singleShot(300, matching)

        def matching() -> None:
            window.grab().save(str(OUT / "applications.png"))
            tab = _match_window(ws, window)
            QTimer.singleShot(500, lambda: lists(tab))

        def lists(tab: QWidget) -> None:
            tab.grab().save(str(OUT / "matching.png"))
            tab.close()
            smart_lists(window)
            QTimer.singleShot(600, duplicates)

        def duplicates() -> None:
            window.grab().save(str(OUT / "smart-lists.png"))
            plant_duplicates(ws)
            found = duplicates_window(window)
            when_searched(found)

        def when_searched(found: DuplicatesWindow) -> None:
            if found.report is None or found.searching:
                QTimer.singleShot(100, lambda: when_searched(found))
                return
            found.tree.setCurrentItem(found.tree.topLevelItem(0))
            QTimer.singleShot(300, lambda: merge(found))

        def merge(found: DuplicatesWindow) -> None:
            found.grab().save(str(OUT / "duplicates.png"))
            dialog = found.merge_selected()
            assert isinstance(dialog, QDialog)
            QTimer.singleShot(400, lambda: done(dialog))

        def done(dialog: QDialog) -> None:
            dialog.grab().save(str(OUT / "merge.png"))
            dialog.reject()
            account = window.mail_ui.services.account()
            assert account is not None
            pools = ws.reads.pool_summaries(counted=False)
            members = {p.id: ws.listing.ids(ListQuery(pool_id=p.id)) for p in pools}
            window.events.ops.run("Sent mail", lambda: seed_sent_mail(ws, account, members))
            when_idle(imap_account)

        def imap_account() -> None:
            dialog = window.mail_ui.open_imap()  # guessed from the sending account
            dialog.auto_folders.setChecked(False)
            folders = ["INBOX", "Archive", "Drafts", "Junk", "Sent", "Trash"]
            dialog.show_folders(folders, {"INBOX", "Sent"}, "Sent")
            QTimer.singleShot(300, lambda: imap_shot(dialog))

        def imap_shot(dialog: QDialog) -> None:
            dialog.grab().save(str(OUT / "imap-account.png"))
            dialog.reject()
            metrics()

        def metrics() -> None:
            view = window.metrics_tab.show_metrics()
            view.filter_bar.choose_preset("Last 12 months")
            QTimer.singleShot(200, lambda: when_computed(view))

        def when_computed(view: MetricsView) -> None:
            if view.busy or any(card.is_computing for card in view.cards.values()):
                QTimer.singleShot(100, lambda: when_computed(view))
                return
            QTimer.singleShot(300, metrics_shot)

        def metrics_shot() -> None:
            window.grab().save(str(OUT / "metrics.png"))
            privacy_shots(window, OUT, team)

        def team() -> None:
            team_shots(window, _sample_csv(Path(tmp)), OUT, finished)

        def finished() -> None:
            shots.append(("done", None))
            window.hide()
            app.quit()

        QTimer.singleShot(300, first_run)
        app.exec()
        ws.close()
    for name in SHOTS:
        print(OUT / name)
    return 0 if shots else 1


if __name__ == "__main__":
    raise SystemExit(main())
