"""Minimal DER reader/writer for the sample helper scripts (python3 stdlib only).

Only what the helpers need: parse a definite-length DER tree, keep every primitive
value byte-for-byte, and re-encode constructed nodes so that lengths are fixed up
after a child was changed. Indefinite lengths (BER) are refused: the samples are
made with `openssl ... -outform DER`, which never writes them.
"""

from __future__ import annotations


class Node:
    """One TLV. `children` is set for constructed nodes, `value` for primitive ones."""

    def __init__(self, tag: bytes, value: bytes | None = None, children: list[Node] | None = None):
        self.tag = tag
        self.value = value
        self.children = children

    @property
    def constructed(self) -> bool:
        return bool(self.tag[0] & 0x20)

    def content(self) -> bytes:
        if self.children is not None:
            return b"".join(child.encode() for child in self.children)
        assert self.value is not None
        return self.value

    def encode(self) -> bytes:
        body = self.content()
        return self.tag + encode_length(len(body)) + body


def encode_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def read_header(buf: bytes, pos: int) -> tuple[bytes, int, int]:
    """Returns (tag bytes, content start, content length) of the TLV at pos."""
    start = pos
    first = buf[pos]
    pos += 1
    if first & 0x1F == 0x1F:  # high tag number form
        while buf[pos] & 0x80:
            pos += 1
        pos += 1
    tag = buf[start:pos]
    lb = buf[pos]
    pos += 1
    if lb == 0x80:
        raise ValueError(f"indefinite length at offset {start}: not DER")
    if lb & 0x80:
        count = lb & 0x7F
        length = int.from_bytes(buf[pos:pos + count], "big")
        pos += count
    else:
        length = lb
    if pos + length > len(buf):
        raise ValueError(f"TLV at offset {start} runs past the end")
    return tag, pos, length


def parse(buf: bytes, pos: int = 0, end: int | None = None) -> list[Node]:
    """Parses the TLVs in buf[pos:end]. Constructed nodes are parsed recursively."""
    nodes: list[Node] = []
    end = len(buf) if end is None else end
    while pos < end:
        tag, start, length = read_header(buf, pos)
        stop = start + length
        if tag[0] & 0x20:
            nodes.append(Node(tag, children=parse(buf, start, stop)))
        else:
            nodes.append(Node(tag, value=buf[start:stop]))
        pos = stop
    return nodes


def parse_one(buf: bytes) -> Node:
    nodes = parse(buf)
    if len(nodes) != 1:
        raise ValueError(f"expected one top-level TLV, found {len(nodes)}")
    return nodes[0]


def oid(dotted: str) -> Node:
    parts = [int(p) for p in dotted.split(".")]
    out = bytearray([40 * parts[0] + parts[1]])
    for arc in parts[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        out.extend(reversed(chunk))
    return Node(b"\x06", value=bytes(out))


def oid_to_str(value: bytes) -> str:
    arcs: list[int] = []
    acc = 0
    for b in value:
        acc = (acc << 7) | (b & 0x7F)
        if not b & 0x80:
            arcs.append(acc)
            acc = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(str(a) for a in [first, arcs[0] - 40 * first] + arcs[1:])


SIGNED_DATA_OID = "1.2.840.113549.1.7.2"


def signer_infos(content_info: Node) -> list[Node]:
    """The SignerInfo nodes of a CMS ContentInfo holding SignedData (RFC 5652 5.1/5.3)."""
    if content_info.children is None or oid_to_str(content_info.children[0].value or b"") != SIGNED_DATA_OID:
        raise ValueError("not a CMS SignedData ContentInfo")
    signed_data = content_info.children[1].children[0]  # [0] EXPLICIT SignedData
    infos = signed_data.children[-1]  # signerInfos SET is the last field
    if infos.tag != b"\x31":
        raise ValueError("signerInfos SET not found")
    return infos.children


def signature_field(signer_info: Node) -> Node:
    """The `signature` OCTET STRING of a SignerInfo: the first OCTET STRING after sid."""
    for child in signer_info.children[2:]:
        if child.tag == b"\x04":
            return child
    raise ValueError("SignerInfo has no signature OCTET STRING")
