"""The org's opportunity stages, to check a stage filter before it is saved (issue 11): a
stage the org does not have would make every later sync fail."""

from __future__ import annotations

from datetime import timedelta

from desktop.engine.core import Engine
from desktop.engine.errors import EngineError

ANY_AGE = timedelta(days=36500)  # stages rarely change: a describe of any age is worth asking


def checked_stage(engine: Engine, stage: str | None) -> str | None:
    """`stage` as the org spells it ("closed won" -> "Closed Won"), None unchanged; else an
    EngineError naming the org's stages. Asks Salesforce only when the describe the sync
    keeps does not know the stage (it may be new) and the profile is connected."""
    if stage is None:
        return None
    stages = _cached_stages(engine)
    found = _named(stage, stages)
    if found is None and engine.link_info().connected:
        stages = _fetched_stages(engine)
        found = _named(stage, stages)
    if found is not None:
        return found
    if stages is None:
        raise EngineError(
            "Stint does not know this org's opportunity stages yet: connect (`stint connect`) "
            "and sync once, then set the stage filter.")
    raise EngineError(f"The org has no opportunity stage {stage!r}. "
                      f"Its stages: {', '.join(stages)}.")


def _named(stage: str, stages: tuple[str, ...] | None) -> str | None:
    if not stages:
        return None
    if stage in stages:
        return stage
    folded = [s for s in stages if s.casefold() == stage.strip().casefold()]
    return folded[0] if len(folded) == 1 else None


def _cached_stages(engine: Engine) -> tuple[str, ...] | None:
    from desktop.sync.metadata import MetadataCache

    meta = MetadataCache(engine.store, max_age=ANY_AGE).cached("Opportunity", engine.clock.now())
    return meta.picklist("StageName") if meta is not None else None


def _fetched_stages(engine: Engine) -> tuple[str, ...]:
    from desktop.sync.metadata import MetadataCache

    cache = MetadataCache(engine.store)
    cache.forget(["Opportunity"])  # the kept describe may predate the stage
    meta = cache.get(engine.connection.client(), ["Opportunity"], engine.clock.now())
    return meta["Opportunity"].picklist("StageName")
