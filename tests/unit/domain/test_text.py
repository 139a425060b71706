import html

import pytest

from desktop.domain.text import escape_markup, fold, one_line, words


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


def test_a_message_keeps_its_template_and_values_and_reads_as_english():
    from desktop.domain.text import QT_TRANSLATE_NOOP, Message

    span = Message("EntryError", QT_TRANSLATE_NOOP("EntryError", "%1–%2 on %3"),
                   "09:00", "10:00", "2026-11-21")
    outer = Message("EntryError", "This entry (%1) overlaps the entry %2.", "a %2 b", span)
    assert str(outer) == "This entry (a %2 b) overlaps the entry 09:00–10:00 on 2026-11-21."
    assert outer.values[1] is span and span.template == "%1–%2 on %3"


def test_rule_errors_carry_their_message_for_the_app_and_english_for_the_cli():
    from datetime import UTC, datetime, timedelta

    from desktop.domain.durations import DurationError, parse_duration
    from desktop.domain.entries import EntryError, TimeEntry, validate_entry

    start = datetime(2026, 11, 21, 9, tzinfo=UTC)
    other = TimeEntry(start=start, end=start + timedelta(hours=1), id=1)
    try:
        validate_entry(TimeEntry(start=start, end=start + timedelta(minutes=30)), [other], tz=UTC)
    except EntryError as error:
        assert error.message == ("This entry (09:00–09:30 on 2026-11-21) overlaps the entry "
                                 "09:00–10:00 on 2026-11-21.")
        assert error.text.template == "This entry (%1) overlaps the entry %2."
        assert error.conflict == other
    else:
        raise AssertionError("an overlap must be refused")
    try:
        parse_duration("soon")
    except DurationError as error:
        assert str(error) == "“soon” is not a duration; use a form such as 1:30, 1h30 or 90m."
        assert error.text.values == ("soon",)
    else:
        raise AssertionError("a bad duration must be refused")


@pytest.mark.parametrize("text", [
    "", "Acme & Sons", "<b>x</b><img src=x onerror=alert(1)>", "a &amp; b", "\"quoted\" 'too'",
    "tab\tand\nnewline", "émoji 🎉 <3",
])
def test_escape_markup_is_html_escape_without_quotes(text):
    assert escape_markup(text) == html.escape(text, quote=False)


@pytest.mark.parametrize(("text", "shown"), [
    ("Acme - 500 Widgets", "Acme - 500 Widgets"),
    ("Call back\nabout the quote", "Call back about the quote"),
    ("a\r\nb\tc\x0bd\x0ce", "a  b c d e"),
    ("line\u2028para\u2029end", "line para end"),
    ("C1\x85next\x9cvariant\x7fdel", "C1 next variant del"),  # (Qt cuts a name at U+009C)
    ("Zürich crème 東京 🎉", "Zürich crème 東京 🎉"),
    ("\u202eevil <b>x</b>", "\u202eevil <b>x</b>"),  # format characters and markup stay
])
def test_one_line_puts_line_breaks_tabs_and_controls_as_spaces(text, shown):
    assert one_line(text) == shown
    assert len(one_line(text)) == len(text)  # one space each: nothing else moves
