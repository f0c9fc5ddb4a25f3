"""Suite-wide hooks.

HYBROOSTER_FINGERPRINTS=FILE records, for every CP-SAT model a test builds, one line
"problem-fingerprint+options model-fingerprint" (benchmarks/fingerprint.py), so that a restructuring
can show that it builds the same models as before: `python -m benchmarks.fingerprint --compare-suite A B`.
"""

from __future__ import annotations

import os

import pytest

RECORD = os.environ.get("HYBROOSTER_FINGERPRINTS")


@pytest.fixture(autouse=True, scope="session")
def _record_model_fingerprints():
    if not RECORD:
        yield
        return
    from benchmarks.fingerprint import digest, model_digest
    from solver.cpsat import builder

    original = builder.ModelBuilder.build

    def build(self):
        built = original(self)
        options = (self.explain, self.implied, self.soft, self.rooms_counted, self.rooms_soft)
        with open(RECORD, "a") as out:
            out.write(f"{digest(self.data)}:{options} {model_digest(built)}\n")
        return built

    builder.ModelBuilder.build = build
    yield
    builder.ModelBuilder.build = original
