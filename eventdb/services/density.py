"""How many events fall on each day, bucketed to a width: the TUI's density strip."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eventdb.db.models import Event
from eventdb.services.browse import Filters, conditions


def density(session: Session, f: Filters) -> list[tuple[date, int]]:
    """Events per day (by the first day they may fall on), in date order."""
    rows = session.execute(
        select(Event.earliest, func.count())
        .where(Event.earliest.is_not(None), *conditions(f))
        .group_by(Event.earliest)
        .order_by(Event.earliest)
    )
    return [(d, n) for d, n in rows]


@dataclass(slots=True)
class Histogram:
    """Events per bucket over ``[start, end]``; each bucket spans ``days`` days."""

    start: date
    end: date
    days: int  # 1 = per day, 7 = per week, else an approximate month/year
    unit: str  # "day", "week", "month", "quarter", "year"
    counts: list[int]

    def bucket_of(self, day: date) -> int | None:
        if day < self.start or day > self.end:
            return None
        return min(len(self.counts) - 1, (day - self.start).days // self.days)

    def bucket_start(self, index: int) -> date:
        return self.start + timedelta(days=index * self.days)


_UNITS = (("day", 1), ("week", 7), ("month", 30), ("quarter", 91), ("year", 365), ("decade", 3652))


def histogram(per_day: Sequence[tuple[date, int]], width: int) -> Histogram | None:
    """Bucket daily counts into at most ``width`` buckets: per day if it fits, else per week..."""
    if not per_day or width <= 0:
        return None
    start, end = per_day[0][0], per_day[-1][0]
    span = (end - start).days + 1
    unit, days = _UNITS[-1]
    for name, size in _UNITS:
        if -(-span // size) <= width:
            unit, days = name, size
            break
    else:
        days = -(-span // width)
    if days == 7:  # weeks start on Monday
        start = start - timedelta(days=start.weekday())
        span = (end - start).days + 1
    n = max(1, -(-span // days))
    buckets = [0] * n
    for day, count in per_day:
        buckets[min(n - 1, (day - start).days // days)] += count
    return Histogram(start=start, end=end, days=days, unit=unit, counts=buckets)
