"""Start a sandbox org on 127.0.0.1 for tests, demos and benchmarks.

    with start_sandbox(size="small") as running:
        sf = running.salesforce()          # a logged-in simple_salesforce.Salesforce
        running.clock.advance(3 * 3600)    # let sessions expire
        running.faults.fail_next(2)        # next two requests answer 503
        running.page_sizes.shorten(seed=7) # query pages sometimes hold fewer records
        running.apps.configure(require_secret_for_web_server=True)   # the connected app
        running.disable_soap_login()       # password sign-in answers INVALID_OPERATION
        running.latency = latency.SALESFORCE  # answers take as long as Salesforce's
"""

from __future__ import annotations

import logging
from typing import Any

import requests
from simple_salesforce import Salesforce
from simple_salesforce.api import DEFAULT_API_VERSION
from simple_salesforce.login import SalesforceLogin

from desktop.sandbox.browser import ScriptedBrowser
from desktop.sandbox.connected_app import ConnectedApp
from desktop.sandbox.context import CONSUMER_KEY
from desktop.sandbox.latency import OFF, LatencyModel
from desktop.sandbox.server import SandboxServer
from desktop.sandbox.soap_login import LAST_VERSION_WITH_LOGIN

logger = logging.getLogger(__name__)


class RunningSandbox:
    """A sandbox org being served over HTTPS, with everything a client needs to reach it."""

    def __init__(self, org: Any, server: SandboxServer) -> None:
        self.org = org
        self._server = server
        self.login_url = server.base_url
        self.instance_url = server.base_url
        self.username: str = org.api_user.username
        self.password: str = org.api_user.password
        self.security_token: str = org.api_user.security_token
        self.client_id = CONSUMER_KEY
        self.ca_file = server.tls.ca_file
        self.admin_url = server.admin_url
        self.clock = org.clock
        self.faults = server.ctx.faults
        self.budget = server.ctx.budget
        self.sessions = server.ctx.sessions
        self.page_sizes = server.ctx.page_sizes  # .shorten(seed): some query pages come back short
        self.apps = server.ctx.apps          # the org's connected apps (connected_app.py)
        self.devices = server.ctx.devices    # pending device sign-ins (device_flow.py)
        self._ctx = server.ctx

    @property
    def connected_app(self) -> ConnectedApp:
        """Stint's connected app as it is set up now (consumer key `client_id`)."""
        app = self.apps.get(self.client_id)
        assert app is not None
        return app

    @property
    def client_secret(self) -> str:
        return self.connected_app.consumer_secret

    def disable_soap_login(self, disabled: bool = True) -> None:
        """Turn SOAP login() off for every API version, as Summer '27 (or a new org) does."""
        self._ctx.soap_login_disabled = disabled

    def allow_oauth_password_flow(self, allowed: bool = True) -> None:
        """The org's "Allow OAuth Username-Password Flows" switch (off by default, as in orgs
        created since Summer '23)."""
        self._ctx.oauth_password_flow_allowed = allowed

    @property
    def latency(self) -> LatencyModel:
        """How long answers take (latency.OFF: at local speed)."""
        return self._ctx.latency

    @latency.setter
    def latency(self, model: LatencyModel) -> None:
        self._ctx.latency = model

    @property
    def port(self) -> int:
        return self._server.port

    def http_session(self) -> requests.Session:
        """A requests session that trusts the sandbox CA (and ignores REQUESTS_CA_BUNDLE & co)."""
        session = requests.Session()
        session.trust_env = False
        session.verify = self.ca_file
        return session

    def login(self, username: str | None = None, *, session: requests.Session | None = None,
              version: str = DEFAULT_API_VERSION) -> tuple[str, str]:
        """SOAP login with simple-salesforce; (session_id, "127.0.0.1:PORT")."""
        user = self._user(username)
        return SalesforceLogin(username=user.username, password=user.password,
                               security_token=user.security_token, sf_version=version,
                               session=session or self.http_session(), scratch_url=self.login_url)

    def salesforce(self, username: str | None = None, *, version: str = DEFAULT_API_VERSION) -> Salesforce:
        """A logged-in client (direct mode: a 401 raises SalesforceExpiredSession) for REST
        `version`; the login itself uses a SOAP version that still has login()."""
        session = self.http_session()
        login_version = min(float(version), LAST_VERSION_WITH_LOGIN)
        session_id, instance = self.login(username, session=session, version=f"{login_version:.1f}")
        return Salesforce(session_id=session_id, instance=instance, session=session, version=version)

    def browser(self, username: str | None = None, password: str | None = None) -> ScriptedBrowser:
        """A stand-in for the system browser on the OAuth approve page (see browser.py):
        pass it where the app would call webbrowser.open; set `.allow = False` to deny."""
        user = self._user(username)
        return ScriptedBrowser(self.http_session(), user.username,
                               user.password if password is None else password)

    def _user(self, username: str | None) -> Any:
        if username is None:
            return self.org.api_user
        user = self.org.user_by_username(username)
        if user is None:
            raise ValueError(f"the sandbox org has no user {username!r}")
        return user

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def serve_org(org: Any, port: int = 0, latency: LatencyModel = OFF) -> RunningSandbox:
    """Serve an existing org on a background thread."""
    server = SandboxServer(org, port=port)
    server.ctx.latency = latency
    server.start_background()
    logger.info("sandbox org %s serving at %s", org.org_id, server.base_url)
    return RunningSandbox(org, server)


def start_sandbox(size: str = "small", seed: int = 1, port: int = 0,
                  latency: LatencyModel = OFF, **counts: int) -> RunningSandbox:
    """Generate an org (see generator.generate_org) and serve it; stop() or use as a context manager."""
    from desktop.sandbox.generator import generate_org

    return serve_org(generate_org(size, seed, **counts), port=port, latency=latency)
