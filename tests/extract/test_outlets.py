"""A store, clinic or centre and the brand or person it is named after (resources/outlet_nouns.txt):
"Betty Ford Center" and "Betty Ford", "iTunes Music Store" and "iTunes" name one place."""

from __future__ import annotations

import pytest

from eventdb.extract import extract
from eventdb.extract.canon import outlet_base, short_forms


@pytest.mark.parametrize("name, base", [
    ("iTunes Music Store", "iTunes"),
    ("iTunes Store", "iTunes"),                      # "Store" after a product's name
    ("Betty Ford Center", "Betty Ford"),             # "Center" after a person's name
    ("Betty Ford Treatment Center", "Betty Ford"),
    ("Promises Treatment Center", "Promises"),
    ("Cliffside Rehab Center", "Cliffside"),
    ("Mayo Clinic", "Mayo"),
    ("Apple Store", None),                           # a company's store is not the company
    ("Mac App Store", None),                         # "App" is no store's word
    ("CNN Center", None),                            # "Center" after a one-word name
    ("Cleveland Clinic", None),                      # a place is no brand
    ("Hennepin County Medical Center", None),
])
def test_the_name_a_store_or_clinic_is_known_by(name, base):
    assert outlet_base(name) == base
    assert short_forms(name, "place") == ((base,) if base else ())


def _names(text: str) -> dict[str, tuple[str, str]]:
    x = extract(text, None)
    return {m.text: (x.entities[m.entity].name, x.entities[m.entity].kind) for m in x.mentions}


def test_a_person_s_name_written_for_the_clinic_named_after_them_is_the_clinic():
    found = _names("Lindsay Lohan checked into Betty Ford on Friday. Lohan stayed at the Betty Ford "
                   "Center for a month.")
    assert found["Betty Ford"] == ("Betty Ford Center", "place"), found
    found = _names("Staff at the Betty Ford Center said on Friday that Betty Ford was full.")
    assert found["Betty Ford"] == ("Betty Ford Center", "place"), found


def test_a_brand_written_for_its_store_is_the_store_under_its_fuller_name():
    found = _names("Apple launched the iTunes Music Store in 2003. Sales on iTunes grew fast. The "
                   "iTunes Store now sells films.")
    assert {found[t][0] for t in ("iTunes Music Store", "iTunes", "iTunes Store")} == {"iTunes Music Store"}, found


def test_a_titled_person_is_not_the_centre_named_after_them():
    found = _names("The Kennedy Center opened on Friday. President John Kennedy was honoured.")
    assert found["President John Kennedy"][0] == "John Kennedy", found
