#!/bin/sh
# Inputs of test/verify/refusals.test.ts and test/verify/timestamp-signer.test.ts (called by
# make-attacks.sh; run from samples/). Every signature is made by openssl or kept from an
# xmlsec1-made sample; faketime freezes the clock and a private TSA serial file keeps
# ca/tsa/serial untouched, so a rebuild is byte for byte the same.
set -eu
cd "$(dirname "$0")"
CMS=../test/fixtures/attacks/cms
REFUSED=../test/fixtures/attacks/refusals
mkdir -p "$CMS" "$REFUSED"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
sed "s#^serial = .*#serial = $WORK/serial#" ca/tsa/tsa.cnf > "$WORK/tsa.cnf"

# text NAME NUMBER: the same kind of letter as make.sh's CMS samples.
text() {
  printf 'ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM\nCông văn số %s/UBND-VP\nV/v thử nghiệm chữ ký số (mẫu %s)\n\nKính gửi: Các sở, ban, ngành tỉnh.\n' "$2" "$1" > "$CMS/$1.txt"
}

# RFC 3161 §2.4.1: a timestamp requested with certReq false carries no certificate. The
# expired signer signed in 2020 (as samples/cms/expired-timestamped); the token's TSA
# certificate travels in the outer SignedData's certificate bag (…-beside-token), or
# nowhere (…-not-carried: only a verifier that knows the TSA certificate finds it).
echo 01 > "$WORK/serial"
cat ca/intermediate.pem ca/tsa.pem > "$WORK/chain-and-tsa.pem"
text ts-tsa-cert-beside-token 901
faketime -f '2020-06-01 09:00:00' openssl cms -sign -binary -outform DER -in "$CMS/ts-tsa-cert-beside-token.txt" \
  -signer ca/expired.pem -inkey ca/expired.key -certfile "$WORK/chain-and-tsa.pem" -out "$WORK/beside.p7s"
KYSO_TS_NO_CERT=1 python3 add-signature-timestamp.py "$WORK/beside.p7s" "$CMS/ts-tsa-cert-beside-token.txt.p7s" "$WORK/tsa.cnf" '2020-06-01 09:00:05'
text ts-tsa-cert-not-carried 902
faketime -f '2020-06-01 09:00:00' openssl cms -sign -binary -outform DER -in "$CMS/ts-tsa-cert-not-carried.txt" \
  -signer ca/expired.pem -inkey ca/expired.key -certfile ca/intermediate.pem -out "$WORK/nowhere.p7s"
KYSO_TS_NO_CERT=1 python3 add-signature-timestamp.py "$WORK/nowhere.p7s" "$CMS/ts-tsa-cert-not-carried.txt.p7s" "$WORK/tsa.cnf" '2020-06-01 09:00:05'

# A degenerate SignedData (no SignerInfo, RFC 5652 §5.2): a certificate bundle, not a signature.
openssl crl2pkcs7 -nocrl -certfile pki/kyso-test-root.pem -certfile ca/intermediate.pem -outform DER -out "$REFUSED/certs-only.p7b"
# An xmlsec1-signed sample re-encoded in VISCII, a Vietnamese encoding kyso does not decode
# (xmlsec1, through libxml2 and iconv, still verifies it): kyso cannot check it.
sed 's/encoding="UTF-8"/encoding="VISCII"/' xml/enveloped-rsa-sha256-exc-c14n.xml | iconv -f UTF-8 -t VISCII > "$REFUSED/viscii-signed.xml"
