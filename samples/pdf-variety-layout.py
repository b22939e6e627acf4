#!/usr/bin/env python3
"""Rewrites the byte layout of an unsigned base PDF the way some real writers lay files out
(python3 stdlib only). It never signs or digests anything: pdfsig signs the result.

Works only on the classic-xref, single-revision, uncompressed PDF that make-base-pdf.py writes
(samples/pdf/unsigned-fields.pdf); it is not a general PDF writer.

Usage: pdf-variety-layout.py LAYOUT IN OUT
  crlf          every end of line is CR LF (xref entries end "\\r\\n"), as Windows writers do
  cr            every end of line is a lone CR (xref entries end " \\r"), as classic Mac writers did
  leading-junk  1000 bytes (a mail/portal header and NULs) before %PDF-; xref offsets count from
                the start of the file, so they are exact
  leading-junk-shifted
                the same junk, but xref offsets and startxref count from %PDF- (as if the junk
                were added after writing): readers that accept it rebase offsets on the header
  startxref-off startxref 3 bytes short of the xref table (a writer that miscounts its own
                output); readers find the table by rebuilding
  trailing-junk NULs, spaces and a line of text after %%EOF (a portal's padding)
  generations   objects with generation numbers above 0 (the page content 5 2 R, the fields
                7 1 R and 8 3 R) and a free list 0 -> 9 -> 10 -> 0 with generations 1 and 2,
                as a writer that keeps deleted objects' numbers saves a file in full
  hybrid        a hybrid-reference file (ISO 32000-1 7.5.8.4) laid out as Microsoft Word writes it:
                a full classic xref table in which the objects kept in an object stream (the
                signature fields) are free, then an empty section "xref 0 0" whose trailer has
                /Prev and /XRefStm, the cross-reference stream that lists them (a reader that
                ignores /XRefStm loses the fields)
"""
import re
import sys
import zlib

OBJECT = re.compile(rb"(\d+) (\d+) obj\n(.*?)\nendobj\n", re.S)


def read_objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(3) for m in OBJECT.finditer(data)}


def with_eol(body: bytes, eol: bytes) -> bytes:
    """A body with every LF replaced by eol, and its stream /Length made right again."""
    if b"stream\n" not in body:
        return body.replace(b"\n", eol)
    head, rest = body.split(b"stream\n", 1)
    payload = rest[: rest.rindex(b"endstream")]
    payload = payload.replace(b"\n", eol)
    head = re.sub(rb"/Length \d+", b"/Length %d" % len(payload), head)
    # ISO 32000-1 7.3.8.1: "stream" is followed by CR LF or LF, never a lone CR.
    return head.replace(b"\n", eol) + b"stream" + (b"\r\n" if eol == b"\r" else eol) + payload + b"endstream"


def write(objects: dict[int, tuple[int, bytes]], eol: bytes = b"\n", prefix: bytes = b"",
          free: dict[int, tuple[int, int]] | None = None, rebase: int = 0, trailer_extra: bytes = b"") -> bytearray:
    """A single-revision file. objects: number -> (generation, body); free: number -> (next free, generation).
    rebase is subtracted from every offset written (offsets counted from %PDF- instead of the file start)."""
    free = free or {}
    entry_eol = b"\r\n" if eol == b"\r\n" else b" " + eol
    pdf = bytearray(prefix + b"%PDF-1.7" + eol + b"%\xe2\xe3\xcf\xd3" + eol)
    offsets = {}
    for num in sorted(objects):
        gen, body = objects[num]
        offsets[num] = len(pdf) - rebase
        pdf += b"%d %d obj" % (num, gen) + eol + body + eol + b"endobj" + eol
    size = max([*objects, *free]) + 1
    xref = len(pdf) - rebase
    pdf += b"xref" + eol + b"0 %d" % size + eol
    pdf += b"%010d 65535 f" % free.get(0, (0, 0))[0] + entry_eol
    for num in range(1, size):
        if num in objects:
            pdf += b"%010d %05d n" % (offsets[num], objects[num][0]) + entry_eol
        else:
            nxt, gen = free.get(num, (0, 0))
            pdf += b"%010d %05d f" % (nxt, gen) + entry_eol
    file_id = b"<6b79736f2d73616d706c652d6261736531>"
    pdf += (b"trailer" + eol + b"<< /Size %d /Root 1 0 R /ID [%s %s]%s >>" % (size, file_id, file_id, trailer_extra)
            + eol + b"startxref" + eol + b"%d" % xref + eol + b"%%EOF" + eol)
    return pdf


JUNK = (b"From: cong-thong-tin@thunghiem.gov.vn\r\nContent-Type: application/pdf\r\n\r\n"
        + b"\x00" * 900)
JUNK = JUNK + b" " * (1000 - len(JUNK))


def hybrid(objects: dict[int, bytes]) -> bytearray:
    """Word's layout: objects 7 and 8 (the fields) go into object stream 9, listed by xref stream 10
    (type 2 entries). The full classic table lists them as free (linked, generation 65535); a last,
    empty section "xref 0 0" carries /XRefStm and /Prev, so that a reader honouring /XRefStm finds
    the stream's entries before the older table's free ones (ISO 32000-1 7.5.8.4)."""
    in_stream = [7, 8]
    offsets, members = [], b""
    for n in in_stream:
        offsets.append(len(members))
        members += objects[n] + b"\n"
    head = b" ".join(b"%d %d" % (n, off) for n, off in zip(in_stream, offsets)) + b"\n"
    objstm_data = head + members
    plain = {n: b for n, b in objects.items() if n not in in_stream}
    plain[9] = (b"<< /Type /ObjStm /N %d /First %d /Length %d >>\nstream\n" % (len(in_stream), len(head), len(objstm_data))
                + objstm_data + b"\nendstream")
    pdf = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets_of = {}
    for num in sorted(plain):
        offsets_of[num] = len(pdf)
        pdf += b"%d 0 obj\n" % num + plain[num] + b"\nendobj\n"
    xrefstm_at = offsets_of[10] = len(pdf)
    rows = b"".join(bytes([2]) + (9).to_bytes(2, "big") + bytes([i]) for i in range(len(in_stream)))
    rows += bytes([1]) + xrefstm_at.to_bytes(2, "big") + bytes([0])  # the xref stream itself (object 10)
    data = zlib.compress(rows, 9)
    file_id = b"<6b79736f2d73616d706c652d6261736531>"
    pdf += (b"10 0 obj\n<< /Type /XRef /Size 11 /W [1 2 1] /Index [7 2 10 1] /Root 1 0 R /ID [%s %s] "
            b"/Filter /FlateDecode /Length %d >>\nstream\n" % (file_id, file_id, len(data)) + data + b"\nendstream\nendobj\n")
    table = len(pdf)
    pdf += b"xref\n0 11\n"
    free_list = [n for n in range(1, 11) if n not in offsets_of]
    pdf += b"%010d 65535 f \n" % free_list[0]
    for num in range(1, 11):
        if num in offsets_of:
            pdf += b"%010d 00000 n \n" % offsets_of[num]
        else:
            later = [n for n in free_list if n > num]
            pdf += b"%010d 65535 f \n" % (later[0] if later else 0)
    pdf += b"trailer\n<< /Size 11 /Root 1 0 R /ID [%s %s] >>\nstartxref\n%d\n%%%%EOF\n" % (file_id, file_id, table)
    last = len(pdf)
    pdf += (b"xref\n0 0\ntrailer\n<< /Size 11 /Root 1 0 R /ID [%s %s] /Prev %d /XRefStm %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (file_id, file_id, table, xrefstm_at, last))
    return pdf


def main() -> None:
    layout, src, out = sys.argv[1:4]
    objects = read_objects(open(src, "rb").read())
    assert sorted(objects) == list(range(1, 9)), "expects make-base-pdf.py's two-field base"
    if layout == "crlf":
        pdf = write({n: (0, with_eol(b, b"\r\n")) for n, b in objects.items()}, eol=b"\r\n")
    elif layout == "cr":
        pdf = write({n: (0, with_eol(b, b"\r")) for n, b in objects.items()}, eol=b"\r")
    elif layout == "leading-junk":
        pdf = write({n: (0, b) for n, b in objects.items()}, prefix=JUNK)
    elif layout == "leading-junk-shifted":
        pdf = write({n: (0, b) for n, b in objects.items()}, prefix=JUNK, rebase=len(JUNK))
    elif layout == "startxref-off":
        pdf = write({n: (0, b) for n, b in objects.items()})
        at = pdf.rindex(b"startxref\n") + len(b"startxref\n")
        value = int(pdf[at:].split()[0])
        pdf[at:at + len(str(value))] = b"%d" % (value - 3)
    elif layout == "trailing-junk":
        pdf = write({n: (0, b) for n, b in objects.items()}) + b"\x00\x00\x00   \r\n%% padded by the portal\r\n\x00"
    elif layout == "generations":
        gens = {5: 2, 7: 1, 8: 3}
        bodies = {}
        for n, b in objects.items():
            for ref, gen in gens.items():
                b = re.sub(rb"\b%d 0 R" % ref, b"%d %d R" % (ref, gen), b)
            bodies[n] = (gens.get(n, 0), b)
        pdf = write(bodies, free={0: (9, 0), 9: (10, 1), 10: (0, 2)})
    elif layout == "hybrid":
        pdf = hybrid(objects)
    else:
        raise SystemExit(f"unknown layout {layout}")
    open(out, "wb").write(pdf)


if __name__ == "__main__":
    main()
