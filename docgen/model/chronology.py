"""The rows of the chronology: every event and every dated moment of each procedural step
(lodged, decided, notified), and the planned removal, in date order.

Ordering is by the earliest day a date may be, then the latest: a date known only to the month
or year, or approximate, comes before the precise dates it may follow, and a narrower range
before a wider one that starts on the same day. Rows with the same dates keep the case's order,
and a step's moments keep theirs. The words of each row are the template's.
"""

from __future__ import annotations

from typing import Any

# A step's dated moments, in the order they happen.
MOMENTS = ("filed", "decided", "notified")


def chronology(data: dict) -> list[dict[str, Any]]:
    """Rows {"date", "event"} | {"date", "step", "moment", "last"} | {"date", "removal"}.

    `last` marks a step's last dated moment, where its sources and annexes are given once. A
    step with no date at all is one row, "filed", dated None, after every dated row."""
    rows: list[dict[str, Any]] = [{"date": event["date"], "event": event} for event in data["events"]]
    for step in data["procedural_history"]:
        moments = [moment for moment in MOMENTS if step[moment]] or [None]
        rows.extend({"date": step[moment] if moment else None, "step": step, "moment": moment or "filed",
                     "last": moment == moments[-1]} for moment in moments)
    removal = data["removal"]
    if removal and removal["scheduled_date"]:
        rows.append({"date": removal["scheduled_date"], "removal": removal})
    # sorted() is stable: equal dates keep the order above.
    return sorted(rows, key=lambda row: (row["date"] is None, row["date"] and row["date"].earliest,
                                         row["date"] and row["date"].latest))
