"""The search vocabulary: words containing a query word, with their items when rare."""

from array import array

import desktop.domain.search_words as search_words
from desktop.domain.search_words import Vocabulary


def postings(*items: int) -> array:
    return array("I", items)


WORDS = ["acme", "acmes", "negotiation", "negocier", "2026"]


def vocabulary() -> Vocabulary:
    own = [postings(0, 3), postings(1), postings(*range(10)), postings(4), postings()]
    inherited = [postings(7), postings(), postings(), postings(), postings(2)]
    return Vocabulary(WORDS, own, inherited, name_words={"acme", "negocier"})


def test_words_containing_a_term_and_their_items():
    words = vocabulary()
    found = words.containing("cme", max_items=100, max_words=10)
    assert found == ([0, 1], 4)  # acme (3 items) and acmes (1)
    assert sorted(words.postings(0)) == [0, 3, 7]
    assert words.containing("cme", max_items=4, max_words=10) is None  # reaches max_items
    assert words.containing("cme", max_items=100, max_words=1) is None  # too many words
    assert words.containing("xyz", max_items=100, max_words=10) == ([], 0)


def test_a_common_word_has_no_postings_and_ends_a_lookup(monkeypatch):
    monkeypatch.setattr(search_words, "RARE_WORD_ITEMS", 5)
    words = vocabulary()
    assert words.containing("otia", max_items=100, max_words=10) is None  # 10 items
    assert len(words.postings(2)) == 0
    assert words.containing("acme", max_items=100, max_words=10) == ([0, 1], 4)


def test_whether_a_name_word_may_start_with_a_term():
    words = vocabulary()
    assert words.may_start_a_name_word("nego")  # negocier is in a name
    assert not words.may_start_a_name_word("negot")  # negotiation is not
    assert not words.may_start_a_name_word("cme")  # inside a name word, not at its start
    assert words.may_start_a_name_word("acm")
    assert words.may_start_a_name_word("ne")  # too short to look up: maybe
