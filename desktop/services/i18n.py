"""The app's language: Stint's translation and Qt's own, and the locale that dates, times and
numbers follow.

The General page's `language` setting chooses: "system" follows the system locale (French for
any French locale, English for everything else), "en" and "fr" override it. It is applied once,
at start, before the first widget exists (a change says it takes effect at the next start).
English is the language of the sources, so it loads no translator at all; French loads
desktop/translations/stint_fr.qm (compiled from resources/translations/stint_fr.ts by the
package build, setup.py) and Qt's own qtbase_fr.qm (standard buttons, dialogs, shortcuts).

When the interface language is not the locale's, the default QLocale becomes that language in
the system's region (English on a French system: en_FR), so day and month names match the
words around them while the region's conventions stay.

Texts made below the UI (domain rules, typed durations) arrive as desktop.domain.text.Message:
`translated()` and `error_text()` turn them into the user's language.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.domain.text import Message, fill

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
TRANSLATED = ("fr",)  # the languages Stint ships a translation for
TRANSLATIONS_DIR = Path(__file__).parent.parent / "translations"


def interface_language(setting: str, system_locale_name: str) -> str:
    """"en" or a translated language, from the setting and the system locale ("fr_CA")."""
    if setting == SOURCE_LANGUAGE or setting in TRANSLATED:
        return setting
    spoken = system_locale_name.split("_")[0].split("-")[0].lower()
    return spoken if spoken in TRANSLATED else SOURCE_LANGUAGE


class InstalledLanguage:
    """What `install_language` changed, so that `remove()` can undo it (tests, shutdown).
    (A plain class: a dataclass costs the first paint ~1.7 M instructions to build.)"""

    def __init__(self, language: str) -> None:
        self.language = language
        self.translators: list[QTranslator] = []
        self.previous_locale: QLocale | None = None

    def __repr__(self) -> str:
        return f"InstalledLanguage({self.language!r})"

    def remove(self) -> None:
        app = QCoreApplication.instance()
        for translator in self.translators:
            if app is not None:
                app.removeTranslator(translator)
        self.translators.clear()
        if self.previous_locale is not None:
            QLocale.setDefault(self.previous_locale)
            self.previous_locale = None


def install_language(setting: str, translations_dir: Path = TRANSLATIONS_DIR) -> InstalledLanguage:
    """Apply the `language` setting to the running QCoreApplication (call it before building
    any widget: texts are translated when they are set)."""
    system_name = QLocale.system().name()  # "fr_FR", "en_US", "C"
    language = interface_language(setting, system_name)
    installed = InstalledLanguage(language)
    spoken, _, region = system_name.partition("_")
    # (The C locale, LANG unset, counts as English: it stays, with its 24-hour times.)
    if language != spoken and not (language == SOURCE_LANGUAGE and spoken == "C"):
        installed.previous_locale = QLocale()
        QLocale.setDefault(QLocale(f"{language}_{region}" if region else language))
    if language == SOURCE_LANGUAGE:
        return installed
    app = QCoreApplication.instance()
    for path in (translations_dir / f"stint_{language}.qm", _qt_translations() / f"qtbase_{language}.qm"):
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            installed.translators.append(translator)
        else:  # Stint runs on in English rather than not at all
            log.warning("no translation at %s: those texts stay in English", path)
    return installed


def switch_language(installed: InstalledLanguage | None, setting: str) -> InstalledLanguage:
    """The `language` setting applied, keeping what is `installed` when it is that language
    already (the start-up's system language is usually the setting's too)."""
    if installed is not None:
        if interface_language(setting, QLocale.system().name()) == installed.language:
            return installed
        installed.remove()
    return install_language(setting)


def _qt_translations() -> Path:
    """Qt's own .qm files: in the PySide6 wheel, PySide6/Qt/translations (found without
    QLibraryInfo, whose Python type costs the first paint to build); elsewhere where Qt says."""
    import PySide6

    bundled = Path(PySide6.__file__).parent / "Qt" / "translations"
    if bundled.is_dir():
        return bundled
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def translated(text: object) -> str:
    """A Message in the interface language (its values too); anything else as `str()`."""
    if isinstance(text, Message):
        template = QCoreApplication.translate(text.context, text.template)
        return fill(template, *(translated(value) for value in text.values))
    return str(text)


def error_text(error: BaseException) -> str:
    """What to tell the user about `error`: its Message translated, else its message."""
    text = getattr(error, "text", None)
    if isinstance(text, Message):
        return translated(text)
    return getattr(error, "message", None) or str(error)


def run_error_text(run: Any) -> str:
    """Why a stored sync run failed, in the user's language when Stint wrote the reason
    (runs from before version 7 of the store, or Salesforce's own words, stay as stored)."""
    if run.error_text is not None:
        return translated(run.error_text)
    return run.error or ""


def problem_texts(error: Any) -> dict[str, str]:
    """A SettingsError's problems, per setting, in the user's language."""
    return {name: translated(text) for name, text in error.texts.items()}


def count_text(number: int) -> str:
    """A count as the locale writes it ("2,000", "2 000"); the C locale (LANG unset) groups
    thousands too, as English does."""
    locale = QLocale()
    if locale.name() == "C":
        return f"{number:,}"
    return locale.toString(number)
