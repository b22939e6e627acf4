#!/usr/bin/env bash
# Revocation evidence that proves less (or more) than it seems to: CRLs and OCSP responses
# made by openssl (ca -gencrl, ocsp) under faketime for a small CA issued by the committed
# test root (samples/ca/root.key), beside detached CMS signatures (openssl cms) by its leaves.
# Keys are derived from their names (deterministic-key.py) and every serial and time is
# fixed, so a rerun gives the same bytes. Where openssl cannot write a field (an unknown
# critical OCSP extension, a CertID over another key), der.py edits the DER and openssl
# (pkeyutl) signs it again. Validation time used by the tests: 2026-06-01.
# Output: test/fixtures/attacks/revocation/ (test/redteam/revocation-*.test.ts).
set -euo pipefail
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
umask 022
OUT=../test/fixtures/attacks/revocation
rm -rf "$OUT"
mkdir -p "$OUT"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

at() { local when=$1; shift; faketime -f "$when" "$@"; }
key() { # NAME
  python3 deterministic-key.py rsa2048 "rtrev-$1" "$W/$1.raw.pem"
  openssl pkey -in "$W/$1.raw.pem" -out "$W/$1.key" >/dev/null 2>&1
}
ext() { printf '%s\n' "[v3]" "${@:2}" > "$W/$1.ext"; }

cp pki/kyso-test-root.pem "$W/root.pem"
cp ca/root.key "$W/root.key"
URL=http://rtrev.kyso.test
SUBJ='/C=VN/O=kyso rtrev'
ext ca 'basicConstraints=critical,CA:TRUE,pathlen:0' 'keyUsage=critical,keyCertSign,cRLSign' 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid'
ext leaf 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature,nonRepudiation' 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid' \
  "crlDistributionPoints=URI:$URL/ca.crl" "authorityInfoAccess=OCSP;URI:$URL/ocsp"
ext responder 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature' 'extendedKeyUsage=OCSPSigning' 'noCheck=ignored' 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid'
ext no-eku 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature' 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid'

# issue NAME CN ISSUER START DAYS EXT SERIAL
issue() {
  key "$1"
  openssl req -utf8 -new -key "$W/$1.key" -subj "$SUBJ/CN=$2" -out "$W/$1.csr"
  at "$4 00:00:00" openssl x509 -req -in "$W/$1.csr" -CA "$W/$3.pem" -CAkey "$W/$3.key" -set_serial "$7" -days "$5" -sha256 \
    -extfile "$W/$6.ext" -extensions v3 -out "$W/$1.pem" 2>/dev/null
}
issue ca 'kyso rtrev CA' root 2025-01-01 3650 ca 0x7e7e01
# the same name under the same root with another key (a second CA key, or a CA that should not exist)
issue twin 'kyso rtrev CA' root 2025-01-01 3650 ca 0x7e7e02
issue good 'kyso rtrev good leaf' ca 2025-06-01 1000 leaf 0x10
issue revoked 'kyso rtrev revoked leaf' ca 2025-06-01 1000 leaf 0x11
issue held 'kyso rtrev held leaf' ca 2025-06-01 1000 leaf 0x12
# valid until 2026-04-01 only (expired at the validation time)
issue short 'kyso rtrev short-lived leaf' ca 2025-06-01 304 leaf 0x13
issue responder 'kyso rtrev OCSP responder' ca 2025-06-01 1000 responder 0x20
issue responder-no-eku 'kyso rtrev responder without OCSPSigning' ca 2025-06-01 1000 no-eku 0x21
issue responder-by-root 'kyso rtrev CA' root 2025-06-01 1000 responder 0x7e7e03
issue twin-responder 'kyso rtrev twin OCSP responder' twin 2025-06-01 1000 responder 0x22

cadb() { # NAME CA [CRL-EXTENSION-LINES...]
  mkdir -p "$W/$1db"; : > "$W/$1db/index.txt"; echo 1000 > "$W/$1db/crlnumber"
  {
    printf '%s\n' '[ca]' 'default_ca = this' '[this]' "database = $W/$1db/index.txt" "crlnumber = $W/$1db/crlnumber" \
      "certificate = $W/$2.pem" "private_key = $W/$2.key" 'default_md = sha256' 'crl_extensions = crlext' '[crlext]' 'authorityKeyIdentifier = keyid'
    printf '%s\n' "${@:3}"
  } > "$W/$1.cnf"
}
row() { # DB CERT
  printf 'V\t%s\t\t%s\tunknown\t%s\n' \
    "$(date -u -d "$(openssl x509 -in "$W/$2.pem" -noout -enddate | sed 's/notAfter=//')" +%y%m%d%H%M%SZ)" \
    "$(openssl x509 -in "$W/$2.pem" -noout -serial | cut -d= -f2)" \
    "$(openssl x509 -in "$W/$2.pem" -noout -subject -nameopt compat | sed 's/subject=//')" >> "$W/$1db/index.txt"
}
crl() { # CONFIG TIME DAYS OUT [EXTRA]
  local cnf=$1 when=$2 days=$3 out=$4; shift 4
  at "$when" openssl ca -config "$W/$cnf.cnf" -gencrl -crldays "$days" -out "$W/crl.pem" "$@" 2>/dev/null
  openssl crl -in "$W/crl.pem" -outform DER -out "$OUT/$out"
}
cadb ca ca
for c in good revoked held responder responder-no-eku; do row ca "$c"; done
cp "$W/cadb/index.txt" "$W/all-good.txt"
at '2026-01-01 00:00:00' openssl ca -config "$W/ca.cnf" -revoke "$W/revoked.pem" -crl_reason keyCompromise 2>/dev/null
cp "$W/cadb/index.txt" "$W/revoked-only.txt"

# ---- signatures: detached CMS over one text file, the CA certificate included -----------
printf 'kyso rtrev: revocation evidence\n' > "$OUT/content.txt"
sign() { # SIGNER OUT [EXTRA CERTFILE]
  cat "$W/ca.pem" ${3:+"$W/$3.pem"} > "$W/chain.pem"
  at '2026-03-01 09:00:00' openssl cms -sign -binary -md sha256 -outform DER -in "$OUT/content.txt" -signer "$W/$1.pem" \
    -inkey "$W/$1.key" -certfile "$W/chain.pem" -out "$OUT/$2"
}
sign good good.txt.p7s
sign revoked revoked.txt.p7s
sign held held.txt.p7s
# the twin CA rides along in the signature, so its CRLs find their signer
sign revoked revoked-with-twin.txt.p7s twin
sign good good-with-twin.txt.p7s twin

# ---- CRLs ---------------------------------------------------------------------------
# the CA's own complete CRL: lists the revoked leaf (control)
crl ca '2026-05-01 00:00:00' 60 ca.crl
# the same CA, scope narrowed by an issuingDistributionPoint: a CRL about CA certificates only,
# about attribute certificates only, about keyCompromise only, for another distribution point
cadb only-ca ca 'issuingDistributionPoint = critical, @idp' '[idp]' 'onlyCA = TRUE'
cp "$W/all-good.txt" "$W/only-cadb/index.txt"
crl only-ca '2026-05-01 00:00:00' 60 idp-only-ca.crl
cadb only-attr ca 'issuingDistributionPoint = critical, @idp' '[idp]' 'onlyAA = TRUE'
cp "$W/all-good.txt" "$W/only-attrdb/index.txt"
crl only-attr '2026-05-01 00:00:00' 60 idp-only-attribute.crl
cadb some-reasons ca 'issuingDistributionPoint = critical, @idp' '[idp]' 'onlysomereasons = keyCompromise'
cp "$W/all-good.txt" "$W/some-reasonsdb/index.txt"
crl some-reasons '2026-05-01 00:00:00' 60 idp-only-key-compromise.crl
cadb other-dp ca 'issuingDistributionPoint = critical, @idp' '[idp]' "fullname = URI:$URL/other.crl"
cp "$W/all-good.txt" "$W/other-dpdb/index.txt"
crl other-dp '2026-05-01 00:00:00' 60 idp-other-dp.crl
# an unknown critical CRL extension: one CRL clearing everybody, one listing the revoked leaf
cadb critical ca '1.3.6.1.4.1.55555.7 = critical, ASN1:NULL'
cp "$W/all-good.txt" "$W/criticaldb/index.txt"
crl critical '2026-05-01 00:00:00' 60 critical-ext-all-good.crl
cp "$W/revoked-only.txt" "$W/criticaldb/index.txt"
crl critical '2026-05-01 00:00:00' 60 critical-ext-revoked.crl
# a delta CRL (deltaCRLIndicator, base 1) that does not list the revoked leaf, alone
cadb delta ca '2.5.29.27 = critical, ASN1:INTEGER:1'
cp "$W/all-good.txt" "$W/deltadb/index.txt"
crl delta '2026-05-01 00:00:00' 60 delta-all-good.crl
# ... and one that lists it (keyCompromise), alone
cp "$W/revoked-only.txt" "$W/deltadb/index.txt"
crl delta '2026-05-01 00:00:00' 60 delta-revoked.crl
# the twin (same name, other key): a CRL that lists nobody, one that lists serial 0x10
cadb twin twin
crl twin '2026-05-01 00:00:00' 60 twin-all-good.crl
printf 'R\t%s\t260101000000Z,keyCompromise\t10\tunknown\t/CN=twin leaf\n' 301231000000Z > "$W/twindb/index.txt"
crl twin '2026-05-01 00:00:00' 60 twin-revokes-0x10.crl
# an all-good CRL signed with SHA-1 (and one with MD5, where openssl still writes it)
cp "$W/all-good.txt" "$W/cadb/index.txt"
crl ca '2026-05-01 00:00:00' 60 sha1-all-good.crl -md sha1
crl ca '2026-05-01 00:00:00' 60 md5-all-good.crl -md md5 || rm -f "$OUT/md5-all-good.crl"
# hold, then released by removeFromCRL on a later CRL; and a hold without release
at '2026-02-01 00:00:00' openssl ca -config "$W/ca.cnf" -revoke "$W/held.pem" -crl_hold holdInstructionReject 2>/dev/null
crl ca '2026-03-01 00:00:00' 120 held.crl
cp "$W/all-good.txt" "$W/cadb/index.txt"
crl ca '2026-05-01 00:00:00' 60 all-good.crl
# the revoked leaf: an old CRL (2026-02) listing it, a newer one (2026-05) that does not
cp "$W/revoked-only.txt" "$W/cadb/index.txt"
crl ca '2026-02-01 00:00:00' 200 old-revoked.crl
# ---- OCSP ---------------------------------------------------------------------------
ocsp() { # OUT CERT SIGNER TIME INDEX [EXTRA...]
  local out=$1 cert=$2 signer=$3 when=$4 index=$5; shift 5
  openssl ocsp ${REQ_EXTRA:-} -issuer "$W/ca.pem" -cert "$W/$cert.pem" -no_nonce -reqout "$W/$out.req" 2>/dev/null
  at "$when" openssl ocsp -index "$index" -CA "$W/ca.pem" -rsigner "$W/$signer.pem" -rkey "$W/$signer.key" \
    -reqin "$W/$out.req" -respout "$OUT/$out" "$@" >/dev/null 2>&1
}
ocsp revoked-revoked.ocsp revoked responder '2026-05-20 00:00:00' "$W/revoked-only.txt" -ndays 30
ocsp good-good.ocsp good responder '2026-05-20 00:00:00' "$W/revoked-only.txt" -ndays 30
ocsp revoked-good-by-ca.ocsp revoked ca '2026-05-20 00:00:00' "$W/all-good.txt" -ndays 30
# forged "good" answers about the revoked leaf from signers that may not answer for the CA
ocsp revoked-good-no-eku.ocsp revoked responder-no-eku '2026-05-20 00:00:00' "$W/all-good.txt" -ndays 30
ocsp revoked-good-twin-responder.ocsp revoked twin-responder '2026-05-20 00:00:00' "$W/all-good.txt" -ndays 30
ocsp revoked-good-by-root-responder.ocsp revoked responder-by-root '2026-05-20 00:00:00' "$W/all-good.txt" -ndays 30
ocsp revoked-good-by-twin.ocsp revoked twin '2026-05-20 00:00:00' "$W/all-good.txt" -ndays 30
# CertID hashed with algorithms kyso does not compute
REQ_EXTRA=-sha224 ocsp revoked-revoked-sha224.ocsp revoked responder '2026-05-20 00:00:00' "$W/revoked-only.txt" -ndays 30
REQ_EXTRA=-sha224 ocsp revoked-good-sha224.ocsp revoked responder '2026-05-20 00:00:00' "$W/all-good.txt" -ndays 30
REQ_EXTRA=-md5 ocsp revoked-good-md5.ocsp revoked responder '2026-05-20 00:00:00' "$W/all-good.txt" -ndays 30 || true
# 'unknown': the responder does not know the serial (index without it)
: > "$W/empty.txt"
ocsp good-unknown.ocsp good responder '2026-05-20 00:00:00' "$W/empty.txt" -ndays 30
# two SingleResponses in one answer: the revoked leaf (revoked), the good leaf (good)
openssl ocsp -issuer "$W/ca.pem" -cert "$W/good.pem" -cert "$W/revoked.pem" -no_nonce -reqout "$W/two.req" 2>/dev/null
at '2026-05-20 00:00:00' openssl ocsp -index "$W/revoked-only.txt" -CA "$W/ca.pem" -rsigner "$W/responder.pem" -rkey "$W/responder.key" \
  -reqin "$W/two.req" -respout "$OUT/two-singles.ocsp" -ndays 30 >/dev/null 2>&1
# stale and future answers
ocsp good-stale.ocsp good responder '2026-04-01 00:00:00' "$W/revoked-only.txt" -ndays 30
ocsp revoked-good-after-at.ocsp revoked responder '2026-07-01 00:00:00' "$W/all-good.txt" -ndays 30

# the held leaf: "revoked, certificateHold" on 2026-02-15 (out of date by 2026-06-01) and on
# 2026-05-20; "good" on 2026-05-20 (released)
cp "$W/all-good.txt" "$W/held-index.txt"
at '2026-02-01 00:00:00' openssl ca -config "$W/ca.cnf" -revoke "$W/held.pem" -crl_hold holdInstructionReject 2>/dev/null
cp "$W/cadb/index.txt" "$W/held-index.txt"
cp "$W/all-good.txt" "$W/cadb/index.txt"
ocsp held-hold-stale.ocsp held responder '2026-02-15 00:00:00' "$W/held-index.txt" -ndays 30
ocsp held-hold.ocsp held responder '2026-05-20 00:00:00' "$W/held-index.txt" -ndays 30
ocsp held-good.ocsp held responder '2026-05-20 00:00:00' "$W/all-good.txt" -ndays 30

# "revoked" with reason removeFromCRL (a delta-CRL-only reason, RFC 5280 §5.3.1) about the revoked leaf
sed 's/,keyCompromise/,removeFromCRL/' "$W/revoked-only.txt" > "$W/remove-index.txt"
ocsp revoked-revoked-remove-from-crl.ocsp revoked responder '2026-05-20 00:00:00' "$W/remove-index.txt" -ndays 30
# responseStatus tryLater and unauthorized (no responseBytes)
printf '\x30\x03\x0a\x01\x03' > "$OUT/try-later.ocsp"
printf '\x30\x03\x0a\x01\x06' > "$OUT/unauthorized.ocsp"

# ---- OCSP answers openssl cannot write: edited DER, signed again by the responder -------
# resign IN OUT EDIT SIGNER: der.py applies EDIT to the ResponseData, openssl signs it again
resign() {
  python3 - "$OUT/$1" "$W/tbs.der" "$3" <<'PY'
import sys
sys.path.insert(0, '.')
import der
src, tbs_out, edit = sys.argv[1:4]
resp = der.parse_one(open(src, 'rb').read())
basic = der.parse_one(resp.children[1].children[0].children[1].value)
tbs = basic.children[0]
v = 1 if tbs.children[0].tag == b'\xa0' else 0  # version [0] is usually left out
single = tbs.children[v + 2].children[0]
def ext(oid, critical, value):
    kids = [der.oid(oid)] + ([der.Node(b'\x01', value=b'\xff')] if critical else []) + [der.Node(b'\x04', value=value)]
    return der.Node(b'\x30', children=kids)
if edit == 'critical-response-ext':
    tbs.children.append(der.Node(b'\xa1', children=[der.Node(b'\x30', children=[ext('1.3.6.1.4.1.55555.8', True, b'\x05\x00')])]))
elif edit == 'critical-single-ext':
    single.children.append(der.Node(b'\xa1', children=[der.Node(b'\x30', children=[ext('1.3.6.1.4.1.55555.9', True, b'\x05\x00')])]))
elif edit == 'archive-cutoff':
    cutoff = der.Node(b'\x18', value=b'20250101000000Z').encode()
    single.children.append(der.Node(b'\xa1', children=[der.Node(b'\x30', children=[ext('1.3.6.1.5.5.7.48.1.6', False, cutoff)])]))
elif edit == 'non-der-length':
    # producedAt with its length in long form (0x81 0x0f): BER, not DER; signed over these bytes
    class Raw(der.Node):
        def __init__(self, raw):
            super().__init__(raw[:1], value=raw)
        def encode(self):
            return self.value
    tbs.children[v + 1] = Raw(b'\x18\x81\x0f' + tbs.children[v + 1].value)
else:
    raise SystemExit('unknown edit ' + edit)
open(tbs_out, 'wb').write(tbs.encode())
open(tbs_out + '.basic', 'wb').write(basic.encode())
open(tbs_out + '.resp', 'wb').write(resp.encode())
PY
  openssl dgst -sha256 -sign "$W/$4.key" -out "$W/sig.bin" "$W/tbs.der"
  python3 - "$W/tbs.der" "$W/sig.bin" "$OUT/$2" <<'PY'
import sys
sys.path.insert(0, '.')
import der
tbs_path, sig_path, out = sys.argv[1:4]
class Raw(der.Node):
    """The signed bytes exactly as written (they need not be DER)."""
    def __init__(self, raw):
        super().__init__(raw[:1], value=raw)
    def encode(self):
        return self.value
tbs = Raw(open(tbs_path, 'rb').read())
basic = der.parse_one(open(tbs_path + '.basic', 'rb').read())
resp = der.parse_one(open(tbs_path + '.resp', 'rb').read())
basic.children[0] = tbs
basic.children[2] = der.Node(b'\x03', value=b'\x00' + open(sig_path, 'rb').read())
resp.children[1].children[0].children[1] = der.Node(b'\x04', value=basic.encode())
open(out, 'wb').write(resp.encode())
PY
}
resign good-good.ocsp good-good-critical-response-ext.ocsp critical-response-ext responder
resign good-good.ocsp good-good-critical-single-ext.ocsp critical-single-ext responder
resign revoked-good-by-ca.ocsp revoked-good-critical-response-ext.ocsp critical-response-ext ca
resign good-good.ocsp good-good-non-der.ocsp non-der-length responder

for c in ca twin good revoked held short responder responder-no-eku responder-by-root twin-responder; do cp "$W/$c.pem" "$OUT/$c.pem"; done

# ---- evidence inside the signature: SignedData.crls (RevocationInfoChoices, unsigned) -----
# embed IN OUT ITEM...: a CRL as a CertificateList, an OCSP response as [1] other
# (id-ri-ocsp-response, RFC 5940); the SignerInfo does not cover them, so it stays valid
embed() {
  local in=$1 out=$2; shift 2
  python3 - "$OUT/$in" "$OUT/$out" "$@" <<'PY'
import sys
sys.path.insert(0, '.')
import der
src, dst, *items = sys.argv[1:]
ci = der.parse_one(open(src, 'rb').read())
sd = ci.children[1].children[0]
choices = []
for name in items:
    data = open(f'{src.rsplit("/", 1)[0]}/{name}', 'rb').read()
    if name.endswith('.crl'):
        choices.append(der.parse_one(data))
    else:
        choices.append(der.Node(b'\xa1', children=[der.oid('1.3.6.1.5.5.7.16.2'), der.parse_one(data)]))
assert not any(c.tag == b'\xa1' for c in sd.children), 'already has crls'
sd.children.insert(len(sd.children) - 1, der.Node(b'\xa1', children=choices))
open(dst, 'wb').write(ci.encode())
PY
}
embed revoked.txt.p7s revoked-embedded-revoked-ocsp.txt.p7s revoked-revoked.ocsp
embed revoked.txt.p7s revoked-embedded-ca-crl.txt.p7s ca.crl
# evidence about the good leaf (0x10) carried by the revoked leaf's signature: says nothing about 0x11
embed revoked.txt.p7s revoked-embedded-good-ocsp-of-other.txt.p7s good-good.ocsp
embed revoked.txt.p7s revoked-embedded-good-critical-ocsp.txt.p7s revoked-good-critical-response-ext.ocsp
# the good leaf carrying the revoked leaf's revocation (another certificate's): still good
embed good.txt.p7s good-embedded-revoked-ocsp-of-other.txt.p7s revoked-revoked.ocsp good-good.ocsp

# ---- evidence in a PDF's DSS (/CRLs, /OCSPs): pdf-incremental.py writes the signature
# dictionary and the DSS, openssl signs ----------------------------------------------------
PDFI="python3 pdf-incremental.py"
pdf() { # SIGNER OUT [--crl F | --ocsp F]...
  local signer=$1 out=$2; shift 2
  $PDFI prepare pdf/unsigned-fields.pdf "$W/$out" "$W/$out.tbs" --field SigPerson --time '2026-03-01 09:00:00' --name "kyso rtrev $signer leaf"
  at '2026-03-01 09:00:00' openssl cms -sign -binary -md sha256 -outform DER -in "$W/$out.tbs" -signer "$W/$signer.pem" -inkey "$W/$signer.key" \
    -certfile "$W/ca.pem" -out "$W/$out.p7s"
  $PDFI embed "$W/$out" "$W/$out.p7s"
  local args=() kind file
  while [ $# -gt 0 ]; do kind=$1 file=$2; shift 2; args+=("$kind" "$OUT/$file"); done
  $PDFI dss "$W/$out" "$OUT/$out" "${args[@]}"
}
pdf revoked pdf-revoked-dss-ca-crl.pdf --crl ca.crl
pdf revoked pdf-revoked-dss-remove-from-crl.pdf --ocsp revoked-revoked-remove-from-crl.ocsp
pdf revoked pdf-revoked-dss-delta-only.pdf --crl delta-revoked.crl
pdf revoked pdf-revoked-dss-critical-good.pdf --ocsp revoked-good-critical-response-ext.ocsp
pdf held pdf-held-dss-old-hold-new-good.pdf --ocsp held-hold-stale.ocsp --ocsp held-good.ocsp

# ---- evidence issued after the certificate expired ---------------------------------------
# The short-lived leaf (expires 2026-04-01) is revoked for keyCompromise on 2026-01-01; whoever
# holds its key signs on 2026-02-01 and has the test TSA timestamp it. CAs drop expired
# certificates from their CRLs (RFC 5280 §3.3) unless they say otherwise (ExpiredCertsOnCRL,
# X.509 §9.6.2.10); OCSP responders likewise (archiveCutoff, RFC 6960 §4.4.4).
echo 01 > "$W/tsa-serial"
sed -e "s#^serial = .*#serial = $W/tsa-serial#" ca/tsa/tsa.cnf > "$W/tsa.cnf"
at '2026-02-01 09:00:00' openssl cms -sign -binary -md sha256 -outform DER -in "$OUT/content.txt" -signer "$W/short.pem" \
  -inkey "$W/short.key" -certfile "$W/ca.pem" -out "$W/short.p7s"
KYSO_TS_HASH=sha256 python3 add-signature-timestamp.py "$W/short.p7s" "$OUT/short-timestamped.txt.p7s" "$W/tsa.cnf" '2026-02-01 09:00:05'
cadb short ca
row short short
cp "$W/shortdb/index.txt" "$W/short-good.txt"
at '2026-01-01 00:00:00' openssl ca -config "$W/short.cnf" -revoke "$W/short.pem" -crl_reason keyCompromise 2>/dev/null
crl short '2026-03-01 00:00:00' 60 short-listed.crl
# after expiry: the entry dropped, plainly, and under ExpiredCertsOnCRL (2.5.29.60) of 2025-01-01
cp "$W/short-good.txt" "$W/shortdb/index.txt"
crl short '2026-05-01 00:00:00' 60 short-dropped-after-expiry.crl
cadb short-keeps ca '2.5.29.60 = ASN1:GENERALIZEDTIME:20250101000000Z'
cp "$W/short-good.txt" "$W/short-keepsdb/index.txt"
crl short-keeps '2026-05-01 00:00:00' 60 short-good-expired-certs-on-crl.crl
openssl ocsp -issuer "$W/ca.pem" -cert "$W/short.pem" -no_nonce -reqout "$W/short.req" 2>/dev/null
at '2026-05-01 00:00:00' openssl ocsp -index "$W/short-good.txt" -CA "$W/ca.pem" -rsigner "$W/responder.pem" -rkey "$W/responder.key" \
  -reqin "$W/short.req" -respout "$OUT/short-good-after-expiry.ocsp" -ndays 60 >/dev/null 2>&1
resign short-good-after-expiry.ocsp short-good-archive-cutoff.ocsp archive-cutoff responder
