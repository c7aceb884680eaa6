from sitroom.geo.names import abbrev_key, fold, is_latin, key


def test_keys_meet_across_spelling_variants():
    assert key("U.S.") == key("US") == "us"
    assert key("Khan-Younis") == key("Khan Younis") == "khan younis"
    assert key("Kyïv") == "kyiv"
    assert key("Be’eri") == key("Be'eri")
    assert key("the  Gaza Strip") == "gaza strip"
    assert key("Washington, D.C.") == "washington dc"
    assert key("Łódź") == "lodz"


def test_abbreviation_keys_keep_periods():
    assert abbrev_key("La.") == "la."
    assert abbrev_key("L.A.") == "l.a."
    assert abbrev_key("LA") == "la"
    assert abbrev_key("W. Va.") == "w.va."


def test_fold_and_script():
    assert fold("Košice") == "Kosice"
    assert is_latin("Deir ez-Zor")
    assert not is_latin("دير الزور")
