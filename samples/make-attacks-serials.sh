#!/bin/sh
# Serial numbers longer than any certificate kyso decodes (64 octets; RFC 5280 §4.1.2.2 lets
# conforming CAs use 20): a SignerInfo naming its signer by a 2 KB serial beside embedded
# copies of the leaf, a CRL (openssl ca) and an OCSP response (openssl ocsp) that list a 2 KB
# serial beside the test PKI's ordinary entries. Such a serial can name no certificate, and
# reading it must cost no more than its bytes. Output: test/fixtures/attacks/serials/.
set -eu
cd "$(dirname "$0")"
OUT=../test/fixtures/attacks/serials
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
at() { when=$1; shift; faketime -f "$when" "$@"; }
LONG=$(python3 -c "print('5A' * 2048)")

# SignerInfo sid = issuerAndSerialNumber with the 2 KB serial; the leaf and 8 copies of it
# with other small serials are embedded (the sid is not signed: the signature stays valid).
python3 - cms/extra/sha3-256.txt.p7s "$OUT/long-sid.txt.p7s" <<'PY'
import copy, sys
import der
ci = der.parse_one(open(sys.argv[1], 'rb').read())
sd = ci.children[1].children[0]
certs = [c for c in sd.children if c.tag == b'\xa0'][0]
si = der.signer_infos(ci)[0]
serial = si.children[1].children[1].value
leaf = [c for c in certs.children if c.children[0].children[1].value == serial][0]
for i in range(8):
    c = copy.deepcopy(leaf)
    c.children[0].children[1] = der.Node(b'\x02', value=(0x100000 + i).to_bytes(3, 'big'))
    certs.children.append(c)
si.children[1].children[1] = der.Node(b'\x02', value=b'\x5a' * 2048)
open(sys.argv[2], 'wb').write(ci.encode())
PY
cp cms/extra/sha3-256.txt "$OUT/long-sid.txt"

# crl INDEX OUT: the intermediate's CRL of 2026-01-02 listing the revoked lines of INDEX
# (an openssl ca database) and the 2 KB serial.
crl() {
  { cat "$1"; printf 'R\t450101000000Z\t251201000000Z,keyCompromise\t%s\tunknown\t/CN=over-long serial\n' "$LONG"; } > "$WORK/index.txt"
  echo 5000 > "$WORK/crlnumber"
  sed -e "s|^database = \$dir/intermediate.index.txt|database = $WORK/index.txt|" \
      -e "s|^crlnumber = \$dir/intermediate.crlnumber|crlnumber = $WORK/crlnumber|" ca/db/openssl.cnf > "$WORK/cnf"
  at '2026-01-02 00:00:00' openssl ca -config "$WORK/cnf" -name intermediate -gencrl -crldays 7300 -out "$WORK/crl.pem" 2>/dev/null
  openssl crl -in "$WORK/crl.pem" -outform DER -out "$2"
}
crl ca/db/intermediate.index.txt "$OUT/long-entry.crl"
# The same with the signer of cms/extra/sha3-256.txt.p7s (0x3001) revoked too.
sed 's/^V\t\([0-9Z]*\)\t\t3001\t/R\t\1\t251201000000Z,keyCompromise\t3001\t/' ca/db/intermediate.index.txt > "$WORK/revoked.index.txt"
crl "$WORK/revoked.index.txt" "$OUT/long-entry-signer-revoked.crl"

# One OCSP response (the test responder) about the 2 KB serial and the signer (0x3001, good).
openssl ocsp -issuer ca/intermediate.pem -serial "0x$LONG" -cert ca/person.pem -no_nonce -reqout "$WORK/ocsp.req"
at '2026-01-02 00:00:00' openssl ocsp -index ca/db/intermediate.index.txt -CA ca/intermediate.pem \
  -rsigner ca/ocsp-responder.pem -rkey ca/ocsp-responder.key -reqin "$WORK/ocsp.req" -ndays 7300 \
  -respout "$OUT/long-serial-and-signer.ocsp" >/dev/null 2>&1
