"""Throwaway TLS material for the sandbox: a local CA and a server certificate for 127.0.0.1.

Clients verify the server against the CA file written here; nothing ever disables
certificate verification.
"""

from __future__ import annotations

import ssl
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import trustme


@dataclass
class TlsMaterial:
    """A server-side SSL context plus the CA file clients should trust."""

    ssl_context: ssl.SSLContext
    ca_file: str
    _directory: tempfile.TemporaryDirectory = field(repr=False)

    def cleanup(self) -> None:
        """Remove the temporary directory holding the CA file."""
        self._directory.cleanup()


def create_tls_material() -> TlsMaterial:
    """Generate a fresh CA and a certificate for 127.0.0.1 / localhost / ::1."""
    authority = trustme.CA(organization_name="Stint sandbox CA")
    server_cert = authority.issue_cert("127.0.0.1", "localhost", "::1")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    server_cert.configure_cert(context)
    directory = tempfile.TemporaryDirectory(prefix="stint-sandbox-ca-")
    ca_path = Path(directory.name) / "sandbox-ca.pem"
    authority.cert_pem.write_to_path(str(ca_path))
    return TlsMaterial(ssl_context=context, ca_file=str(ca_path), _directory=directory)
