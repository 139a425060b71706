import pytest

from desktop.sandbox.ids import IdAllocator, MalformedIdError, checksum, is_id, normalize, to_18

# 18-character ids as real orgs print them, and their 15-character forms
REAL_IDS = [
    ("0015000000VALDt", "0015000000VALDtAAP"),
    ("001D000000IqhSL", "001D000000IqhSLIAZ"),
]


@pytest.mark.parametrize(("id15", "id18"), REAL_IDS)
def test_checksum_matches_real_salesforce_ids(id15, id18):
    assert to_18(id15) == id18
    assert checksum(id15) == id18[15:]


@pytest.mark.parametrize(("id15", "id18"), REAL_IDS)
def test_15_character_ids_are_normalised_to_18(id15, id18):
    assert normalize(id15) == id18
    assert normalize(id18) == id18


def test_18_character_ids_are_case_insensitive():
    # the suffix restores the case of the first 15 characters
    assert normalize("0015000000valdtaap") == "0015000000VALDtAAP"
    assert normalize("001D000000IQHSLIAZ") == "001D000000IqhSLIAZ"


@pytest.mark.parametrize("text", ["", "xyz", "001", "0015000000VALD", "0015000000VALDtAA",
                                  "0015000000VALD-AAP", "0015000000VALDt!!!", None, 15])
def test_malformed_ids_are_rejected(text):
    assert not is_id(text)
    with pytest.raises(MalformedIdError):
        normalize(text)


def test_allocator_is_sequential_per_prefix_and_valid():
    allocator = IdAllocator()
    first, second = allocator.new_id("006"), allocator.new_id("006")
    other = allocator.new_id("500")
    assert first != second
    assert first.startswith("0065g0") and other.startswith("5005g0")
    assert first[:15] < second[:15]
    for record_id in (first, second, other):
        assert len(record_id) == 18
        assert normalize(record_id) == record_id


def test_allocator_mints_ids_with_letters_like_real_orgs():
    record_id = IdAllocator().new_id("001")
    assert any(c.isalpha() for c in record_id[6:15])
