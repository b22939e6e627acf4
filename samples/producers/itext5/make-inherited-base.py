#!/usr/bin/env python3
"""Writes an unsigned two-page PDF whose /MediaBox and /Resources sit on the /Pages node and
are inherited by the pages (ISO 32000-1 §7.7.3.4), the layout LibreOffice and other office
exporters write. iText 5 copies such inherited attributes into every page it rewrites.

Usage: make-inherited-base.py OUT.pdf
"""
import sys

objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842]"
    b" /Resources << /Font << /F1 7 0 R >> >> >>",
    b"<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>",
    b"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
    None,  # page 1 content
    None,  # page 2 content
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    b"<< /Producer (LibreOffice-like layout, kyso samples) /Title (Cong van so 02/UBND-VP) >>",
]
contents = [
    b"BT /F1 14 Tf 72 770 Td (UBND TINH THU NGHIEM) Tj 0 -24 Td /F1 11 Tf"
    b" (Cong van so 02/UBND-VP ve viec thu nghiem chu ky so.) Tj ET",
    b"BT /F1 11 Tf 72 770 Td (Trang 2. Noi nhan: Nhu tren; Luu: VT.) Tj ET",
]
for i, data in enumerate(contents):
    objects[4 + i] = b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for num, body in enumerate(objects, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for offset in offsets:
    out += b"%010d 00000 n \n" % offset
out += b"trailer\n<< /Size %d /Root 1 0 R /Info 8 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
with open(sys.argv[1], "wb") as f:
    f.write(out)
