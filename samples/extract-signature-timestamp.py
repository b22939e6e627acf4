#!/usr/bin/env python3
"""Writes out a SignerInfo's signature value and its signature timestamp token, so that
`openssl ts -verify -token_in -in TOKEN -data SIGVALUE` can check the token.

Usage: extract-signature-timestamp.py IN.p7s TOKEN.der SIGVALUE.bin [SIGNER_INDEX]
"""
import sys

import der

SIGNATURE_TIMESTAMP_OID = "1.2.840.113549.1.9.16.2.14"


def main() -> None:
    src, token_out, sig_out = sys.argv[1:4]
    index = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    signer_info = der.signer_infos(der.parse_one(open(src, "rb").read()))[index]
    open(sig_out, "wb").write(der.signature_field(signer_info).value)
    unsigned = signer_info.children[-1]
    if unsigned.tag != b"\xa1":
        raise SystemExit("no unsigned attributes")
    for attribute in unsigned.children:
        if der.oid_to_str(attribute.children[0].value) == SIGNATURE_TIMESTAMP_OID:
            open(token_out, "wb").write(attribute.children[1].children[0].encode())
            return
    raise SystemExit("no signature timestamp attribute")


if __name__ == "__main__":
    main()
