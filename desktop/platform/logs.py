"""Logging to a rotating file in the profile's log dir, with secrets redacted.

Two layers of redaction keep credentials out of the log:
- values registered at run time with `register_secret` (every secret that passes through the
  secret store is registered), in the spellings they take in URLs, XML, JSON and form bodies;
- patterns for things that look like credentials whatever their value: ``Bearer <token>``,
  ``access_token=...``, ``"password": "..."``, ``<sessionId>...</sessionId>``, refresh tokens
  and Salesforce session ids (``00D...!...``).

The filter rewrites the record's message, exception text and stack text, so every handler
after it (and the formatter) only sees the redacted text.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from pathlib import Path
from urllib.parse import quote, quote_plus

REDACTED = "[REDACTED]"
LOG_FILE_NAME = "stint.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUP_COUNT = 5
# Shorter values would blank out ordinary words all over the log; a secret this short is not
# one a user can have on a Salesforce login anyway.
MIN_SECRET_LENGTH = 4
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_SECRET_NAMES = (
    r"access_token|refresh_token|id_token|client_secret|code_verifier|security_token|"
    r"password|passwd|session_?id|sid|token|secret"
)

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Salesforce session ids / access tokens: org id, '!', opaque token.
    (re.compile(r"\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._\-]+"), REDACTED),
    # Authorization headers.
    (re.compile(r"\b(Bearer|OAuth)\s+[A-Za-z0-9._~+/=!\-]+", re.IGNORECASE), rf"\1 {REDACTED}"),
    # JSON and Python-repr style: "password": "value" / 'access_token': 'value'.
    (
        re.compile(
            rf"""((?<![A-Za-z0-9])["']?(?:{_SECRET_NAMES})["']?\s*[:=]\s*)(["'])(?:\\.|(?!\2).)*\2""",
            re.IGNORECASE,
        ),
        rf"\1\2{REDACTED}\2",
    ),
    # Query strings, form bodies and key=value text: access_token=value&... (and the OAuth
    # authorization code on the loopback redirect: ?code=...)
    (
        re.compile(rf"""(\b(?:{_SECRET_NAMES}|code)=)[^&\s"'<>,;]+""", re.IGNORECASE),
        rf"\1{REDACTED}",
    ),
    # XML (SOAP login request and response): <password>..</password>, <sf:sessionId>..
    (
        re.compile(
            r"(<(?:\w+:)?(password|sessionId|securityToken)>)[^<]*(</(?:\w+:)?\2>)", re.IGNORECASE
        ),
        rf"\1{REDACTED}\3",
    ),
)

_lock = threading.Lock()
_secrets: set[str] = set()
_secret_pattern: re.Pattern[str] | None = None


def register_secret(value: str | None) -> None:
    """Redact `value` (and its URL/XML/JSON-escaped spellings) from every log line from now on."""
    global _secret_pattern
    if not value or len(value) < MIN_SECRET_LENGTH:
        return
    import html  # only a sign-in registers secrets; most commands never do

    variants = {
        value,
        quote(value, safe=""),
        quote_plus(value, safe=""),
        html.escape(value, quote=True),
        json.dumps(value)[1:-1],
    }
    with _lock:
        if variants <= _secrets:
            return
        _secrets.update(variant for variant in variants if len(variant) >= MIN_SECRET_LENGTH)
        # Longest first, so a secret that contains another is replaced whole.
        ordered = sorted(_secrets, key=len, reverse=True)
        _secret_pattern = re.compile("|".join(re.escape(secret) for secret in ordered))


def forget_registered_secrets() -> None:
    """Drop every registered secret (for tests; the patterns stay)."""
    global _secret_pattern
    with _lock:
        _secrets.clear()
        _secret_pattern = None


def redact(text: str) -> str:
    """`text` with registered secrets and credential-looking values replaced by [REDACTED]."""
    pattern = _secret_pattern
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    for regex, replacement in _PATTERNS:
        text = regex.sub(replacement, text)
    return text


class SecretRedactingFilter(logging.Filter):
    """Rewrites a record's message, exception and stack text with secrets redacted."""

    _exception_formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = self._exception_formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _DeferredFileHandler(logging.Handler):
    """Stands for the log file until the first record arrives, then opens it (setup_logging's
    `deferred`): a command that logs nothing neither opens the file nor loads logging.handlers.
    A file that cannot be opened then (a read-only or full profile) loses the log, silently,
    as setup_logging does when it cannot open it at once."""

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self._directory = directory
        self._file: logging.Handler | None = None
        self._unavailable = False

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            if self._unavailable:
                return
            try:
                self._file = _open_log_file(self._directory)
            except OSError:
                self._unavailable = True  # tried once: not again for every record
                return
            self._file.setFormatter(self.formatter)
        self._file.emit(record)  # (already redacted: this handler's filter ran)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _open_log_file(directory: Path) -> logging.Handler:
    from desktop.platform.log_file import PrivateRotatingFileHandler

    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return PrivateRotatingFileHandler(
        directory / LOG_FILE_NAME,
        maxBytes=MAX_LOG_BYTES,
        backupCount=LOG_BACKUP_COUNT,
        encoding="utf-8",
    )


def setup_logging(
    log_dir: str | os.PathLike[str], level: int | str = logging.INFO, *, deferred: bool = False
) -> logging.Handler | None:
    """Send the root logger to ``log_dir/stint.log`` (1 MB x 5 files), secrets redacted.

    Calling it again replaces the handler it installed before (e.g. a different profile).
    Returns the installed handler, or None when the log file cannot be opened (a read-only
    or full profile): Stint then runs without a log file. With `deferred`, the file is opened
    when the first record arrives (the command line: `stint status`, run every few seconds,
    usually logs nothing); a failure then loses the log the same way.
    """
    directory = Path(log_dir)
    if deferred:
        handler: logging.Handler = _DeferredFileHandler(directory)
    else:
        try:
            handler = _open_log_file(directory)
        except OSError:
            # A read-only or full profile: Stint runs on (and says what it cannot save where
            # it matters); only its log is lost. Nothing goes to stderr instead (see
            # log_file's handleError).
            return None
    handler.set_name("stint-file")
    handler.addFilter(SecretRedactingFilter())
    handler.setFormatter(logging.Formatter(LOG_FORMAT))

    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "stint-file"]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)  # warnings.warn(...) from libraries go to the file too
    # Third-party libraries that log request bodies at DEBUG stay quieter than our own code.
    for noisy in ("urllib3", "requests", "simple_salesforce"):
        logging.getLogger(noisy).setLevel(max(root.level, logging.INFO))
    logging.getLogger(__name__).debug("logging to %s", directory / LOG_FILE_NAME)
    return handler
