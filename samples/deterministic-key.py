#!/usr/bin/env python3
"""Derives a test private key from a name, so that make.sh rebuilds the same PKI every run.

Usage: deterministic-key.py rsa2048|rsa1024|P-256|P-384|P-521 SEED OUT.pem

Writes a traditional PEM (PKCS#1 "RSA PRIVATE KEY" or SEC1 "EC PRIVATE KEY" without the
public point); make.sh then has openssl convert and check it (`openssl pkey -check`), so
openssl computes the EC public point and validates the RSA key. Why a script: openssl
cannot generate a key from a seed. These keys are for the test PKI only: anyone with this
file and the seed can recompute them.
"""
import base64
import hashlib
import math
import sys

import der

CURVES = {
    # name: (OID, order n as `openssl ecparam -param_enc explicit -text` prints it, private key bytes)
    "P-256": ("1.2.840.10045.3.1.7",
              0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551, 32),
    "P-384": ("1.3.132.0.34",
              0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973, 48),
    "P-521": ("1.3.132.0.35",
              0x01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409, 66),
}


class Stream:
    """SHA-256 in counter mode over the seed: a reproducible source of bits."""

    def __init__(self, seed: str):
        self.seed = seed.encode()
        self.counter = 0

    def bits(self, n: int) -> int:
        out = b""
        while len(out) * 8 < n:
            out += hashlib.sha256(self.seed + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
        return int.from_bytes(out, "big") >> (len(out) * 8 - n)


def is_probable_prime(n: int, stream: Stream) -> bool:
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for _ in range(40):
        a = 2 + stream.bits(n.bit_length()) % (n - 3)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def prime(stream: Stream, bits: int, e: int) -> int:
    while True:
        candidate = stream.bits(bits) | (0b11 << (bits - 2)) | 1  # top two bits: n has full length
        if math.gcd(e, candidate - 1) == 1 and is_probable_prime(candidate, stream):
            return candidate


def integer(value: int) -> der.Node:
    return der.Node(b"\x02", value=value.to_bytes(value.bit_length() // 8 + 1, "big", signed=False))


def rsa_key(stream: Stream, bits: int = 2048) -> tuple[str, bytes]:
    e = 65537
    p = prime(stream, bits // 2, e)
    q = prime(stream, bits // 2, e)
    while q == p:
        q = prime(stream, bits // 2, e)
    if p < q:
        p, q = q, p
    n = p * q
    d = pow(e, -1, math.lcm(p - 1, q - 1))
    fields = [0, n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p)]
    return "RSA PRIVATE KEY", der.Node(b"\x30", children=[integer(v) for v in fields]).encode()


def ec_key(stream: Stream, curve: str) -> tuple[str, bytes]:
    curve_oid, order, size = CURVES[curve]
    d = 1 + stream.bits(order.bit_length() + 64) % (order - 1)
    node = der.Node(b"\x30", children=[
        integer(1),
        der.Node(b"\x04", value=d.to_bytes(size, "big")),
        der.Node(b"\xa0", children=[der.oid(curve_oid)]),
    ])
    return "EC PRIVATE KEY", node.encode()


def main() -> None:
    kind, seed, out = sys.argv[1:4]
    stream = Stream("kyso-samples/" + seed)
    if kind in ("rsa2048", "rsa1024"):
        label, body = rsa_key(stream, int(kind[3:]))
    else:
        label, body = ec_key(stream, kind)
    b64 = base64.encodebytes(body).decode().replace("\n", "")
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    open(out, "w").write(f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n")


if __name__ == "__main__":
    main()
