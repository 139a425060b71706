"""Connection problems Stint can explain to a person, in plain language.

Every exception here carries a `.message` written for the user. Messages are built only from
fixed templates, host names and Salesforce's own error text for rejected requests: never from
passwords, security tokens, access or refresh tokens, authorization codes or request bodies.
How library exceptions become these classes lives in one place: `error_mapping.py`.
"""

from __future__ import annotations


class ConnectionProblem(Exception):
    """Base of every Salesforce connection/request problem shown to the user."""

    default_message = "Something went wrong while talking to Salesforce."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class InvalidLoginUrl(ConnectionProblem):
    default_message = (
        "The login URL is not valid. Use https://login.salesforce.com, "
        "https://test.salesforce.com or your My Domain URL."
    )


class InsecureLoginUrl(InvalidLoginUrl):
    default_message = (
        "The login URL must start with https:// so that your credentials are never sent "
        "unencrypted."
    )


class WrongCredentials(ConnectionProblem):
    default_message = (
        "Salesforce did not accept the username, password or security token. "
        "Check them and try again."
    )


class ApiDisabled(ConnectionProblem):
    default_message = (
        "Salesforce refused API access for this user; make sure API access is enabled for "
        "your profile ('API Enabled' permission)."
    )


class CredentialsMissing(ConnectionProblem):
    default_message = "Stint has no saved sign-in for Salesforce on this computer; connect again."


class RefreshTokenRevoked(ConnectionProblem):
    default_message = "Stint's access was revoked; sign in again."


class AuthorizationFailed(ConnectionProblem):
    """The browser sign-in (OAuth) did not complete."""

    default_message = "Signing in through the browser did not complete; try again."


class AuthorizationDenied(AuthorizationFailed):
    default_message = (
        "Access to Salesforce was not allowed in the browser, so Stint is not connected."
    )


class StateMismatch(AuthorizationFailed):
    default_message = (
        "The browser sign-in answer did not belong to the request Stint made, so it was "
        "ignored for your safety; try signing in again."
    )


class InvalidConsumerKey(AuthorizationFailed):
    default_message = (
        "Salesforce does not recognise the consumer key; check the connected app's consumer "
        "key in the connection settings."
    )


class SessionExpired(ConnectionProblem):
    default_message = "Your Salesforce session expired and could not be renewed; sign in again."


class HostUnreachable(ConnectionProblem):
    def __init__(self, host: str, reason: str = "could not be reached") -> None:
        self.host = host
        self.reason = reason
        super().__init__(
            f"{host} {reason}. Check the login URL and your network connection, then try again."
        )


class TlsProblem(ConnectionProblem):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"The secure connection to {host} could not be verified (certificate problem), "
            "so Stint did not send anything. If your network inspects HTTPS traffic, ask your "
            "IT department for its certificate."
        )


class RateLimited(ConnectionProblem):
    default_message = (
        "Your Salesforce org has used up its daily API request limit; Stint will try again later."
    )


class MalformedResponse(ConnectionProblem):
    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"{host} sent an answer Stint could not read (incomplete or not in the format "
            "Salesforce uses). Try again later."
        )


class ServerError(ConnectionProblem):
    def __init__(self, host: str, status: int) -> None:
        self.host = host
        self.status = status
        super().__init__(
            f"Salesforce ({host}) had a problem answering (HTTP {status}). Try again later."
        )


class RequestRejected(ConnectionProblem):
    """Salesforce understood the request and refused it (bad query, missing record, access)."""

    def __init__(self, status: int, error_code: str, sf_message: str) -> None:
        self.status = status
        self.error_code = error_code
        self.sf_message = sf_message
        text = sf_message or "no details given"
        super().__init__(f"Salesforce rejected a request: {text} ({error_code or status}).")


class ApiVersionRetired(ConnectionProblem):
    """410 GONE: Salesforce retired the REST API version this Stint speaks."""

    default_message = (
        "Salesforce no longer offers the API version this Stint uses (it was retired). "
        "Update Stint to keep syncing."
    )


class RequestTooLarge(ConnectionProblem):
    """A request over Salesforce's 16,384-byte limit for URI plus headers (414 / 431)."""

    default_message = (
        "A request to Salesforce was too long for it to accept (the address and headers may "
        "hold at most 16,384 bytes). This is a bug in Stint; please report it."
    )


class Cancelled(Exception):
    """The caller asked the operation to stop (e.g. a sync was cancelled). Not a failure."""

    def __init__(self) -> None:
        super().__init__("The operation was cancelled.")
