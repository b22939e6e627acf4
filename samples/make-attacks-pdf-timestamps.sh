#!/usr/bin/env bash
# PDF timestamps whose RFC 3161 token carries no certificate (RFC 3161 §2.4.1: a request with
# certReq false), inputs of test/formats/pdf/timestamp-certificates.test.ts (called by
# make-attacks.sh; run from samples/). openssl ts answers the requests under faketime with a
# private serial file, so ca/tsa/serial stays untouched; openssl cms signs; the PDF updates are
# written by pdf-incremental.py over samples/pdf/expired-signed.pdf (signed by pdfsig) or
# pdf/unsigned-fields.pdf.
# - ts-doc-no-cert.pdf: the expired signer's pdfsig signature (2020), a DSS with the chain and
#   the 2020 CRLs, then a document timestamp (2020-06-02) whose token carries no certificate:
#   the TSA certificate is nowhere in the file (as samples/pdf/expired-ltv.pdf otherwise).
# - ts-doc-cert-in-dss.pdf: the same with the TSA certificate in the DSS /Certs.
# - ts-sig-no-cert.pdf: the expired signer's CMS (openssl, 2020) with a signature timestamp
#   (unsigned attribute, 2020-06-01 09:00:05) whose token carries no certificate, and no TSA
#   certificate in the CMS either.
set -euo pipefail
cd "$(dirname "$0")"
OUT=../test/fixtures/attacks/pdf
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo 01 > "$WORK/serial"
sed "s#^serial = .*#serial = $WORK/serial#" ca/tsa/tsa.cnf > "$WORK/tsa.cnf"
PDFI="python3 pdf-incremental.py"
for who in intermediate tsa; do openssl x509 -in "ca/$who.pem" -outform DER -out "$WORK/$who.der"; done
openssl x509 -in pki/kyso-test-root.pem -outform DER -out "$WORK/root.der"

# doctimestamp IN OUT TIME: a document timestamp in a new field, requested without -cert.
doctimestamp() {
  $PDFI prepare "$1" "$2" "$WORK/dts.tbs" --field DocTimeStamp1 --new-field --subfilter ETSI.RFC3161
  openssl ts -query -data "$WORK/dts.tbs" -sha256 -no_nonce -out "$WORK/dts.tsq" 2>/dev/null
  faketime -f "$3" openssl ts -reply -config "$WORK/tsa.cnf" -queryfile "$WORK/dts.tsq" -token_out \
    -out "$WORK/dts.tst" 2>/dev/null
  $PDFI embed "$2" "$WORK/dts.tst"
}

$PDFI dss pdf/expired-signed.pdf "$WORK/dss.pdf" --cert "$WORK/intermediate.der" --cert "$WORK/root.der" \
  --crl ca/intermediate-2020.crl --crl ca/root.crl
doctimestamp "$WORK/dss.pdf" "$OUT/ts-doc-no-cert.pdf" '2020-06-02 01:00:00'
$PDFI dss pdf/expired-signed.pdf "$WORK/dss-tsa.pdf" --cert "$WORK/intermediate.der" --cert "$WORK/root.der" \
  --cert "$WORK/tsa.der" --crl ca/intermediate-2020.crl --crl ca/root.crl
doctimestamp "$WORK/dss-tsa.pdf" "$OUT/ts-doc-cert-in-dss.pdf" '2020-06-02 01:00:00'

$PDFI prepare pdf/unsigned-fields.pdf "$OUT/ts-sig-no-cert.pdf" "$WORK/sig.tbs" --field SigPerson \
  --time '2020-06-01 09:00:00' --name 'Nguyen Van An'
faketime -f '2020-06-01 09:00:00' openssl cms -sign -binary -outform DER -in "$WORK/sig.tbs" -signer ca/expired.pem \
  -inkey ca/expired.key -certfile ca/intermediate.pem -out "$WORK/sig.p7s"
KYSO_TS_NO_CERT=1 python3 add-signature-timestamp.py "$WORK/sig.p7s" "$WORK/sig-ts.p7s" "$WORK/tsa.cnf" '2020-06-01 09:00:05'
$PDFI embed "$OUT/ts-sig-no-cert.pdf" "$WORK/sig-ts.p7s"
echo "make-attacks-pdf-timestamps.sh: done"
