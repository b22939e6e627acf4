#!/usr/bin/env bash
# Timestamps that prove nothing about the signature they sit on, inputs of
# test/redteam/timestamp-imprints.test.ts (called by make-attacks.sh; run from samples/).
# openssl ts answers the requests under faketime with a private serial file (ca/tsa/serial stays
# untouched), from the trusted test TSA; openssl cms signs; add-signature-timestamp.py adds a
# token as an unsigned attribute; pdf-incremental.py writes the PDF updates over
# pdf/unsigned-fields.pdf. Outputs in ../test/fixtures/attacks/timestamps/:
# - cms-expired-ts-sha224-unrelated.txt(.p7s): the expired signer's signature (2020-06-01) with a
#   token whose imprint is SHA-224 (a hash kyso does not compute) over unrelated bytes.
# - cms-revoked-after-ts-sha224-unrelated.txt(.p7s): the revoked signer (key compromise,
#   2026-01-01) signs on 2026-03-01; the same kind of token, dated 2025-05-01, claims earlier.
# - cms-genuine-ts-sha224-unrelated.txt(.p7s): cms/rsa-sha256 (the person, certificate from
#   2025) with a 2020 token of that kind, which would put the signature before its certificate.
# - cms-expired-ts-sha1.txt(.p7s): the expired signer with a token over its signature value
#   whose imprint is SHA-1, dated 2020-06-01, after SHA-1 stopped counting (2020-01-01).
# - cms-expired-ts-sha256.txt(.p7s): the control, a SHA-256 token over the signature value.
# - pdf-revoked-after-ts-sha224-unrelated.pdf: the revoked signer's PDF signature (2026-03-01)
#   whose CMS carries the 2025-05-01 SHA-224 token over unrelated bytes.
# - pdf-expired-dts-sha224-unrelated.pdf: the expired signer's PDF signature (2020) with a
#   document timestamp (2020-06-01) whose imprint is SHA-224 over unrelated bytes.
# - pdf-pkcs7-sha1-2025.pdf: an adbe.pkcs7.sha1 signature made in 2025: the CMS (SHA-256) signs
#   the SHA-1 of the byte ranges, so SHA-1 alone binds the document.
set -euo pipefail
cd "$(dirname "$0")"
OUT=../test/fixtures/attacks/timestamps
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo 01 > "$WORK/serial"
sed -e "s#^serial = .*#serial = $WORK/serial#" -e 's/^digests = .*/digests = sha1, sha224, sha256, sha384, sha512/' \
  ca/tsa/tsa.cnf > "$WORK/tsa.cnf"
printf 'Dữ liệu không liên quan đến chữ ký nào.\n' > "$WORK/unrelated.bin"
PDFI="python3 pdf-incremental.py"

# cmssign SIGNER TIME TEXT NAME: a detached CMS by openssl over NAME.txt.
cmssign() {
  printf '%s\n' "$3" > "$OUT/$4.txt"
  faketime -f "$2" openssl cms -sign -binary -outform DER -in "$OUT/$4.txt" -signer "ca/$1.pem" -inkey "ca/$1.key" \
    -certfile ca/intermediate.pem -out "$WORK/$4.p7s"
}
# stamp IN OUT TIME HASH [DATA]: adds a token from openssl ts (over DATA instead of the signature value when given).
stamp() {
  env KYSO_TS_HASH="$4" ${5:+KYSO_TS_DATA="$5"} python3 add-signature-timestamp.py "$1" "$2" "$WORK/tsa.cnf" "$3"
}

cmssign expired '2020-06-01 09:00:00' 'Công văn số 501/UBND-VP (chứng thư đã hết hạn).' cms-expired-ts-sha224-unrelated
stamp "$WORK/cms-expired-ts-sha224-unrelated.p7s" "$OUT/cms-expired-ts-sha224-unrelated.txt.p7s" '2020-06-01 09:00:05' sha224 "$WORK/unrelated.bin"
cmssign revoked '2026-03-01 09:00:00' 'Công văn số 502/UBND-VP (ký sau khi chứng thư bị thu hồi).' cms-revoked-after-ts-sha224-unrelated
stamp "$WORK/cms-revoked-after-ts-sha224-unrelated.p7s" "$OUT/cms-revoked-after-ts-sha224-unrelated.txt.p7s" '2025-05-01 09:00:05' sha224 "$WORK/unrelated.bin"
cp cms/rsa-sha256.txt "$OUT/cms-genuine-ts-sha224-unrelated.txt"
stamp cms/rsa-sha256.txt.p7s "$OUT/cms-genuine-ts-sha224-unrelated.txt.p7s" '2020-06-01 09:00:05' sha224 "$WORK/unrelated.bin"
cmssign expired '2020-06-01 09:00:00' 'Công văn số 503/UBND-VP (dấu thời gian SHA-1).' cms-expired-ts-sha1
stamp "$WORK/cms-expired-ts-sha1.p7s" "$OUT/cms-expired-ts-sha1.txt.p7s" '2020-06-01 09:00:05' sha1
cmssign expired '2020-06-01 09:00:00' 'Công văn số 504/UBND-VP (dấu thời gian SHA-256).' cms-expired-ts-sha256
stamp "$WORK/cms-expired-ts-sha256.p7s" "$OUT/cms-expired-ts-sha256.txt.p7s" '2020-06-01 09:00:05' sha256

$PDFI prepare pdf/unsigned-fields.pdf "$OUT/pdf-revoked-after-ts-sha224-unrelated.pdf" "$WORK/r.tbs" --field SigPerson --time '2026-03-01 09:00:00'
faketime -f '2026-03-01 09:00:00' openssl cms -sign -binary -outform DER -in "$WORK/r.tbs" -signer ca/revoked.pem \
  -inkey ca/revoked.key -certfile ca/intermediate.pem -out "$WORK/r.p7s"
stamp "$WORK/r.p7s" "$WORK/r-ts.p7s" '2025-05-01 09:00:05' sha224 "$WORK/unrelated.bin"
$PDFI embed "$OUT/pdf-revoked-after-ts-sha224-unrelated.pdf" "$WORK/r-ts.p7s"

$PDFI prepare pdf/unsigned-fields.pdf "$WORK/e.pdf" "$WORK/e.tbs" --field SigPerson --time '2020-06-01 09:00:00'
faketime -f '2020-06-01 09:00:00' openssl cms -sign -binary -outform DER -in "$WORK/e.tbs" -signer ca/expired.pem \
  -inkey ca/expired.key -certfile ca/intermediate.pem -out "$WORK/e.p7s"
$PDFI embed "$WORK/e.pdf" "$WORK/e.p7s"
$PDFI prepare "$WORK/e.pdf" "$OUT/pdf-expired-dts-sha224-unrelated.pdf" "$WORK/dts.tbs" --field DocTimeStamp1 --new-field --subfilter ETSI.RFC3161
openssl ts -query -data "$WORK/unrelated.bin" -sha224 -cert -no_nonce -out "$WORK/dts.tsq" 2>/dev/null
faketime -f '2020-06-01 09:00:05' openssl ts -reply -config "$WORK/tsa.cnf" -queryfile "$WORK/dts.tsq" -token_out -out "$WORK/dts.tst" 2>/dev/null
$PDFI embed "$OUT/pdf-expired-dts-sha224-unrelated.pdf" "$WORK/dts.tst"

$PDFI prepare pdf/unsigned-fields.pdf "$OUT/pdf-pkcs7-sha1-2025.pdf" "$WORK/s.tbs" --field SigPerson --subfilter adbe.pkcs7.sha1 --time '2025-03-01 09:00:00'
openssl dgst -sha1 -binary "$WORK/s.tbs" > "$WORK/s.sha1"
faketime -f '2025-03-01 09:00:00' openssl cms -sign -nodetach -binary -outform DER -md sha256 -in "$WORK/s.sha1" \
  -signer ca/person.pem -inkey ca/person.key -certfile ca/intermediate.pem -out "$WORK/s.p7s"
$PDFI embed "$OUT/pdf-pkcs7-sha1-2025.pdf" "$WORK/s.p7s"
echo "make-attacks-timestamp-imprints.sh: done"
