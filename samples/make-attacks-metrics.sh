#!/usr/bin/env bash
# Inputs of test/redteam/metrics-gaming.test.ts (called by make-attacks.sh; run from samples/): one
# signed document made to look like many, for the adoption counts. Outputs in
# ../test/fixtures/attacks/metrics/copies/ (verified as a folder by `kyso metrics`):
# - genuine.pdf: pdf/person-then-organization.pdf (person, then agency: legally complete).
# - appended.pdf: genuine.pdf with a comment line added after its last %%EOF (python3, bytes only).
# - empty-update.pdf: genuine.pdf with an incremental update that changes nothing (an xref section
#   listing only the free-list head, the same trailer with /Prev; python3, bytes only).
# - a-spoilt.pdf: genuine.pdf with "123/UBND-VP" changed to "124/UBND-VP" inside both signed ranges
#   (a rival's broken copy, named to come first).
# - zipped.zip: genuine.pdf as the only entry of a ZIP (python3 zipfile, fixed entry time).
# - forwarded.edxml: edxml/unsigned.edxml, an unsigned package that carries genuine.pdf.
# - other.pdf: a control, another document by the same two signers: pdf/unsigned-fields.pdf signed
#   by pdfsig as the person at 2025-04-01T09:00:00Z, then as the organisation at 10:00:00Z.
# - invoice.xml: ../test/fixtures/attacks/einvoice/control.xml (an e-invoice signed by the seller,
#   xmlsec1); invoice-reindented.xml: the same with line breaks added outside what is signed.
# - hop-dong.txt + hop-dong.txt.p7s: openssl cms (DER) over a text; ban-sao.txt + ban-sao.txt.p7s:
#   the same text and the same CMS written as PEM (openssl cms -cmsout).
# In ../test/fixtures/attacks/metrics/stages/ (verified as a folder): one document at two stages, and
# another agency's signature added to it:
# - draft.pdf: pdf/person-signed.pdf; final.pdf: pdf/person-then-organization.pdf (draft.pdf + the
#   organisation's signature);
# - countersigned.pdf: final.pdf + a signature in a new field SigCompany by ca/issuer, a company
#   (pdfsig -add-signature at 2025-03-02T09:00:00Z).
# In ../test/fixtures/attacks/metrics/ itself (each verified alone):
# - company-names-province.edxml: edxml/unsigned.edxml with the sender OrganId 000.00.00.H41 (a
#   listed province's People's Committee), carrying pdf/unsigned-fields.pdf (no signature), its
#   package signed over the whole package (xmlsec1, exc-c14n, RSA-SHA256) by ca/issuer, a company's
#   certificate (MST:0309777777), i.e. an organisation that is not that agency.
# - company-wraps-agency.edxml: the same header and signer around pdf/person-then-organization.pdf
#   (signed by the person and by UBND Tỉnh Thử Nghiệm, MST:0101234567).
# - future.txt + future.txt.p7s: openssl cms by the organisation under faketime 2027-01-01 (after
#   the tests' validation time 2026-06-01): a signing time that has not come.
# - header-backdated.edxml: edxml/unsigned.edxml (no package signature) with its PromulgationDate
#   changed from 01/03/2025 to 31/12/2024 (python3, bytes only); the PDF it carries claims
#   2025-03-01 in its signatures.
set -euo pipefail
cd "$(dirname "$0")"
OUT=../test/fixtures/attacks/metrics/copies
rm -rf "$OUT"
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cp pdf/person-then-organization.pdf "$OUT/genuine.pdf"
cp edxml/unsigned.edxml "$OUT/forwarded.edxml"
python3 - "$OUT" <<'PY'
import re, sys, zipfile
out = sys.argv[1]
genuine = open(f"{out}/genuine.pdf", "rb").read()
open(f"{out}/appended.pdf", "wb").write(genuine + b"% kyso: bytes after the last %%EOF\r\n")
trailer = genuine[genuine.rindex(b"trailer"):]
prev = int(re.search(rb"startxref\s+(\d+)", trailer).group(1))
dictionary = re.sub(rb"/Prev \d+", b"/Prev %d" % prev, trailer[len(b"trailer"):trailer.index(b"startxref")].strip())
xref = len(genuine)
update = b"xref\r\n0 1\r\n0000000000 65535 f\r\ntrailer\r\n" + dictionary + b"\r\nstartxref\r\n%d\r\n%%%%EOF\r\n" % xref
open(f"{out}/empty-update.pdf", "wb").write(genuine + update)
old, new = b"(Cong van so 123/UBND-VP)", b"(Cong van so 124/UBND-VP)"
assert genuine.count(old) == 1
open(f"{out}/a-spoilt.pdf", "wb").write(genuine.replace(old, new))
with zipfile.ZipFile(f"{out}/zipped.zip", "w", zipfile.ZIP_DEFLATED) as archive:
    entry = zipfile.ZipInfo("123-UBND-VP.pdf", date_time=(2025, 3, 1, 9, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(entry, genuine)
PY

NSS="$WORK/nss"
mkdir -p "$NSS"
certutil -N -d "sql:$NSS" --empty-password
for who in person organization issuer; do
  openssl pkcs12 -export -in "ca/$who.pem" -inkey "ca/$who.key" -name "$who" -passout pass: -out "$WORK/$who.p12"
  pk12util -i "$WORK/$who.p12" -d "sql:$NSS" -W '' >/dev/null
done
certutil -A -d "sql:$NSS" -n kyso-test-root -t "CT,C,C" -i pki/kyso-test-root.pem
certutil -A -d "sql:$NSS" -n kyso-test-intermediate -t ",," -i ca/intermediate.pem
faketime -f '2025-04-01 09:00:00' pdfsig -sign SigPerson -nssdir "sql:$NSS" -nick person -digest SHA256 -reason 'Ky duyet' \
  pdf/unsigned-fields.pdf "$WORK/other-person.pdf" 2>/dev/null
faketime -f '2025-04-01 10:00:00' pdfsig -sign SigOrganization -nssdir "sql:$NSS" -nick organization -digest SHA256 -reason 'Dong dau' \
  "$WORK/other-person.pdf" "$OUT/other.pdf" 2>/dev/null

STAGES=../test/fixtures/attacks/metrics/stages
rm -rf "$STAGES"
mkdir -p "$STAGES"
cp pdf/person-signed.pdf "$STAGES/draft.pdf"
cp pdf/person-then-organization.pdf "$STAGES/final.pdf"
faketime -f '2025-03-02 09:00:00' pdfsig -add-signature -new-signature-field-name SigCompany -nssdir "sql:$NSS" -nick issuer \
  -digest SHA256 -reason 'Sao y' pdf/person-then-organization.pdf "$STAGES/countersigned.pdf" 2>/dev/null

cp ../test/fixtures/attacks/einvoice/control.xml "$OUT/invoice.xml"
python3 - "$OUT" <<'PY'
import sys
out = sys.argv[1]
data = open(f"{out}/invoice.xml", "rb").read()
root_end = data.rindex(b"</")
# A line break after the declaration and before the root's end tag: outside every signed element.
declaration_end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
reindented = data[:declaration_end] + b"\n" + data[declaration_end:root_end] + b"\n" + data[root_end:]
open(f"{out}/invoice-reindented.xml", "wb").write(reindented)
PY

printf 'Hop dong so 12/2025\n' > "$OUT/hop-dong.txt"
cp "$OUT/hop-dong.txt" "$OUT/ban-sao.txt"
faketime -f '2025-03-01 09:00:00' openssl cms -sign -binary -outform DER -in "$OUT/hop-dong.txt" -signer ca/organization.pem \
  -inkey ca/organization.key -certfile ca/intermediate.pem -out "$OUT/hop-dong.txt.p7s"
openssl cms -cmsout -inform DER -in "$OUT/hop-dong.txt.p7s" -outform PEM -out "$OUT/ban-sao.txt.p7s"

TOP=../test/fixtures/attacks/metrics
printf 'Quyet dinh so 7/2027\n' > "$TOP/future.txt"
faketime -f '2027-01-01 09:00:00' openssl cms -sign -binary -outform DER -in "$TOP/future.txt" -signer ca/organization.pem \
  -inkey ca/organization.key -certfile ca/intermediate.pem -out "$TOP/future.txt.p7s"
python3 - "$TOP" "$WORK" <<'PY'
import base64, re, subprocess, sys
top, work = sys.argv[1], sys.argv[2]
base = open("edxml/unsigned.edxml", encoding="utf-8").read()
old, new = "<edXML:PromulgationDate>01/03/2025<", "<edXML:PromulgationDate>31/12/2024<"
assert base.count(old) == 1
open(f"{top}/header-backdated.edxml", "w", encoding="utf-8").write(base.replace(old, new))
DS, EXC = "http://www.w3.org/2000/09/xmldsig#", "http://www.w3.org/2001/10/xml-exc-c14n#"
template = (
    f'<Signature xmlns="{DS}" Id="sig-1"><SignedInfo><CanonicalizationMethod Algorithm="{EXC}"/>'
    '<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI=""><Transforms>'
    f'<Transform Algorithm="{DS}enveloped-signature"/><Transform Algorithm="{EXC}"/></Transforms>'
    '<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo>'
    "<SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>"
)
def package(name, pdf):
    text = base.replace("000.00.00.H99", "000.00.00.H41")
    content = base64.b64encode(open(pdf, "rb").read()).decode()
    text, n = re.subn(r"(<edXML:ContentTransferEncoded[^>]*>).*?(</edXML:ContentTransferEncoded>)", lambda m: m.group(1) + content + m.group(2), text, flags=re.S)
    assert n == 1
    text, n = re.subn(r"\s*</edXML:edXMLHeader>", lambda _: f"{template}</edXML:edXMLHeader>", text, count=1)
    assert n == 1
    open(f"{work}/tpl.xml", "w", encoding="utf-8").write(text)
    subprocess.run(["xmlsec1", "--sign", "--privkey-pem", "ca/issuer.key,ca/issuer.pem,ca/intermediate.pem", "--output", f"{top}/{name}", f"{work}/tpl.xml"], check=True)
package("company-names-province.edxml", "pdf/unsigned-fields.pdf")
package("company-wraps-agency.edxml", "pdf/person-then-organization.pdf")
PY
echo "make-attacks-metrics.sh: done"
