"""Travel times in a region from four-digit postcode (PC4) centroids (docs/regions.md "Travel").

The table `tables/postcodes.csv` (`pc4;place;lat;lon`) holds town-level approximations of PC4 centroids
(± a few km), enough for travel times of the right size, not for routing. A trip takes the straight-line
(haversine) distance times `RegionParams.detour_factor`, at `RegionParams.speed_kmh` door to door.
"""

from __future__ import annotations

import csv
import math
from functools import lru_cache
from pathlib import Path

from scenarios.regions.model import RegionParams

TABLES = Path(__file__).parent / "tables"
EARTH_RADIUS_KM = 6371.0
MIN_TRIP_MINUTES = 5  # a trip inside one postcode: parking, walking in


@lru_cache(maxsize=1)
def _postcodes() -> dict[str, tuple[str, float, float]]:
    out: dict[str, tuple[str, float, float]] = {}
    with open(TABLES / "postcodes.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            out[row["pc4"]] = (row["place"], float(row["lat"]), float(row["lon"]))
    return out


def load_postcodes() -> dict[str, tuple[str, float, float]]:
    """PC4 -> (place, latitude, longitude) from the shipped table (a fresh copy: callers may change it)."""
    return dict(_postcodes())


def _where(pc4: str) -> tuple[float, float]:
    try:
        _, lat, lon = _postcodes()[pc4]
    except KeyError:
        raise ValueError(f"postcode {pc4!r} is not in scenarios/regions/tables/postcodes.csv") from None
    return lat, lon


def distance_km(a: str, b: str) -> float:
    """Great-circle (haversine) distance between the centroids of two PC4 postcodes, in km."""
    (lat1, lon1), (lat2, lon2) = _where(a), _where(b)
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def travel_minutes(pc_a: str, pc_b: str, params: RegionParams | None = None) -> int:
    """One-way door-to-door minutes: distance × detour factor at the documented speed, rounded up;
    at least MIN_TRIP_MINUTES (also within one postcode). Symmetric."""
    params = params or RegionParams()
    km = distance_km(pc_a, pc_b) * params.detour_factor
    return max(MIN_TRIP_MINUTES, math.ceil(round(km / params.speed_kmh * 60, 6)))


def place_of(pc4: str) -> str:
    """The town of a postcode."""
    _where(pc4)
    return _postcodes()[pc4][0]


def postcodes_of(places: list[str]) -> list[str]:
    """The table's postcodes of these towns, in table order."""
    wanted = set(places)
    return [pc for pc, (place, _, _) in _postcodes().items() if place in wanted]
