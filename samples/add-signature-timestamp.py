#!/usr/bin/env python3
"""Adds an RFC 3161 signature timestamp to a SignerInfo of a detached CMS (.p7s, DER).

Usage: add-signature-timestamp.py IN.p7s OUT.p7s TSA_CONFIG TIME [SIGNER_INDEX]
(environment: KYSO_TS_NO_CERT=1, KYSO_TS_HASH=sha224|sha1|..., KYSO_TS_DATA=FILE; see below)

The token comes from openssl, not from this script: the SignerInfo's signature value
is written to a file, `openssl ts -query -data FILE -sha256 -cert -no_nonce` makes the
request and `faketime -f TIME openssl ts -reply -config TSA_CONFIG -token_out` answers
it, so genTime is TIME (UTC, "YYYY-MM-DD hh:mm:ss"). The token is then added as the
unsigned attribute id-aa-signatureTimeStampToken (1.2.840.113549.1.9.16.2.14,
RFC 3161 appendix A / ETSI EN 319 122-1) in unsignedAttrs [1]; every enclosing
length is re-encoded. Nothing that the signature covers changes.
"""
import os
import subprocess
import sys
import tempfile

import der

SIGNATURE_TIMESTAMP_OID = "1.2.840.113549.1.9.16.2.14"


def main() -> None:
    src, dst, tsa_config, when = sys.argv[1:5]
    index = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    root = der.parse_one(open(src, "rb").read())
    signer_info = der.signer_infos(root)[index]
    signature = der.signature_field(signer_info).value

    with tempfile.TemporaryDirectory() as tmp:
        sig_file = os.path.join(tmp, "signature-value.bin")
        query = os.path.join(tmp, "request.tsq")
        token_file = os.path.join(tmp, "token.der")
        open(sig_file, "wb").write(signature)
        # KYSO_TS_NO_CERT=1: certReq false, the token carries no certificate (RFC 3161 §2.4.1).
        cert_req = [] if os.environ.get("KYSO_TS_NO_CERT") == "1" else ["-cert"]
        # Attack inputs only: KYSO_TS_HASH picks the imprint's hash (default sha256), and
        # KYSO_TS_DATA stamps that file instead of the signature value.
        imprint_hash = "-" + os.environ.get("KYSO_TS_HASH", "sha256")
        stamped = os.environ.get("KYSO_TS_DATA", sig_file)
        subprocess.run(["openssl", "ts", "-query", "-data", stamped, imprint_hash, *cert_req,
                        "-no_nonce", "-out", query], check=True, stderr=subprocess.DEVNULL)
        subprocess.run(["faketime", "-f", when, "openssl", "ts", "-reply", "-config", tsa_config,
                        "-queryfile", query, "-token_out", "-out", token_file],
                       check=True, stderr=subprocess.DEVNULL)
        token = der.parse_one(open(token_file, "rb").read())

    attribute = der.Node(b"\x30", children=[der.oid(SIGNATURE_TIMESTAMP_OID),
                                            der.Node(b"\x31", children=[token])])
    last = signer_info.children[-1]
    if last.tag == b"\xa1":  # unsignedAttrs already present: add to it
        last.children.append(attribute)
        last.children.sort(key=lambda node: node.encode())  # DER orders a SET OF by encoding
    else:
        signer_info.children.append(der.Node(b"\xa1", children=[attribute]))
    open(dst, "wb").write(root.encode())


if __name__ == "__main__":
    main()
