#!/usr/bin/env python3
"""Hostile XML signatures (test/fixtures/attacks/xml/README.md, test/redteam/xml-attacks.test.ts).

Templates are written here and signed by xmlsec1 with the test PKI's keys (samples/ca/);
the attack itself is a byte edit of the signed file afterwards (or, for the work-limit
inputs, no signature at all: dummy digest and signature values, since kyso must bound the
work before any key is known). RSA PKCS#1 v1.5 is deterministic, so a rebuild is
byte-identical. kyso's code is never used. Usage: make-attacks-xml.py OUTDIR
"""

from __future__ import annotations

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


def signed(name: str, template: str, signer: str = "person", encoding: str = "utf-8") -> bytes:
    """Signs `template` with xmlsec1 (the signer's key, its certificate and the intermediate in KeyInfo)."""
    with tempfile.TemporaryDirectory() as work:
        tpl = Path(work) / "tpl.xml"
        tpl.write_bytes(template.encode(encoding))
        out = OUT / name
        subprocess.run(
            ["xmlsec1", "--sign", "--privkey-pem", f"{CA / signer}.key,{CA / signer}.pem,{CA / 'intermediate.pem'}", "--output", str(out), str(tpl)],
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
