"""A browser sign-in callback URL on a free port, registered on a sandbox's connected app.

Stint's default callback port is fixed (7846); tests running in parallel (pytest-xdist, other
checkouts on the same machine) each take a free port instead, and register it as an admin
would, so no two sign-ins race for one port.
"""

from __future__ import annotations

import errno
import socket
from typing import Any


def free_port() -> int:
    """A TCP port nothing listens on right now (on 127.0.0.1 and, where there is one, ::1)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if _free_on_ipv6(port):
            return port


def _free_on_ipv6(port: int) -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", port))
    except OSError as exc:
        return exc.errno != errno.EADDRINUSE  # no IPv6 at all is fine
    return True


def registered_callback_url(sandbox: Any, path: str = "/oauth/callback") -> str:
    """http://localhost:<free port><path>, listed on the sandbox's connected app."""
    url = f"http://localhost:{free_port()}{path}"
    sandbox.apps.add_callback_url(url)
    return url
