#!/usr/bin/env python3
"""Small XML documents whose references cost far more work than their size (red team rt10,
X1-X7; test/fixtures/attacks/xml/README.md, test/redteam/xml-cost.test.ts).

No signature is made: the digest and signature values are dummies, since kyso must bound the
work before any key or digest is known. Written by hand with the standard library, so a
rebuild is byte-identical. Usage: make-attacks-xml-cost.py OUTDIR
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)

DS = "http://www.w3.org/2000/09/xmldsig#"
EDXML = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ENV = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
B64 = "http://www.w3.org/2000/09/xmldsig#base64"
XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116"
XF2 = "http://www.w3.org/2002/06/xmldsig-filter2"
DIGEST = ('<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
          '<ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue>')


def reference(uri: str, transforms: list[tuple[str, str]]) -> str:
    body = "".join(f'<ds:Transform Algorithm="{algorithm}">{inner}</ds:Transform>' for algorithm, inner in transforms)
    return f'<ds:Reference URI="{uri}"><ds:Transforms>{body}</ds:Transforms>{DIGEST}</ds:Reference>'


def signature(references: list[str], tail: str = "") -> str:
    return (f'<ds:Signature xmlns:ds="{DS}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="{C14N}"/>'
            '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
            + "".join(references) + "</ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue>" + tail + "</ds:Signature>")


def write(name: str, text: str) -> None:
    (OUT / name).write_text(text, encoding="utf-8")


items = "<i/>" * 40000
declarations = "".join(f' xmlns:p{k}="u{k}"' for k in range(254))

# X1b: the whole document canonicalised, then a transform that cannot take octets.
write("cost-c14n-then-enveloped.xml", f"<r>{items}{signature([reference('', [(C14N, ''), (ENV, '')])] * 100)}</r>")
# X1a: base64 over URI="": a walk of the whole document that yields no text.
write("cost-base64-whole-document.xml", f"<r>{items}{signature([reference('', [(B64, '')])] * 200)}</r>")
# X2: eight Filter 2.0 transforms per reference over a small apex in a large document.
filter2 = f'<f:XPath xmlns:f="{XF2}" Filter="union">/</f:XPath>'
write("cost-filter2-per-transform.xml", f'<r><t Id="t">x</t>{items}{signature([reference("#t", [(XF2, filter2)] * 8)] * 50)}</r>')
# X3: enveloped-signature then an XPath transform; the removed Signature holds a large Object.
write("cost-enveloped-xpath-object.xml", f'<r><x/>{signature([reference("", [(ENV, ""), (XPATH, "<ds:XPath>1</ds:XPath>")])] * 100, "<ds:Object>" + items + "</ds:Object>")}</r>')
# X4: 254 namespaces on the root; every element re-declares one (same value, then a new value).
same = '<i xmlns:p0="u0"/>' * 10000
rebound = '<i xmlns:p0="v"/>' * 10000
write("cost-namespaces-redeclared.xml", f"<r{declarations}>{same}{signature([reference('', [(C14N, '')])] * 40)}</r>")
write("cost-namespaces-rebound.xml", f"<r{declarations}>{rebound}{signature([reference('', [(C14N, '')])] * 10)}</r>")
# X5: the referenced element's parent carries 10,000 attributes; 300 references to it.
attributes = "".join(f' a{k}=""' for k in range(10000))
write("cost-ancestor-attributes.xml", f'<r{attributes}><t Id="t">x</t>{signature([reference("#t", [(C14N, "")])] * 300)}</r>')
# X6: the XPath transform `1` at every node of a 250-deep document, 20 references.
write("cost-xpath-deep.xml", "<r>" + "<a>" * 250 + "<i/>" * 20000 + "</a>" * 250 + signature([reference("", [(XPATH, "<ds:XPath>1</ds:XPath>")])] * 20) + "</r>")
# Element paths: 600 references to an element after 30,000 same-named siblings (no transforms).
plain_reference = f'<ds:Reference URI="#t">{DIGEST}</ds:Reference>'
write("cost-siblings-before-target.xml", "<r>" + "<i/>" * 30000 + '<i Id="t"/>' + signature([plain_reference] * 600) + "</r>")
