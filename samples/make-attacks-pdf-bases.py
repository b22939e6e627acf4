"""Unsigned bases for the red-team PDF fixtures that samples/make-attacks.sh signs with pdfsig.

  buttons.pdf            a page with a push button (a large banner whose appearance is
                         empty), a check box (Off), a text field and an empty signature
                         field SigPerson
  hidden-generation.pdf  a page whose resources name /X1 9 1 R while the cross-reference
                         table lists object 9 with generation 0: readers show no X1 (the
                         reference reaches nothing), though object 9 holds a drawing

Usage: python3 make-attacks-pdf-bases.py OUTDIR
"""
import os
import sys


def stream(data, extra=b""):
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def write(path, objects, file_id):
    """objects: {num: (generation, body)}; a classic cross-reference table, one section."""
    pdf = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        generation, body = objects[num]
        offsets[num] = len(pdf)
        pdf += b"%d %d obj\n" % (num, generation) + body + b"\nendobj\n"
    xref = len(pdf)
    size = max(objects) + 1
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        pdf += b"%010d %05d n \n" % (offsets[num], objects[num][0])
    pdf += b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (size, file_id, file_id, xref)
    with open(path, "wb") as out:
        out.write(pdf)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
CONTENT = b"BT /F1 14 Tf 72 770 Td (Cong van so 123/UBND-VP) Tj 0 -20 Td (So tien thanh toan: 1.000.000 VND) Tj ET\n"
SIGNATURE_FIELD = b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigPerson) /Rect [0 0 0 0] /F 132 /P 3 0 R >>"

out = sys.argv[1]
write(os.path.join(out, "buttons.pdf"), {
    1: (0, b"<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>"),
    2: (0, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    3: (0, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [7 0 R 9 0 R 12 0 R 14 0 R] >>"),
    4: (0, FONT),
    5: (0, stream(CONTENT)),
    6: (0, b"<< /Fields [7 0 R 9 0 R 12 0 R 14 0 R] /DR << /Font << /Helv 4 0 R >> >> /DA (/Helv 0 Tf 0 g) >>"),
    7: (0, SIGNATURE_FIELD),
    8: (0, b"null"),
    9: (0, b"<< /Type /Annot /Subtype /Widget /FT /Btn /T (Agree) /Rect [72 600 92 620] /F 4 /P 3 0 R /V /Off /AS /Off /AP << /N << /Yes 10 0 R /Off 11 0 R >> >> /MK << >> >>"),
    10: (0, stream(b"0 0 1 rg 2 2 16 16 re f\n", b" /Type /XObject /Subtype /Form /BBox [0 0 20 20]")),
    11: (0, stream(b"0 g 0.5 0.5 19 19 re S\n", b" /Type /XObject /Subtype /Form /BBox [0 0 20 20]")),
    12: (0, b"<< /Type /Annot /Subtype /Widget /FT /Btn /Ff 65536 /T (Banner) /Rect [50 300 550 700] /F 4 /P 3 0 R /AP << /N 13 0 R >> /MK << >> >>"),
    13: (0, stream(b"% nothing yet\n", b" /Type /XObject /Subtype /Form /BBox [0 0 500 400] /Resources << /Font << /F1 4 0 R >> >>")),
    14: (0, b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /V (Nguyen Van An) /DA (/Helv 12 Tf 0 g) /Rect [72 560 300 580] /F 4 /P 3 0 R /AP << /N 15 0 R >> >>"),
    15: (0, stream(b"/Tx BMC BT /Helv 12 Tf 0 g 2 5 Td (Nguyen Van An) Tj ET EMC\n", b" /Type /XObject /Subtype /Form /BBox [0 0 228 20] /Resources << /Font << /Helv 4 0 R >> >>")),
}, b"6b79736f627574746f6e73")

write(os.path.join(out, "hidden-generation.pdf"), {
    1: (0, b"<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>"),
    2: (0, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    3: (0, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X1 9 1 R >> >> /Contents 5 0 R /Annots [7 0 R] >>"),
    4: (0, FONT),
    5: (0, stream(CONTENT + b"q 1 0 0 1 72 600 cm /X1 Do Q\n")),
    6: (0, b"<< /Fields [7 0 R] >>"),
    7: (0, SIGNATURE_FIELD),
    8: (0, b"null"),
    9: (0, stream(b"BT /F1 28 Tf 0 0 0 rg 0 50 Td (DA SUA: 999.000.000 VND) Tj ET\n", b" /Type /XObject /Subtype /Form /BBox [0 0 500 100] /Resources << /Font << /F1 4 0 R >> >>")),
}, b"6b79736f67656e65726174")
