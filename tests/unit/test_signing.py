"""Detached Ed25519 signatures: made and checked here, and with OpenSSL where it is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from idpc_guard.errors import UsageError
from idpc_guard.signing import (
    load_private_key,
    load_public_key,
    sign,
    signature_holds,
    signature_path,
)


def write_key_pair(folder: Path) -> tuple[Path, Path]:
    """An Ed25519 key pair as OpenSSL writes them (PKCS#8 and SubjectPublicKeyInfo PEM)."""
    key = Ed25519PrivateKey.generate()
    private = folder / "key.pem"
    public = folder / "key.pub.pem"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private, public


def test_a_signature_holds_for_the_bytes_and_not_for_one_changed(tmp_path: Path) -> None:
    private, public = write_key_pair(tmp_path)
    data = b"%PDF-1.7 invented content"
    signature = sign(load_private_key(private), data)
    assert len(signature) == 64
    key = load_public_key(public)
    assert signature_holds(key, data, signature)
    assert not signature_holds(key, data[:-1] + b"X", signature)
    assert signature_holds(load_public_key(private), data, signature)  # the private file will do
    assert signature_path(tmp_path / "a.pdf") == tmp_path / "a.pdf.sig"


def test_bad_keys_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        load_private_key(tmp_path / "missing.pem")
    junk = tmp_path / "junk.pem"
    junk.write_text("not a key\n")
    with pytest.raises(UsageError, match="not a PEM private key"):
        load_private_key(junk)
    with pytest.raises(UsageError, match="not a PEM public key"):
        load_public_key(junk)
    encrypted = tmp_path / "encrypted.pem"
    encrypted.write_bytes(
        Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"invented passphrase"),
        )
    )
    with pytest.raises(UsageError, match="encrypted"):
        load_private_key(encrypted)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_openssl_keys_and_signatures_interoperate(tmp_path: Path) -> None:
    private, public = tmp_path / "key.pem", tmp_path / "key.pub.pem"

    def openssl(*args: object) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["openssl", *map(str, args)], capture_output=True, check=False)

    assert openssl("genpkey", "-algorithm", "ed25519", "-out", private).returncode == 0
    assert openssl("pkey", "-in", private, "-pubout", "-out", public).returncode == 0
    document = tmp_path / "copy.pdf"
    document.write_bytes(b"%PDF-1.7 invented content\n")
    signature = signature_path(document)
    signature.write_bytes(sign(load_private_key(private), document.read_bytes()))
    verified = openssl(
        "pkeyutl", "-verify", "-pubin", "-inkey", public, "-rawin", "-in", document,
        "-sigfile", signature,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stdout + verified.stderr
    by_openssl = tmp_path / "by-openssl.sig"
    made = openssl("pkeyutl", "-sign", "-inkey", private, "-rawin", "-in", document,
                   "-out", by_openssl)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert signature_holds(load_public_key(public), document.read_bytes(), by_openssl.read_bytes())
