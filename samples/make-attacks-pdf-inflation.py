#!/usr/bin/env python3
"""Writes test/fixtures/attacks/pdf/object-streams-in-turn.pdf for
test/redteam/pdf-inflation.test.ts: an unsigned PDF, written by hand (python3's zlib and
struct only; rebuilds are byte-identical), whose form fields sit in 17 object streams, each
inflating to 256 KiB, and whose /AcroForm /Fields lists them in turn across the streams, so that
a reader caching fewer decoded streams than that decodes a stream again for every field it
reads. Each stream's padding (spaces before its members) makes each decode cost 256 KiB."""
import struct
import sys
import zlib

STREAMS, MEMBERS, PADDING = 17, 6, 256 * 1024
out = sys.argv[1] if len(sys.argv) > 1 else "../test/fixtures/attacks/pdf"

pdf = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
rows = {0: (0, 0, 65535)}
number = 3 + STREAMS  # 1: catalog, 2: page tree, 3..: the object streams, then their members
members_of = []
for s in range(STREAMS):
    stream = 3 + s
    members, body = [], b""
    for m in range(MEMBERS):
        members.append((number, PADDING + len(body)))
        body += b"<< /FT /Tx /T (f%d) >> " % number
        rows[number] = (2, stream, m)
        number += 1
    index = b"".join(b"%d %d " % member for member in members)
    data = zlib.compress(index + b" " * PADDING + body, 9)
    rows[stream] = (1, len(pdf), 0)
    pdf += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (stream, MEMBERS, len(index), len(data))
    pdf += data + b"\nendstream\nendobj\n"
    members_of.append([member[0] for member in members])
in_turn = [members_of[s][m] for m in range(MEMBERS) for s in range(STREAMS)]
rows[1] = (1, len(pdf), 0)
pdf += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + b" ".join(b"%d 0 R" % n for n in in_turn) + b"] >> >>\nendobj\n"
rows[2] = (1, len(pdf), 0)
pdf += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
xref = number
rows[xref] = (1, len(pdf), 0)
table = b"".join(struct.pack(">BIH", *rows.get(n, (0, 0, 0))) for n in range(xref + 1))
xref_at = len(pdf)
pdf += b"%d 0 obj\n<< /Type /XRef /W [1 4 2] /Size %d /Root 1 0 R /Length %d >>\nstream\n" % (xref, xref + 1, len(table))
pdf += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
with open(f"{out}/object-streams-in-turn.pdf", "wb") as file:
    file.write(pdf)
