"""Detached Ed25519 signatures of the outputs (``--sign-key``), with standard tooling.

A team holds an Ed25519 key made by ``openssl genpkey -algorithm ed25519 -out key.pem``
(PEM, PKCS#8, unencrypted) and gives its public half
(``openssl pkey -in key.pem -pubout -out key.pub.pem``) to whoever checks a copy. The
signature of a file is written beside it as ``FILE.sig``: the 64 raw bytes of the
Ed25519 signature of the file's bytes, which OpenSSL checks as it is::

    openssl pkeyutl -verify -pubin -inkey key.pub.pem -rawin -in FILE -sigfile FILE.sig
"""

from __future__ import annotations

from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from idpc_guard.errors import UsageError

#: Added to a file's name for its detached signature.
SIGNATURE_SUFFIX = ".sig"


def signature_path(path: Path) -> Path:
    """Where the detached signature of ``path`` is: ``path`` with ``.sig`` added."""
    return path.with_name(path.name + SIGNATURE_SUFFIX)


def _read_key_file(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the {what} {path}: {exc.strerror or exc}") from exc


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 private key in the PEM file at ``path``.

    Raises:
        UsageError: the file cannot be read, is not a PEM private key, is encrypted,
            or is not an Ed25519 key.
    """
    data = _read_key_file(path, "signing key")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise UsageError(
            f"the signing key {path} is encrypted: give an unencrypted Ed25519 key"
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise UsageError(
            f"{path} is not a PEM private key: make one with "
            "'openssl genpkey -algorithm ed25519 -out key.pem'"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise UsageError(f"the signing key {path} is not an Ed25519 key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The Ed25519 public key in the PEM file at ``path`` (or the public half of a private key).

    Raises:
        UsageError: the file cannot be read or holds no Ed25519 key.
    """
    data = _read_key_file(path, "public key")
    try:
        key: object = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        try:
            key = serialization.load_pem_private_key(data, password=None).public_key()
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise UsageError(
                f"{path} is not a PEM public key: make it with "
                "'openssl pkey -in key.pem -pubout -out key.pub.pem'"
            ) from None
    if not isinstance(key, Ed25519PublicKey):
        raise UsageError(f"the public key {path} is not an Ed25519 key")
    return key


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The detached signature of ``data`` (64 raw bytes)."""
    return key.sign(data)


def signature_holds(key: Ed25519PublicKey, data: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is ``key``'s signature of exactly ``data``."""
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True
