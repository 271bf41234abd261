"""The words the import wizard's last two steps sum a run up in ("Will create 12, update 3…")."""

from __future__ import annotations

from talentdesk.core.csvio.importer import ImportReport


def _dropped(report: ImportReport, done: bool) -> str:
    """The bad values left out of rows that are imported all the same."""
    if not report.dropped_count:
        return ""
    verb = ("was" if report.dropped_count == 1 else "were") if done else "will be"
    return (
        f" {count_of(report.dropped_count, 'bad value')} (listed below) {verb} left out; "
        "those people are imported without them."
    )


def dry_summary(report: ImportReport) -> str:
    parts = [f"Will create {report.created:,}", f"update {report.updated:,}"]
    parts.append(f"skip {report.skipped:,} already in TalentDesk")
    parts.append(f"{count_of(report.rejected_count, 'row')} with problems")
    text = f"{count_of(report.rows, 'row')} read. " + ", ".join(parts) + "."
    text += _dropped(report, done=False)
    text += _skipped_lines(report)
    text += _suppressed(report)
    if report.possible_duplicates:
        text += f" {count_of(len(report.possible_duplicates), 'possible duplicate')} to look at."
    return text


def done_summary(report: ImportReport) -> str:
    text = (
        f"Created {report.created:,}, updated {report.updated:,}, "
        f"skipped {report.skipped:,}, rejected {report.rejected_count:,}."
    )
    text += _dropped(report, done=True)
    text += _skipped_lines(report)
    text += _suppressed(report)
    if report.possible_duplicates:
        found = count_of(len(report.possible_duplicates), "possible duplicate")
        text += f" {found} listed below."
    return text


def _suppressed(report: ImportReport) -> str:
    """People erased before, whose rows are not imported (listed below)."""
    return f" {report.suppressed_text()}: not imported." if report.suppressed_count else ""


def _skipped_lines(report: ImportReport) -> str:
    if not report.skipped_lines:
        return ""
    lines = count_of(report.skipped_lines, "line")
    return f" {lines} above the header skipped (see the first step)."


def count_of(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
