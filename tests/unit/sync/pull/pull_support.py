"""Helpers of the pull sync tests: a client of a sandbox org, a whole sync of a store, the
task tree it left."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.settings import Settings
from desktop.domain.synclog import RunOutcome
from desktop.salesforce.connection import connect_with_password
from desktop.store import Store
from desktop.sync.pull.run import PullSync


def client_for(org, **options):
    return connect_with_password(org.login_url, org.username, org.password,
                                 org.security_token, ca_file=org.ca_file, **options)


def sync_store(org, path: Path, settings: Settings):
    """A successful sync of the store at `path`: (the run, the tree, the watermarks)."""
    with Store.open(path) as store, client_for(org) as client:
        run = PullSync(store, client).run(settings)
        assert run.outcome is RunOutcome.SUCCEEDED, run.error
        return run, tree(store), store.sync_state.watermarks()


def tree(store) -> dict[str, tuple]:
    return {i.id: (i.parent_id, i.name, i.archived, i.archive_reason)
            for i in store.items.all(include_archived=True)}


SOBJECT_BY_PREFIX = {"006": "Opportunity", "500": "Case", "00T": "Task"}


def stream_of(item_id: str, items: dict[str, tuple]) -> str:
    """The stream that imports an item: "Task@Case" for a Task under a Case."""
    sobject = SOBJECT_BY_PREFIX[item_id[:3]]
    parent = items[item_id][0]
    if parent[:3] not in SOBJECT_BY_PREFIX:
        return sobject
    return f"{sobject}@{SOBJECT_BY_PREFIX[parent[:3]]}"
