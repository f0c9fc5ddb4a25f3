"""Suite-wide hooks.

HYBROOSTER_FINGERPRINTS=FILE records, for every CP-SAT model a test builds, one line
"problem-fingerprint:options model-fingerprint test-id" (benchmarks/fingerprint.py), so that a restructuring
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

    original = builder._build

    def build(data, opts):
        built = original(data, opts)
        options = "".join("1" if flag else "0" for flag in
                          (opts.explain, opts.implied, opts.soft, opts.rooms_counted, opts.rooms_soft))
        test = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0]
        with open(RECORD, "a") as out:
            out.write(f"{digest(data)}:{options} {model_digest(built)} {test}\n")
        return built

    builder._build = build
    yield
    builder._build = original
