"""The relater over a store: the event and story indexes and the lineage finder, loaded from
what the store holds (the edge between the pure event code and storage)."""

from __future__ import annotations

from lagebild.events.features import reported_date
from lagebild.events.online import Relater
from lagebild.lineage.finder import LineageFinder
from lagebild.store import Store


def open_relater(store: Store) -> Relater:
    """A relater that continues where the store's last ingest stopped."""
    state = store.relations_state()
    return Relater.restored(
        events=state.events,
        stories=state.stories,
        frequencies=state.frequencies,
        lineage=LineageFinder(store.get, state.signatures, state.vectors, state.pending),
        event_date=reported_date,
        members=store.features_of,
    )
