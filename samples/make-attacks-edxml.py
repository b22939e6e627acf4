#!/usr/bin/env python3
"""Hostile edXML packages (test/formats/edxml/package-content.test.ts).

Built from samples/edxml/unsigned.edxml (make.sh's edXML package, modelled on the real
edoc_new.edxml) and the signed PDFs of samples/pdf/; each package signature is made by
xmlsec1 with the test PKI's keys (samples/ca/), enveloped over the whole package
(URI="", exc-c14n, RSA-SHA256) unless said otherwise. The attack itself is the content
signed (a manifest that promises what the package does not carry, an XPath transform
that leaves a header field's text out) or a byte edit done by the test. RSA PKCS#1 v1.5
is deterministic, so a rebuild is byte-identical while the inputs are. kyso's code is
never used. Usage: make-attacks-edxml.py OUTDIR
"""

from __future__ import annotations

import base64
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
EDXML = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
EXC = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENV = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116"
RSA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"

BASE = (HERE / "edxml" / "unsigned.edxml").read_text(encoding="utf-8")
GOOD = HERE / "pdf" / "person-signed.pdf"
TAMPERED = HERE / "pdf" / "tampered.pdf"


def signature(transforms: str = f'<Transform Algorithm="{ENV}"/><Transform Algorithm="{EXC}"/>', uri: str = "") -> str:
    return (
        f'<Signature xmlns="{DS}" Id="sig-1"><SignedInfo><CanonicalizationMethod Algorithm="{EXC}"/>'
        f'<SignatureMethod Algorithm="{RSA256}"/><Reference URI="{uri}"><Transforms>{transforms}</Transforms>'
        f'<DigestMethod Algorithm="{SHA256}"/><DigestValue/></Reference></SignedInfo>'
        f"<SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>"
    )


def manifest(names: list[str]) -> str:
    refs = "".join(
        f"<edXML:Reference><edXML:ContentId>cid:{i}</edXML:ContentId><edXML:ContentType>application/pdf</edXML:ContentType>"
        f"<edXML:Description>{name}</edXML:Description><edXML:AttachmentName>{name}</edXML:AttachmentName></edXML:Reference>"
        for i, name in enumerate(names, 1)
    )
    return f'<edXML:edXMLManifest version="1.0">{refs}</edXML:edXMLManifest>'


def attachments(files: list[tuple[str, Path]]) -> str:
    if not files:
        return ""
    items = "".join(
        f"<Attachment><ContentId>cid:{i}</ContentId><AttachmentName>{name}</AttachmentName><ContentType>application/pdf</ContentType>"
        f"<ContentTransferEncoded>{base64.b64encode(path.read_bytes()).decode()}</ContentTransferEncoded></Attachment>"
        for i, (name, path) in enumerate(files, 1)
    )
    return f"<AttachmentEncoded>{items}</AttachmentEncoded>"


def package(listed: list[str], carried: list[tuple[str, Path]], sig: str = signature(), edit=lambda text: text) -> str:
    """The base package with its manifest listing `listed` and carrying `carried` (cid:1, cid:2 ... in order)."""
    text = BASE
    text, n = re.subn(r"<edXML:edXMLManifest.*?</edXML:edXMLManifest>", lambda _: manifest(listed), text, flags=re.S)
    assert n == 1
    text, n = re.subn(r"\s*<AttachmentEncoded>.*?</AttachmentEncoded>", lambda _: attachments(carried), text, flags=re.S)
    assert n == 1
    text, n = re.subn(r"\s*</edXML:edXMLHeader>", lambda _: f"{sig}</edXML:edXMLHeader>", text, count=1)
    assert n == 1
    return edit(text)


def signed(name: str, template: str, signer: str = "organization", extra: tuple[str, ...] = ()) -> None:
    with tempfile.TemporaryDirectory() as work:
        tpl = Path(work) / "tpl.xml"
        tpl.write_text(template, encoding="utf-8")
        # other-signer is issued by the other root directly: no intermediate to send.
        chain = "" if signer == "other-signer" else f",{CA / 'intermediate.pem'}"
        keys = f"{CA / signer}.key,{CA / signer}.pem{chain}"
        subprocess.run(["xmlsec1", "--sign", "--privkey-pem", keys, *extra, "--output", str(OUT / name), str(tpl)], check=True)


def replace_once(old: str, new: str):
    def edit(text: str) -> str:
        assert text.count(old) == 1, old
        return text.replace(old, new)

    return edit


# Finding 1: three attachments, the third a tampered PDF; the tests lower
# policy.limits.maxEdxmlAttachments to 2 so that the third is left unchecked.
signed(
    "third-attachment-tampered.edxml",
    package(["vb-1.pdf", "vb-2.pdf", "vb-3.pdf"], [("vb-1.pdf", GOOD), ("vb-2.pdf", GOOD), ("vb-3.pdf", TAMPERED)]),
)

# Finding 2. Two attachments, the second tampered (the test strips the second <Attachment>
# after signing: the package signature then fails and the manifest lists what is gone).
signed("second-attachment-tampered.edxml", package(["vb-1.pdf", "vb-2.pdf"], [("vb-1.pdf", GOOD), ("vb-2.pdf", TAMPERED)]))
# The signer's manifest lists cid:2, which the package never carried.
signed("manifest-lists-missing-attachment.edxml", package(["vb-1.pdf", "vb-2.pdf"], [("vb-1.pdf", GOOD)]))
# A document package (no StatusCode, a body) without any attachment, signed by a person:
# once with its manifest listing cid:1, once with an empty manifest.
signed("document-package-listed-no-attachment.edxml", package(["vb-1.pdf"], []), "person")
signed("document-package-no-attachment.edxml", package([], []), "person")
# A status message (StatusCode 01, no edXMLBody) signed by the organisation: judged by its
# package signature alone.
STATUS = replace_once(
    "<edXML:SteeringType>1</edXML:SteeringType>",
    "<edXML:SteeringType>1</edXML:SteeringType><edXML:StatusCode>01</edXML:StatusCode>"
    "<edXML:Description>Đã đến</edXML:Description><edXML:Timestamp>2025/03/01 10:10:00</edXML:Timestamp>",
)


def status(text: str) -> str:
    text, n = re.subn(r"\s*<edXML:edXMLBody>.*?</edXML:edXMLBody>", "", STATUS(text), flags=re.S)
    assert n == 1
    return text


signed("status-signed.edxml", package([], [], edit=status))

# Finding 7: an XPath transform that leaves the text of From/OrganId out of what is signed
# (the test then changes it: the signature still verifies, the sender code is not signed).
EXCLUDE_ORGANID_TEXT = (
    f'<Transform Algorithm="{XPATH}"><XPath xmlns:ds="{DS}" xmlns:e="{EDXML}">'
    "not(ancestor-or-self::ds:Signature) and not(self::text() and parent::e:OrganId[parent::e:From])</XPath></Transform>"
    f'<Transform Algorithm="{EXC}"/>'
)
signed("organid-text-excluded.edxml", package(["vb-1.pdf"], [("vb-1.pdf", GOOD)], sig=signature(EXCLUDE_ORGANID_TEXT)))

# Finding 6: the package signature signs only the MessageHeader (by Id), not the attachment
# the package carries: the header is signed, but says nothing proven about that attachment.
signed(
    "header-only-signature.edxml",
    package(
        ["vb-1.pdf"],
        [("vb-1.pdf", GOOD)],
        sig=signature(f'<Transform Algorithm="{EXC}"/>', uri="#hdr"),
        edit=replace_once("<edXML:MessageHeader>", '<edXML:MessageHeader Id="hdr">'),
    ),
    extra=("--id-attr:Id", f"{EDXML}:MessageHeader"),
)

# A header signature that does not bind (above), joined by a second signature over the whole
# package made with a key no trusted root vouches for (samples/ca/other-signer): the second
# binds but is not trusted, the first is trusted but does not bind. Neither may lend the other
# what it lacks. Once with the same Id on both signatures, once with distinct Ids.
HEADER_ONLY = (OUT / "header-only-signature.edxml").read_text(encoding="utf-8")
SPLIT = HEADER_ONLY.index("<Signature ")
for name, untrusted_id in (("binding-borrowed-same-id.edxml", "sig-1"), ("binding-borrowed.edxml", "sig-untrusted")):
    signed(name, HEADER_ONLY[:SPLIT] + signature().replace('Id="sig-1"', f'Id="{untrusted_id}"') + HEADER_ONLY[SPLIT:], "other-signer")

# An Attachment with more than one payload (red team rt13): byte edits of samples/edxml/signed.edxml
# (package signature by xmlsec1, over the whole package; the edits break it, which decides nothing:
# the attached PDF carries the legal signatures) adding samples/pdf/unsigned-fields.pdf, unsigned,
# as a second payload of the one Attachment. kyso used to read the first payload and pass; readers
# that keep the last value (XmlSerializer, JAXB, ElementTree code keeping the last) see the unsigned PDF.
SIGNED = (HERE / "edxml" / "signed.edxml").read_text(encoding="utf-8")
UNSIGNED_PDF = base64.b64encode((HERE / "pdf" / "unsigned-fields.pdf").read_bytes()).decode()
CTE_OPEN = f'<edXML:ContentTransferEncoded xmlns:edXML="{EDXML}">'
CTE_CLOSE = "</edXML:ContentTransferEncoded>"
for name, old, new in (
    # A second ContentTransferEncoded after the signed one.
    ("attachment-two-payloads.edxml", CTE_CLOSE, f"{CTE_CLOSE}{CTE_OPEN}{UNSIGNED_PDF}{CTE_CLOSE}"),
    # The unsigned PDF's base64 as the Attachment's own text, before the signed ContentTransferEncoded.
    ("attachment-text-beside-payload.edxml", CTE_OPEN, f"{UNSIGNED_PDF}{CTE_OPEN}"),
    # A ContentTransferEncoded in a foreign namespace before the signed one.
    ("attachment-foreign-payload.edxml", CTE_OPEN, f'<x:ContentTransferEncoded xmlns:x="urn:x">{UNSIGNED_PDF}</x:ContentTransferEncoded>{CTE_OPEN}'),
):
    assert SIGNED.count(old) == 1, old
    (OUT / name).write_bytes(SIGNED.replace(old, new).encode("utf-8"))
