#!/usr/bin/env python3
"""Red-team PDFs about permissions and widgets (test/fixtures/attacks/pdf), called by make-attacks.sh.

Each starts from a committed sample; signatures are made by openssl cms (certifications,
FieldMDP), pdfsig with an NSS database (approval signatures) and openssl ts (document
timestamps), all at a frozen clock; the attack itself is written by hand (pdf-incremental.py's
update writer). Usage: make-attacks-pdf.py OUT_DIR (run from samples/).

  cert-p1-indirect-p-then-signed.pdf   a DocMDP P=1 certification whose /P is an indirect
                                       object (ISO 32000-1 §7.3.10), then a pdfsig signature:
                                       P=1 forbids it.
  fieldmdp-indirect-locked-field-filled.pdf
                                       a FieldMDP lock of field Name whose /Action is indirect,
                                       then Name filled in: forbidden.
  fieldmdp-indirect-method-locked-field-filled.pdf
                                       the same with /TransformMethod and /Fields (and its
                                       string) indirect.
  cert-after-approval.pdf              a pdfsig approval signature, then a DocMDP P=2
                                       certification of the second field: a certification
                                       must be the first signature (§12.8.2.2.1).
  cert-p1-doctimestamp-mk-widget.pdf   a P=1 certified document, then a document timestamp
                                       whose widget has no /AP but /MK /BG white: viewers draw
                                       a white box over the signed page.
"""
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("pdf_incremental", os.path.join(HERE, "pdf-incremental.py"))
pdfi = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pdfi)

T_SIGN = "2025-03-01 09:00:00"
T_LATER = "2025-03-01 10:00:00"


def run(*args: str) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def prepare(data: bytes, field: str, *, head: bytes, extra: dict[int, bytes] | None = None, perms: bool = False,
            widget: bytes | None = None) -> tuple[bytes, bytes]:
    """A signature dictionary (`head` plus /ByteRange and a /Contents placeholder) as the value of
    `field` (a new widget field with dictionary text `widget` when given); returns (pdf, tbs).
    `extra`: objects to add, by a key k; `#k` in `head` or in a body is a reference to object k."""
    up = pdfi.Update(data)
    if widget is not None:
        page = up.page_num()
        num = up.new_num()
        up.objects[num] = b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (%s) %s /P %d 0 R >>" % (field.encode(), widget, page)
        form = up.acroform_num()
        fields = pdfi.dict_get(up.body(form), "Fields")
        up.objects[form] = pdfi.dict_set(up.body(form), "Fields", fields[:-1].rstrip() + b" %d 0 R]" % num)
        annots = pdfi.dict_get(up.body(page), "Annots") or b"[]"
        up.objects[page] = pdfi.dict_set(up.body(page), "Annots", annots[:-1].rstrip() + b" %d 0 R]" % num)
        field_num = num
    else:
        field_num = up.field_num(field)
    sig = up.new_num()
    numbers = {k: up.new_num() for k in sorted(extra or {})}

    def refs(text: bytes) -> bytes:
        for k, num in numbers.items():
            text = text.replace(b"#%d" % k, b"%d 0 R" % num)
        return text
    for k, body in (extra or {}).items():
        up.objects[numbers[k]] = refs(body)
    head = refs(head)
    placeholder = b"<" + b"0" * 16384 + b">"
    if perms:
        up.objects[up.root] = pdfi.dict_set(up.body(up.root), "Perms", b"<< /DocMDP %d 0 R >>" % sig)
    up.objects[sig] = head + b" " + pdfi.PLACEHOLDER_BYTERANGE + b" /Contents " + placeholder + b" >>"
    up.objects[field_num] = pdfi.dict_set(up.body(field_num), "V", b"%d 0 R" % sig)
    form = up.acroform_num()
    up.objects[form] = pdfi.dict_set(up.body(form), "SigFlags", b"3")
    out = bytearray(up.encode())
    br = out.rindex(pdfi.PLACEHOLDER_BYTERANGE)
    start = out.index(placeholder, br)
    end = start + len(placeholder)
    ranges = b"[0 %d %d %d]" % (start, end, len(out) - end)
    width = len(pdfi.PLACEHOLDER_BYTERANGE) - len(b"/ByteRange ")
    out[br:br + len(pdfi.PLACEHOLDER_BYTERANGE)] = b"/ByteRange " + ranges.ljust(width)
    return bytes(out), bytes(out[:start]) + bytes(out[end:])


def embed(pdf: bytes, der: bytes) -> bytes:
    marker = b"/Contents <" + b"0" * 16384 + b">"
    at = pdf.rindex(marker) + len(b"/Contents <")
    encoded = der.hex().upper().encode().ljust(16384, b"0")
    assert len(encoded) == 16384, "signature too large for the placeholder"
    return pdf[:at] + encoded + pdf[at + 16384:]


def cms_sign(work: str, tbs: bytes, signer: str) -> bytes:
    open(f"{work}/tbs", "wb").write(tbs)
    run("faketime", "-f", T_SIGN, "openssl", "cms", "-sign", "-binary", "-outform", "DER", "-in", f"{work}/tbs",
        "-signer", f"ca/{signer}.pem", "-inkey", f"ca/{signer}.key", "-certfile", "ca/intermediate.pem", "-out", f"{work}/sig")
    return open(f"{work}/sig", "rb").read()


def ts_token(work: str, tbs: bytes) -> bytes:
    # A copy of the TSA configuration with its own serial file: the committed one stays as it is.
    shutil.copy("ca/tsa/serial", f"{work}/serial")
    cnf = open("ca/tsa/tsa.cnf").read().replace("ca/tsa/serial", f"{work}/serial")
    open(f"{work}/tsa.cnf", "w").write(cnf)
    open(f"{work}/tbs", "wb").write(tbs)
    run("openssl", "ts", "-query", "-data", f"{work}/tbs", "-sha256", "-cert", "-no_nonce", "-out", f"{work}/tsq")
    run("faketime", "-f", T_LATER, "openssl", "ts", "-reply", "-config", f"{work}/tsa.cnf", "-queryfile", f"{work}/tsq",
        "-token_out", "-out", f"{work}/tst")
    return open(f"{work}/tst", "rb").read()


def pdfsig(work: str, data: bytes, field: str, nick: str) -> bytes:
    open(f"{work}/in.pdf", "wb").write(data)
    run("faketime", "-f", T_LATER, "pdfsig", "-sign", field, "-nssdir", f"sql:{work}/nss", "-nick", nick,
        "-digest", "SHA256", f"{work}/in.pdf", f"{work}/out.pdf")
    return open(f"{work}/out.pdf", "rb").read()


def nss(work: str) -> None:
    os.mkdir(f"{work}/nss")
    run("certutil", "-N", "-d", f"sql:{work}/nss", "--empty-password")
    for name in ("person", "organization"):
        run("openssl", "pkcs12", "-export", "-in", f"ca/{name}.pem", "-inkey", f"ca/{name}.key", "-name", name,
            "-passout", "pass:", "-out", f"{work}/{name}.p12")
        run("pk12util", "-i", f"{work}/{name}.p12", "-d", f"sql:{work}/nss", "-W", "")
    run("certutil", "-A", "-d", f"sql:{work}/nss", "-n", "kyso-test-root", "-t", "CT,C,C", "-i", "pki/kyso-test-root.pem")
    run("certutil", "-A", "-d", f"sql:{work}/nss", "-n", "kyso-test-intermediate", "-t", ",,", "-i", "ca/intermediate.pem")


SIG_HEAD = b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Name (Nguyen Van An) /M (D:20250301090000Z)"


def with_name_field(data: bytes) -> bytes:
    """An unsigned update adding a text field Name on page 1 (before anything is signed)."""
    up = pdfi.Update(data)
    page = up.page_num()
    num = up.new_num()
    up.objects[num] = (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /Rect [72 600 300 620] /F 4 "
                       b"/DA (/Helv 12 Tf 0 g) /P %d 0 R >>" % page)
    form = up.acroform_num()
    fields = pdfi.dict_get(up.body(form), "Fields")
    up.objects[form] = pdfi.dict_set(up.body(form), "Fields", fields[:-1].rstrip() + b" %d 0 R]" % num)
    annots = pdfi.dict_get(up.body(page), "Annots") or b"[]"
    up.objects[page] = pdfi.dict_set(up.body(page), "Annots", annots[:-1].rstrip() + b" %d 0 R]" % num)
    return up.encode()


def fill_name(data: bytes, value: bytes) -> bytes:
    up = pdfi.Update(data)
    num = up.field_num("Name")
    body = up.body(num)
    up.objects[num] = body[:body.rindex(b">>")].rstrip() + b" /V (" + value + b") >>"
    return up.encode()


def main() -> None:
    out_dir = os.path.abspath(sys.argv[1])
    os.chdir(HERE)
    os.makedirs(out_dir, exist_ok=True)
    unsigned = open("pdf/unsigned-fields.pdf", "rb").read()
    with tempfile.TemporaryDirectory() as work:
        nss(work)

        # /P 1 in an object of its own.
        pdf, tbs = prepare(unsigned, "SigPerson", perms=True, extra={1: b"1"},
                           head=SIG_HEAD + b" /Reference [<< /Type /SigRef /TransformMethod /DocMDP "
                                           b"/TransformParams << /Type /TransformParams /P #1 /V /1.2 >> >>]")
        certified = embed(pdf, cms_sign(work, tbs, "person"))
        open(f"{out_dir}/cert-p1-indirect-p-then-signed.pdf", "wb").write(pdfsig(work, certified, "SigOrganization", "organization"))

        # FieldMDP /Include [(Name)], /Action indirect; then Name is filled in.
        form = with_name_field(unsigned)
        pdf, tbs = prepare(form, "SigPerson", extra={1: b"/Include"},
                           head=SIG_HEAD + b" /Reference [<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams "
                                           b"<< /Type /TransformParams /Action #1 /Fields [(Name)] /V /1.2 >> >>]")
        locked = embed(pdf, cms_sign(work, tbs, "person"))
        open(f"{out_dir}/fieldmdp-indirect-locked-field-filled.pdf", "wb").write(fill_name(locked, b"Nguyen Van B"))

        # The same lock with /TransformMethod, /Fields and the field's name indirect.
        pdf, tbs = prepare(form, "SigPerson", extra={1: b"/FieldMDP", 2: b"[#3]", 3: b"(Name)"},
                           head=SIG_HEAD + b" /Reference [<< /Type /SigRef /TransformMethod #1 /TransformParams "
                                           b"<< /Type /TransformParams /Action /Include /Fields #2 /V /1.2 >> >>]")
        locked = embed(pdf, cms_sign(work, tbs, "person"))
        open(f"{out_dir}/fieldmdp-indirect-method-locked-field-filled.pdf", "wb").write(fill_name(locked, b"Nguyen Van B"))

        # An approval signature (pdfsig), then a certification of the other field.
        approved = open("pdf/person-signed.pdf", "rb").read()
        pdf, tbs = prepare(approved, "SigOrganization", perms=True,
                           head=SIG_HEAD + b" /Reference [<< /Type /SigRef /TransformMethod /DocMDP "
                                           b"/TransformParams << /Type /TransformParams /P 2 /V /1.2 >> >>]")
        open(f"{out_dir}/cert-after-approval.pdf", "wb").write(embed(pdf, cms_sign(work, tbs, "organization")))

        # A P=1 certified document, then a document timestamp with a white /MK box over the heading.
        certified = open("pdf/certified-p1.pdf", "rb").read()
        pdf, tbs = prepare(certified, "DocTimeStamp1", widget=b"/Rect [40 740 560 800] /F 4 /MK << /BG [1 1 1] >>",
                           head=b"<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161")
        open(f"{out_dir}/cert-p1-doctimestamp-mk-widget.pdf", "wb").write(embed(pdf, ts_token(work, tbs)))


if __name__ == "__main__":
    main()
