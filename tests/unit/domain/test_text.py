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
