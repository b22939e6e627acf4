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
echo "make-attacks-detached-pairs.sh: done"
