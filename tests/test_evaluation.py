"""The scorer follows "How a prediction is scored against gold" of the guidelines."""

from datetime import date

import pytest

from extract.evaluation import load_gold, pair_records, figure_match, period_range, score, surname_keys

DOC_A = "2021-01-22-readout-of-president-joe-biden-call-with-prime-minister-justin-trudeau-of-canada.md"
DOC_NONE = "2023-10-12-readout-of-white-house-meeting-with-latino-lgbtqi-leaders.md"


def meeting(doc, participants, countries, **fields):
    return {"doc": doc, "kind": "meeting", "participants": participants, "countries": countries,
            "date": fields.get("date"), "location": fields.get("location"),
            "mode": fields.get("mode", "in_person"), "evidence": fields.get("evidence", "")}


def figure(doc, value, **fields):
    return {"doc": doc, "kind": "tourism_figure", "value": value, "metric": fields.get("metric", "visitors"),
            "place": fields.get("place"), "period": fields.get("period"), "evidence": fields.get("evidence", "")}


def pledge(doc, evidence, pledger_countries, beneficiaries=()):
    return {"doc": doc, "kind": "pledge", "pledger": "x", "pledger_countries": list(pledger_countries),
            "beneficiary_countries": list(beneficiaries), "content": "", "evidence": evidence}


def test_meeting_pairs_on_two_surnames_and_counts_fp_fn():
    gold = [meeting(DOC_A, ["Joe Biden", "Justin Trudeau"], ["USA", "CAN"], date="2021-01-22", mode="call"),
            meeting(DOC_A, ["Jake Sullivan", "Anniken Huitfeldt"], ["USA", "NOR"])]
    predictions = [meeting(DOC_A, ["Biden", "Trudeau"], ["CAN", "USA"], date="2021-01-22", mode="call"),
                   meeting(DOC_A, ["Biden", "Jean Chrétien"], ["CAN", "USA"])]
    s = score(gold, predictions).scores["meeting"]
    assert (s.true_positives, s.false_positives, s.false_negatives) == (1, 1, 1)
    assert s.precision == 0.5 and s.recall == 0.5 and s.f1 == 0.5


def test_meeting_one_surname_is_not_enough_when_two_people_are_named():
    gold = [meeting(DOC_A, ["Jon Finer", "Sigrid Kaag"], ["USA", "UN"])]
    predictions = [meeting(DOC_A, ["Jon Finer", "United Nations"], ["UN", "USA"])]
    assert score(gold, predictions).scores["meeting"].true_positives == 0


def test_meeting_with_unnamed_side_pairs_on_all_gold_countries():
    gold = [meeting(DOC_A, ["Wang Wentao", "German officials"], ["CHN", "DEU"])]
    assert score(gold, [meeting(DOC_A, ["Wang Wentao"], ["DEU", "CHN", "ITA"])]).scores["meeting"].true_positives == 1
    assert score(gold, [meeting(DOC_A, ["Wang Wentao"], ["CHN", "ITA"])]).scores["meeting"].true_positives == 0


def test_surnames_tolerate_accents_and_case():
    assert surname_keys("Luiz Inácio Lula da SILVA") & surname_keys("Silva")
    assert surname_keys("Abdel Fattah El-Sisi") & surname_keys("Sisi")


def test_pairing_is_one_to_one():
    gold = [meeting(DOC_A, ["Joe Biden", "Justin Trudeau"], ["USA", "CAN"])]
    predictions = [meeting(DOC_A, ["Biden", "Trudeau"], ["USA", "CAN"])] * 2
    s = score(gold, predictions).scores["meeting"]
    assert (s.true_positives, s.false_positives) == (1, 1)


def test_pairing_finds_the_maximum_matching():
    # gold 0 could take either prediction; gold 1 only the first: both must be paired.
    gold = [figure(DOC_A, 100), figure(DOC_A, 100.5)]
    predictions = [figure(DOC_A, 100.6), figure(DOC_A, 99.5)]
    assert len(pair_records(gold, predictions, figure_match)) == 2


def test_predictions_on_a_none_document_are_false_alarms():
    gold = [{"doc": DOC_NONE, "kind": "none"}, figure(DOC_A, 10000)]
    predictions = [figure(DOC_NONE, 5), meeting(DOC_NONE, ["A B", "C D"], ["USA", "MEX"]),
                   figure("not-a-gold-doc.md", 7)]
    report = score(gold, predictions)
    assert report.scores["tourism_figure"].false_positives == 1
    assert report.scores["meeting"].false_positives == 1
    assert report.scores["tourism_figure"].false_negatives == 1
    assert {f.doc for f in report.false_alarms} == {DOC_NONE}
    assert [f.status for f in report.misses] == ["miss"]


def test_figure_values_pair_within_one_percent():
    assert figure_match(figure(DOC_A, 1_000_000), figure(DOC_A, 1_009_000)) > 0
    assert figure_match(figure(DOC_A, 1_000_000), figure(DOC_A, 1_020_000)) == 0


def test_attribute_accuracy_over_pairs_only():
    gold = [meeting(DOC_A, ["Joe Biden", "Justin Trudeau"], ["USA", "CAN"], date="2021-01-22",
                    location="Vientiane", mode="call"),
            meeting(DOC_A, ["Xi Jinping", "Vladimir Putin"], ["CHN", "RUS"], date="2024-07-03", location="Astana")]
    predictions = [meeting(DOC_A, ["Biden", "Trudeau"], ["USA", "CAN"], date=date(2021, 1, 21),
                           location="Vientiane, Laos", mode="call"),
                   meeting(DOC_A, ["Xi", "Putin"], ["CHN", "RUS"], date="2024-07-03", location="astana"),
                   meeting(DOC_A, ["Dong Jun", "Rajnath Singh"], ["CHN", "IND"], location="Nowhere")]
    s = score(gold, predictions).scores["meeting"]
    assert s.accuracy("date") == 0.5
    assert s.accuracy("location") == 1.0
    assert s.accuracy("mode") == 1.0


def test_figure_period_compares_gold_strings_with_predicted_ranges():
    gold = [figure(DOC_A, 80000, period="2022", place="Sanya"),
            figure(DOC_A, 10000, period="per week", place="White House"),
            figure(DOC_A, 32.3e6, period="2022-Q2", place="China", metric="trips")]
    predictions = [
        {**figure(DOC_A, 80000, place="Sanya city"), "period_start": date(2022, 1, 1), "period_end": date(2022, 12, 31)},
        {**figure(DOC_A, 10000, place="the White House"), "period_start": None, "period_end": None,
         "period_text": "per week"},
        {**figure(DOC_A, 32.3e6, place="China", metric="passengers"), "period_start": "2022-04-01",
         "period_end": "2022-05-31"},
    ]
    s = score(gold, predictions).scores["tourism_figure"]
    assert s.true_positives == 3
    assert s.attributes["period"] == [2, 3]
    assert s.attributes["place"] == [3, 3]
    assert s.attributes["metric"] == [2, 3]


def test_period_range_reads_the_gold_notations():
    assert period_range("2022-01/2022-07") == (date(2022, 1, 1), date(2022, 7, 31))
    assert period_range("2022-Q1") == (date(2022, 1, 1), date(2022, 3, 31))
    assert period_range("per week") == (None, None)


def test_pledges_pair_on_overlapping_evidence_and_agreeing_pledgers():
    evidence = "They agreed to remain in close contact over the\ncoming days both directly and through their teams."
    gold = [pledge(DOC_A, evidence, ["USA", "ISR"], ["ISR"])]
    same_sentence = pledge(DOC_A, " ".join(evidence.split()), ["ISR", "USA"], [])
    assert score(gold, [same_sentence]).scores["pledge"].attributes["beneficiary"] == [0, 1]
    assert score(gold, [pledge(DOC_A, evidence, ["USA"])]).scores["pledge"].true_positives == 0
    assert score(gold, [pledge(DOC_A, "An unrelated sentence about trade.", ["USA", "ISR"])]).scores[
        "pledge"].true_positives == 0


def test_report_renders_and_serialises():
    gold = [figure(DOC_A, 10000, evidence="approximately 10,000 visitors per week")]
    report = score(gold, [figure(DOC_A, 5, evidence="5 dancers")])
    table = report.format_table()
    assert "tourism_figure" in table and "0.000" in table
    assert "5 dancers" in report.format_details()
    assert report.to_dict()["kinds"]["tourism_figure"]["false_positives"] == 1


def test_real_gold_files_load(tmp_path):
    gold = load_gold("/work/shared/gold")
    assert {r["kind"] for r in gold} >= {"meeting", "pledge", "tourism_figure", "none"}
    (tmp_path / "bad.jsonl").write_text("{not json\n")
    with pytest.raises(ValueError):
        load_gold(tmp_path)


def test_one_word_name_may_be_the_family_name_written_first():
    from extract.evaluation import same_person
    assert same_person("Xi Jinping", "Xi") and same_person("Joe Biden", "Biden")
    assert not same_person("Joe Biden", "Joe Smith")


def test_gold_name_of_a_document_is_the_first_name_its_uri_ends_with():
    from communique.evaluate import gold_name_of

    names = ["seeds/004_bab6568d393393c4.txt", "2021-01-22-readout-of-a-call.md",
             "voa/voa-2023.jsonl#17", "readout-of-a-call.md"]
    assert gold_name_of(["whitehouse/2021-01-22-readout-of-a-call.md"], names) == names[1]
    assert gold_name_of(["2021-01-22-readout-of-a-call.md"], names) == names[1]
    assert gold_name_of(["x/voa/voa-2023.jsonl#17", None], names) == names[2]
    assert gold_name_of(["voa/voa-2023.jsonl#170"], names) is None
    # "-readout-of-a-call.md" is no whole path part: only a "/" boundary counts
    assert gold_name_of(["whitehouse/2021-01-23-readout-of-a-call.md"], names) is None
    assert gold_name_of(["a/readout-of-a-call.md", "b/seeds/004_bab6568d393393c4.txt"], names) == names[0]
