"""Reminder building blocks without Qt or the database: recurrence, snooze, autostart, iCalendar."""
