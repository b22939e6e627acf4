#!/usr/bin/env python3
"""Writes a small one-page PDF 1.7 with two empty, invisible signature fields.

Usage: make-base-pdf.py OUT.pdf [FIELD ...]   (default fields: SigPerson SigOrganization)

Why a script: poppler's `pdfsig -add-signature` embeds a 1 MB font, and qpdf cannot add
form fields. The page uses the standard Helvetica font (not embedded); Vietnamese text is
written without diacritics because a standard font's WinAnsiEncoding lacks them.
Object 1 is the catalog, 3 the page, 5 the page content (uncompressed), 6 the AcroForm,
7 onwards the signature fields (widget annotations on page 1, /Rect [0 0 0 0]).
"""
import sys

LINES = [
    "UY BAN NHAN DAN TINH THU NGHIEM",
    "Cong van so 123/UBND-VP",
    "V/v thu nghiem chu ky so tren van ban dien tu",
    "",
    "Kinh gui: Cac so, ban, nganh tinh.",
    "Uy ban nhan dan tinh de nghi cac don vi kiem tra chu ky so",
    "tren van ban dien tu theo Nghi dinh 30/2020/ND-CP.",
]


def main() -> None:
    out = sys.argv[1]
    fields = sys.argv[2:] or ["SigPerson", "SigOrganization"]
    text = ["BT", "/F1 12 Tf", "72 770 Td", "16 TL"]
    for line in LINES:
        text.append("(%s) '" % line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)"))
    text.append("ET")
    content = ("\n".join(text) + "\n").encode("ascii")

    field_refs = " ".join(f"{7 + i} 0 R" for i in range(len(fields)))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            f"/Contents 5 0 R /Annots [{field_refs}] >>").encode(),
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        5: b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        6: f"<< /Fields [{field_refs}] >>".encode(),
    }
    for i, name in enumerate(fields):
        objects[7 + i] = (f"<< /Type /Annot /Subtype /Widget /FT /Sig /T ({name}) /Rect [0 0 0 0] "
                          f"/F 132 /P 3 0 R >>").encode()

    pdf = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(pdf)
        pdf += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(pdf)
    size = max(objects) + 1
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        pdf += b"%010d 00000 n \n" % offsets[num]
    file_id = "6b79736f2d73616d706c652d6261736531"  # fixed: "kyso-sample-base1"
    pdf += (f"trailer\n<< /Size {size} /Root 1 0 R /ID [<{file_id}> <{file_id}>] >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    open(out, "wb").write(pdf)


if __name__ == "__main__":
    main()
