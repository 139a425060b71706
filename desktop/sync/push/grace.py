"""How long a deleted entry keeps its Salesforce copy, so the timesheet's Undo (10 s) still
works (a module of its own: the UI's write-back service needs it without the push code and the
Salesforce client that code loads)."""

from __future__ import annotations

from datetime import timedelta

UNDO_GRACE = timedelta(seconds=30)
