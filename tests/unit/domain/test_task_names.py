"""Same-named tasks told apart (issue 13, point 8): by their account, by a field that
differs, or by their Id; tasks with names of their own keep their plain path."""

from __future__ import annotations

from desktop.domain.items import ROOT_ID, Item, ItemKind, root_item
from desktop.domain.task_names import distinct_labels, path_label, telling_apart
from desktop.domain.tree import TaskTree

ACME_RENEWAL = "006000000000001AAA"
GLOBEX_RENEWAL = "006000000000002AAA"
ACME_CALL = "00T000000000001AAA"
GLOBEX_CALL = "00T000000000002AAA"
FOLLOW_UP_1 = "00T000000000003AAA"
FOLLOW_UP_2 = "00T000000000004AAA"
TWIN_1 = "00T000000000005AAA"
TWIN_2 = "00T000000000006AAA"
CASE = "500000000000001AAA"


def tree() -> TaskTree:
    return TaskTree([
        root_item(),
        Item(ACME_RENEWAL, ItemKind.OPPORTUNITY, "Renewal 2027", ROOT_ID, "Opportunity",
             (("Account", "Acme"), ("Stage", "Prospecting"))),
        Item(GLOBEX_RENEWAL, ItemKind.OPPORTUNITY, "Renewal 2027", ROOT_ID, "Opportunity",
             (("Account", "Globex"), ("Stage", "Prospecting"))),
        Item(ACME_CALL, ItemKind.ACTIVITY, "Call back", ACME_RENEWAL, "Task"),
        Item(GLOBEX_CALL, ItemKind.ACTIVITY, "Call back", GLOBEX_RENEWAL, "Task"),
        Item(FOLLOW_UP_1, ItemKind.ACTIVITY, "Follow up", ACME_RENEWAL, "Task",
             (("Due", "2027-01-10"),)),
        Item(FOLLOW_UP_2, ItemKind.ACTIVITY, "follow up", ACME_RENEWAL, "Task",
             (("Due", "2027-02-10"),)),
        Item(TWIN_1, ItemKind.ACTIVITY, "Email", ACME_RENEWAL, "Task"),
        Item(TWIN_2, ItemKind.ACTIVITY, "Email", ACME_RENEWAL, "Task"),
        Item(CASE, ItemKind.CASE, "Printer on fire", ROOT_ID, "Case", (("Account", "Acme"),)),
    ])


def test_a_task_reads_as_its_path_below_the_root():
    assert path_label(tree(), ACME_CALL) == "Renewal 2027 > Call back"
    assert path_label(tree(), "00T00000000000XAAA") is None


def test_unique_tasks_keep_their_plain_path():
    assert distinct_labels(tree(), [ACME_CALL, CASE, None]) == {
        ACME_CALL: "Renewal 2027 > Call back", CASE: "Printer on fire"}


def test_same_named_records_and_their_tasks_show_their_accounts():
    labels = distinct_labels(tree(), [ACME_RENEWAL, GLOBEX_RENEWAL, ACME_CALL, GLOBEX_CALL])
    assert labels[ACME_RENEWAL] == "Renewal 2027 (Acme)"
    assert labels[GLOBEX_RENEWAL] == "Renewal 2027 (Globex)"
    assert labels[ACME_CALL] == "Renewal 2027 > Call back (Acme)"
    assert labels[GLOBEX_CALL] == "Renewal 2027 > Call back (Globex)"


def test_same_named_tasks_of_one_record_show_the_field_that_differs_case_aside():
    labels = distinct_labels(tree(), [FOLLOW_UP_1, FOLLOW_UP_2])
    assert labels[FOLLOW_UP_1] == "Renewal 2027 > Follow up (Due: 2027-01-10)"
    assert labels[FOLLOW_UP_2] == "Renewal 2027 > follow up (Due: 2027-02-10)"


def test_tasks_nothing_tells_apart_show_their_ids():
    assert telling_apart(tree(), [TWIN_1, TWIN_2]) == {TWIN_1: TWIN_1, TWIN_2: TWIN_2}
