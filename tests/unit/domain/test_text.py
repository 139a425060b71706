from desktop.domain.text import fold, words


def test_fold_removes_accents_and_case():
    assert fold("Crème BRÛLÉE") == "creme brulee"
    assert fold("Straße") == "strasse"
    assert fold("ＡＣＭＥ") == "acme"  # full-width letters (NFKD)
    assert fold("Ångström") == "angstrom"


def test_words_split_on_punctuation():
    assert words("Acme - 500 Widgets (Q3)") == ["acme", "500", "widgets", "q3"]
    assert words("Proposal/Price Quote") == ["proposal", "price", "quote"]
    assert words("snake_case") == ["snake", "case"]
    assert words("") == []


def test_fill_replaces_placeholders_once():
    from desktop.domain.text import fill

    assert fill("from %1 to %2", "10:02", "10:47") == "from 10:02 to 10:47"
    assert fill("“%1” %2", "50%2 off", "ok") == "“50%2 off” ok"
    assert fill("%1 and %3", "a") == "a and %3"
