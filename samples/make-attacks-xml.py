#!/usr/bin/env python3
"""Hostile XML signatures (test/fixtures/attacks/xml/README.md, test/redteam/xml-attacks.test.ts).

Templates are written here and signed by xmlsec1 with the test PKI's keys (samples/ca/);
the attack itself is a byte edit of the signed file afterwards (or, for the work-limit
inputs, no signature at all: dummy digest and signature values, since kyso must bound the
work before any key is known). RSA PKCS#1 v1.5 is deterministic, so a rebuild is
byte-identical. kyso's code is never used. Usage: make-attacks-xml.py OUTDIR
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CA = HERE / "ca"
OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)

DS = "http://www.w3.org/2000/09/xmldsig#"
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
EXC = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENV = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
RSA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
B64 = "http://www.w3.org/2000/09/xmldsig#base64"
XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116"
XF2 = "http://www.w3.org/2002/06/xmldsig-filter2"
DUMMY_DIGEST = "A" * 43 + "="


def transform(algorithm: str, body: str = "") -> str:
    return f'<ds:Transform Algorithm="{algorithm}">{body}</ds:Transform>' if body else f'<ds:Transform Algorithm="{algorithm}"/>'


def signature(transforms: list[str], digest: str = "", value: str = "", c14n: str = C14N, uri: str = "") -> str:
    """One ds:Signature with one Reference; empty digest/value for xmlsec1 to fill."""
    return (
        f'<ds:Signature xmlns:ds="{DS}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="{c14n}"/>'
        f'<ds:SignatureMethod Algorithm="{RSA256}"/><ds:Reference URI="{uri}"><ds:Transforms>{"".join(transforms)}</ds:Transforms>'
        f'<ds:DigestMethod Algorithm="{SHA256}"/><ds:DigestValue>{digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>'
        f'<ds:SignatureValue>{value}</ds:SignatureValue><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>'
    )


def unsigned(name: str, text: str) -> None:
    (OUT / name).write_text(text, encoding="utf-8")


def signed(name: str, template: str, signer: str = "person", encoding: str = "utf-8", extra: tuple[str, ...] | list[str] = (), chain: bool = True) -> bytes:
    """Signs `template` with xmlsec1 (the signer's key, its certificate and, with `chain`, the intermediate in KeyInfo)."""
    with tempfile.TemporaryDirectory() as work:
        tpl = Path(work) / "tpl.xml"
        tpl.write_bytes(template.encode(encoding))
        out = OUT / name
        subprocess.run(
            ["xmlsec1", "--sign", "--privkey-pem", f"{CA / signer}.key,{CA / signer}.pem" + (f",{CA / 'intermediate.pem'}" if chain else ""), *extra, "--output", str(out), str(tpl)],
            check=True,
        )
        return out.read_bytes()


def items(count: int, element: str = "<i/>") -> str:
    return element * count


# Finding 3: XPath work the expression's text does not show. Every node evaluates an
# absolute path that visits every child of the root (XPath transform), or every element
# asks for a whole-tree count (Filter 2.0). Unsigned: the budget must stop them first.
unsigned("xpath-every-node-walks-root.xml", f'<r>{items(1000)}{signature([transform(XPATH, "<ds:XPath>count(/*/*) &gt; 0</ds:XPath>")], DUMMY_DIGEST, "AAAA")}</r>')
unsigned(
    "xpath-string-of-root-per-node.xml",
    f'<r>{items(2000, "<i>t</i>")}{signature([transform(XPATH, "<ds:XPath>string(/) != &quot;x&quot;</ds:XPath>")], DUMMY_DIGEST, "AAAA")}</r>',
)
FILTER2_COUNT = f'<dsig-xpath:XPath xmlns:dsig-xpath="{XF2}" Filter="intersect">//*[count(//*) &gt; 0]</dsig-xpath:XPath>'
unsigned("xpath-filter2-count-per-element.xml", f'<r>{items(1000)}{signature([transform(XF2, FILTER2_COUNT)], DUMMY_DIGEST, "AAAA")}</r>')
# The enveloped-signature idiom as an XPath transform on a deep, larger document: signed
# by xmlsec1, must still pass inside the budget.
deep = "<d>" * 12 + items(5000, '<i a="1">x</i>') + "</d>" * 12
signed("xpath-enveloped-idiom-5000.xml", f'<r>{deep}{signature([transform(XPATH, "<ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath>")])}</r>')

# Finding 4: an Exclusive C14N PrefixList every element would walk. The largest list
# allowed (64 distinct prefixes) signed and passing; one more is refused unchecked.
def prefix_list(count: int) -> str:
    names = " ".join(f"p{k}" for k in range(count))
    return f'<ec:InclusiveNamespaces xmlns:ec="{EXC}" PrefixList="{names}"/>'


signed("exc-prefixlist-64.xml", f'<r>{items(200)}{signature([transform(ENV), transform(EXC, prefix_list(64))])}</r>')
signed("exc-prefixlist-65.xml", f'<r>{items(200)}{signature([transform(ENV), transform(EXC, prefix_list(65))])}</r>')


# Finding 6: the signer's certificate cannot be used; what is left in KeyInfo is its CA.
# KeyInfo is not signed, so these edits keep the signature value valid for the person's key.
def certificates(text: str) -> list[str]:
    return re.findall(r"<ds:X509Certificate>([^<]*)</ds:X509Certificate>", text)


PERSON_SERIAL = int(subprocess.run(["openssl", "x509", "-in", str(CA / "person.pem"), "-noout", "-serial"], check=True, capture_output=True, text=True).stdout.strip().split("=")[1], 16)
DOCUMENT = '<VanBan Id="vb-1"><SoKyHieu>15/QD-UBND</SoKyHieu><TrichYeu>Về việc thử nghiệm chữ ký số</TrichYeu></VanBan>'
base = signed("keyinfo-control.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<HoSo>{DOCUMENT}{signature([transform(ENV)])}</HoSo>').decode()
leaf, intermediate = certificates(base)
LEAF_ELEMENT = f"<ds:X509Certificate>{leaf}</ds:X509Certificate>"
(OUT / "keyinfo-control.xml").unlink()
# The signer named by X509IssuerSerial, its certificate left out: only the intermediate is carried.
issuer_serial = (
    "<ds:X509IssuerSerial><ds:X509IssuerName>CN=kyso test intermediate CA</ds:X509IssuerName>"
    f"<ds:X509SerialNumber>{PERSON_SERIAL}</ds:X509SerialNumber></ds:X509IssuerSerial>"
)
unsigned("keyinfo-issuerserial-ca-only.xml", base.replace(LEAF_ELEMENT, issuer_serial))
# No X509IssuerSerial, the leaf left out: only a CA certificate is carried.
unsigned("keyinfo-ca-only.xml", base.replace(LEAF_ELEMENT, ""))
# The leaf's outer SEQUENCE length re-encoded in a non-minimal form (0x83 00 LL LL instead
# of 0x82 LL LL): BER, not DER. openssl and xmlsec1 accept it; kyso's certificate reader is
# strict DER on purpose, so the leaf is unreadable and the signer unidentified.
der = base64.b64decode(leaf)
assert der[0] == 0x30 and der[1] == 0x82
nonminimal = base64.b64encode(b"\x30\x83\x00" + der[2:]).decode()
unsigned("keyinfo-leaf-nonminimal-length.xml", base.replace(leaf, nonminimal))
# Control: a self-signed certificate (CA:TRUE, as openssl makes them by default) alone in
# KeyInfo whose key does verify the signature value is the signer (untrusted here).
signed("keyinfo-self-signed-ca-signer.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<HoSo>{DOCUMENT}{signature([transform(ENV)])}</HoSo>', signer="other-root", chain=False)
# The leaf's base64 in a CDATA section: ordinary character data, the signature passes.
unsigned("keyinfo-leaf-cdata.xml", base.replace(LEAF_ELEMENT, f"<ds:X509Certificate><![CDATA[{leaf}]]></ds:X509Certificate>"))


# Finding 8: transforms that sign less than the node the reference names.
# URI="" with enveloped + base64: only the text of the document is signed; then the
# root's attributes and element names are edited.
b64 = signed(
    "base64-uri-empty.xml",
    '<?xml version="1.0" encoding="UTF-8"?>\n<QuyetDinh TrangThai="phe-duyet" SoTien="1000000"><NoiDung>UXV5ZXQgZGluaCBwaGUgZHV5ZXQ=</NoiDung>'
    f'{signature([transform(ENV), transform(B64)])}</QuyetDinh>',
).decode()
unsigned(
    "base64-uri-empty-markup-changed.xml",
    b64.replace('TrangThai="phe-duyet" SoTien="1000000"', 'TrangThai="tu-choi" SoTien="9000000000"').replace("NoiDung>", "GhiChu>"),
)
# URI="" with an XPath transform that leaves SoTien out; then SoTien is edited.
excluded = signed(
    "xpath-excludes-amount.xml",
    '<?xml version="1.0" encoding="UTF-8"?>\n<QuyetDinh><So>15/QD-UBND</So><SoTien>1000000</SoTien>'
    f'{signature([transform(XPATH, "<ds:XPath>not(ancestor-or-self::ds:Signature) and not(ancestor-or-self::SoTien)</ds:XPath>")])}</QuyetDinh>',
).decode()
unsigned("xpath-excludes-amount-changed.xml", excluded.replace("<SoTien>1000000</SoTien>", "<SoTien>9000000000</SoTien>"))
# XAdES: the SignedProperties Reference leaves SigningTime out by XPath; then SigningTime is edited.
XADES = "http://uri.etsi.org/01903/v1.3.2#"
SP_TYPE = "http://uri.etsi.org/01903#SignedProperties"
NOT_SIGNING_TIME = f'<ds:XPath xmlns:xades="{XADES}">not(ancestor-or-self::xades:SigningTime)</ds:XPath>'
cert_digest = base64.b64encode(hashlib.sha256(der).digest()).decode()
xades_template = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<VanBan Id="vb-209"><SoKyHieu>209/UBND-VP</SoKyHieu><TrichYeu>V/v thử nghiệm chữ ký số</TrichYeu>'
    f'<ds:Signature xmlns:ds="{DS}" Id="sig-1"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="{EXC}"/><ds:SignatureMethod Algorithm="{RSA256}"/>'
    f'<ds:Reference Id="ref-doc" URI=""><ds:Transforms>{transform(ENV)}{transform(EXC)}</ds:Transforms><ds:DigestMethod Algorithm="{SHA256}"/><ds:DigestValue></ds:DigestValue></ds:Reference>'
    f'<ds:Reference URI="#xades-sp-1" Type="{SP_TYPE}"><ds:Transforms>'
    f'{transform(XPATH, NOT_SIGNING_TIME)}{transform(EXC)}'
    f'</ds:Transforms><ds:DigestMethod Algorithm="{SHA256}"/><ds:DigestValue></ds:DigestValue></ds:Reference></ds:SignedInfo>'
    '<ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>'
    f'<ds:Object><xades:QualifyingProperties xmlns:xades="{XADES}" Target="#sig-1"><xades:SignedProperties Id="xades-sp-1"><xades:SignedSignatureProperties>'
    '<xades:SigningTime>2025-03-01T09:00:00Z</xades:SigningTime>'
    f'<xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm="{SHA256}"/><ds:DigestValue>{cert_digest}</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2>'
    "</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature></VanBan>"
)
xades_signed = signed("xades-signingtime-excluded.xml", xades_template, extra=["--id-attr:Id", f"{XADES}:SignedProperties"]).decode()
unsigned("xades-signingtime-excluded-changed.xml", xades_signed.replace("2025-03-01T09:00:00Z", "2024-01-01T09:00:00Z"))


# Finding 7: declared legacy single-byte encodings (xmlsec1 reads them through libxml2).
def legacy(name: str, encoding: str, body_bytes: bytes) -> None:
    head = f'<?xml version="1.0" encoding="{encoding}"?>\n<VanBan><TrichYeu>'.encode("ascii")
    tail = f"</TrichYeu>{signature([transform(ENV)])}</VanBan>\n".encode("ascii")
    with tempfile.TemporaryDirectory() as work:
        tpl = Path(work) / "tpl.xml"
        tpl.write_bytes(head + body_bytes + tail)
        subprocess.run(
            ["xmlsec1", "--sign", "--privkey-pem", f"{CA / 'person'}.key,{CA / 'person'}.pem,{CA / 'intermediate.pem'}", "--output", str(OUT / name), str(tpl)],
            check=True,
        )


# Only letters windows-1258 has precomposed (no combining tone marks): glibc's iconv, which
# libxml2 and so xmlsec1 use, composes a letter and a following tone mark into one character,
# while the code page's table (Windows, Java, .NET, WHATWG) keeps them apart; kyso follows
# the table, so a tone mark would make the digests disagree.
legacy("encoding-windows-1258.xml", "windows-1258", "Ông Đô Ân Ơn Ưng, Ăn".encode("cp1258"))
# "Về" as windows-1258 writes it: ê (0xEA) then the combining grave accent (0xCC).
legacy("encoding-windows-1258-tone-marks.xml", "windows-1258", b"V\xea\xcc vi\xea\xf2c")
legacy("encoding-windows-1252.xml", "windows-1252", "Café – naïve “quoted”".encode("cp1252"))
legacy("encoding-windows-1252-ascii.xml", "windows-1252", b"Ve viec thu nghiem chu ky so")


# Finding 9: a XAdES signature timestamp requested with certReq false (the token carries no
# certificate): its TSA's certificate travels in the XAdES CertificateValues. The test
# fixture xades-bt.xml (test/formats/xml/fixtures/make.sh) gets a new token over the same
# canonical SignatureValue, made by openssl ts without -cert; unsigned properties, so the
# signature stays valid.
FIXTURES = HERE.parent / "test" / "formats" / "xml" / "fixtures" / "signed"
with tempfile.TemporaryDirectory() as work:
    w = Path(work)
    (w / "tsa.serial").write_text("01\n")
    (w / "tsa.cnf").write_text(
        "[ tsa ]\ndefault_tsa = tsa_config\n[ tsa_config ]\n"
        f"serial = {w / 'tsa.serial'}\ncrypto_device = builtin\nsigner_cert = {CA / 'tsa.pem'}\nsigner_key = {CA / 'tsa.key'}\n"
        "signer_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256\naccuracy = secs:1\nordering = no\ntsa_name = no\ness_cert_id_alg = sha256\n"
    )
    subprocess.run(["openssl", "ts", "-query", "-data", str(FIXTURES / "xades-bt.sigvalue.c14n"), "-sha256", "-no_nonce", "-out", str(w / "ts.tsq")], check=True, capture_output=True)
    subprocess.run(
        ["faketime", "-f", "2025-03-01 09:00:05", "openssl", "ts", "-reply", "-config", str(w / "tsa.cnf"), "-queryfile", str(w / "ts.tsq"), "-token_out", "-out", str(w / "ts.tst")],
        check=True,
        capture_output=True,
    )
    token = base64.b64encode((w / "ts.tst").read_bytes()).decode()
bt = (FIXTURES / "xades-bt.xml").read_text(encoding="utf-8")
bt = re.sub(r"<xades:EncapsulatedTimeStamp>[^<]*</xades:EncapsulatedTimeStamp>", f"<xades:EncapsulatedTimeStamp>{token}</xades:EncapsulatedTimeStamp>", bt)
tsa_der = base64.b64encode(subprocess.run(["openssl", "x509", "-in", str(CA / "tsa.pem"), "-outform", "DER"], check=True, capture_output=True).stdout).decode()
values = f"<xades:CertificateValues><xades:EncapsulatedX509Certificate>{tsa_der}</xades:EncapsulatedX509Certificate></xades:CertificateValues>"
unsigned("xades-timestamp-no-tsa-certificate.xml", bt.replace("</xades:SignatureTimeStamp>", "</xades:SignatureTimeStamp>" + values, 1))
