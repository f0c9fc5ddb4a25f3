"""Benchmark sets: the named FET sets, and your own FET files given as one .fet or as a list."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.instances import FET_DEV, FET_EXAMPLES, FET_HELDOUT, fet_files, instance_set, set_label

needs_fet_data = pytest.mark.skipif(not FET_EXAMPLES.is_dir(), reason="package fet-data not installed")


@needs_fet_data
def test_the_heldout_set_shares_no_school_folder_with_the_dev_set():
    def school(relative: Path) -> tuple[str, ...]:  # the first two folders under FET-x-official
        return relative.parts[:min(2, len(relative.parts) - 1)]

    dev_schools = {school(Path(name)) for name in FET_DEV}
    heldout = fet_files("fet-heldout")
    assert len(heldout) == len(set(heldout)) == 12
    assert all(path.is_file() for path in heldout)
    assert not {school(Path(name).relative_to(Path(name).parts[0])) for name in FET_HELDOUT} & dev_schools
    for instance in instance_set("fet-heldout"):  # every one imports fully (FetUnsupportedError otherwise)
        assert instance.load().lessons


@needs_fet_data
def test_a_list_of_fet_files_is_a_set(tmp_path: Path):
    listing = tmp_path / "my-schools.txt"
    hopwood = FET_EXAMPLES / "FET-5-official" / "United-Kingdom/Hopwood/Hopwood.fet"
    listing.write_text(f"# two schools\nFET-5-official/Denmark/small-school.fet\n\n{hopwood}  # absolute\n")
    files = fet_files(str(listing))
    assert files == [FET_EXAMPLES / "FET-5-official/Denmark/small-school.fet", hopwood]
    names = [instance.name for instance in instance_set(str(listing))]
    assert names == ["FET-5/Denmark/small-school", "FET-5/United-Kingdom/Hopwood/Hopwood"]
    assert set_label(str(listing)) == "my-schools" and set_label("fet-dev") == "fet-dev"


def test_a_single_fet_file_outside_the_examples_is_a_set(tmp_path: Path):
    own = tmp_path / "school.fet"
    own.write_text("<fet></fet>")
    (instance,) = instance_set(str(own))
    assert instance.name == str(tmp_path / "school") and instance.path == own


def test_a_list_naming_missing_files_says_which_lines(tmp_path: Path):
    listing = tmp_path / "list.txt"
    listing.write_text("nowhere/a.fet\n# fine\n/nowhere/b.fet\n")
    with pytest.raises(SystemExit, match=r"line 1: nowhere/a\.fet; line 3: /nowhere/b\.fet"):
        fet_files(str(listing))


def test_an_unknown_set_name_lists_the_known_ones():
    with pytest.raises(SystemExit, match=r"unknown set 'fet-devv'.*fet-dev, fet-heldout"):
        instance_set("fet-devv")
