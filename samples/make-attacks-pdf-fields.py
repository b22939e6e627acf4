#!/usr/bin/env python3
"""Writes into test/fixtures/attacks/pdf/, for test/redteam/pdf-inflation.test.ts, unsigned
one-page PDFs whose /AcroForm /Fields lists their one (empty) signature field again and again:
fields-listed-3000-times.pdf, written by hand (byte-identical rebuilds), where each copy after
the first is the same field again (a walk that bounds distinct fields only, and says each copy's
problem, does work and makes messages in proportion to the copies); and
fields-listed-1100000-times.pdf, the same with 1,100,000 copies, which qpdf packs into an object
stream (about 10 KB: an array past the 1,048,576 items a PDF array may hold in kyso)."""
import os
import subprocess
import sys
import tempfile

out = sys.argv[1] if len(sys.argv) > 1 else "../test/fixtures/attacks/pdf"


def listed(copies):
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields 5 0 R /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Ky) /Rect [0 0 0 0] /P 3 0 R /F 132 >>",
        b"[" + b" ".join([b"4 0 R"] * copies) + b"]",
    ]
    pdf = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, value in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + value + b"\nendobj\n"
    xref_at = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(pdf)


with open(f"{out}/fields-listed-3000-times.pdf", "wb") as file:
    file.write(listed(3000))
with tempfile.TemporaryDirectory() as work:
    plain = os.path.join(work, "plain.pdf")
    with open(plain, "wb") as file:
        file.write(listed(1_100_000))
    subprocess.run(["qpdf", "--deterministic-id", "--object-streams=generate", "--compress-streams=y", plain, f"{out}/fields-listed-1100000-times.pdf"], check=True)
