"""The codebook loader: every YAML file by its stem, read as PyYAML's safe loader reads it."""

from __future__ import annotations

import pytest
import yaml

from extract.codebook import DEFAULT_CODEBOOK_DIR, load_codebook


def test_the_shipped_codebook_reads_as_the_pure_python_safe_loader_reads_it():
    expected = {file.stem: yaml.safe_load(file.read_text(encoding="utf-8"))
                for file in sorted(DEFAULT_CODEBOOK_DIR.glob("*.yaml"))}
    assert load_codebook() == expected
    assert set(expected) >= {"actors", "meetings", "pledges", "figures"}


def test_tags_that_could_run_code_are_refused(tmp_path):
    (tmp_path / "evil.yaml").write_text("x: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(yaml.YAMLError):
        load_codebook(tmp_path)


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    with pytest.raises(ValueError, match="list.yaml"):
        load_codebook(tmp_path)
