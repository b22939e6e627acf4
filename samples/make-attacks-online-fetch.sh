#!/usr/bin/env bash
# What a document can make kyso fetch when it runs online: certificates whose AIA caIssuers,
# OCSP and CRL distribution point URLs are chosen by whoever made them (openssl x509 and cms
# under faketime). A CA `kyso rtfetch CA` under the committed test root (samples/ca/root.key)
# issues leaves naming URLs into the verifier's own network and URLs of refused shapes, and
# forty leaves that each name their own OCSP responder (one detached CMS signed by all of
# them); a self-made root, trusted by nobody, issues a leaf naming the attacker's URLs. Keys
# are derived from their names (deterministic-key.py) and every serial and time is fixed, so a
# rerun gives the same bytes. Validation time used by the tests: 2026-06-01.
# Output: test/fixtures/attacks/online-fetch/ (test/redteam/online-fetch.test.ts).
set -euo pipefail
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
umask 022
OUT=../test/fixtures/attacks/online-fetch
rm -rf "$OUT"
mkdir -p "$OUT"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

at() { local when=$1; shift; faketime -f "$when" "$@"; }
key() { # NAME
  python3 deterministic-key.py rsa2048 "rtfetch-$1" "$W/$1.raw.pem"
  openssl pkey -in "$W/$1.raw.pem" -out "$W/$1.key" >/dev/null 2>&1
}
ext() { printf '%s\n' "[v3]" "${@:2}" > "$W/$1.ext"; }
LEAF='basicConstraints=critical,CA:FALSE'
LEAF_USE='keyUsage=critical,digitalSignature,nonRepudiation'
IDS=('subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid')

cp pki/kyso-test-root.pem "$W/root.pem"
cp ca/root.key "$W/root.key"
SUBJ='/C=VN/O=kyso rtfetch'
ext ca 'basicConstraints=critical,CA:TRUE,pathlen:0' 'keyUsage=critical,keyCertSign,cRLSign' "${IDS[@]}"
ext attacker-root 'basicConstraints=critical,CA:TRUE' 'keyUsage=critical,keyCertSign,cRLSign' 'subjectKeyIdentifier=hash'
# Into the verifier's network: IPv4 in hex, cloud metadata, RFC 1918, IPv6 unique-local, IPv4-mapped loopback.
ext internal "$LEAF" "$LEAF_USE" "${IDS[@]}" \
  'authorityInfoAccess=caIssuers;URI:http://0x7f.1/ca.cer,OCSP;URI:http://169.254.169.254/latest/meta-data/' \
  'crlDistributionPoints=URI:http://10.1.2.3/ca.crl,URI:http://[fd00::1]/ca.crl,URI:http://[::ffff:127.0.0.1]:18080/ca.crl'
# Shapes kyso refuses whatever the address: a user name and password, the SMTP port, 3000 characters.
LONG=$(printf 'x%.0s' $(seq 3000))
ext shapes "$LEAF" "$LEAF_USE" "${IDS[@]}" \
  'authorityInfoAccess=OCSP;URI:http://user:secret@ocsp.rtfetch.kyso.test/' \
  "crlDistributionPoints=URI:http://crl.rtfetch.kyso.test:25/ca.crl,URI:http://crl.rtfetch.kyso.test/$LONG.crl"
# The attacker's own chain: every URL is the attacker's choice.
ext attacker "$LEAF" "$LEAF_USE" "${IDS[@]}" \
  'authorityInfoAccess=caIssuers;URI:http://attacker.rtfetch.kyso.test/root.cer,OCSP;URI:http://attacker.rtfetch.kyso.test/ocsp' \
  'crlDistributionPoints=URI:http://attacker.rtfetch.kyso.test/leaf.crl'

# issue NAME CN ISSUER START DAYS EXT SERIAL [KEY]
issue() {
  local k=${8:-$1}
  [ -f "$W/$k.key" ] || key "$k"
  openssl req -utf8 -new -key "$W/$k.key" -subj "$SUBJ/CN=$2" -out "$W/$1.csr"
  at "$4 00:00:00" openssl x509 -req -in "$W/$1.csr" -CA "$W/$3.pem" -CAkey "$W/$3.key" -set_serial "$7" -days "$5" -sha256 \
    -extfile "$W/$6.ext" -extensions v3 -out "$W/$1.pem" 2>/dev/null
}
issue ca 'kyso rtfetch CA' root 2025-01-01 3650 ca 0x7f7f01
issue internal 'kyso rtfetch leaf naming internal URLs' ca 2025-06-01 1000 internal 0x10
issue shapes 'kyso rtfetch leaf naming refused URL shapes' ca 2025-06-01 1000 shapes 0x11
key attacker-root
openssl req -utf8 -new -key "$W/attacker-root.key" -subj "$SUBJ/CN=kyso rtfetch attacker root" -out "$W/attacker-root.csr"
at '2025-01-01 00:00:00' openssl x509 -req -in "$W/attacker-root.csr" -signkey "$W/attacker-root.key" -set_serial 0x7f7f02 -days 3650 -sha256 \
  -extfile "$W/attacker-root.ext" -extensions v3 -out "$W/attacker-root.pem" 2>/dev/null
issue attacker 'kyso rtfetch attacker leaf' attacker-root 2025-06-01 1000 attacker 0x12
# Forty leaves of one key, each with its own OCSP responder URL and one CRL for all.
SIGNERS=()
for n in $(seq 1 40); do
  ext "many-$n" "$LEAF" "$LEAF_USE" "${IDS[@]}" \
    "authorityInfoAccess=OCSP;URI:http://ocsp$n.rtfetch.kyso.test/" 'crlDistributionPoints=URI:http://crl.rtfetch.kyso.test/ca.crl'
  issue "many-$n" "kyso rtfetch signer $n" ca 2025-06-01 1000 "many-$n" "$((0x100 + n))" many
  SIGNERS+=(-signer "$W/many-$n.pem" -inkey "$W/many.key")
done

cp "$W/ca.pem" "$OUT/ca.pem"
cp "$W/attacker-root.pem" "$OUT/attacker-root.pem"
printf 'kyso rtfetch: what a document makes kyso fetch\n' > "$OUT/content.txt"
sign() { # OUT CMS-OPTIONS...
  local out=$1; shift
  at '2026-03-01 09:00:00' openssl cms -sign -binary -md sha256 -outform DER -in "$OUT/content.txt" "$@" -out "$OUT/$out"
}
# Only the leaf rides along: the CA must come from the trust store or from the AIA URL.
sign internal.txt.p7s -signer "$W/internal.pem" -inkey "$W/internal.key"
sign shapes.txt.p7s -signer "$W/shapes.pem" -inkey "$W/shapes.key"
sign attacker.txt.p7s -signer "$W/attacker.pem" -inkey "$W/attacker.key"
sign many-signers.txt.p7s "${SIGNERS[@]}" -certfile "$W/ca.pem"
