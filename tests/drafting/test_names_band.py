"""A KB sentence that names a condition's band in its own units is the band's own."""

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.bands import names_band


def _atoms() -> tuple:
    condition = Condition.from_dict(
        {"atoms": [{"feature": "days_overdue", "op": "between", "low": 7, "high": 14}]}
    )
    return condition.atoms


def test_a_sentence_naming_the_band_in_other_units_names_it() -> None:
    rules = ["7 to 14 days overdue: a fee of 5% of the balance."]
    assert names_band("One to two weeks overdue: a 2% fee.", _atoms(), rules)
    assert names_band("More than a week late: we charge 2%.", _atoms(), rules)


def test_a_sentence_about_another_span_does_not() -> None:
    rules = ["7 to 14 days overdue: a fee of 5% of the balance."]
    assert not names_band("Within 3 days: a 2% fee.", _atoms(), rules)
    assert not names_band("We charge a 2% fee on late balances.", _atoms(), rules)


def test_a_sentence_naming_one_part_of_the_condition_only_does_not() -> None:
    condition = Condition.from_dict(
        {
            "atoms": [
                {"feature": "days_overdue", "op": ">", "value": 7},
                {"feature": "plan", "op": "=", "value": "business"},
            ]
        }
    )
    rules = ["Business plans more than 7 days overdue: a 5% fee."]
    assert not names_band("More than a week overdue: a 2% fee.", condition.atoms, rules)


def test_a_tag_of_the_conversation_is_not_a_part_to_name() -> None:
    condition = Condition.from_dict(
        {
            "atoms": [
                {"feature": "days_overdue", "op": ">", "value": 7},
                {"feature": "tag:overdue", "op": "tag"},
            ]
        }
    )
    rules = ["More than 7 days overdue: a 5% fee."]
    assert names_band("More than a week overdue: a 2% fee.", condition.atoms, rules)
