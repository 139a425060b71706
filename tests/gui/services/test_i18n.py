"""The interface language (desktop.services.i18n): English loads nothing, French loads Stint's
and Qt's translations and the French locale; messages from below the UI are translated; the
package build's step (setup.py) compiles a translation Qt loads."""

from __future__ import annotations

import runpy
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.domain.durations import DurationError, parse_duration
from desktop.domain.entries import EntryError
from desktop.domain.text import Message
from desktop.services.i18n import (
    error_text,
    install_language,
    interface_language,
    switch_language,
    translated,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def language(qapp):
    installed = []

    def install(setting: str):
        installed.append(install_language(setting))
        return installed[-1]

    yield install
    for done in installed:
        done.remove()


@pytest.mark.parametrize(("setting", "system", "expected"), [
    ("system", "fr_FR", "fr"), ("system", "fr_CA", "fr"), ("system", "de_DE", "en"),
    ("system", "C", "en"), ("en", "fr_FR", "en"), ("fr", "en_US", "fr"), ("xx", "fr_BE", "fr"),
])
def test_the_setting_overrides_the_system_locale(setting, system, expected):
    assert interface_language(setting, system) == expected


def test_english_loads_no_translator_and_keeps_the_locale(language):
    before = QLocale().name()
    installed = language("en")
    assert installed.language == "en" and installed.translators == []
    assert QLocale().name() == before
    assert QCoreApplication.translate("TimesheetHeader", "Today") == "Today"


def test_french_translates_stint_and_qt_and_follows_the_french_locale(language):
    installed = language("fr")
    assert len(installed.translators) == 2  # stint_fr.qm and Qt's qtbase_fr.qm
    assert QLocale().language() == QLocale.Language.French
    assert QCoreApplication.translate("TimesheetHeader", "Today") == "Aujourd’hui"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"  # Qt's own
    assert QCoreApplication.translate("QShortcut", "Del") == "Suppr"
    assert QLocale().toString(date(2026, 11, 21), "dddd d MMMM") == "samedi 21 novembre"
    assert QLocale().toString(2000).replace("\u202f", " ").replace("\u00a0", " ") == "2 000"
    installed.remove()
    assert QCoreApplication.translate("TimesheetHeader", "Today") == "Today"
    assert QLocale().language() != QLocale.Language.French


def test_the_start_ups_language_is_kept_when_the_setting_asks_for_the_same(language):
    """The start-up installs the system's language for its dialogs; the app keeps it rather
    than loading the same translation twice, and replaces it when the setting differs."""
    startup = language("fr")
    assert switch_language(startup, "fr") is startup
    english = switch_language(startup, "en")
    assert english.language == "en" and startup.translators == []
    assert QCoreApplication.translate("TimesheetHeader", "Today") == "Today"


def test_messages_from_below_the_ui_are_translated(language):
    language("fr")
    try:
        parse_duration("bientôt")
    except DurationError as error:
        assert error_text(error) == ("«\u00a0bientôt\u00a0» n’est pas une durée\u202f; utilisez "
                                     "une forme comme 1:30, 1h30 ou 90m.")
    span = Message("EntryError", "%1–%2 on %3", "09:00", "10:00", "2026-11-21")
    clash = EntryError("This entry (%1) overlaps the entry %2.", span, span)
    assert error_text(clash) == ("Cette entrée (09:00–10:00 le 2026-11-21) chevauche l’entrée "
                                 "09:00–10:00 le 2026-11-21.")
    assert translated("plain text") == "plain text"
    assert error_text(ValueError("not ours")) == "not ours"


def test_texts_made_outside_widgets_are_french_too(language):
    """Notices, questions and status lines built as strings (not set on a widget by the
    page that shows them): the new-items notification, the archived-start question, the
    status bar's sync line and the Sync tables' counts."""
    from desktop.domain.items import ROOT_ID, Item, ItemKind
    from desktop.domain.synclog import ObjectCounts
    from desktop.services.new_items_notice import new_items_message, new_items_title
    from desktop.ui.archived_start import archived_question
    from desktop.ui.sync_status.statistics_models import counts_summary
    from desktop.ui.sync_status.text import span

    language("fr")
    items = [Item(id=f"500{n}", kind=ItemKind.CASE, name=f"Case {n}", parent_id=ROOT_ID) for n in range(2)]
    items.append(Item(id="0061", kind=ItemKind.OPPORTUNITY, name="Globex", parent_id=ROOT_ID))
    assert new_items_title(items) == "1 nouvelle opportunité et 2 nouvelles requêtes pour vous"
    assert new_items_message(items[:1]).endswith("Cliquez pour la voir dans Stint.")
    assert archived_question("Appel", "Globex", "closed") == (
        "«\u00a0Appel\u00a0» est archivée\u00a0: «\u00a0Globex\u00a0», au-dessus, a été "
        "fermée dans Salesforce.")
    assert span(timedelta(hours=50)) == "2 jours"
    assert counts_summary(ObjectCounts(created=3, archived=1, closed=1)) == (
        "créés\u00a0: 3, modifiés\u00a0: 0, archivés\u00a0: 1 (fermés\u00a0: 1), "
        "restaurés\u00a0: 0")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # setuptools' own, on its import
def test_the_build_step_compiles_a_translation_qt_loads(qapp, tmp_path):
    setup = runpy.run_path(str(ROOT / "setup.py"), run_name="stint_setup")  # no setup() call
    [compiled] = setup["compile_translations"](tmp_path)
    translator = QTranslator()
    assert compiled.name == "stint_fr.qm" and translator.load(str(compiled))
    assert translator.translate("MainWindow", "Force synchronization") == "Synchroniser maintenant"
