"""The sync within the limits real orgs enforce (issue 10), against the stricter sandbox:
5 queries per composite, 16,384 bytes per request, short query pages."""

from __future__ import annotations

import math

import pytest

from desktop.domain.items import ROOT_ID, ItemKind
from desktop.domain.synclog import RunOutcome
from desktop.engine import Engine
from desktop.platform.secrets import MemorySecretStore
from desktop.sandbox.harness import start_sandbox
from desktop.sync.pull import queries

# Events under both objects: Opportunity, Case, Case@Case, Task@ and Event@ each = 7 streams.
SEVEN_STREAMS = {"Opportunity": ("Tasks", "Events"), "Case": ("Cases", "Tasks", "Events")}
OPEN_OPPORTUNITIES = "StageName NOT IN ('Closed Won', 'Closed Lost')"


def ok(engine, full=False):
    run = engine.sync(full)
    assert run.outcome is RunOutcome.SUCCEEDED, run.error
    return run


def ids(sf, soql):
    return {r["Id"] for r in sf.query_all(soql)["records"]}


def stored(engine, kind=None):
    return {i.id for i in engine.store.items.all() if not i.is_root
            and (kind is None or i.kind is kind)}


def connect(engine, sandbox):
    engine.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                            login_url=sandbox.login_url, ca_file=sandbox.ca_file)
    return engine


def open_children_of(sf, parents):
    """Open Tasks, Events and open child Cases of the given parents (what should be imported
    under them)."""
    tasks = sf.query_all("SELECT Id, WhatId FROM Task WHERE IsClosed = false")["records"]
    events = sf.query_all("SELECT Id, WhatId FROM Event")["records"]
    cases = sf.query_all("SELECT Id, ParentId FROM Case WHERE ParentId != null "
                         "AND IsClosed = false")["records"]
    return ({r["Id"] for r in tasks + events if r["WhatId"] in parents}
            | {r["Id"] for r in cases if r["ParentId"] in parents})


def test_seven_streams_go_five_queries_a_composite(connected, sandbox, sf):
    """REST API Developer Guide, "Send Multiple Requests Using Composite": 5 query
    subrequests per composite. With Events under both objects a sync reads 7 streams: a
    no-change incremental sync costs ceil(7 / 5) = 2 calls, and changes still arrive."""
    connected.settings.update(child_relationships=SEVEN_STREAMS)
    ok(connected)
    events = stored(connected) & ids(sf, "SELECT Id FROM Event")
    assert events, "the small org has events under open opportunities and cases"
    used = sandbox.budget.used
    run = ok(connected)
    assert run.kind == "incremental" and run.api_calls == 2 == sandbox.budget.used - used

    event = sorted(events)[0]
    sf.Event.update(event, {"Subject": "Moved to Thursday"})
    run = ok(connected)
    assert run.api_calls == 2
    assert connected.store.items.by_id(event).name == "Moved to Thursday"


def test_default_settings_stay_at_one_call(connected):
    ok(connected)
    assert ok(connected).api_calls == 1  # 5 streams: one composite


def test_children_of_many_new_parents_go_five_queries_a_composite(
        connected, sandbox, sf, monkeypatch):
    """Parents that become imported bring their children: one query per child stream and
    chunk of parent ids, five per composite. Small chunks here (a few ids each) make the
    dozen queries that thousands of parents would."""
    monkeypatch.setattr(queries, "ID_LIST_CHARS", 70)  # three ids per "IN (...)"
    connected.settings.update(child_relationships=SEVEN_STREAMS,
                              opportunity_stage_trigger="Closed Won")
    ok(connected)
    with_children = {r["WhatId"] for r in sf.query_all(
        "SELECT WhatId FROM Task WHERE IsClosed = false")["records"]}
    chosen = sorted(ids(sf, f"SELECT Id FROM Opportunity WHERE {OPEN_OPPORTUNITIES}")
                    & with_children)[:16]
    assert len(chosen) == 16 and not (stored(connected) & set(chosen))
    for opportunity in chosen:
        sandbox.org.update("Opportunity", opportunity, {"StageName": "Closed Won"},
                           sandbox.org.api_user)
    used = sandbox.budget.used
    run = ok(connected)
    # 2 calls for the 7 streams' first pages, then 16 parents = 6 chunks for each of the
    # 2 child streams of Opportunity = 12 queries = 3 composites
    assert run.api_calls == 2 + 3 == sandbox.budget.used - used
    assert set(chosen) <= stored(connected, ItemKind.OPPORTUNITY)
    assert open_children_of(sf, set(chosen)) <= stored(connected)


@pytest.fixture
def thousands():
    """An org with more than 5,000 opportunities and top-level cases."""
    with start_sandbox("small", seed=5, opportunities=3000, cases=3200, tasks=3000,
                       events=500) as running:
        yield running


def test_five_thousand_specific_items_keep_every_request_within_16384_bytes(
        engine, thousands):
    """Help article 000386264: URI plus headers at most 16,384 bytes (the sandbox refuses
    more with 414/431); SOQL at most 100,000 characters. 5,000 specific items split into
    queries of at most ID_LIST_CHARS of ids, sent in composite bodies: a full and an
    incremental sync import exactly those items and their open children."""
    connect(engine, thousands)
    sf = thousands.salesforce()
    opportunities = sorted(ids(sf, "SELECT Id FROM Opportunity"))[:2500]
    cases = sorted(ids(sf, "SELECT Id FROM Case WHERE ParentId = null"))[:2500]
    engine.settings.update(import_mode="specific", specific_ids=(*opportunities, *cases),
                           child_relationships=SEVEN_STREAMS)
    run = ok(engine)
    assert run.kind == "full"
    open_opportunities = ids(sf, f"SELECT Id FROM Opportunity WHERE {OPEN_OPPORTUNITIES}")
    open_cases = ids(sf, "SELECT Id FROM Case WHERE IsClosed = false")
    open_parents = (open_opportunities & set(opportunities)) | (open_cases & set(cases))
    top_level = {i.id for i in engine.store.items.all() if i.parent_id == ROOT_ID}
    assert top_level == open_parents
    assert stored(engine) == open_parents | open_children_of(sf, open_parents)

    used = thousands.budget.used
    run = ok(engine)
    assert run.kind == "incremental"
    # 2,500 ids of each object = 2 chunks per stream: 7 streams, 14 queries, 3 composites
    assert run.api_calls == math.ceil(14 / 5) == thousands.budget.used - used

    renamed = sorted(open_parents & set(opportunities))[-1]  # in the second chunk
    outside = sorted(ids(sf, f"SELECT Id FROM Opportunity WHERE {OPEN_OPPORTUNITIES}")
                     - set(opportunities))[0]
    sf.Opportunity.update(renamed, {"Name": "Renamed in Salesforce"})
    sf.Opportunity.update(outside, {"Name": "Not one of mine"})
    ok(engine)
    assert engine.store.items.by_id(renamed).name == "Renamed in Salesforce"
    assert engine.store.items.by_id(outside) is None


@pytest.fixture
def paged():
    """Enough records for several pages per query."""
    with start_sandbox("small", seed=3, opportunities=4500, tasks=2600) as running:
        yield running


def snapshot(engine):
    return {i.id: (i.name, i.parent_id, i.archived, i.archive_reason)
            for i in engine.store.items.all(True)}


def test_short_query_pages_change_nothing_but_the_call_count(engine, paged, tmp_path):
    """REST API Developer Guide, "Query Options Header": a page may hold fewer records than
    the batch size asked for. The sync follows nextRecordsUrl and ends with the same tree."""
    connect(engine, paged)
    paged.page_sizes.shorten(seed=4, share=1.0)  # every page short
    short_full = ok(engine)
    sf = paged.salesforce()
    changed = sorted(ids(sf, f"SELECT Id FROM Opportunity WHERE {OPEN_OPPORTUNITIES}"))[:2500]
    for opportunity in changed:
        paged.org.update("Opportunity", opportunity, {"Description": "touched"},
                         paged.org.api_user)
    paged.org.update("Opportunity", changed[0], {"Name": "Renamed with short pages"},
                     paged.org.api_user)
    short_incremental = ok(engine)
    assert short_incremental.kind == "incremental"
    # a composite and one more page without short pages; here the changes took more pages
    assert short_incremental.api_calls > 2

    paged.page_sizes.shorten(None)
    with Engine.open(tmp_path / "full-pages", secret_store=MemorySecretStore(), policy={},
                     log_to_file=False) as other:
        connect(other, paged)
        full = ok(other)
        assert snapshot(other) == snapshot(engine)
    assert short_full.api_calls > full.api_calls
    assert engine.store.items.by_id(changed[0]).name == "Renamed with short pages"


def test_a_change_in_the_second_of_the_last_sync_is_not_missed(connected, sandbox, sf):
    """Salesforce stores datetimes to the second: a record changed again within the second
    the last sync read it keeps its SystemModstamp. The sync must still see the change."""
    ok(connected)
    opportunity = sorted(stored(connected, ItemKind.OPPORTUNITY))[0]
    sandbox.clock.set(sandbox.clock.now(), frozen=True)  # every write in the same second
    sf.Opportunity.update(opportunity, {"Name": "First rename"})
    ok(connected)
    assert connected.store.items.by_id(opportunity).name == "First rename"
    before = sf.Opportunity.get(opportunity)["SystemModstamp"]
    sf.Opportunity.update(opportunity, {"Name": "Renamed in the same second"})
    assert sf.Opportunity.get(opportunity)["SystemModstamp"] == before
    ok(connected)
    assert connected.store.items.by_id(opportunity).name == "Renamed in the same second"
