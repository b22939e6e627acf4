#!/usr/bin/env python3
"""Published XML signature attacks, variant by variant (test/fixtures/attacks/xml-suites/,
test/redteam/xml-attack-suites.test.ts).

The classes are those of the literature and of the public test suites: the eight XML
Signature Wrapping variants of "On Breaking SAML" (Somorovsky et al., 2012) and McIntosh &
Austel's (2005) wrapping, adapted to an enveloped document signature (a generic signed XML,
a Vietnamese e-invoice HDon/DLHDon); comment injection into signed text (Duo Labs, 2018);
KeyInfo and algorithm tricks (HMACOutputLength, CVE-2009-0217; a KeyValue beside another
certificate; RetrievalMethod); references outside the document; untyped Manifests; XAdES
properties referenced with the wrong Type. Each genuine document is a template signed by
xmlsec1 with the test PKI's keys (samples/ca/); the attack is then an edit of the signed
text, as an attacker would make it. RSA PKCS#1 v1.5 is deterministic, so a rebuild is
byte-identical. kyso's code is never used. Usage: make-attacks-xml-suites.py OUTDIR
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
HMAC256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
MANIFEST = "http://www.w3.org/2000/09/xmldsig#Manifest"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
SP_TYPE = "http://uri.etsi.org/01903#SignedProperties"
DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


def write(name: str, text: str) -> None:
    (OUT / name).write_text(text, encoding="utf-8")


def sign(name: str, template: str, signer: str = "person", ids: tuple[str, ...] = (), extra: tuple[str, ...] = ()) -> str:
    """xmlsec1 signs the template's first Signature; `ids` are the elements whose Id attribute is an ID."""
    with tempfile.TemporaryDirectory() as work:
        tpl = Path(work) / "tpl.xml"
        tpl.write_text(template, encoding="utf-8")
        keys = f"{CA / signer}.key,{CA / signer}.pem,{CA / 'intermediate.pem'}"
        id_args = [arg for element in ids for arg in ("--id-attr:Id", element)]
        subprocess.run(["xmlsec1", "--sign", "--privkey-pem", keys, *id_args, *extra, "--output", str(OUT / name), str(tpl)], check=True)
        return (OUT / name).read_text(encoding="utf-8")


def reference(uri: str, transforms: list[str], type_: str = "") -> str:
    t = "".join(f'<ds:Transform Algorithm="{a}"/>' for a in transforms)
    typed = f' Type="{type_}"' if type_ else ""
    return (
        f'<ds:Reference URI="{uri}"{typed}>{f"<ds:Transforms>{t}</ds:Transforms>" if t else ""}'
        f'<ds:DigestMethod Algorithm="{SHA256}"/><ds:DigestValue></ds:DigestValue></ds:Reference>'
    )


def signature(references: str, sig_id: str = "sig-1", method: str = RSA256, objects: str = "", key_info: str = "<ds:X509Data/>") -> str:
    return (
        f'<ds:Signature xmlns:ds="{DS}" Id="{sig_id}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="{EXC}"/>'
        f'<ds:SignatureMethod Algorithm="{method}"/>{references}</ds:SignedInfo><ds:SignatureValue/>'
        f"<ds:KeyInfo>{key_info}</ds:KeyInfo>{objects}</ds:Signature>"
    )


def cut(text: str, start: str, end: str) -> tuple[str, str, str]:
    """(before, the first element from `start` to its `end`, after)."""
    i = text.index(start)
    j = text.index(end, i) + len(end)
    return text[:i], text[i:j], text[j:]


def certificates(text: str) -> list[str]:
    return re.findall(r"<ds:X509Certificate>([^<]*)</ds:X509Certificate>", text)


def pem_base64(name: str) -> str:
    der = subprocess.run(["openssl", "x509", "-in", str(CA / f"{name}.pem"), "-outform", "DER"], check=True, capture_output=True).stdout
    return base64.b64encode(der).decode()


# ---------------------------------------------------------------------------------------
# 1. Generic signed XML: a VanBan referenced by Id from a Signature beside it (the shape the
#    XSW papers attack), and a VanBan root that carries its own signature over #Id.
VANBAN = '<VanBan Id="vb-1"><SoKyHieu>15/QD-UBND</SoKyHieu><TrichYeu>Về việc cấp 5 triệu đồng</TrichYeu><SoTien>5000000</SoTien></VanBan>'
FORGED = '<VanBan><SoKyHieu>99/QD-GIAMAO</SoKyHieu><TrichYeu>Về việc cấp 5 tỷ đồng</TrichYeu><SoTien>5000000000</SoTien></VanBan>'
FORGED_SAME_ID = FORGED.replace("<VanBan>", '<VanBan Id="vb-1">')

g = sign("generic-id.xml", DECL + f"<HoSo>{VANBAN}{signature(reference('#vb-1', [EXC]))}</HoSo>\n", ids=("VanBan",))
before, signed_vb, after = cut(g, '<VanBan Id="vb-1">', "</VanBan>")
sig_start = after.index("<ds:Signature")
sig_end = after.index("</ds:Signature>")
# The signed VanBan moved, a forged one (no Id) in its place: where it went is what differs.
# XSW2/McIntosh: into a ds:Object of the signature.
write("xsw-generic-moved-to-object.xml", before + FORGED + after.replace("</ds:KeyInfo>", f"</ds:KeyInfo><ds:Object>{signed_vb}</ds:Object>", 1))
# XSW7: into an unknown extension element of the root.
write("xsw-generic-moved-to-extension.xml", before + FORGED + after.replace("</HoSo>", f"<Extensions>{signed_vb}</Extensions></HoSo>"))
# XSW4 without the Id: the forged VanBan wraps the signed one.
write("xsw-generic-forged-wraps-signed.xml", before + FORGED.replace("</VanBan>", signed_vb + "</VanBan>") + after)
# McIntosh & Austel: into a header-like sibling before the body.
write("xsw-generic-moved-to-header.xml", before.replace("<HoSo>", f"<HoSo><Header>{signed_vb}</Header>") + FORGED + after)
# The same with the forged copy keeping the Id (XSW3/XSW4/XSW8 as published): a duplicate.
write("xsw-generic-dup-after.xml", g.replace("</HoSo>", FORGED_SAME_ID + "</HoSo>"))
write("xsw-generic-dup-forged-wraps-signed.xml", before + FORGED_SAME_ID.replace("</VanBan>", signed_vb + "</VanBan>") + after)
write("xsw-generic-dup-in-object.xml", g.replace("</ds:KeyInfo>", f"</ds:KeyInfo><ds:Object>{FORGED_SAME_ID}</ds:Object>", 1))
write("xsw-generic-dup-xml-id-in-keyinfo.xml", g.replace("<ds:X509Data>", FORGED.replace("<VanBan>", '<VanBan xml:id="vb-1">') + "<ds:X509Data>", 1))

# A root VanBan signing itself by Id (XSW1 on the "Response"): a forged root with another Id
# carries the signature, the signed original (signature removed) inside its ds:Object.
root_signed = sign(
    "generic-root-id.xml",
    DECL + VANBAN.replace("</VanBan>", signature(reference("#vb-1", [ENV, EXC])) + "</VanBan>") + "\n",
    ids=("VanBan",),
)
sig = root_signed[root_signed.index("<ds:Signature") : root_signed.index("</ds:Signature>") + len("</ds:Signature>")]
original = root_signed[root_signed.index("<VanBan") :].replace(sig, "").strip()
write("xsw1-root-original-in-object.xml", DECL + FORGED.replace("<VanBan>", '<VanBan Id="vb-2">').replace("</VanBan>", sig.replace("</ds:KeyInfo>", f"</ds:KeyInfo><ds:Object>{original}</ds:Object>") + "</VanBan>") + "\n")
# XSW2: the original beside the signature inside the forged root.
write("xsw2-root-original-beside-signature.xml", DECL + FORGED.replace("<VanBan>", '<VanBan Id="vb-2">').replace("</VanBan>", original + sig + "</VanBan>") + "\n")

# ---------------------------------------------------------------------------------------
# 2. E-invoice (Circular 78/2021 shape): HDon/DLHDon Id="data", the seller's signature in
#    DSCKS/NBan over #data and its SigningTime Object, by organization (MST 0101234567).
def invoice_data(number: str = "123", total: str = "1100000", buyer: str = "0309999999", data_id: str = "data") -> str:
    return (
        f'<DLHDon Id="{data_id}"><TTChung><PBan>2.0.1</PBan><THDon>Hóa đơn giá trị gia tăng</THDon><KHMSHDon>1</KHMSHDon>'
        f"<KHHDon>C25TAA</KHHDon><SHDon>{number}</SHDon><NLap>2025-03-01</NLap></TTChung>"
        f"<NDHDon><NBan><Ten>Công ty TNHH Thử Nghiệm</Ten><MST>0101234567</MST></NBan><NMua><Ten>Công ty Mua</Ten><MST>{buyer}</MST></NMua>"
        f"<TToan><TgTTTBSo>{total}</TgTTTBSo></TToan></NDHDon></DLHDon>"
    )


def invoice_signature(references: str) -> str:
    st = (
        '<ds:Object Id="st-data"><ds:SignatureProperties><ds:SignatureProperty Target="#sig-data">'
        "<SigningTime>2025-03-01T16:00:00</SigningTime></ds:SignatureProperty></ds:SignatureProperties></ds:Object>"
    )
    return signature(references + reference("#st-data", []), sig_id="sig-data", objects=st)


INV_IDS = ("DLHDon", "Object", "Manifest")
inv = sign(
    "einvoice.xml",
    DECL + f"<HDon>{invoice_data()}<DSCKS><NBan>{invoice_signature(reference('#data', [ENV, EXC]))}</NBan></DSCKS></HDon>\n",
    signer="organization",
    ids=INV_IDS,
)
i_before, signed_data, i_after = cut(inv, '<DLHDon Id="data">', "</DLHDon>")
forged_data = invoice_data(number="999", total="990000000").replace(' Id="data"', "")
write("xsw-einvoice-moved-to-object.xml", i_before + forged_data + i_after.replace("</ds:KeyInfo>", f"</ds:KeyInfo><ds:Object>{signed_data}</ds:Object>", 1))
write("xsw-einvoice-moved-to-dscks.xml", i_before + forged_data + i_after.replace("<DSCKS>", f"<DSCKS><Khac>{signed_data}</Khac>", 1))
write("xsw-einvoice-moved-to-extension.xml", i_before + forged_data + i_after.replace("</HDon>", f"<TTKhac>{signed_data}</TTKhac></HDon>"))
write("xsw-einvoice-forged-wraps-signed.xml", i_before + forged_data.replace("</DLHDon>", f"<TTKhac>{signed_data}</TTKhac></DLHDon>") + i_after)
write("xsw-einvoice-signed-after-forged.xml", i_before + forged_data + signed_data + i_after)
write("xsw-einvoice-moved-to-keyinfo.xml", i_before + forged_data + i_after.replace("<ds:X509Data>", signed_data + "<ds:X509Data>", 1))
# The forged data with another Id, the signed one left after it (a reader taking the first DLHDon).
write("xsw-einvoice-forged-other-id-first.xml", i_before + forged_data.replace("<DLHDon>", '<DLHDon Id="data2">') + signed_data + i_after)
# Comment injection (Duo Labs 2018): a comment splits a signed text node; canonical XML
# without comments drops it, so the signature still holds, and a reader must see the whole text.
write("c14n-einvoice-comment-added-text.xml", inv.replace("<MST>0309999999</MST>", "<MST>0309999999<!---->-001</MST>"))
# ...the genuine variant: the text signed was 0309999999-001, a comment only splits it.
duo = sign(
    "c14n-einvoice-duo-genuine.xml",
    DECL + f"<HDon>{invoice_data(buyer='0309999999-001')}<DSCKS><NBan>{invoice_signature(reference('#data', [ENV, EXC]))}</NBan></DSCKS></HDon>\n",
    signer="organization",
    ids=INV_IDS,
)
write("c14n-einvoice-duo-comment.xml", duo.replace("<MST>0309999999-001</MST>", "<MST>0309999999<!---->-001</MST>"))
write("c14n-einvoice-cdata.xml", inv.replace("<Ten>Công ty Mua</Ten>", "<Ten><![CDATA[Công ty Mua]]></Ten>"))
write("c14n-einvoice-char-refs.xml", inv.replace("<SHDon>123</SHDon>", "<SHDon>&#x31;&#50;3</SHDon>"))
write("c14n-einvoice-whitespace-added.xml", inv.replace("<SHDon>123</SHDon>", "<SHDon> 123</SHDon>"))
# A Manifest the seller signs without Type="...#Manifest": XMLDSig leaves its References to the
# application; the invoice is not signed through it.
manifest_obj = f'<ds:Object><ds:Manifest Id="mf">{reference("#data", [EXC])}</ds:Manifest></ds:Object>'


def manifest_invoice(name: str, type_: str) -> str:
    # xmlsec1 fills SignedInfo's digests only, so the Manifest's is computed here.
    tpl = DECL + f"<HDon>{invoice_data()}<DSCKS><NBan>{invoice_signature(reference('#mf', [EXC], type_))}</NBan></DSCKS></HDon>\n"
    tpl = tpl.replace("</ds:KeyInfo>", "</ds:KeyInfo>" + manifest_obj, 1)
    # The Manifest's own Reference: DLHDon (no namespace in scope) by exclusive c14n, as
    # libxml2 writes it, SHA-256.
    data_c14n = subprocess.run(["xmllint", "--exc-c14n", "-"], input=invoice_data().encode(), check=True, capture_output=True).stdout
    digest = base64.b64encode(hashlib.sha256(data_c14n).digest()).decode()
    m_digest = tpl.index("<ds:DigestValue></ds:DigestValue>", tpl.index('<ds:Manifest Id="mf">'))
    tpl = tpl[:m_digest] + f"<ds:DigestValue>{digest}</ds:DigestValue>" + tpl[m_digest + len("<ds:DigestValue></ds:DigestValue>") :]
    return sign(name, tpl, signer="organization", ids=INV_IDS)


typed = manifest_invoice("manifest-einvoice-typed.xml", MANIFEST)
write("manifest-einvoice-typed-total-changed.xml", typed.replace("<TgTTTBSo>1100000</TgTTTBSo>", "<TgTTTBSo>990000000</TgTTTBSo>"))
untyped = manifest_invoice("manifest-einvoice-untyped.xml", "")
write("manifest-einvoice-untyped-total-changed.xml", untyped.replace("<TgTTTBSo>1100000</TgTTTBSo>", "<TgTTTBSo>990000000</TgTTTBSo>"))

# ---------------------------------------------------------------------------------------
# 3. Keys and algorithms.
# HMAC (CVE-2009-0217 truncation) where a public-key signature is expected: the key is the
# text "secret"; HMACOutputLength 8 would let anyone guess the value in 256 tries.
with tempfile.TemporaryDirectory() as work:
    key = Path(work) / "hmac.bin"
    key.write_bytes(b"secret")
    hmac_tpl = DECL + f"<HoSo>{VANBAN}{signature(reference('#vb-1', [EXC]), method=HMAC256, key_info='<ds:KeyName>k</ds:KeyName>')}</HoSo>\n"
    tpl = Path(work) / "tpl.xml"
    tpl.write_text(hmac_tpl, encoding="utf-8")
    subprocess.run(["xmlsec1", "--sign", "--hmackey", str(key), "--id-attr:Id", "VanBan", "--output", str(OUT / "hmac-sha256.xml"), str(tpl)], check=True)
hmac = (OUT / "hmac-sha256.xml").read_text(encoding="utf-8")
# The truncated form: HMACOutputLength 8 and the value cut to its first byte.
value = re.search(r"<ds:SignatureValue>([^<]*)</ds:SignatureValue>", hmac).group(1)
first_byte = base64.b64encode(base64.b64decode(value)[:1]).decode()
write(
    "hmac-output-length-8.xml",
    hmac.replace(f'Algorithm="{HMAC256}"/>', f'Algorithm="{HMAC256}"><ds:HMACOutputLength>8</ds:HMACOutputLength></ds:SignatureMethod>').replace(value, first_byte),
)
# The HMAC signature with a trusted certificate in KeyInfo (a verifier that takes "the key"
# from the certificate must not be led into checking an HMAC with it).
org_b64 = pem_base64("organization")
write("hmac-with-certificate.xml", hmac.replace("<ds:KeyName>k</ds:KeyName>", f"<ds:X509Data><ds:X509Certificate>{org_b64}</ds:X509Certificate></ds:X509Data>"))

# A person's signature whose KeyInfo puts the organisation's certificate first, the person's
# after it (control: the key that verifies is the signer), and the person's certificate
# replaced by the organisation's with a KeyValue of the person's key (the key that verifies
# is not in any certificate: nobody is identified).
leaf, inter = certificates(g)
person_key_value = subprocess.run(
    ["openssl", "x509", "-in", str(CA / "person.pem"), "-noout", "-modulus"], check=True, capture_output=True, text=True
).stdout.strip().split("=")[1]
modulus = base64.b64encode(bytes.fromhex(person_key_value)).decode()
key_value = f"<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>{modulus}</ds:Modulus><ds:Exponent>AQAB</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>"
write("keyinfo-signer-not-first.xml", g.replace(f"<ds:X509Certificate>{leaf}</ds:X509Certificate>", f"<ds:X509Certificate>{org_b64}</ds:X509Certificate><ds:X509Certificate>{leaf}</ds:X509Certificate>"))
write("keyinfo-keyvalue-beside-other-certificate.xml", g.replace("<ds:X509Data>", key_value + "<ds:X509Data>", 1).replace(leaf, org_b64))
# RetrievalMethod: to a remote URI, to a local file, to the KeyInfo itself; the certificate left out.
no_leaf = g.replace(f"<ds:X509Certificate>{leaf}</ds:X509Certificate>", "")
write("keyinfo-retrieval-remote.xml", no_leaf.replace("<ds:KeyInfo>", '<ds:KeyInfo><ds:RetrievalMethod URI="http://127.0.0.1:9/person.cer" Type="http://www.w3.org/2000/09/xmldsig#rawX509Certificate"/>', 1))
write("keyinfo-retrieval-file.xml", no_leaf.replace("<ds:KeyInfo>", '<ds:KeyInfo><ds:RetrievalMethod URI="file:///etc/ssl/certs/ca-certificates.crt" Type="http://www.w3.org/2000/09/xmldsig#rawX509Certificate"/>', 1))
write("keyinfo-retrieval-self.xml", no_leaf.replace("<ds:KeyInfo>", '<ds:KeyInfo Id="ki"><ds:RetrievalMethod URI="#ki" Type="http://www.w3.org/2000/09/xmldsig#X509Data"/>', 1))
write("keyinfo-keyname-only.xml", re.sub(r"<ds:KeyInfo>.*?</ds:KeyInfo>", "<ds:KeyInfo><ds:KeyName>Nguyễn Văn An</ds:KeyName></ds:KeyInfo>", g, flags=re.S))
write("keyinfo-subjectname-only.xml", re.sub(r"<ds:X509Data>.*?</ds:X509Data>", "<ds:X509Data><ds:X509SubjectName>CN=Nguyễn Văn An</ds:X509SubjectName></ds:X509Data>", g, flags=re.S))
# Unknown algorithm URIs (as the W3C interop "bad" vectors do): SignatureMethod, DigestMethod, c14n.
write("algorithm-unknown-signature-method.xml", g.replace(RSA256, "http://example.invalid/xmldsig#rsa-sha999"))
write("algorithm-md5-signature-method.xml", g.replace(RSA256, "http://www.w3.org/2001/04/xmldsig-more#rsa-md5"))

# ---------------------------------------------------------------------------------------
# 4. References outside the document: never fetched, never passed. xmlsec1 signs each with
#    the outside bytes mapped to a local file (--url-map), the in-document reference beside it.
with tempfile.TemporaryDirectory() as work:
    outside = Path(work) / "vanban.xml"
    outside.write_text(DECL + VANBAN + "\n", encoding="utf-8")
    for suffix, uri in [("http", "http://127.0.0.1:9/vanban.xml"), ("file", "file:///etc/passwd"), ("relative", "vanban.xml"), ("xpointer-path", "#xpointer(/HoSo/VanBan)")]:
        external = f'<ds:Reference URI="{uri}"><ds:DigestMethod Algorithm="{SHA256}"/><ds:DigestValue></ds:DigestValue></ds:Reference>'
        mapping = () if uri.startswith("#") else ("--url-map:" + uri.split("#")[0], str(outside))
        sign(f"external-{suffix}.xml", DECL + f"<HoSo>{VANBAN}{signature(reference('#vb-1', [EXC]) + external)}</HoSo>\n", ids=("VanBan",), extra=mapping)

# ---------------------------------------------------------------------------------------
# 5. XAdES: the SignedProperties referenced with another Type, or not referenced at all.
leaf_der = base64.b64decode(leaf)
cert_digest = base64.b64encode(hashlib.sha256(leaf_der).digest()).decode()


def qualifying(signing_time: str = "2025-03-01T09:00:00Z") -> str:
    return (
        f'<ds:Object><xades:QualifyingProperties xmlns:xades="{XADES}" Target="#sig-1"><xades:SignedProperties Id="sp-1"><xades:SignedSignatureProperties>'
        f"<xades:SigningTime>{signing_time}</xades:SigningTime>"
        f'<xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm="{SHA256}"/><ds:DigestValue>{cert_digest}</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2>'
        "</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object>"
    )


for name, refs in [
    ("xades-properties-wrong-type.xml", reference("#vb-1", [EXC]) + reference("#sp-1", [EXC], "http://www.w3.org/2000/09/xmldsig#Object")),
    ("xades-properties-unreferenced.xml", reference("#vb-1", [EXC])),
]:
    x = sign(name, DECL + f"<HoSo>{VANBAN}{signature(refs, objects=qualifying())}</HoSo>\n", ids=("VanBan",), extra=("--id-attr:Id", f"{XADES}:SignedProperties"))
    write(name.replace(".xml", "-time-changed.xml"), x.replace("2025-03-01T09:00:00Z", "2024-01-01T09:00:00Z"))

# ---------------------------------------------------------------------------------------
# 6. Revocation evidence in KeyInfo (X509Data/X509CRL, XMLDSig §4.5.4; xmlsec's negative
#    vector signature-x509-crt-crl): the signer "revoked" (serial 3009, key compromise on
#    2026-01-01) carries its issuer's CRL saying so. Controls: the CRL issued before the
#    revocation, and the person (not revoked) carrying the CRL that lists the other.
def der_crl(name: str) -> str:
    return base64.b64encode(subprocess.run(["openssl", "crl", "-in", str(CA / name), "-outform", "DER"], check=True, capture_output=True).stdout).decode()


revoked = sign("crl-revoked-signer-no-crl.xml", DECL + f"<HoSo>{VANBAN}{signature(reference('#vb-1', [EXC]))}</HoSo>\n", signer="revoked", ids=("VanBan",))
write("crl-revoked-signer-crl-in-keyinfo.xml", revoked.replace("</ds:X509Data>", f"<ds:X509CRL>{der_crl('intermediate.crl')}</ds:X509CRL></ds:X509Data>", 1))
write("crl-revoked-signer-older-crl-in-keyinfo.xml", revoked.replace("</ds:X509Data>", f"<ds:X509CRL>{der_crl('intermediate-before-revocation.crl')}</ds:X509CRL></ds:X509Data>", 1))
write("crl-good-signer-crl-in-keyinfo.xml", g.replace("</ds:X509Data>", f"<ds:X509CRL>{der_crl('intermediate.crl')}</ds:X509CRL></ds:X509Data>", 1))

# ---------------------------------------------------------------------------------------
# 7. ECDSA P-521 as Java's XMLDSig wrote it before its fix (xmlsec's vector
#    enveloped-ecdsa-java-bug): r||s at the length of the longer of r and s, so when both start
#    with a zero byte (one signature in four on P-521) each half is one byte short. xmlsec1
#    signs until such a value comes out (ECDSA is randomised), then the halves are trimmed.
ECDSA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"
ecdsa_tpl = DECL + f"<HoSo>{VANBAN}{signature(reference('#vb-1', [EXC]), method=ECDSA512)}</HoSo>\n"
for attempt in range(200):
    e = sign("ecdsa-p521-java-trimmed.xml", ecdsa_tpl, signer="ecdsa-p521", ids=("VanBan",))
    value = re.search(r"<ds:SignatureValue>([^<]*)</ds:SignatureValue>", e).group(1)
    raw = base64.b64decode(value)
    assert len(raw) == 132
    if raw[0] == 0 and raw[66] == 0:
        trimmed = base64.b64encode(raw[1:66] + raw[67:]).decode()
        write("ecdsa-p521-java-trimmed.xml", e.replace(value, trimmed))
        # The same trimmed value with one byte of r changed: still verified, and wrong.
        broken = bytearray(raw[1:66] + raw[67:])
        broken[10] ^= 1
        write("ecdsa-p521-java-trimmed-changed.xml", e.replace(value, base64.b64encode(bytes(broken)).decode()))
        break
else:
    raise SystemExit("no P-521 signature with both halves starting with a zero byte in 200 tries")

# ---------------------------------------------------------------------------------------
# 8. The e-invoice inside another root (a container): the profile still applies, so the
#    wrapping of section 2 is caught there too. Inclusive c14n of the SigningTime Object
#    sees no namespace from the container (it declares none), so the genuine one verifies.
body = inv.split("\n", 1)[1].strip()
container = DECL + f"<HoSo><SoHoSo>HS-01</SoHoSo>{body}</HoSo>\n"
write("einvoice-in-container.xml", container)
c_before, c_signed, c_after = cut(container, '<DLHDon Id="data">', "</DLHDon>")
write("xsw-einvoice-in-container-moved-to-extension.xml", c_before + forged_data + c_after.replace("</HDon>", f"<TTKhac>{c_signed}</TTKhac></HDon>"))
moved_out = c_before + forged_data + c_after.replace("</HoSo>", f"<Khac>{c_signed}</Khac></HoSo>")
write("xsw-einvoice-in-container-moved-out-of-invoice.xml", moved_out)
# The same with DSCKS renamed CKS: the signature does not cover its parent's name, so a gate
# on "holds a DSCKS" would let it through; the Reference to a DLHDon still calls the profile.
write("xsw-einvoice-in-container-moved-out-dscks-renamed.xml", moved_out.replace("<DSCKS>", "<CKS>").replace("</DSCKS>", "</CKS>"))
# Control: a dossier holding invoice data without any DSCKS place, signed whole by a person.
# It claims no e-invoice role, so it stays plain XMLDSig (the profile would call its invoice
# unsigned by the seller).
sign("dossier-invoice-data-signed-whole.xml", DECL + f"<HoSo><HDon>{invoice_data()}</HDon>{signature(reference('', [ENV, EXC]))}</HoSo>\n")

# ---------------------------------------------------------------------------------------
# 9. A root signed by its Id does not sign the processing instructions beside it: an
#    xml-stylesheet PI added before the root keeps the signature valid and changes how the
#    document is shown, so the file is not covered whole. URI="" does sign them.
write("root-id-stylesheet-added.xml", root_signed.replace("<VanBan", '<?xml-stylesheet type="text/xsl" href="https://example.invalid/hien-thi.xsl"?>\n<VanBan', 1))
whole = sign("uri-empty.xml", DECL + VANBAN.replace("</VanBan>", signature(reference("", [ENV, EXC])) + "</VanBan>") + "\n")
write("uri-empty-stylesheet-added.xml", whole.replace("<VanBan", '<?xml-stylesheet type="text/xsl" href="https://example.invalid/hien-thi.xsl"?>\n<VanBan', 1))
write("uri-empty-comment-added.xml", whole.replace("<VanBan", "<!-- ghi chú -->\n<VanBan", 1))

# ---------------------------------------------------------------------------------------
# 10. The XPath idiom not(ancestor-or-self::ds:Signature) leaves every ds:Signature out, so a
#     copy of the signature verifies wherever it is put, and its ds:Object may carry anything:
#     a forged amount slipped in as a "second signature". A new, broken ds:Signature wrapping
#     forged content is a signature that fails. Control: the idiom, untouched.
XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116"
idiom = (
    f'<ds:Transform Algorithm="{XPATH}"><ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath></ds:Transform>'
)
xp = sign("xpath-idiom.xml", DECL + "<VanBan><TrichYeu>Về việc cấp 5 triệu đồng</TrichYeu><SoTien>5000000</SoTien>"
          + signature(reference("", []).replace("<ds:DigestMethod", f"<ds:Transforms>{idiom}</ds:Transforms><ds:DigestMethod", 1)) + "</VanBan>\n")
xp_sig = xp[xp.index("<ds:Signature") : xp.index("</ds:Signature>") + len("</ds:Signature>")]
xp_copy = xp_sig.replace("</ds:KeyInfo>", "</ds:KeyInfo><ds:Object><SoTien>5000000000</SoTien></ds:Object>", 1)
write("xpath-idiom-copy-beside.xml", xp.replace("<SoTien>5000000</SoTien>", "<SoTien>5000000</SoTien>" + xp_copy, 1))
write("xpath-idiom-copy-in-content.xml", xp.replace("<SoTien>5000000</SoTien>", "<SoTien>5000000" + xp_copy + "</SoTien>", 1))
write("xpath-idiom-fake-signature.xml", xp.replace("<SoTien>5000000</SoTien>", f'<ds:Signature xmlns:ds="{DS}"><SoTien>5000000000</SoTien></ds:Signature><SoTien>5000000</SoTien>', 1))

# ---------------------------------------------------------------------------------------
# 11. A XAdES SignatureTimeStamp over other bytes: the token of
#     test/formats/xml/fixtures/signed/xades-bt.xml (over that signature's SignatureValue) put
#     into the unsigned properties of xades-organization.xml, another signature. It must lend
#     no time (imprint mismatch); the signature itself is untouched.
FIXTURES = HERE.parent / "test" / "formats" / "xml" / "fixtures" / "signed"
bt = (FIXTURES / "xades-bt.xml").read_text(encoding="utf-8")
unsigned_properties = re.search(r"<xades:UnsignedProperties>.*?</xades:UnsignedProperties>", bt, re.S).group(0)
org = (FIXTURES / "xades-organization.xml").read_text(encoding="utf-8")
assert "UnsignedProperties" not in org and org.count("</xades:SignedProperties>") == 1
write("xades-timestamp-of-another-signature.xml", org.replace("</xades:SignedProperties>", "</xades:SignedProperties>" + unsigned_properties, 1))

# ---------------------------------------------------------------------------------------
# 12. The same copy in an edXML package (samples/edxml/unsigned.edxml, the organisation's
#     package signature by the XPath idiom): slipped into Subject, the copy's text was read as
#     the signed Subject. The package is judged by its attachments; what changes is its
#     signature layer and which header fields count as signed.
edxml_base = (HERE / "edxml" / "unsigned.edxml").read_text(encoding="utf-8")
edxml_idiom = f'<Transform Algorithm="{XPATH}"><XPath xmlns:dsig="{DS}">not(ancestor-or-self::dsig:Signature)</XPath></Transform>'
edxml_signature = (
    f'<Signature xmlns="{DS}" Id="sig-1"><SignedInfo><CanonicalizationMethod Algorithm="{EXC}"/>'
    f'<SignatureMethod Algorithm="{RSA256}"/><Reference URI=""><Transforms>{edxml_idiom}</Transforms>'
    f'<DigestMethod Algorithm="{SHA256}"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>'
)
edxml_template, n = re.subn(r"\s*</edXML:edXMLHeader>", lambda _: edxml_signature + "</edXML:edXMLHeader>", edxml_base, count=1)
assert n == 1
with tempfile.TemporaryDirectory() as work:
    tpl = Path(work) / "tpl.xml"
    tpl.write_text(edxml_template, encoding="utf-8")
    keys = f"{CA / 'organization'}.key,{CA / 'organization'}.pem,{CA / 'intermediate.pem'}"
    subprocess.run(["xmlsec1", "--sign", "--privkey-pem", keys, "--output", str(OUT / "edxml-xpath-idiom.edxml"), str(tpl)], check=True)
package_text = (OUT / "edxml-xpath-idiom.edxml").read_text(encoding="utf-8")
package_signature = package_text[package_text.index(f'<Signature xmlns="{DS}"') : package_text.index("</Signature>") + len("</Signature>")]
package_copy = package_signature.replace("</KeyInfo>", "</KeyInfo><Object> Về việc chuyển 5 tỷ đồng</Object>", 1)
assert package_text.count("</edXML:Subject>") == 1
write("edxml-xpath-idiom-copy-in-subject.edxml", package_text.replace("</edXML:Subject>", package_copy + "</edXML:Subject>", 1))
