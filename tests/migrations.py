"""Migration tests: take the database to a migration state, build rows with that state's
models, migrate on, and always end at the latest state again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

Targets = list[tuple[str, str]]


def migrate(targets: Targets) -> Apps:
    """Migrate forwards or backwards to `targets`; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@contextmanager
def state_at(targets: Targets) -> Iterator[Apps]:
    """The database at `targets` for the block; at the latest state afterwards."""
    apps = migrate(targets)
    try:
        yield apps
    finally:
        migrate_to_latest()
