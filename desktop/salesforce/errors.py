"""Connection problems Stint can explain to a person, in plain language.

Every exception here carries a `.message` written for the user (in English: the command line
prints it, the log keeps it) and the same as `.text`, a Message the app shows translated: its
template is marked with QT_TRANSLATE_NOOP("ConnectionProblem", ...), host names, paths and
Salesforce's own error text are its values. Messages are built only from fixed templates, host
names and Salesforce's own error text for rejected requests: never from passwords, security
tokens, access or refresh tokens, authorization codes or request bodies.
How library exceptions become these classes lives in one place: `error_mapping.py`.
"""

from __future__ import annotations

from desktop.domain.text import QT_TRANSLATE_NOOP, Message

_CONTEXT = "ConnectionProblem"


class ConnectionProblem(Exception):
    """Base of every Salesforce connection/request problem shown to the user.

    `setup_topic` names the section of docs/salesforce-setup.md that fixes the problem when
    its cause is how Salesforce (or Stint) is set up rather than something the user typed or
    the network: the Settings page then links to that guide.
    """

    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem", "Something went wrong while talking to Salesforce.")
    setup_topic: str | None = None

    def __init__(self, message: str | Message | None = None, *values: object) -> None:
        """`message` is a template marked with QT_TRANSLATE_NOOP("ConnectionProblem", ...)
        filled with `values`, or a Message; the class's `default_message` without one."""
        if isinstance(message, Message):
            self.text = message
        else:
            self.text = Message(_CONTEXT, message or self.default_message, *values)
        self.message = str(self.text)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class InvalidLoginUrl(ConnectionProblem):
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "The login URL is not valid. Use https://login.salesforce.com, "
        "https://test.salesforce.com or your My Domain URL."
    )


class InsecureLoginUrl(InvalidLoginUrl):
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "The login URL must start with https:// so that your credentials are never sent "
        "unencrypted."
    )


class WrongCredentials(ConnectionProblem):
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Salesforce did not accept the username, password or security token. "
        "Check them and try again."
    )


class ApiDisabled(ConnectionProblem):
    setup_topic = "permissions"
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Salesforce refused API access for this user; make sure API access is enabled for "
        "your profile ('API Enabled' permission)."
    )


class CredentialsMissing(ConnectionProblem):
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Stint has no saved sign-in for Salesforce on this computer; connect again.",
    )


class RefreshTokenRevoked(ConnectionProblem):
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem", "Stint's access was revoked; sign in again.")


class AuthorizationFailed(ConnectionProblem):
    """The browser or device sign-in (OAuth) did not complete."""

    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem", "Signing in through the browser did not complete; try again.")


class SignInTimedOut(AuthorizationFailed):
    """Nobody finished the sign-in in the browser in time; a callback URL the connected app
    does not list ends the same way (Salesforce shows its error in the browser instead)."""

    setup_topic = "callback-url"

    def __init__(self, callback_url: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "ConnectionProblem",
            "Stint waited too long for the browser sign-in to finish; try again. If the browser "
            "showed \"redirect_uri_mismatch\", the connected app does not list Stint's callback "
            "URL %1: your Salesforce administrator must add it."), callback_url)


class AuthorizationDenied(AuthorizationFailed):
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Access to Salesforce was not allowed in the browser, so Stint is not connected."
    )


class StateMismatch(AuthorizationFailed):
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "The browser sign-in answer did not belong to the request Stint made, so it was "
        "ignored for your safety; try signing in again."
    )


class InvalidConsumerKey(AuthorizationFailed):
    setup_topic = "consumer-key"
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Salesforce does not recognise the consumer key: this org has no connected app with "
        "it. Check the consumer key in the connection settings (Advanced)."
    )


class ConsumerSecretRequired(AuthorizationFailed):
    setup_topic = "consumer-secret"
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "This connected app requires a consumer secret. Enter it under Advanced, or ask your "
        "Salesforce administrator to turn off \"Require Secret for Web Server Flow\" and "
        "\"Require Secret for Refresh Token Flow\" (Stint signs in with PKCE instead)."
    )


class ConsumerSecretWrong(AuthorizationFailed):
    setup_topic = "consumer-secret"
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Salesforce did not accept the consumer secret: it is not this connected app's. Copy "
        "it again from the app's settings in Salesforce."
    )


class ScopeNotAllowed(AuthorizationFailed):
    setup_topic = "scopes"
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "The connected app does not allow the access Stint asks for. Your Salesforce "
        "administrator must select these OAuth scopes: api, id, refresh_token."
    )


class DeviceFlowDisabled(AuthorizationFailed):
    setup_topic = "device-flow"
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Sign-in with a code is not enabled for this connected app. Ask your Salesforce "
        "administrator to turn on \"Enable Device Flow\", or sign in with the browser."
    )


class DeviceCodeExpired(AuthorizationFailed):
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "The sign-in code expired before it was used; start the sign-in again.",
    )


class CallbackPortBusy(AuthorizationFailed):
    """Another program listens on the port of Stint's callback URL."""

    setup_topic = "callback-url"

    def __init__(self, port: int) -> None:
        self.port = port
        super().__init__(QT_TRANSLATE_NOOP(
            "ConnectionProblem",
            "Another program on this computer is using port %1, where Stint receives the "
            "browser sign-in. Close that program and try again, or sign in with a code instead; "
            "your administrator can also move Stint to another port (the connected app must "
            "then list the new callback URL)."), port)


class PasswordSignInRetired(ConnectionProblem):
    """SOAP login() answered INVALID_OPERATION: turned off in this org, or retired."""

    setup_topic = "password-sign-in"
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Salesforce no longer accepts password sign-in for this org (SOAP API login() is "
        "turned off or retired). Sign in with the browser instead, or with a code where no "
        "browser can be used on this computer."
    )


class SessionExpired(ConnectionProblem):
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Your Salesforce session expired and could not be renewed; sign in again.",
    )


class HostUnreachable(ConnectionProblem):
    """`reason` completes "<host> ...": a text marked with QT_TRANSLATE_NOOP("ConnectionProblem",
    ...) (error_mapping's), so that it is translated with the rest."""

    def __init__(self, host: str,
                 reason: str = QT_TRANSLATE_NOOP("ConnectionProblem", "could not be reached"),
                 ) -> None:
        self.host = host
        self.reason = reason
        super().__init__(QT_TRANSLATE_NOOP(
            "ConnectionProblem",
            "%1 %2. Check the login URL and your network connection, then try again."),
            host, Message(_CONTEXT, reason))


CHOOSE_CA_FILE = QT_TRANSLATE_NOOP(
    "ConnectionProblem",
    "choose it in Settings (Connection: CA certificate file), or run `stint settings set "
    "ca_file PATH`")


class TlsProblem(ConnectionProblem):
    def __init__(self, host: str, ca_file: str | None = None) -> None:
        self.host = host
        self.ca_file = ca_file
        choose = Message(_CONTEXT, CHOOSE_CA_FILE)
        if ca_file:
            super().__init__(QT_TRANSLATE_NOOP(
                "ConnectionProblem",
                "The secure connection to %1 could not be verified with the CA certificate "
                "file %2 (it is not the certificate this server's is signed with, or no "
                "certificate at all), so Stint did not send anything. Get the right file from "
                "your IT department and %3; leave the setting empty if your "
                "network does not inspect HTTPS traffic."), host, ca_file, choose)
        else:
            super().__init__(QT_TRANSLATE_NOOP(
                "ConnectionProblem",
                "The secure connection to %1 could not be verified (certificate problem), "
                "so Stint did not send anything. If your network inspects HTTPS traffic, ask "
                "your IT department for its certificate and %2."), host, choose)


class CaFileMissing(ConnectionProblem):
    """The CA certificate file the settings name is not there any more (moved, deleted)."""

    def __init__(self, ca_file: str) -> None:
        self.ca_file = ca_file
        super().__init__(QT_TRANSLATE_NOOP(
            "ConnectionProblem",
            "The CA certificate file %1 that Stint trusts for Salesforce is missing "
            "(moved or deleted), so Stint did not connect. Put it back, or %2."),
            ca_file, Message(_CONTEXT, CHOOSE_CA_FILE))


class RateLimited(ConnectionProblem):
    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Your Salesforce org has used up its daily API request limit; Stint will try again later."
    )


class MalformedResponse(ConnectionProblem):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(QT_TRANSLATE_NOOP(
            "ConnectionProblem",
            "%1 sent an answer Stint could not read (incomplete or not in the format "
            "Salesforce uses). Try again later."), host)


class ServerError(ConnectionProblem):
    def __init__(self, host: str, status: int) -> None:
        self.host = host
        self.status = status
        super().__init__(QT_TRANSLATE_NOOP(
            "ConnectionProblem",
            "Salesforce (%1) had a problem answering (HTTP %2). Try again later."), host, status)


class RequestRejected(ConnectionProblem):
    """Salesforce understood the request and refused it (bad query, missing record, access)."""

    def __init__(self, status: int, error_code: str, sf_message: str) -> None:
        self.status = status
        self.error_code = error_code
        self.sf_message = sf_message
        details = sf_message or Message(
            _CONTEXT, QT_TRANSLATE_NOOP("ConnectionProblem", "no details given"))
        super().__init__(QT_TRANSLATE_NOOP(
            "ConnectionProblem", "Salesforce rejected a request: %1 (%2)."),
            details, error_code or status)


class ApiVersionRetired(ConnectionProblem):
    """410 GONE: Salesforce retired the REST API version this Stint speaks."""

    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Salesforce no longer offers the API version this Stint uses (it was retired). "
        "Update Stint to keep syncing."
    )


class RequestTooLarge(ConnectionProblem):
    """A request over Salesforce's 16,384-byte limit for URI plus headers (414 / 431)."""

    default_message = QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "A request to Salesforce was too long for it to accept (the address and headers may "
        "hold at most 16,384 bytes). This is a bug in Stint; please report it."
    )


class Cancelled(Exception):
    """The caller asked the operation to stop (e.g. a sync was cancelled). Not a failure."""

    def __init__(self) -> None:
        super().__init__("The operation was cancelled.")
