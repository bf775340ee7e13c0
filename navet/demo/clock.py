"""The demo's work dated when an office would have done it, not at seed time."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

from django.utils import timezone

_REAL_NOW = timezone.now


def real_now() -> datetime:
    return _REAL_NOW()


@contextmanager
def clock(start: datetime) -> Iterator[None]:
    """The demo's work done at `start` rather than at seed time: timezone.now() (and with it
    localdate, auto_now_add, audit rows, innsyn events and letter dates) runs from `start`,
    a millisecond further at each call, so everything stays in order. Demo data only."""
    ticks = itertools.count()
    with mock.patch(
        "django.utils.timezone.now",
        side_effect=lambda: start + timedelta(milliseconds=next(ticks)),
    ):
        yield
