"""Language names come from CLDR (Babel): in themselves on the reading-language switch, in English in
the validator's messages; a tag CLDR does not know is shown as written."""

from __future__ import annotations

import pytest

from alliance_site.render.labels import language_name as autonym
from alliance_site.validate.languages import language_name


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("en", "English"),
        ("ko", "한국어"),
        ("fr", "Français"),
        ("de-AT", "Deutsch"),
        ("id", "Bahasa Indonesia"),
        ("qaa", "qaa"),
    ],
)
def test_the_switch_names_a_language_in_itself(tag, name):
    assert autonym(tag) == name


@pytest.mark.parametrize(
    ("tag", "name"),
    [("id", "Indonesian (id)"), ("en-GB", "English (en-GB)"), ("jv", "Javanese (jv)"), ("qaa", "'qaa'")],
)
def test_messages_name_a_language_in_english(tag, name):
    assert language_name(tag) == name
