"""A count of one reads as one: '1 free lesuur' / '1 tussenuur', not '1 free lesuren'."""

from solver.validation.soft import free_lesuren


def test_one_and_more():
    assert free_lesuren(1) == "1 free lesuur" and free_lesuren(3) == "3 free lesuren"
    assert free_lesuren(1, "nl") == "1 tussenuur" and free_lesuren(2, "nl") == "2 tussenuren"
