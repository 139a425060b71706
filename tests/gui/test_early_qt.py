"""The first paint does without PySide's `Qt` namespace (building its 94 enums costs ~13 ms,
an eighth of a bare window's start): the values in desktop.services.early_qt are Qt's own,
and a real start of the app leaves `Qt` unbuilt until after the first paint."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QToolButton

from desktop.services import early_qt
from desktop.store.store import Store
from tests.gui.conftest import sample_items

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "qt_value"),
    [
        ("PLAIN_TEXT", Qt.TextFormat.PlainText),
        ("ALIGN_CENTER", Qt.AlignmentFlag.AlignCenter),
        ("ALIGN_LEFT_VCENTER", Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        ("ALIGN_RIGHT_VCENTER", Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
        ("NO_FOCUS", Qt.FocusPolicy.NoFocus),
        ("DOWN_ARROW", Qt.ArrowType.DownArrow),
        ("TEXT_BESIDE_ICON", Qt.ToolButtonStyle.ToolButtonTextBesideIcon),
        ("TEXT_SELECTABLE_BY_MOUSE", Qt.TextInteractionFlag.TextSelectableByMouse),
        ("PRECISE_TIMER", Qt.TimerType.PreciseTimer),
    ],
)
def test_the_values_are_qts(name, qt_value):
    ours = getattr(early_qt, name)
    assert ours == qt_value.value


def test_set_properties_sets_the_enums_and_refuses_unknown_names(qtbot):
    label, button, timer = QLabel("<b>x</b>"), QToolButton(), QTimer()
    qtbot.addWidget(label)
    qtbot.addWidget(button)
    early_qt.set_properties(label, textFormat=early_qt.PLAIN_TEXT,
                            alignment=early_qt.ALIGN_RIGHT_VCENTER)
    early_qt.set_properties(button, arrowType=early_qt.DOWN_ARROW, focusPolicy=early_qt.NO_FOCUS)
    early_qt.set_properties(timer, timerType=early_qt.PRECISE_TIMER)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert button.arrowType() == Qt.ArrowType.DownArrow
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert timer.timerType() == Qt.TimerType.PreciseTimer
    with pytest.raises(AttributeError, match="textFormt"):
        early_qt.set_properties(label, textFormt=early_qt.PLAIN_TEXT)


PROBE = textwrap.dedent("""
    import sys
    import PySide6.QtCore as QtCore
    import desktop.app as app
    import desktop.app_run as app_run

    def report(stint):
        sys.stdout.write(f"qt-namespace-built {'Qt' in vars(QtCore)}\\n")
        sys.stdout.flush()
        stint.quit()

    app.StintApp._after_first_paint = report
    sys.exit(app_run.run_app(sys.argv[:1], profile=sys.argv[1]))
""")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_first_paint_leaves_the_qt_namespace_unbuilt(tmp_path, language):
    """In either language, and with a task line too long for the window (eliding it)."""
    from desktop.domain.items import Item, ItemKind
    from desktop.domain.settings import Settings

    profile = tmp_path / "profile"
    with Store.open(profile / "data" / "stint.sqlite3") as store:
        items = sample_items()
        wordy = Item("006000000000077AAA", ItemKind.OPPORTUNITY, "Evergreen - Expansion",
                     items[0].parent_id, "Opportunity",
                     tuple((f"Field {n}", "a rather long value " * 3) for n in range(4)))
        store.items.upsert_many([*items, wordy])
        store.settings.save(Settings(language=language))
        now = datetime.now(UTC)
        store.entries.start_timer(wordy.id, now - timedelta(minutes=5))  # a task shows
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    env.pop("STINT_HOME", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(profile)],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=60,
    )
    assert "qt-namespace-built False" in result.stdout, result.stdout + result.stderr[-3000:]
