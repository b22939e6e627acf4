#!/usr/bin/env python3
"""Appends incremental updates to the sample PDFs (python3 stdlib only).

Works only on the uncompressed, classic-xref PDFs that make-base-pdf.py and pdfsig write
here; it is not a general PDF writer. It never computes a signature or a digest: where a
signature is needed it writes a placeholder and the bytes to be signed, openssl signs them,
and `embed` copies openssl's DER into the placeholder.

Subcommands (IN and OUT are PDF files; OUT may not be IN):
  change-page IN OUT TEXT
      new content stream drawing TEXT + a new version of page 1 that shows it
      (a change no signature permits).
  add-annotation IN OUT TEXT
      a new /Text annotation (sticky note) on page 1.
  dss IN OUT [--cert F]... [--crl F]... [--ocsp F]...
      a /DSS dictionary (ETSI EN 319 142-1 §5.4.2) with the given DER files as streams,
      referenced from a new version of the catalog.
  prepare IN OUT TBS --field NAME [--new-field] [--subfilter S] [--docmdp P] [--time T]
          [--name N] [--size BYTES] [--indirect KEY]...
      a signature dictionary for field NAME with /ByteRange filled in and /Contents a
      zero placeholder; TBS receives the bytes the /ByteRange covers. --new-field adds
      the field (invisible widget on page 1); --subfilter ETSI.RFC3161 makes a
      /DocTimeStamp; --docmdp P makes it a certification signature (/Reference DocMDP
      with /P P, and /Perms /DocMDP in the catalog); --indirect Type|Filter|SubFilter writes
      that entry's name as an object of its own and refers to it.
  embed PDF DER
      writes DER (a CMS SignedData or an RFC 3161 token) into the placeholder of the
      last signature dictionary of PDF, in place.
"""
import argparse
import re
import sys

PLACEHOLDER_BYTERANGE = b"/ByteRange [0 ********** ********** **********]"


def last_startxref(data: bytes) -> int:
    pos = data.rindex(b"startxref")
    return int(data[pos + 9:].split()[0])


def trailer_dict(data: bytes) -> bytes:
    start = data.rindex(b"trailer")
    end = data.index(b"startxref", start)
    return data[start + 7:end]


def trailer_value(trailer: bytes, key: bytes) -> bytes | None:
    match = re.search(rb"/" + key + rb"\s*(\d+\s+\d+\s+R|\d+|\[[^\]]*\])", trailer)
    return match.group(1).strip() if match else None


def trailer_id(trailer: bytes) -> bytes | None:
    """The raw /ID array. pdfsig writes binary literal strings there, which may hold ']'."""
    pos = trailer.find(b"/ID")
    if pos < 0:
        return None
    start = trailer.index(b"[", pos)
    i, depth = start + 1, 0
    while True:
        c = trailer[i:i + 1]
        if c == b"\\" and depth:
            i += 2
            continue
        if c == b"(":
            depth += 1
        elif c == b")":
            depth -= 1
        elif c == b"]" and not depth:
            return trailer[start:i + 1]
        i += 1


def object_body(data: bytes, num: int) -> bytes:
    """The dictionary text of the newest version of object `num` (no streams)."""
    matches = list(re.finditer(rb"(?:^|[\r\n])%d 0 obj\s*(.*?)\s*endobj" % num, data, re.S))
    if not matches:
        raise SystemExit(f"object {num} not found")
    return matches[-1].group(1)


def ref_num(value: bytes) -> int:
    return int(value.split()[0])


def dict_set(body: bytes, key: str, value: bytes) -> bytes:
    """Sets /key in a dictionary text: replaces a simple value, or adds it before the final >>."""
    pattern = rb"/" + key.encode() + rb"(?![A-Za-z])\s*(\d+\s+\d+\s+R|\[[^\]]*\]|/[A-Za-z0-9.]+|-?\d+)"
    if re.search(pattern, body):
        return re.sub(pattern, lambda _m: b"/" + key.encode() + b" " + value, body, count=1)
    end = body.rindex(b">>")
    return body[:end].rstrip() + b" /" + key.encode() + b" " + value + b" " + body[end:]


def dict_get(body: bytes, key: str) -> bytes | None:
    match = re.search(rb"/" + key.encode() + rb"(?![A-Za-z])\s*(\d+\s+\d+\s+R|\[[^\]]*\]|/[A-Za-z0-9.]+|-?\d+)", body)
    return match.group(1) if match else None


def stream(payload: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(payload), extra) + payload + b"\nendstream"


class Update:
    """One incremental update appended to `data`."""

    def __init__(self, data: bytes):
        self.data = data
        self.trailer = trailer_dict(data)
        self.size = int(trailer_value(self.trailer, b"Size"))
        self.root = ref_num(trailer_value(self.trailer, b"Root"))
        self.objects: dict[int, bytes] = {}

    def new_num(self) -> int:
        num = self.size
        self.size += 1
        return num

    def body(self, num: int) -> bytes:
        return self.objects.get(num) or object_body(self.data, num)

    def page_num(self) -> int:
        pages = ref_num(dict_get(self.body(self.root), "Pages"))
        kids = dict_get(self.body(pages), "Kids")
        return int(kids.strip(b"[]").split()[0])

    def acroform_num(self) -> int:
        return ref_num(dict_get(self.body(self.root), "AcroForm"))

    def field_num(self, name: str) -> int:
        fields = dict_get(self.body(self.acroform_num()), "Fields").strip(b"[]").split()
        for i in range(0, len(fields), 3):
            num = int(fields[i])
            if re.search(rb"/T\s*\(" + re.escape(name.encode()) + rb"\)", self.body(num)):
                return num
        raise SystemExit(f"no signature field named {name}")

    def encode(self) -> bytes:
        out = bytearray(self.data)
        if not out.endswith(b"\n"):
            out += b"\n"
        offsets = {}
        for num in sorted(self.objects):
            offsets[num] = len(out)
            out += b"%d 0 obj\n" % num + self.objects[num] + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n"
        nums = sorted(offsets)
        run: list[int] = []
        for num in nums + [None]:
            if run and (num is None or num != run[-1] + 1):
                out += b"%d %d\n" % (run[0], len(run))
                for n in run:
                    out += b"%010d 00000 n \n" % offsets[n]
                run = []
            if num is not None:
                run.append(num)
        trailer = b"<< /Size %d /Root %d 0 R /Prev %d" % (self.size, self.root, last_startxref(self.data))
        file_id = trailer_id(self.trailer)
        if file_id:
            trailer += b" /ID " + file_id
        out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)


def change_page(args: argparse.Namespace) -> bytes:
    up = Update(open(args.input, "rb").read())
    page = up.page_num()
    content = up.new_num()
    text = args.text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    up.objects[content] = stream(b"BT /F1 14 Tf 1 0 0 rg 72 600 Td (%s) Tj ET" % text.encode("latin-1"))
    body = up.body(page)
    old = dict_get(body, "Contents")
    old_refs = old.strip(b"[]") if old.startswith(b"[") else old
    up.objects[page] = dict_set(body, "Contents", b"[" + old_refs + b" %d 0 R]" % content)
    return up.encode()


def add_annotation(args: argparse.Namespace) -> bytes:
    up = Update(open(args.input, "rb").read())
    page = up.page_num()
    annot = up.new_num()
    text = args.text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    up.objects[annot] = (b"<< /Type /Annot /Subtype /Text /Rect [400 700 420 720] /Contents (%s) "
                         b"/P %d 0 R /F 4 /M (D:20250302090000Z) >>" % (text.encode("latin-1"), page))
    body = up.body(page)
    annots = dict_get(body, "Annots") or b"[]"
    up.objects[page] = dict_set(body, "Annots", annots[:-1].rstrip() + b" %d 0 R]" % annot)
    return up.encode()


def dss(args: argparse.Namespace) -> bytes:
    up = Update(open(args.input, "rb").read())
    entries = []
    for key, files in (("Certs", args.cert), ("CRLs", args.crl), ("OCSPs", args.ocsp)):
        refs = []
        for path in files or []:
            num = up.new_num()
            up.objects[num] = stream(open(path, "rb").read())
            refs.append(b"%d 0 R" % num)
        if refs:
            entries.append(b"/" + key.encode() + b" [" + b" ".join(refs) + b"]")
    dss_num = up.new_num()
    up.objects[dss_num] = b"<< /Type /DSS " + b" ".join(entries) + b" >>"
    up.objects[up.root] = dict_set(up.body(up.root), "DSS", b"%d 0 R" % dss_num)
    return up.encode()


def pdf_date(when: str) -> bytes:
    digits = re.sub(r"[^0-9]", "", when)
    return b"(D:%sZ)" % digits.encode()


def prepare(args: argparse.Namespace) -> bytes:
    up = Update(open(args.input, "rb").read())
    if args.new_field:
        page = up.page_num()
        field = up.new_num()
        up.objects[field] = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (%s) /Rect [0 0 0 0] /F 132 "
                             b"/P %d 0 R >>" % (args.field.encode(), page))
        form = up.acroform_num()
        fields = dict_get(up.body(form), "Fields")
        up.objects[form] = dict_set(up.body(form), "Fields", fields[:-1].rstrip() + b" %d 0 R]" % field)
        annots = dict_get(up.body(page), "Annots") or b"[]"
        up.objects[page] = dict_set(up.body(page), "Annots", annots[:-1].rstrip() + b" %d 0 R]" % field)
    else:
        field = up.field_num(args.field)
    sig = up.new_num()
    placeholder = b"<" + b"0" * (2 * args.size) + b">"
    if args.subfilter == "ETSI.RFC3161":
        head = b"<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161"
    else:
        head = b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /" + args.subfilter.encode()
        if args.name:
            head += b" /Name (" + args.name.encode("latin-1") + b")"
        if args.time:
            head += b" /M " + pdf_date(args.time)
    # --indirect KEY: the entry's name becomes its own object, referred to (ISO 32000-1 §7.3.10).
    for key in args.indirect or []:
        match = re.search(rb"/" + key.encode() + rb" (/[^\s/<>\[\]()]+)", head)
        num = up.new_num()
        up.objects[num] = match.group(1)
        head = head[:match.start(1)] + b"%d 0 R" % num + head[match.end(1):]
    if args.docmdp:
        head += (b" /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams "
                 b"<< /Type /TransformParams /P %d /V /1.2 >> >>]" % args.docmdp)
        up.objects[up.root] = dict_set(up.body(up.root), "Perms", b"<< /DocMDP %d 0 R >>" % sig)
    up.objects[sig] = head + b" " + PLACEHOLDER_BYTERANGE + b" /Contents " + placeholder + b" >>"
    up.objects[field] = dict_set(up.body(field), "V", b"%d 0 R" % sig)
    form = up.acroform_num()
    up.objects[form] = dict_set(up.body(form), "SigFlags", b"3")

    data = bytearray(up.encode())
    br_pos = data.rindex(PLACEHOLDER_BYTERANGE)
    start = data.index(placeholder, br_pos)
    end = start + len(placeholder)
    numbers = b"[0 %d %d %d]" % (start, end, len(data) - end)
    width = len(PLACEHOLDER_BYTERANGE) - len(b"/ByteRange ")
    data[br_pos:br_pos + len(PLACEHOLDER_BYTERANGE)] = b"/ByteRange " + numbers.ljust(width)
    open(args.tbs, "wb").write(bytes(data[:start]) + bytes(data[end:]))
    return bytes(data)


def embed(args: argparse.Namespace) -> None:
    data = bytearray(open(args.pdf, "rb").read())
    der = open(args.der, "rb").read()
    match = list(re.finditer(rb"/Contents <(0+)>", data))[-1]
    room = len(match.group(1))
    encoded = der.hex().upper().encode()
    if len(encoded) > room:
        raise SystemExit(f"signature of {len(der)} bytes does not fit in {room // 2}")
    data[match.start(1):match.end(1)] = encoded.ljust(room, b"0")
    open(args.pdf, "wb").write(bytes(data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("change-page"); p.add_argument("input"); p.add_argument("output"); p.add_argument("text")
    p = sub.add_parser("add-annotation"); p.add_argument("input"); p.add_argument("output"); p.add_argument("text")
    p = sub.add_parser("dss"); p.add_argument("input"); p.add_argument("output")
    p.add_argument("--cert", action="append"); p.add_argument("--crl", action="append"); p.add_argument("--ocsp", action="append")
    p = sub.add_parser("prepare"); p.add_argument("input"); p.add_argument("output"); p.add_argument("tbs")
    p.add_argument("--field", required=True); p.add_argument("--new-field", action="store_true")
    p.add_argument("--subfilter", default="adbe.pkcs7.detached"); p.add_argument("--docmdp", type=int)
    p.add_argument("--time"); p.add_argument("--name"); p.add_argument("--size", type=int, default=8192)
    p.add_argument("--indirect", action="append")
    p = sub.add_parser("embed"); p.add_argument("pdf"); p.add_argument("der")
    args = parser.parse_args()
    if args.command == "embed":
        embed(args)
        return
    if getattr(args, "output", None) == args.input:
        raise SystemExit("OUT must differ from IN")
    out = {"change-page": change_page, "add-annotation": add_annotation, "dss": dss, "prepare": prepare}[args.command](args)
    open(args.output, "wb").write(out)


if __name__ == "__main__":
    sys.exit(main())
