"""Codebook lemmas -> word forms (the pipeline runs without a lemmatizer)."""

from extract.inflections import form_table, inflections


def test_regular_inflections():
    assert {"planned", "plans", "planning"} <= inflections("plan")
    assert {"hosted", "hosts", "hosting"} <= inflections("host")
    assert {"received", "receiving"} <= inflections("receive")
    assert "tried" in inflections("try")


def test_form_table_keeps_only_wanted_irregulars():
    table = form_table(["meet", "speak"], {"met": "meet", "spoke": "speak", "held": "hold"})
    assert (table["met"], table["spoke"], table["meets"]) == ("meet", "speak", "meet")
    assert "held" not in table
