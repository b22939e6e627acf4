#!/usr/bin/env python3
"""Writes out every signature of a sample PDF so openssl can check it (used by check.sh).

Usage: pdf-extract-signatures.py PDF OUTDIR
For the N-th signature dictionary (file order) writes OUTDIR/N.der (the /Contents
bytes; zero padding removed when the CMS has a definite length, kept after NSS's BER
indefinite-length encoding), OUTDIR/N.tbs (the bytes the
/ByteRange covers) and prints "N SUBFILTER BYTERANGE COVERS_WHOLE_FILE".
"""
import os
import re
import sys

import der


def main() -> None:
    pdf, outdir = sys.argv[1], sys.argv[2]
    data = open(pdf, "rb").read()
    n = 0
    # Each object that holds a /ByteRange, whole: a signature dictionary may nest others before
    # its /Type (MuPDF writes /Reference [<< … >>] first), so no regex over one flat dictionary.
    for match in re.finditer(rb"/ByteRange\s*\[", data):
        start = data.rfind(b" obj", 0, match.start())
        end = data.index(b"endobj", match.start())
        body = data[start:end]
        if not re.search(rb"/Type\s*/(?:Sig|DocTimeStamp)\b", body):
            continue
        subfilter = re.search(rb"/SubFilter\s*/([A-Za-z0-9.]+)", body).group(1).decode()
        br = [int(x) for x in re.search(rb"/ByteRange\s*\[([\d\s]+)\]", body).group(1).split()]
        hexstr = re.search(rb"/Contents\s*<([0-9A-Fa-f\s]*)>", body).group(1)
        raw = bytes.fromhex(hexstr.decode())
        n += 1
        if raw[1] == 0x80:  # BER indefinite length (NSS writes it): keep the padding, openssl stops at the end-of-contents
            cms = raw
        else:
            _tag, start, length = der.read_header(raw, 0)
            cms = raw[:start + length]
        open(os.path.join(outdir, f"{n}.der"), "wb").write(cms)
        open(os.path.join(outdir, f"{n}.tbs"), "wb").write(data[br[0]:br[0] + br[1]] + data[br[2]:br[2] + br[3]])
        whole = br[2] + br[3] == len(data)
        print(n, subfilter, " ".join(map(str, br)), "whole" if whole else "partial")


if __name__ == "__main__":
    main()
