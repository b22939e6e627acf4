#!/usr/bin/env python3
"""Hostile detached CMS signatures r03–r10 (test/fixtures/attacks/cms/README.md, test/redteam/cms-attacks.test.ts).

Builds SignedData structures by hand (a small DER writer) and signs the signed attributes
with the test PKI's keys (samples/ca/*.key) through python3's `cryptography` package.
RSA PKCS#1 v1.5 is deterministic and the keys are derived from their names, so a rebuild
is byte-identical. kyso's code is never used. Usage: make-attacks-cms.py OUTDIR
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

HERE = Path(__file__).resolve().parent
CA = HERE / "ca"


def tlv(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        length = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + length + body


def seq(*parts: bytes) -> bytes:
    return tlv(0x30, b"".join(parts))


def set_of(*parts: bytes) -> bytes:
    # DER: SET OF members sorted by their encodings
    return tlv(0x31, b"".join(sorted(parts)))


def oid(dotted: str) -> bytes:
    nums = [int(x) for x in dotted.split(".")]
    body = bytes([40 * nums[0] + nums[1]])
    for n in nums[2:]:
        chunk = [n & 0x7F]
        n >>= 7
        while n:
            chunk.append(0x80 | (n & 0x7F))
            n >>= 7
        body += bytes(reversed(chunk))
    return tlv(0x06, body)


def integer(n: int) -> bytes:
    raw = n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big", signed=True)
    return tlv(0x02, raw)


def octets(b: bytes) -> bytes:
    return tlv(0x04, b)


def explicit(n: int, body: bytes) -> bytes:
    return tlv(0xA0 + n, body)


def implicit_constructed(n: int, body_parts: bytes) -> bytes:
    return tlv(0xA0 + n, body_parts)


NULL = b"\x05\x00"
ID_DATA = "1.2.840.113549.1.7.1"
ID_SIGNED_DATA = "1.2.840.113549.1.7.2"
CONTENT_TYPE = "1.2.840.113549.1.9.3"
MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
SIGNING_TIME = "1.2.840.113549.1.9.5"
SHA256 = "2.16.840.1.101.3.4.2.1"
RSA = "1.2.840.113549.1.1.1"
SHA256_RSA = "1.2.840.113549.1.1.11"


def alg(o: str, params: bytes | None = NULL) -> bytes:
    return seq(oid(o), params if params is not None else b"")


def cert(name: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate((CA / f"{name}.pem").read_bytes())


def key(name: str):
    return serialization.load_pem_private_key((CA / f"{name}.key").read_bytes(), password=None)


def der(c: x509.Certificate) -> bytes:
    return c.public_bytes(serialization.Encoding.DER)


def issuer_and_serial(c: x509.Certificate) -> bytes:
    return seq(c.issuer.public_bytes(), integer(c.serial_number))


def attribute(o: str, *values: bytes) -> bytes:
    return seq(oid(o), set_of(*values))


def utc_time(text: str) -> bytes:
    return tlv(0x17, text.encode())


def signed_data(
    *,
    signer: str,
    attrs: list[bytes] | None,
    econtent: bytes | None = None,
    econtent_type: str = ID_DATA,
    sid_cert: str | None = None,
    certs: list[str] | None = None,
    signed_bytes: bytes | None = None,
) -> bytes:
    """A SignedData with one SignerInfo. `attrs` None: no signed attributes (the
    signature is over `signed_bytes`, the content)."""
    signer_cert = cert(sid_cert or signer)
    if attrs is not None:
        signed_attrs_set = set_of(*attrs)
        to_sign = signed_attrs_set
        signed_attrs_field = tlv(0xA0, signed_attrs_set[2 if signed_attrs_set[1] < 0x80 else 2 + (signed_attrs_set[1] & 0x7F):])
    else:
        assert signed_bytes is not None
        to_sign = signed_bytes
        signed_attrs_field = b""
    signature = key(signer).sign(to_sign, padding.PKCS1v15(), hashes.SHA256())
    signer_info = seq(
        integer(1),
        issuer_and_serial(signer_cert),
        alg(SHA256),
        signed_attrs_field,
        alg(SHA256_RSA),
        octets(signature),
    )
    encap = seq(oid(econtent_type), explicit(0, octets(econtent)) if econtent is not None else b"")
    cert_bag = implicit_constructed(0, b"".join(der(cert(n)) for n in (certs or [signer, "intermediate"])))
    sd = seq(integer(1), set_of(alg(SHA256)), encap, cert_bag, set_of(signer_info))
    return seq(oid(ID_SIGNED_DATA), explicit(0, sd))


def standard_attrs(content: bytes, content_type: str = ID_DATA) -> list[bytes]:
    return [
        attribute(CONTENT_TYPE, oid(content_type)),
        attribute(SIGNING_TIME, utc_time("250301090000Z")),
        attribute(MESSAGE_DIGEST, octets(hashlib.sha256(content).digest())),
    ]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    file_text = "Công văn số 123/UBND-VP: nội dung thật.\n".encode()
    forged_text = "Công văn số 999/GIA-MAO: nội dung giả.\n".encode()

    def write(name: str, content: bytes, p7s: bytes) -> None:
        (out / f"{name}.txt").write_bytes(content)
        (out / f"{name}.txt.p7s").write_bytes(p7s)

    # r03: signed attributes without messageDigest: nothing binds the content.
    write("r03-no-message-digest", file_text,
          signed_data(signer="person", attrs=[attribute(CONTENT_TYPE, oid(ID_DATA)), attribute(SIGNING_TIME, utc_time("250301090000Z"))]))
    # r04: the signed contentType says id-signedData while eContentType is id-data.
    write("r04-content-type-mismatch", file_text,
          signed_data(signer="person", attrs=standard_attrs(file_text, ID_SIGNED_DATA)))
    # r05: two messageDigest attributes, one for the file and one for the forged text.
    write("r05-two-message-digests", forged_text,
          signed_data(signer="person", attrs=standard_attrs(file_text) + [attribute(MESSAGE_DIGEST, octets(hashlib.sha256(forged_text).digest()))]))
    # r06: one messageDigest attribute holding two values.
    write("r06-message-digest-two-values", forged_text,
          signed_data(signer="person", attrs=[attribute(CONTENT_TYPE, oid(ID_DATA)), attribute(MESSAGE_DIGEST, octets(hashlib.sha256(file_text).digest()), octets(hashlib.sha256(forged_text).digest()))]))
    # r07: the SignerInfo's sid names the organisation's certificate (also in the bag), the
    # person's key signed: the organisation must never be reported as the signer.
    write("r07-sid-names-other-certificate", file_text,
          signed_data(signer="person", sid_cert="organization", attrs=standard_attrs(file_text), certs=["person", "organization", "intermediate"]))
    # r08: no signed attributes and eContentType other than id-data (RFC 5652 5.3: the
    # attributes must then be present).
    write("r08-other-econtent-type-no-attrs", file_text,
          signed_data(signer="person", attrs=None, econtent_type="1.2.840.113549.1.9.16.1.4", signed_bytes=file_text))
    # r09: control: a correct detached signature made the same way.
    write("r09-control", file_text, signed_data(signer="person", attrs=standard_attrs(file_text)))
    # r10: two contentType attributes.
    write("r10-two-content-types", file_text,
          signed_data(signer="person", attrs=standard_attrs(file_text) + [attribute(CONTENT_TYPE, oid(ID_SIGNED_DATA))]))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
