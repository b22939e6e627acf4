#!/usr/bin/env bash
# Builds samples/pki-edge/: small PKIs made by openssl (clock frozen by faketime) for the
# path and revocation cases a verifier must not be talked round on (issue 9). Keys are
# derived from their names (deterministic-key.py) and every serial and time is fixed, so
# a rerun gives the same bytes (RSA PKCS#1 v1.5 signatures are deterministic).
#
# Validation time used by the tests: 2025-06-01. See samples/README.md (pki-edge) for what
# each file is.
set -euo pipefail
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
umask 022
OUT=pki-edge
rm -rf "$OUT"
mkdir -p "$OUT"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

at() { local when=$1; shift; faketime -f "$when" "$@"; }
key() { # NAME [rsa2048|rsa1024]
  python3 deterministic-key.py "${2:-rsa2048}" "pki-edge-$1" "$W/$1.raw.pem"
  openssl pkey -in "$W/$1.raw.pem" -out "$W/$1.key" >/dev/null 2>&1
}
# ext NAME LINES...: an extension section [v3] (plus any further sections in LINES)
ext() { printf '%s\n' "[v3]" "${@:2}" > "$W/$1.ext"; }

URL=http://pki-edge.kyso.test
SUBJ='/C=VN/O=kyso pki-edge'
ext root 'basicConstraints=critical,CA:TRUE' 'keyUsage=critical,keyCertSign,cRLSign' 'subjectKeyIdentifier=hash'
ext ca 'basicConstraints=critical,CA:TRUE,pathlen:0' 'keyUsage=critical,keyCertSign,cRLSign' 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid'
ext leaf 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature,nonRepudiation' 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid' \
  "crlDistributionPoints=URI:$URL/ca.crl" "authorityInfoAccess=OCSP;URI:$URL/ocsp"
ext responder 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature' 'extendedKeyUsage=OCSPSigning' 'noCheck=ignored' 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid'
ext responder-checked 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature' 'extendedKeyUsage=OCSPSigning' 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid'
ext plainleaf 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature,nonRepudiation'
ext twin 'basicConstraints=critical,CA:TRUE' 'keyUsage=critical,keyCertSign,cRLSign'
ext nc-root 'basicConstraints=critical,CA:TRUE' 'keyUsage=critical,keyCertSign,cRLSign' 'nameConstraints=critical,excluded;dirName:nc_excluded' \
  '[nc_excluded]' 'C=VN' 'O=kyso pki-edge' 'CN=kyso nc excluded leaf'
ext critical-root 'basicConstraints=critical,CA:TRUE' 'keyUsage=critical,keyCertSign,cRLSign' '1.3.6.1.4.1.55555.1=critical,ASN1:NULL'
ext not-ca-root 'keyUsage=critical,keyCertSign,cRLSign'
ext no-crl-sign-root 'basicConstraints=critical,CA:TRUE' 'keyUsage=critical,keyCertSign'

# selfsigned NAME CN START DAYS EXT SERIAL
selfsigned() {
  key "$1"
  at "$3 00:00:00" openssl req -utf8 -x509 -new -key "$W/$1.key" -subj "$SUBJ/CN=$2" -days "$4" -set_serial "$6" -sha256 \
    -extensions v3 -config "$W/$5.ext" -out "$W/$1.pem" 2>/dev/null
}
# issue NAME CN ISSUER START DAYS EXT SERIAL [KEYKIND]
issue() {
  key "$1" "${8:-rsa2048}"
  openssl req -utf8 -new -key "$W/$1.key" -subj "$SUBJ/CN=$2" -out "$W/$1.csr"
  at "$4 00:00:00" openssl x509 -req -in "$W/$1.csr" -CA "$W/$3.pem" -CAkey "$W/$3.key" -set_serial "$7" -days "$5" -sha256 \
    -extfile "$W/$6.ext" -extensions v3 -out "$W/$1.pem" 2>/dev/null
}

# ---- root → ca → leaves and OCSP responders ----------------------------------------
selfsigned root 'kyso pki-edge root' 2020-01-01 7300 root 0x01
issue ca 'kyso pki-edge CA' root 2020-01-01 7300 ca 0x02
issue good 'kyso pki-edge good leaf' ca 2023-01-01 5000 leaf 0x10
issue revoked 'kyso pki-edge revoked leaf' ca 2023-01-01 5000 leaf 0x11
issue responder 'kyso pki-edge OCSP responder' ca 2024-05-01 5000 responder 0x12
# a responder certified for 60 days from 2024-05-01: expired at the validation time
issue responder-expired 'kyso pki-edge expired OCSP responder' ca 2024-05-01 60 responder 0x13
# a responder without id-pkix-ocsp-nocheck, revoked for keyCompromise on 2024-08-01
issue responder-compromised 'kyso pki-edge compromised OCSP responder' ca 2024-05-01 5000 responder-checked 0x14

cadb() { # NAME CA: an openssl ca database
  mkdir -p "$W/$1db"; : > "$W/$1db/index.txt"; echo 1000 > "$W/$1db/crlnumber"
  cat > "$W/$1.cnf" <<CNF
[ca]
default_ca = this
[this]
database = $W/$1db/index.txt
crlnumber = $W/$1db/crlnumber
certificate = $W/$2.pem
private_key = $W/$2.key
default_md = sha256
crl_extensions = crlext
[crlext]
authorityKeyIdentifier = keyid
CNF
}
row() { # DB CERT: a "valid" index row
  printf 'V\t%s\t\t%s\tunknown\t%s\n' \
    "$(date -u -d "$(openssl x509 -in "$W/$2.pem" -noout -enddate | sed 's/notAfter=//')" +%y%m%d%H%M%SZ)" \
    "$(openssl x509 -in "$W/$2.pem" -noout -serial | cut -d= -f2)" \
    "$(openssl x509 -in "$W/$2.pem" -noout -subject -nameopt compat | sed 's/subject=//')" >> "$W/$1db/index.txt"
}
cadb root root
cadb ca ca
row root ca
for c in good revoked responder responder-expired responder-compromised; do row ca "$c"; done
# the forged index a stolen responder key would answer from: everything "good"
cp "$W/cadb/index.txt" "$W/forged-index.txt"

crl() { # DB TIME DAYS OUT
  at "$2" openssl ca -config "$W/$1.cnf" -gencrl -crldays "$3" -out "$W/crl.pem" 2>/dev/null
  openssl crl -in "$W/crl.pem" -outform DER -out "$OUT/$4"
}
crl root '2023-01-02 00:00:00' 6000 root.crl
at '2024-01-01 00:00:00' openssl ca -config "$W/ca.cnf" -revoke "$W/revoked.pem" -crl_reason keyCompromise 2>/dev/null
# stale: issued 2024-02-01 for 31 days, so out of date at 2025-06-01; it lists the revoked leaf
crl ca '2024-02-01 00:00:00' 31 ca-stale.crl
at '2024-08-01 00:00:00' openssl ca -config "$W/ca.cnf" -revoke "$W/responder-compromised.pem" -crl_reason keyCompromise 2>/dev/null
crl ca '2024-09-01 00:00:00' 5000 ca.crl

ocsp() { # OUT CERT SIGNER TIME INDEX [EXTRA...]
  local out=$1 cert=$2 signer=$3 when=$4 index=$5; shift 5
  openssl ocsp -issuer "$W/ca.pem" -cert "$W/$cert.pem" -no_nonce -reqout "$W/$out.req" 2>/dev/null
  at "$when" openssl ocsp -index "$index" -CA "$W/ca.pem" -rsigner "$W/$signer.pem" -rkey "$W/$signer.key" \
    -reqin "$W/$out.req" -respout "$OUT/$out" "$@" 2>/dev/null
}
# stale "revoked": produced 2024-06-01, next update 30 days later
ocsp revoked-stale.ocsp revoked responder '2024-06-01 00:00:00' "$W/cadb/index.txt" -ndays 30
# "good" without nextUpdate (RFC 6960: newer information is always available)
ocsp good-no-next-update.ocsp good responder '2024-10-01 00:00:00' "$W/cadb/index.txt"
# backdated "good" answers for the revoked leaf from keys that must no longer be believed
ocsp revoked-good-by-expired-responder.ocsp revoked responder-expired '2024-06-01 00:00:00' "$W/forged-index.txt" -ndays 5000
ocsp revoked-good-by-compromised-responder.ocsp revoked responder-compromised '2024-06-01 00:00:00' "$W/forged-index.txt" -ndays 5000
# the CA's own answer about the compromised responder: revoked, keyCompromise
ocsp responder-compromised-revoked.ocsp responder-compromised ca '2024-09-01 00:00:00' "$W/cadb/index.txt" -ndays 5000

# ---- anchors whose own certificate says something ----------------------------------
# a root that excludes one leaf's name
selfsigned nc-root 'kyso pki-edge name-constrained root' 2020-01-01 7300 nc-root 0x20
issue nc-excluded 'kyso nc excluded leaf' nc-root 2023-01-01 5000 plainleaf 0x21
issue nc-allowed 'kyso nc allowed leaf' nc-root 2023-01-01 5000 plainleaf 0x22
# a root valid for one year only (2020), its leaf for longer
selfsigned expired-root 'kyso pki-edge expired root' 2020-01-01 366 root 0x30
issue expired-root-leaf 'kyso pki-edge leaf of an expired root' expired-root 2020-06-01 5000 plainleaf 0x31
# a root with an unknown critical extension
selfsigned critical-root 'kyso pki-edge root with an unknown critical extension' 2020-01-01 7300 critical-root 0x40
issue critical-root-leaf 'kyso pki-edge leaf of a root with an unknown critical extension' critical-root 2023-01-01 5000 plainleaf 0x41
# a "root" without basicConstraints
selfsigned not-ca-root 'kyso pki-edge root without basicConstraints' 2020-01-01 7300 not-ca-root 0x50
issue not-ca-root-leaf 'kyso pki-edge leaf of a root without basicConstraints' not-ca-root 2023-01-01 5000 plainleaf 0x51

# a root whose keyUsage lacks cRLSign, and a CRL it signs anyway (for its leaf)
selfsigned no-crl-sign-root 'kyso pki-edge root without cRLSign' 2020-01-01 7300 no-crl-sign-root 0x80
issue no-crl-sign-leaf 'kyso pki-edge leaf of a root without cRLSign' no-crl-sign-root 2023-01-01 5000 plainleaf 0x81
cadb no-crl-sign-root no-crl-sign-root
crl no-crl-sign-root '2024-09-01 00:00:00' 5000 no-crl-sign-root.crl

# ---- two CAs with one name: the first candidate's signature does not verify ---------
issue twin-a 'kyso pki-edge twin CA' root 2020-01-01 7300 twin 0x60
issue twin-b 'kyso pki-edge twin CA' root 2020-01-01 7300 twin 0x61
issue twin-leaf 'kyso pki-edge leaf of twin B' twin-b 2023-01-01 5000 plainleaf 0x62

# ---- weak keys below the signer: a CA and an OCSP responder with RSA-1024 keys -------
issue weak-ca 'kyso pki-edge CA with a 1024-bit key' root 2020-01-01 7300 ca 0x70 rsa1024
issue weak-ca-leaf 'kyso pki-edge leaf under a 1024-bit CA' weak-ca 2023-01-01 5000 plainleaf 0x71
issue weak-responder 'kyso pki-edge OCSP responder with a 1024-bit key' ca 2024-05-01 5000 responder 0x15 rsa1024
row ca weak-responder
ocsp good-by-weak-responder.ocsp good weak-responder '2025-05-01 00:00:00' "$W/cadb/index.txt" -ndays 5000

# CMS signatures (openssl cms, clock frozen) by the good leaf and by the leaf under the weak CA
printf 'kyso pki-edge: nội dung đã ký\n' > "$OUT/content.txt"
cms() { # SIGNER CERTFILE OUT
  at '2025-05-01 00:00:00' openssl cms -sign -binary -md sha256 -in "$OUT/content.txt" -signer "$W/$1.pem" -inkey "$W/$1.key" \
    -certfile "$W/$2.pem" -outform DER -out "$OUT/$3"
}
cms good ca good.txt.p7s
cms weak-ca-leaf weak-ca weak-ca.txt.p7s
# by the leaf whose name the name-constrained root excludes (anchor constraints through verify())
cms nc-excluded nc-root nc-excluded.txt.p7s

# A PDF signed by the good leaf (pdf-incremental.py writes the signature dictionary, openssl
# signs) whose DSS carries only the stale CA CRL: old evidence embedded, nothing supplied.
PDFI="python3 pdf-incremental.py"
$PDFI prepare pdf/unsigned-fields.pdf "$W/stale-dss.pdf" "$W/stale-dss.tbs" --field SigPerson --time '2025-05-01 00:00:00' --name 'kyso pki-edge good leaf'
at '2025-05-01 00:00:00' openssl cms -sign -binary -md sha256 -outform DER -in "$W/stale-dss.tbs" -signer "$W/good.pem" -inkey "$W/good.key" \
  -certfile "$W/ca.pem" -out "$W/stale-dss.p7s"
$PDFI embed "$W/stale-dss.pdf" "$W/stale-dss.p7s"
$PDFI dss "$W/stale-dss.pdf" "$OUT/good-stale-dss.pdf" --crl "$OUT/ca-stale.crl"

for c in no-crl-sign-root no-crl-sign-leaf weak-ca weak-ca-leaf weak-responder root ca good revoked responder responder-expired responder-compromised nc-root nc-excluded nc-allowed \
  expired-root expired-root-leaf critical-root critical-root-leaf not-ca-root not-ca-root-leaf twin-a twin-b twin-leaf; do
  cp "$W/$c.pem" "$OUT/$c.pem"
done
# The good leaf's private key (a test key, derivable from its name anyway): tests re-sign
# crafted CMS signed attributes with it where openssl cannot make the defect.
cp "$W/good.key" "$OUT/good.key"
echo "make-pki.sh: $OUT done"
