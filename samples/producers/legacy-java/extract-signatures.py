#!/usr/bin/env python3
"""Writes out every signature of a PDF for openssl (used by peers.sh).

Usage: extract-signatures.py PDF OUTDIR
For the N-th dictionary with a /ByteRange (file order; iText 2.1.7 writes /Type /Sig after
/Contents, or not at all for adbe.x509.rsa_sha1) writes OUTDIR/N.der (/Contents without its
zero padding), OUTDIR/N.tbs (the bytes /ByteRange covers), OUTDIR/N.cert for a /Cert string (the signer's certificate),
and prints "N SUBFILTER".
"""
import re
import sys


def der_length(raw: bytes) -> int:
    first = raw[1]
    if first == 0x80:  # BER indefinite length (BouncyCastle, NSS): openssl stops at the end-of-contents
        return len(raw)
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    return 2 + count + int.from_bytes(raw[2:2 + count], "big")


def literal_string(data: bytes, at: int) -> bytes:
    """The PDF literal string whose body starts at `at` (iText writes /Cert so), unescaped."""
    out, depth, escapes = bytearray(), 1, {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while True:
        c = data[at]
        at += 1
        if c == 0x5C:  # backslash
            c = data[at]
            at += 1
            if 0x30 <= c <= 0x37:
                digits = bytes([c])
                while len(digits) < 3 and 0x30 <= data[at] <= 0x37:
                    digits += bytes([data[at]])
                    at += 1
                out.append(int(digits, 8) & 0xFF)
            elif c in (10, 13):
                if c == 13 and data[at] == 10:
                    at += 1
            else:
                out.append(escapes.get(c, c))
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out)
        out.append(c)


def main() -> None:
    pdf, outdir = sys.argv[1], sys.argv[2]
    data = open(pdf, "rb").read()
    for n, match in enumerate(re.finditer(rb"/ByteRange\s*\[([\d\s]+)\]", data), start=1):
        start = data.rfind(b" obj", 0, match.start())
        body = data[start:data.index(b"endobj", match.start())]
        subfilter = re.search(rb"/SubFilter\s*/([A-Za-z0-9._]+)", body).group(1).decode()
        contents = bytes.fromhex(re.search(rb"/Contents\s*<([0-9A-Fa-f\s]*)>", body).group(1).decode())
        open(f"{outdir}/{n}.der", "wb").write(contents[:der_length(contents)])
        ranges = [int(x) for x in match.group(1).split()]
        open(f"{outdir}/{n}.tbs", "wb").write(b"".join(data[o:o + l] for o, l in zip(ranges[::2], ranges[1::2])))
        cert = re.search(rb"/Cert\s*\(", body)
        if cert:
            open(f"{outdir}/{n}.cert", "wb").write(literal_string(body, cert.end()))
        print(n, subfilter)


if __name__ == "__main__":
    main()
