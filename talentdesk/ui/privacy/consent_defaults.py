"""The Privacy settings' "Consent" group: how long each legal basis holds when recorded without
an end of its own (core/settings.py has the defaults and why)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox

from talentdesk.core.privacy.consent import BASIS_WORDS, MONTHS

if TYPE_CHECKING:
    from talentdesk.ui.privacy.settings_dialog import GroupContext

MAX_MONTHS = 120  # the settings' own limit


class ConsentDefaults:
    def __init__(self, context: GroupContext) -> None:
        self._store = store = context.store
        self.box = QGroupBox("Consent: how long a legal basis holds")
        self.box.setObjectName("consentDefaults")
        form = QFormLayout(self.box)
        note = QLabel(
            "When consent is recorded or renewed, it ends this long after. "
            "Renewing starts the period again."
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.months: dict[str, QSpinBox] = {}
        for basis, setting in MONTHS.items():
            box = QSpinBox()
            box.setObjectName(setting.key)
            box.setRange(0, MAX_MONTHS)
            box.setSuffix(" months")
            box.setSpecialValueText("No end")
            box.setValue(store.get(setting))
            form.addRow(f"{BASIS_WORDS[basis]}:", box)
            self.months[basis.value] = box

    def writes(self) -> list[Callable[[], None]]:
        return [
            partial(self._store.set, setting, self.months[basis.value].value())
            for basis, setting in MONTHS.items()
        ]
