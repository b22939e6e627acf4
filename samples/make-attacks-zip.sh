#!/bin/sh
# ZIP inputs for test/redteam/zip-containers.test.ts, written into test/fixtures/attacks/zip/:
# archives nested to multiply decompression work (Python's zipfile), ZIP64 archives written
# by Info-ZIP's zip reading standard input (the genuine shape that carries a ZIP64 end record
# and locator, or ZIP64 data descriptors), and macOS AppleDouble (__MACOSX/._name) entries
# beside a signed PDF, genuine and pretended. Needs python3, Info-ZIP zip and faketime.
# Rebuilds are byte-identical (fixed dates; faketime for zip, which stamps standard input with the clock).
set -eu
cd "$(dirname "$0")"
OUT=../test/fixtures/attacks/zip
mkdir -p "$OUT"
SIGNED=pdf/person-then-organization.pdf

# Info-ZIP from standard input into a file it can seek in: local header with a ZIP64 extra
# field, ZIP64 end record and locator before the classic end record.
rm -f "$OUT/zip64-infozip-stdin.zip"
faketime -f '2025-03-01 09:00:00' sh -c "cat $SIGNED | zip -q -X $OUT/zip64-infozip-stdin.zip -"
# Info-ZIP from standard input into a pipe: no seeking back, so a data descriptor with
# 8-byte (ZIP64) sizes and zeros in the local header's ZIP64 extra field.
faketime -f '2025-03-01 09:00:00' sh -c "cat $SIGNED | zip -q -X - - | cat > $OUT/zip64-infozip-pipe.zip"

python3 - "$OUT" "$SIGNED" pdf/unsigned-fields.pdf <<'PY'
import os, struct, sys, zipfile

out, signed_path, unsigned_path = sys.argv[1:4]
signed = open(signed_path, "rb").read()
unsigned = open(unsigned_path, "rb").read()
DATE = (2025, 3, 1, 9, 0, 0)


def write(name, entries):
    with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for entry_name, data in entries:
            info = zipfile.ZipInfo(entry_name, date_time=DATE)
            info.compress_type = zipfile.ZIP_STORED if entry_name.endswith("/") else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def zip_bytes(entries):
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for entry_name, data in entries:
            archive.writestr(zipfile.ZipInfo(entry_name, date_time=DATE), data, zipfile.ZIP_DEFLATED, 9)
    return buffer.getvalue()


# Nesting multiplies work: an inner ZIP of two 3 MiB runs of zeros (6 MiB, within any
# per-archive limit of 8 MiB), carried four times by an outer ZIP: 24 MiB from 1 KB.
inner = zip_bytes([("p0.pdf", bytes(3 * 1024 * 1024)), ("p1.pdf", bytes(3 * 1024 * 1024))])
write("nested-amplification.zip", [(f"i{n}.zip", inner) for n in range(4)])


def apple_double(entries):
    """AppleDouble (RFC 1740, version 2, as macOS writes it): header, entry table, entries."""
    header = struct.pack(">II16sH", 0x00051607, 0x00020000, b"Mac OS X        ", len(entries))
    offset = len(header) + 12 * len(entries)
    table, body = b"", b""
    for entry_id, data in entries:
        table += struct.pack(">III", entry_id, offset + len(body), len(data))
        body += data
    return header + table + body


def finder_info():
    """Finder info as ditto / Archive Utility writes it: 32 bytes, 2 of padding, then an
    extended-attribute block (com.apple.quarantine), zero-filled to 3,810 bytes."""
    value = b"0083;67c2cd40;Safari;"
    name = b"com.apple.quarantine\0"
    start = 50 + 34 + 36  # file offset of the first attribute entry
    entry = struct.pack(">IIHB", 0, len(value), 0, len(name)) + name
    entry += b"\0" * (-len(entry) % 4)
    data_start = start + len(entry)
    entry = struct.pack(">II", data_start, len(value)) + entry[8:]
    attrs = b"ATTR" + struct.pack(">IIIIIIIHH", 0, 50 + 3810, data_start, len(value), 0, 0, 0, 0, 1)
    block = b"\0" * 34 + attrs + entry + value
    return block + b"\0" * (3810 - len(block))


def object_stream_pdf(padding):
    """An unsigned PDF whose catalog and page tree sit in one object stream, after `padding`
    spaces: reading the catalog inflates the whole stream (a cross-reference stream lists
    both objects as compressed, ISO 32000-1 7.5.7-8)."""
    import struct, zlib
    objects = [b"<< /Type /Catalog /Pages 3 0 R /AcroForm << /Fields [] >> >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    offsets, body = [], b""
    for value in objects:
        offsets.append(padding + len(body))
        body += value + b" "
    index = b"2 %d 3 %d " % tuple(offsets)
    data = zlib.compress(index + b" " * padding + body, 9)
    pdf = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    stream_at = len(pdf)
    pdf += b"1 0 obj\n<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (len(index), len(data)) + data + b"\nendstream\nendobj\n"
    xref_at = len(pdf)
    rows = b"".join(struct.pack(">BIH", *row) for row in [(0, 0, 65535), (1, stream_at, 0), (2, 1, 0), (2, 1, 1), (1, xref_at, 0)])
    pdf += b"4 0 obj\n<< /Type /XRef /W [1 4 2] /Size 5 /Root 2 0 R /Length %d >>\nstream\n" % len(rows) + rows
    pdf += b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(pdf)


# PDFs inflate inside archives too: six copies of a 6 KB PDF whose object stream inflates to
# 6 MiB, in a ZIP of 1 KB. Each copy is within any per-document bound of 8 MiB; together they
# inflate 36 MiB, which only the top-level document's budget can stop.
write("nested-pdf-inflation.zip", [(f"vb{n}.pdf", object_stream_pdf(6 * 1024 * 1024)) for n in range(6)])

# An entry larger than kyso holds in memory from one archive (64 MiB): a 65 MiB run of zeros
# beside the signed PDF, read again when verified. And the same archive with the zeros' CRC-32
# changed in both its headers, which only the first, checking pass can find.
large = [("vb.pdf", signed), ("annex.bin", bytes(65 * 1024 * 1024))]
write("large-entry.zip", large)
damaged = bytearray(open(os.path.join(out, "large-entry.zip"), "rb").read())
for signature, crc_at in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
    at = 0
    while (at := damaged.find(signature, at)) >= 0:
        name_at = at + (30 if signature == b"PK\x03\x04" else 46)
        if damaged[name_at:name_at + 9] == b"annex.bin":
            damaged[at + crc_at] ^= 0x01
        at += 4
open(os.path.join(out, "large-entry-crc-changed.zip"), "wb").write(bytes(damaged))

# Archive Utility's shape: the signed PDF, the __MACOSX/ folder, the PDF's AppleDouble twin
# (Finder info and an empty resource fork).
write("macos-appledouble.zip", [("vb.pdf", signed), ("__MACOSX/", b""), ("__MACOSX/._vb.pdf", apple_double([(9, finder_info()), (2, b"")]))])
# Named as AppleDouble, but an unsigned PDF (no AppleDouble magic): content, judged as such.
write("macos-appledouble-not.zip", [("vb.pdf", signed), ("__MACOSX/", b""), ("__MACOSX/._vb.pdf", unsigned)])
# AppleDouble magic, but an unsigned PDF as its resource fork, inside a PDF reader's 1 KiB
# header window: a PDF viewer opening the entry shows a document, so it is content too.
write("macos-appledouble-pdf-fork.zip", [("vb.pdf", signed), ("__MACOSX/", b""), ("__MACOSX/._vb.pdf", apple_double([(2, unsigned)]))])
PY
