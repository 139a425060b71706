from __future__ import annotations

import logging
import stat
import sys

import pytest

from desktop.platform.logs import (
    LOG_FILE_NAME,
    REDACTED,
    SecretRedactingFilter,
    redact,
    register_secret,
    setup_logging,
)

TOKEN = "00D5e000000abcD!AQ0AQGxTlTPw2Q7xkA3nB9L_vXm.fJq7Pn1.2c"


def read_log(log_dir):
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")


def test_logged_exception_containing_a_token_is_redacted(tmp_path):
    setup_logging(tmp_path)
    try:
        raise RuntimeError(f"request failed: Authorization: Bearer {TOKEN}")
    except RuntimeError:
        logging.getLogger("desktop.test").exception("sync failed with session %s", TOKEN)
    text = read_log(tmp_path)
    assert "sync failed with session" in text and "RuntimeError: request failed" in text
    assert TOKEN not in text
    assert "AQ0AQGxTlTPw2Q7xkA3nB9L" not in text
    assert REDACTED in text


def test_registered_secret_is_redacted_everywhere(tmp_path):
    setup_logging(tmp_path)
    secret = "p@ss word&<1>"
    register_secret(secret)
    log = logging.getLogger("desktop.test")
    log.warning("raw %s", secret)
    log.warning("form: un=me&pw=p%40ss%20word%26%3C1%3E&x=1")
    log.warning("plus: pw=p%40ss+word%26%3C1%3E")
    log.warning("xml: <pw>p@ss word&amp;&lt;1&gt;</pw>")
    log.warning('json: {"pw": "p@ss word&<1>"}')
    text = read_log(tmp_path)
    for spelling in ("p@ss word", "p%40ss", "p%40ss+word", "word&amp;"):
        assert spelling not in text, spelling
    assert text.count(REDACTED) >= 5


def test_secrets_in_log_arguments_and_stack_info_are_redacted(tmp_path):
    setup_logging(tmp_path)
    register_secret("s3cr3t-value")
    logging.getLogger("desktop.test").error("args %r", {"x": "s3cr3t-value"}, stack_info=True)
    text = read_log(tmp_path)
    assert "s3cr3t-value" not in text
    assert "Stack (most recent call last)" in text


def test_short_values_are_not_registered():
    register_secret("ab")
    register_secret("")
    register_secret(None)
    assert redact("ab cd") == "ab cd"


@pytest.mark.parametrize(
    ("line", "leak"),
    [
        ("Authorization: Bearer abc.DEF-123_xyz", "abc.DEF-123_xyz"),
        ("Authorization: OAuth abcdef123456", "abcdef123456"),
        ("GET /callback?code=1&access_token=tok123456&state=x", "tok123456"),
        ("grant_type=refresh_token&refresh_token=5Aep861abc%3D%3D&client_id=x", "5Aep861abc"),
        ('{"access_token": "tok\\"en123", "instance_url": "https://x"}', "en123"),
        ('{"password": "hunter2hunter2"}', "hunter2hunter2"),
        ("{'refresh_token': 'rt-98765'}", "rt-98765"),
        ("<sessionId>00Dxx0000001gPL!AR8AQ.ab</sessionId>", "AR8AQ.ab"),
        ("<urn:password>pw123456TOKEN</urn:password>", "pw123456TOKEN"),
        ("cookie sid=Abc123XYZ; path=/", "Abc123XYZ"),
        ("GET /callback?code=aPrxQ9sE.kz&state=st8", "aPrxQ9sE.kz"),
        ("sessionId=abcdef0123456789", "abcdef0123456789"),
        ("session " + TOKEN + " expired", "AQ0AQGxTlTPw2Q7xkA3nB9L"),
    ],
)
def test_credential_patterns_are_redacted(line, leak):
    redacted = redact(line)
    assert leak not in redacted
    assert REDACTED in redacted


@pytest.mark.parametrize(
    "line",
    [
        "synced 120 Opportunity records in 3 calls; instance https://na1.example.com",
        '[{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]',
        "{'csrfTokenLength': 'n/a', 'token_type': 'Bearer'}",
        "HTTP status_code=503 after 2 retries",
    ],
)
def test_ordinary_text_is_left_alone(line):
    assert redact(line) == line


def test_filter_keeps_records_whose_format_is_broken():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "needs two %s %s", (TOKEN,), None)
    assert SecretRedactingFilter().filter(record)
    assert "needs two" in record.getMessage()
    assert TOKEN not in record.getMessage()


def test_filter_rewrites_message_and_drops_args():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "token %s", (f"Bearer {TOKEN}",), None
    )
    assert SecretRedactingFilter().filter(record)
    assert record.args is None
    assert record.getMessage() == f"token Bearer {REDACTED}"


def test_rotating_file_is_one_megabyte_times_five(tmp_path):
    handler = setup_logging(tmp_path)
    assert handler.maxBytes == 1_000_000
    assert handler.backupCount == 5
    log = logging.getLogger("desktop.test")
    for _ in range(2_500):
        log.info("x" * 1_000)
    handler.flush()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["stint.log", "stint.log.1", "stint.log.2"]
    assert all(p.stat().st_size <= 1_000_000 for p in tmp_path.iterdir())


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_log_file_is_private(tmp_path):
    setup_logging(tmp_path / "logs")
    assert stat.S_IMODE((tmp_path / "logs" / LOG_FILE_NAME).stat().st_mode) == 0o600


def test_setup_twice_replaces_the_handler(tmp_path):
    setup_logging(tmp_path / "a")
    setup_logging(tmp_path / "b", level="DEBUG")
    ours = [h for h in logging.getLogger().handlers if h.get_name() == "stint-file"]
    assert len(ours) == 1
    logging.getLogger("desktop.test").debug("hello b")
    assert "hello b" in read_log(tmp_path / "b")
    assert "hello b" not in read_log(tmp_path / "a")


def test_a_deferred_log_file_is_opened_by_the_first_record(tmp_path):
    setup_logging(tmp_path / "logs", deferred=True)
    assert not (tmp_path / "logs" / LOG_FILE_NAME).exists()  # a command that logs nothing
    logging.getLogger("desktop.test").info("token=s3cr3tvalue and more")
    text = read_log(tmp_path / "logs")
    assert "and more" in text and "s3cr3tvalue" not in text  # redacted as ever
    if sys.platform != "win32":
        assert stat.S_IMODE((tmp_path / "logs" / LOG_FILE_NAME).stat().st_mode) == 0o600
