import random

import pytest

import desktop.domain.search as search_module
import desktop.domain.search_bitmaps as search_bitmaps
import desktop.domain.search_words as search_words
from desktop.domain.item_table import ItemTable
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.domain.search import SearchIndex, query_terms
from desktop.domain.search_scan import search_items
from desktop.domain.text import words


def opp(item_id, name, account="", stage="Prospecting", **kw):
    return Item(id=item_id, kind=ItemKind.OPPORTUNITY, name=name, parent_id=ROOT_ID,
                fields=(("Account", account), ("Stage", stage)), **kw)


def case(item_id, name, number, account=""):
    return Item(id=item_id, kind=ItemKind.CASE, name=name, parent_id=ROOT_ID,
                fields=(("Account", account), ("Case Number", number)))


def activity(item_id, name, parent_id):
    return Item(id=item_id, kind=ItemKind.ACTIVITY, name=name, parent_id=parent_id)


ITEMS = [
    opp("o1", "Acme - 500 Widgets", "Acme Corp"),
    opp("o2", "Globex renewal", "Globex", stage="Negotiation/Review"),
    opp("o3", "Crème brûlée supplies", "Café de Paris"),
    opp("o4", "Big widget deal", "Initech"),
    case("c1", "Printer on fire", "00001234", "Initech"),
    case("c2", "Widget broken", "00001235", "Acme Corp"),
    activity("a1", "Call back", "o1"),
    activity("a2", "Call back", "o2"),
    activity("a3", "Send quote", "c1"),
]


def ids(results):
    return [item.id for item in results]


@pytest.fixture(scope="module")
def index():
    return SearchIndex(ITEMS)


def test_query_terms_fold_and_dedupe():
    assert query_terms("  Crème  CREME  acme-wid ") == ["creme", "acme", "wid"]


def test_substring_anywhere_case_and_accent_insensitive(index):
    assert ids(index.search("CREME")) == ["o3"]
    assert ids(index.search("brulee")) == ["o3"]
    assert ids(index.search("cafe")) == ["o3"]  # account field
    assert ids(index.search("lobe")) == ["o2", "a2"]  # inside a word; a2 through its parent


def test_every_word_must_match_in_any_order(index):
    assert ids(index.search("widgets acme")) == ["o1", "a1"]
    assert ids(index.search("acme widgets")) == ["o1", "a1"]
    assert index.search("acme globex") == []


def test_fields_case_number_and_stage(index):
    assert ids(index.search("00001234")) == ["c1", "a3"]  # the case, then its activity
    assert ids(index.search("negotiation")) == ["o2", "a2"]


def test_activities_are_found_through_their_parent(index):
    assert ids(index.search("call acme")) == ["a1"]
    assert ids(index.search("call")) == ["a1", "a2"]


def test_ranking_name_word_start_before_other_matches(index):
    # "widget" starts a word of c2's, o4's and o1's names (shortest first); a1 has it only
    # through its parent o1
    assert ids(index.search("widget")) == ["c2", "o4", "o1", "a1"]
    # o1's name starts with Acme; c2 matches through its Account field; a1 through its parent
    assert ids(index.search("acme")) == ["o1", "c2", "a1"]


def test_recent_items_come_first(index):
    assert ids(index.search("widget", recent_ids=["o4", "nope", "o3"])) == ["o4", "c2", "o1", "a1"]
    assert ids(index.search("", recent_ids=["a3", "a3"], limit=2)) == ["a3", "a1"]


def test_limit(index):
    assert len(index.search("e", limit=3)) == 3
    assert index.search("e", limit=0) == []


def test_no_match_and_blank_query(index):
    assert index.search("zzz") == []
    assert index.search("qx") == []
    assert len(index.search("   ")) == len(ITEMS)


def test_name_tie_break_is_shorter_first():
    index = SearchIndex([opp("x1", "Widgets for the long road"), opp("x2", "Widgets")])
    assert ids(index.search("widg")) == ["x2", "x1"]


# -- the fast paths must agree with a plain reading of the rules -----------------------------


def reference_search(items, text, limit=50, recent_ids=(), parents_from=None):
    """The rules read plainly; a parent's words come from `parents_from` (default: `items`)."""
    by_id = {item.id: item for item in (parents_from or items)}
    terms = query_terms(text)

    def texts(item):
        name = " " + " ".join(words(item.name))
        own = name + " " + " ".join(w for _, t in item.fields for w in words(t))
        parent = by_id.get(item.parent_id) if item.parent_id != ROOT_ID else None
        full = own
        if parent is not None:
            full += " " + " ".join(words(parent.name)) + " " + " ".join(
                w for _, t in parent.fields for w in words(t))
        return name, own, full

    cached = {item.id: texts(item) for item in items}

    def tier(item):
        name, own, full = cached[item.id]
        starts = [" " + t for t in terms]
        for number, text, checks in ((0, name, starts), (1, own, starts), (2, full, starts),
                                     (3, own, terms), (4, full, terms)):
            if all(c in text for c in checks):
                return number
        return None

    key = {item.id: (len(item.name), " ".join(words(item.name)), item.id) for item in items}
    given = {item.id: item for item in items}
    recent = [given[i] for i in dict.fromkeys(recent_ids) if i in given and tier(given[i]) is not None]
    rest = sorted((item for item in items if item not in recent and tier(item) is not None),
                  key=lambda item: (tier(item), key[item.id]))
    return [item.id for item in (recent + rest)[:limit]]


def random_corpus(count, seed):
    rng = random.Random(seed)
    syllables = ["ac", "me", "wid", "get", "cré", "me", "glo", "bex", "ca", "se", "00", "12",
                 "34", "zu", "ri", "ch", "ö", "ko", "pro", "spect"]

    def word():
        return "".join(rng.choice(syllables) for _ in range(rng.randint(1, 3))).capitalize()

    items = []
    for number in range(count):
        parent = ROOT_ID
        if items and rng.random() < 0.4:
            parent = rng.choice(items).id
        items.append(Item(
            id=f"i{number}", kind=ItemKind.CASE, name=" ".join(word() for _ in range(rng.randint(1, 4))),
            parent_id=parent, fields=tuple((f"F{k}", word()) for k in range(rng.randint(0, 3))),
        ))
    return items


QUERIES = ["a", "ac", "acme", "me", "wid get", "get wid", "cre", "crème", "ö", "o", "00", "0012",
           "1234", "zu ri", "ch", "pro spect", "spect", "e", "se ca", "widgetacme", "x", "ko 00"]


@pytest.mark.parametrize("limits", [(4096, 1500, 2000, 1500), (3, 10, 2, 1500), (3, 10, 50, 4)])
def test_fast_paths_agree_with_the_reference(monkeypatch, limits):
    sparse, verify_all, vocabulary, rare_word = limits
    monkeypatch.setattr(search_words, "RARE_WORD_ITEMS", rare_word)
    monkeypatch.setattr(search_bitmaps, "SPARSE_LIMIT", sparse)
    monkeypatch.setattr(search_module, "VERIFY_ALL_LIMIT", verify_all)
    monkeypatch.setattr(search_module, "VOCABULARY_HIT_LIMIT", vocabulary)
    monkeypatch.setattr(search_bitmaps, "COMMON_WORD_ITEMS", 5)
    items = random_corpus(600, seed=3)
    index = SearchIndex(items)
    rng = random.Random(5)
    for query in QUERIES:
        for limit in (1, 7, 50):
            recent = rng.sample([item.id for item in items], 3)
            expected = reference_search(items, query, limit, recent)
            assert ids(index.search(query, limit, recent)) == expected, (query, limit)
            assert ids(search_items(items, query, limit, recent)) == expected, (query, limit)



TYPED = ["acme wid", "wid get", "crème", "0012", "zu ri ch", "pro spect", "se ca ko",
         "widgetacme", "ac\bme", "wid\b\b\bget", "me wid\b\b\bglo", "acme  wid"]


@pytest.mark.parametrize("limits", [(1500, 300), (1500, 0), (10, 3)])
def test_typing_on_agrees_with_the_reference_at_every_key(monkeypatch, limits):
    """Each key searches again; an extension of the last query completely ranked starts
    from that query's matches ("\b": a backspace, which starts afresh)."""
    verify_all, few_earlier = limits
    monkeypatch.setattr(search_module, "VERIFY_ALL_LIMIT", verify_all)
    monkeypatch.setattr(search_module, "FEW_EARLIER_MATCHES", few_earlier)
    items = random_corpus(600, seed=11)
    index = SearchIndex(items)
    for typed in TYPED:
        text = ""
        for key in typed:
            text = text[:-1] if key == "\b" else text + key
            expected = reference_search(items, text, 20)
            assert ids(index.search(text, 20)) == expected, (typed, text)


def test_typing_on_checks_only_the_earlier_matches(monkeypatch):
    items = random_corpus(600, seed=11)
    index = SearchIndex(items)
    index.search("wid", 5)
    earlier = index._last_matches
    assert earlier is not None and 0 < len(earlier[1]) < len(items)
    checked: list[int] = []
    tier_of = index._checks.tier_of

    def counting_tier_of(terms, starts):
        tier = tier_of(terms, starts)
        return lambda position: checked.append(position) or tier(position)

    monkeypatch.setattr(index._checks, "tier_of", counting_tier_of)
    assert ids(index.search("widg", 5)) == reference_search(items, "widg", 5)
    assert sorted(checked) == sorted(earlier[1])  # nothing else was looked at
    checked.clear()
    assert ids(index.search("get", 5)) == reference_search(items, "get", 5)  # not an extension
    assert not set(checked) <= set(earlier[1])


def test_an_index_over_part_of_a_table_matches_parents_outside_it():
    """The picker's archived index holds archived items only; their parents' words count."""
    items = random_corpus(400, seed=8)
    table = ItemTable.of_items(items)
    rng = random.Random(9)
    chosen = sorted(rng.sample(range(len(table)), 150))
    part = [table.item(position) for position in chosen]
    index = SearchIndex.over(table, chosen)
    for query in QUERIES:
        recent = rng.sample([item.id for item in items], 5)
        expected = reference_search(part, query, 20, recent, parents_from=items)
        assert ids(index.search(query, 20, recent)) == expected, query


def test_an_archived_call_is_found_through_its_active_opportunity():
    items = [opp("o1", "Acme deal"), activity("a1", "Call back", "o1")]
    table = ItemTable.of_items(items)
    index = SearchIndex.over(table, [table.position("a1")])
    assert ids(index.search("acme call")) == ["a1"]
    assert index.search("acme deal") == [table.item(table.position("a1"))]
