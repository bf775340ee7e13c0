"""Amounts as people type them: "9 500", "9500 kr", "9 500,-" are 9500; what could be read
two ways is refused with a message that says how to write it."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from navet.core.fields import KronerField


class AmountForm(forms.Form):
    amount = KronerField(min_value=0, max_value=10_000_000, required=False)


@pytest.mark.parametrize(
    ("typed", "kroner"),
    [
        ("9500", 9500),
        ("9 500", 9500),
        ("9\u00a0500", 9500),
        ("9\u202f500", 9500),
        (" 9 500 kr", 9500),
        ("9500kr", 9500),
        ("9 500 Kr.", 9500),
        ("9 500,-", 9500),
        ("9 500,00", 9500),
        ("9 500,0", 9500),
        ("0", 0),
        ("", None),
    ],
)
def test_whole_kroner_in_the_ways_people_write_them(typed: str, kroner: int | None) -> None:
    form = AmountForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == kroner


@pytest.mark.parametrize(
    "typed",
    ["9.500", "9,5", "9 500,50", "9500.00", "ni tusen", "9e3", "1/2", "kr", "--5", "9 500 NOK"],
)
def test_what_could_be_read_two_ways_is_refused_not_guessed(typed: str) -> None:
    form = AmountForm({"amount": typed})
    assert not form.is_valid()
    with translation.override("nb"):
        assert form.errors["amount"] == [
            "Skriv beløpet i hele kroner med bare tall, for eksempel 9 500."
        ]


def test_a_negative_amount_meets_the_minimum() -> None:
    form = AmountForm({"amount": "-100"})
    assert not form.is_valid()
    assert "amount" in form.errors


def test_the_message_is_translated() -> None:
    form = AmountForm({"amount": "9.500"})
    with translation.override("en"):
        assert not form.is_valid()
        assert "whole kroner" in str(form.errors["amount"][0])
    form = AmountForm({"amount": "9.500"})
    with translation.override("nn"):
        assert not form.is_valid()
        assert "heile kroner" in str(form.errors["amount"][0])


def test_it_is_a_text_input_with_a_numeric_keypad() -> None:
    html = str(AmountForm()["amount"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html
