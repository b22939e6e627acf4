#!/usr/bin/env python3
"""Adds a CAdES counter-signature (RFC 5652 §11.4) to the first SignerInfo of a detached
CMS (.p7s, DER).

Usage: add-countersignature.py IN.p7s OUT.p7s SIGNER.pem SIGNER.key [--digest-of FILE] [--content-type]

openssl computes everything a verifier checks: `openssl dgst -sha256 -binary` digests the
parent SignerInfo's signature value (or FILE, to make a counter-signature over something
else), and `openssl dgst -sha256 -sign SIGNER.key` signs the DER SET of the counter-
signature's signed attributes (messageDigest, signingTime 2025-03-01T09:30:00Z, and with
--content-type a content-type attribute, which §11.4 forbids). This script only lays out
the bytes: the SignerInfo (version 1, issuerAndSerialNumber from SIGNER.pem, sha256,
rsaEncryption), the unsigned attribute countersignature (1.2.840.113549.1.9.6) in the
parent's unsignedAttrs [1], and SIGNER.pem added to the SignedData certificates; every
enclosing length is re-encoded. Nothing the parent signature covers changes.
"""
import os
import subprocess
import sys
import tempfile

import der

COUNTERSIGNATURE_OID = "1.2.840.113549.1.9.6"
MESSAGE_DIGEST_OID = "1.2.840.113549.1.9.4"
SIGNING_TIME_OID = "1.2.840.113549.1.9.5"
CONTENT_TYPE_OID = "1.2.840.113549.1.9.3"
DATA_OID = "1.2.840.113549.1.7.1"
SHA256_OID = "2.16.840.1.101.3.4.2.1"
RSA_OID = "1.2.840.113549.1.1.1"


def openssl(*args: str) -> bytes:
    return subprocess.run(["openssl", *args], check=True, capture_output=True).stdout


def attribute(oid: str, value: der.Node) -> der.Node:
    return der.Node(b"\x30", children=[der.oid(oid), der.Node(b"\x31", children=[value])])


def main() -> None:
    src, dst, cert_pem, key = sys.argv[1:5]
    flags = sys.argv[5:]
    digest_of = flags[flags.index("--digest-of") + 1] if "--digest-of" in flags else None
    root = der.parse_one(open(src, "rb").read())
    parent = der.signer_infos(root)[0]
    cert = der.parse_one(openssl("x509", "-in", cert_pem, "-outform", "DER"))
    tbs = cert.children[0]
    offset = 1 if tbs.children[0].tag == b"\xa0" else 0  # [0] version
    serial, issuer = tbs.children[offset], tbs.children[offset + 2]

    with tempfile.TemporaryDirectory() as tmp:
        value_file = os.path.join(tmp, "parent-signature.bin")
        open(value_file, "wb").write(der.signature_field(parent).value)
        digest = openssl("dgst", "-sha256", "-binary", digest_of or value_file)
        attrs = [attribute(MESSAGE_DIGEST_OID, der.Node(b"\x04", value=digest)),
                 attribute(SIGNING_TIME_OID, der.Node(b"\x17", value=b"250301093000Z"))]
        if "--content-type" in flags:
            attrs.append(attribute(CONTENT_TYPE_OID, der.oid(DATA_OID)))
        attrs.sort(key=lambda node: node.encode())  # DER orders a SET OF by encoding
        signed = der.Node(b"\x31", children=attrs)
        signed_file = os.path.join(tmp, "signed-attributes.der")
        open(signed_file, "wb").write(signed.encode())
        signature = openssl("dgst", "-sha256", "-sign", key, signed_file)

    signer_info = der.Node(b"\x30", children=[
        der.Node(b"\x02", value=b"\x01"),
        der.Node(b"\x30", children=[issuer, serial]),
        der.Node(b"\x30", children=[der.oid(SHA256_OID)]),
        der.Node(b"\xa0", children=attrs),
        der.Node(b"\x30", children=[der.oid(RSA_OID), der.Node(b"\x05", value=b"")]),
        der.Node(b"\x04", value=signature),
    ])
    counter = attribute(COUNTERSIGNATURE_OID, signer_info)
    last = parent.children[-1]
    if last.tag == b"\xa1":
        last.children.append(counter)
        last.children.sort(key=lambda node: node.encode())
    else:
        parent.children.append(der.Node(b"\xa1", children=[counter]))
    signed_data = root.children[1].children[0]
    certificates = next((child for child in signed_data.children if child.tag == b"\xa0"), None)
    if certificates is None:
        raise ValueError("the SignedData carries no certificates [0]")
    certificates.children.append(cert)
    open(dst, "wb").write(root.encode())


if __name__ == "__main__":
    main()
