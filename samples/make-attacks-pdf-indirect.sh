#!/usr/bin/env bash
# Signature dictionaries whose /Type, /Filter and /SubFilter are indirect references to name
# objects (ISO 32000-1 §7.3.10 allows it; Table 252 does not ask for direct values), inputs of
# test/formats/pdf/indirect-names.test.ts (called by make-attacks.sh; run from samples/).
# pdfsig always writes these names directly, so pdf-incremental.py writes the dictionary
# (prepare --indirect) and openssl signs the /ByteRange bytes, as for make.sh's certification
# samples: the references are inside the signed revision.
# - indirect-names-signed.pdf: the person's adbe.pkcs7.detached signature (openssl cms).
# - indirect-names-doctimestamp.pdf: pdf/person-signed.pdf (pdfsig) and a document timestamp
#   (openssl ts) whose /Type /DocTimeStamp and /SubFilter /ETSI.RFC3161 are indirect.
set -euo pipefail
cd "$(dirname "$0")"
OUT=../test/fixtures/attacks/pdf
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo 01 > "$WORK/serial"
sed "s#^serial = .*#serial = $WORK/serial#" ca/tsa/tsa.cnf > "$WORK/tsa.cnf"
PDFI="python3 pdf-incremental.py"

$PDFI prepare pdf/unsigned-fields.pdf "$OUT/indirect-names-signed.pdf" "$WORK/sig.tbs" --field SigPerson \
  --time '2025-03-01 09:00:00' --name 'Nguyen Van An' --indirect Type --indirect Filter --indirect SubFilter
faketime -f '2025-03-01 09:00:00' openssl cms -sign -binary -outform DER -in "$WORK/sig.tbs" -signer ca/person.pem \
  -inkey ca/person.key -certfile ca/intermediate.pem -out "$WORK/sig.p7s"
$PDFI embed "$OUT/indirect-names-signed.pdf" "$WORK/sig.p7s"

$PDFI prepare pdf/person-signed.pdf "$OUT/indirect-names-doctimestamp.pdf" "$WORK/dts.tbs" --field DocTimeStamp1 \
  --new-field --subfilter ETSI.RFC3161 --indirect Type --indirect SubFilter
openssl ts -query -data "$WORK/dts.tbs" -sha256 -cert -no_nonce -out "$WORK/dts.tsq" 2>/dev/null
faketime -f '2025-03-01 09:30:00' openssl ts -reply -config "$WORK/tsa.cnf" -queryfile "$WORK/dts.tsq" -token_out \
  -out "$WORK/dts.tst" 2>/dev/null
$PDFI embed "$OUT/indirect-names-doctimestamp.pdf" "$WORK/dts.tst"
echo "make-attacks-pdf-indirect.sh: done"
