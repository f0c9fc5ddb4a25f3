"""The cycle collector is paused while a plan is read or compiled, and always comes back."""

from __future__ import annotations

import gc

import pytest

from solver.gc_pause import collector_paused


@collector_paused
def _inside(inner=None):
    enabled = gc.isenabled()
    return enabled if inner is None else (enabled, inner())


def test_the_collector_is_off_inside_and_on_again_after():
    assert gc.isenabled()
    assert _inside() is False
    assert gc.isenabled()


def test_nested_pauses_resume_only_at_the_outermost_end():
    assert _inside(lambda: _inside()) == (False, False)
    assert gc.isenabled()


def test_an_error_inside_still_resumes_the_collector():
    @collector_paused
    def fails():
        raise ValueError("bad row")

    with pytest.raises(ValueError):
        fails()
    assert gc.isenabled()


def test_a_collector_the_caller_switched_off_stays_off():
    gc.disable()
    try:
        assert _inside() is False
        assert not gc.isenabled()
    finally:
        gc.enable()
