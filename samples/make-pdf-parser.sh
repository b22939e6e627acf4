#!/usr/bin/env bash
# PDF samples for reader gaps met in real files (issue 8). Run from samples/ (make.sh calls it
# after its PDF stage); it needs the test PKI in ca/ and pdf/unsigned-fields.pdf.
# - pdf/unknown-subfilter-cms.pdf: a signature dictionary with /SubFilter /PBAD.PAdES (a vendor
#   name, not in ISO 32000) whose /Contents is an ordinary detached CMS by openssl over the
#   /ByteRange bytes (pdf-incremental.py prepare/embed).
set -euo pipefail
cd "$(dirname "$0")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 pdf-incremental.py prepare pdf/unsigned-fields.pdf pdf/unknown-subfilter-cms.pdf "$WORK/tbs" --field SigPerson \
  --subfilter PBAD.PAdES --time '2025-03-01 09:00:00' --name 'Nguyen Van An'
faketime -f '2025-03-01 09:00:00' openssl cms -sign -binary -outform DER -in "$WORK/tbs" -signer ca/person.pem \
  -inkey ca/person.key -certfile ca/intermediate.pem -out "$WORK/cms.der"
python3 pdf-incremental.py embed pdf/unknown-subfilter-cms.pdf "$WORK/cms.der"
echo "make-pdf-parser.sh: PDF reader samples done"
