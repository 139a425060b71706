"""`stint --demo`: a throwaway profile connected to a built-in sandbox org.

The sandbox (desktop.sandbox, a Salesforce-compatible HTTPS server with a generated "demo"
org) runs inside the app on 127.0.0.1; the sign-in is kept in memory only (a
MemorySecretStore), and the profile directory is deleted when the app quits.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.platform.secrets import MemorySecretStore

log = logging.getLogger(__name__)


@dataclass
class DemoEnvironment:
    profile_dir: Path
    secret_store: MemorySecretStore = field(default_factory=MemorySecretStore)
    sandbox: Any = None

    @classmethod
    def create(cls) -> DemoEnvironment:
        return cls(Path(tempfile.mkdtemp(prefix="stint-demo-")))

    def connect(self, engine: Any) -> None:
        """Start the sandbox org and connect `engine` to it with the sandbox's password.

        Runs on a worker thread (generating the org and its TLS certificate takes a moment).
        """
        from desktop.sandbox.harness import start_sandbox

        self.sandbox = start_sandbox(size="demo")
        # The demo org's connected app is Stint's: it lists this profile's callback URL, so
        # unlinking and signing in again through the browser (or with a code) works too.
        settings = engine.settings.current()
        self.sandbox.apps.add_callback_url(settings.oauth_callback_url)
        engine.settings.save(settings.with_changes(consumer_key=self.sandbox.client_id))
        engine.connect_password(
            self.sandbox.username,
            self.sandbox.password,
            self.sandbox.security_token,
            login_url=self.sandbox.login_url,
            ca_file=self.sandbox.ca_file,
        )
        log.info("demo profile connected to the sandbox org at %s", self.sandbox.login_url)

    def stop(self) -> None:
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None
        shutil.rmtree(self.profile_dir, ignore_errors=True)
