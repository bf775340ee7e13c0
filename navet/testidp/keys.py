"""Test-ID-porten's signing key: made once, kept in a git-ignored file.

Only the standard library and `cryptography` are used here, because settings.py reads the
key at start-up, before Django is set up."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def load_or_create_key(path: Path) -> str:
    """The PEM in `path`, made first if there is none. Two processes starting at once agree
    on one key: the file is linked into place only if it is not there yet."""
    if path.exists():
        return path.read_text()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".testidp-")
    try:
        os.write(fd, pem)
        os.close(fd)
        os.chmod(temporary, 0o600)
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
    return path.read_text()
