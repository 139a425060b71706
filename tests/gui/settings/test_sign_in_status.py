"""The set-up guide the Settings page links to when a sign-in fails for a set-up reason."""

from __future__ import annotations

import re

from desktop.salesforce import errors
from desktop.ui.settings.sign_in_status import SETUP_SECTIONS, SignInStatus, setup_guide_path


def test_every_problem_with_a_set_up_cause_has_a_section_in_the_guide():
    guide = setup_guide_path()
    assert guide is not None and guide.name == "salesforce-setup.md"
    headings = set(re.findall(r"^#+ (.+)$", guide.read_text(encoding="utf-8"), re.MULTILINE))
    assert set(SETUP_SECTIONS.values()) <= headings
    topics = {cls.setup_topic for cls in vars(errors).values()
              if isinstance(cls, type) and issubclass(cls, errors.ConnectionProblem)}
    assert topics - {None} <= SETUP_SECTIONS.keys()


def test_the_link_names_the_section_and_opens_the_guide(qtbot):
    status = SignInStatus()
    qtbot.addWidget(status)
    status.show()
    status.show_setup_help("callback-url")
    assert status.setup_link.isVisible()
    assert "The callback URL" in status.setup_link.text()
    assert 'href="file://' in status.setup_link.text()
    status.clear()
    assert not status.setup_link.isVisible()
