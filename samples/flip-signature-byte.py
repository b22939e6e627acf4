#!/usr/bin/env python3
"""Flips the last byte of one SignerInfo's signature value in a DER CMS file.

Usage: flip-signature-byte.py IN.p7s OUT.p7s [SIGNER_INDEX]

Only the signature OCTET STRING's last content byte changes (XOR 0x01), so the file
still parses and a verifier must fail on the signature maths, not on the format.
Prints the absolute offset of the flipped byte so it can be checked against
`openssl asn1parse -inform DER -in IN.p7s`.
"""
import sys

import der


def main() -> None:
    src, dst = sys.argv[1], sys.argv[2]
    index = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    data = open(src, "rb").read()
    root = der.parse_one(data)
    sig = der.signature_field(der.signer_infos(root)[index])
    original = sig.value
    sig.value = original[:-1] + bytes([original[-1] ^ 0x01])
    out = root.encode()
    if len(out) != len(data):
        raise SystemExit("re-encoding changed the length: input was not DER")
    diff = [i for i in range(len(data)) if data[i] != out[i]]
    if len(diff) != 1:
        raise SystemExit(f"expected exactly one changed byte, got {len(diff)}")
    open(dst, "wb").write(out)
    print(f"flipped byte at offset {diff[0]} (0x{data[diff[0]]:02x} -> 0x{out[diff[0]]:02x}); "
          f"signature value {len(original)} bytes")


if __name__ == "__main__":
    main()
