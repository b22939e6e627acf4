#!/usr/bin/env bash
# Detached signatures whose content is a PDF with signatures of its own, inputs of
# test/redteam/detached-pairs.test.ts (called by make-attacks.sh; run from samples/). openssl cms
# signs each PDF as it is, under faketime, as the organisation; the PDFs are samples made by
# pdfsig and pdf-incremental.py. Outputs in ../test/fixtures/attacks/detached-pairs/ (a folder is
# verified as a whole: each x.pdf beside x.pdf.p7s is one document):
# - broken.pdf(.p7s): pdf/tampered.pdf, whose own signature (the person's) no longer matches.
# - signed.pdf(.p7s): pdf/person-signed.pdf, whose own signature holds (control).
# - unsigned.pdf(.p7s): pdf/unsigned-fields.pdf, which has no signature of its own (control).
# - zipped-broken.zip(.p7s): a ZIP (python3 zipfile, fixed entry time) holding pdf/tampered.pdf:
#   the package is unsigned, the PDF it carries is broken.
# Names that claim a pair, in ../test/fixtures/attacks/detached-names/ (each folder verified as a
# whole; the ZIPs by python3 zipfile with fixed entry times):
# - misnamed/: contract.pdf is pdf/tampered.pdf (its own signature broken) and contract.pdf.sig is
#   pdf/person-signed.pdf, a signed PDF named like a detached signature of it.
# - misnamed-unsigned/: the same with contract.pdf = pdf/unsigned-fields.pdf (no signature).
# - chain/: a.pdf = pdf/tampered.pdf, a.pdf.p7s = openssl cms over it, a.pdf.p7s.p7s = openssl
#   cms over a.pdf.p7s.
# - zip-pair.zip: hop-dong.txt and hop-dong.txt.p7s (openssl cms over it): one document.
# - zip-pair-broken-pdf.zip: QD.pdf (pdf/tampered.pdf) and QD.pdf.p7s (openssl cms over it).
# - zip-chain.zip: the three files of chain/.
# - zip-sig-not-cms.zip: QD.pdf (pdf/tampered.pdf) and QD.pdf.sig (pdf/person-signed.pdf).
set -euo pipefail
cd "$(dirname "$0")"
OUT=../test/fixtures/attacks/detached-pairs
mkdir -p "$OUT"
pair() {
  cp "pdf/$1" "$OUT/$2.pdf"
  faketime -f '2025-03-01 09:00:00' openssl cms -sign -binary -outform DER -in "$OUT/$2.pdf" -signer ca/organization.pem \
    -inkey ca/organization.key -certfile ca/intermediate.pem -out "$OUT/$2.pdf.p7s"
}
pair tampered.pdf broken
pair person-signed.pdf signed
pair unsigned-fields.pdf unsigned
python3 - "$OUT/zipped-broken.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
    entry = zipfile.ZipInfo("123-UBND-VP.pdf", date_time=(2025, 3, 1, 9, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(entry, open("pdf/tampered.pdf", "rb").read())
PY
faketime -f '2025-03-01 09:00:00' openssl cms -sign -binary -outform DER -in "$OUT/zipped-broken.zip" -signer ca/organization.pem \
  -inkey ca/organization.key -certfile ca/intermediate.pem -out "$OUT/zipped-broken.zip.p7s"
NAMES=../test/fixtures/attacks/detached-names
mkdir -p "$NAMES/misnamed" "$NAMES/misnamed-unsigned" "$NAMES/chain"
cms_over() {
  faketime -f '2025-03-01 09:00:00' openssl cms -sign -binary -outform DER -in "$1" -signer ca/organization.pem \
    -inkey ca/organization.key -certfile ca/intermediate.pem -out "$2"
}
cp pdf/tampered.pdf "$NAMES/misnamed/contract.pdf"
cp pdf/person-signed.pdf "$NAMES/misnamed/contract.pdf.sig"
cp pdf/unsigned-fields.pdf "$NAMES/misnamed-unsigned/contract.pdf"
cp pdf/person-signed.pdf "$NAMES/misnamed-unsigned/contract.pdf.sig"
cp pdf/tampered.pdf "$NAMES/chain/a.pdf"
cms_over "$NAMES/chain/a.pdf" "$NAMES/chain/a.pdf.p7s"
cms_over "$NAMES/chain/a.pdf.p7s" "$NAMES/chain/a.pdf.p7s.p7s"
printf 'Hop dong so 12/2025\n' > "$NAMES/hop-dong.txt.tmp"
cms_over "$NAMES/hop-dong.txt.tmp" "$NAMES/hop-dong.txt.p7s.tmp"
cms_over pdf/tampered.pdf "$NAMES/QD.pdf.p7s.tmp"
python3 - "$NAMES" <<'PY'
import sys, zipfile
out = sys.argv[1]
def write(name, entries):
    with zipfile.ZipFile(f"{out}/{name}", "w", zipfile.ZIP_DEFLATED) as archive:
        for entry_name, path in entries:
            entry = zipfile.ZipInfo(entry_name, date_time=(2025, 3, 1, 9, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, open(path, "rb").read())
write("zip-pair.zip", [("hop-dong.txt", f"{out}/hop-dong.txt.tmp"), ("hop-dong.txt.p7s", f"{out}/hop-dong.txt.p7s.tmp")])
write("zip-pair-broken-pdf.zip", [("QD.pdf", "pdf/tampered.pdf"), ("QD.pdf.p7s", f"{out}/QD.pdf.p7s.tmp")])
write("zip-chain.zip", [(name, f"{out}/chain/{name}") for name in ("a.pdf", "a.pdf.p7s", "a.pdf.p7s.p7s")])
write("zip-sig-not-cms.zip", [("QD.pdf", "pdf/tampered.pdf"), ("QD.pdf.sig", "pdf/person-signed.pdf")])
PY
rm "$NAMES"/*.tmp
echo "make-attacks-detached-pairs.sh: done"
