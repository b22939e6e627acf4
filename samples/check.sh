#!/usr/bin/env bash
# Checks every sample made by make.sh with the independent tools (openssl cms/ts/ocsp/crl,
# pdfsig, qpdf, xmlsec1) and prints one line per check: what the tool said, and whether
# that is what README.md claims. Exit status 1 if any check disagrees with the README.
#
# Usage: samples/check.sh
set -uo pipefail

cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failures=0

cat pki/kyso-test-root.pem ca/intermediate.pem > "$T/chain.pem"
cp "$T/chain.pem" "$T/chain+crl.pem"
openssl crl -inform DER -in ca/intermediate.crl >> "$T/chain+crl.pem"
openssl crl -inform DER -in ca/root.crl >> "$T/chain+crl.pem"

# expect LABEL WANT OUTPUT: WANT is an extended regex the tool output must match.
expect() {
  local label=$1 want=$2 got mark=ok
  got=$(tr '\n\t' '  ' <<<"$3" | tr -s ' ' | sed 's/^ *//; s/ *$//')
  if ! grep -qE -- "$want" <<<"$got"; then mark=MISMATCH; failures=$((failures + 1)); fi
  printf '%-8s %-58s %s\n' "$mark" "$label" "$(cut -c1-150 <<<"$got")"
}

# cmsv NAME [options]: openssl cms -verify on cms/NAME.txt.p7s with its content.
cmsv() {
  local name=$1; shift
  openssl cms -verify -binary -inform DER -in "cms/$name.txt.p7s" -content "cms/$name.txt" \
    -out /dev/null "$@" 2>&1 | grep -oE 'Verification successful|Verify error: [^:]*|ess cert id not found|verification failure|invalid padding|missing signing certificate attribute' | sort -u
}

echo "== CA material"
expect "root is self-signed, valid 2019..2045" 'notBefore=Jan 1 00:00:00 2019 GMT.*notAfter=Jan 1 00:00:00 2045 GMT' \
  "$(openssl x509 -in pki/kyso-test-root.pem -noout -dates)"
expect "samples/pki holds only the root" '^kyso-test-root.pem$' "$(ls pki)"
expect "twin: same serial as organization" "$(openssl x509 -in ca/organization.pem -noout -serial)" \
  "$(openssl x509 -in ca/organization-twin.pem -noout -serial)"
expect "twin: same public key as organization" 'same' \
  "$(cmp -s <(openssl x509 -in ca/organization.pem -noout -pubkey) <(openssl x509 -in ca/organization-twin.pem -noout -pubkey) && echo same)"
expect "intermediate.crl lists 3009 keyCompromise" 'Serial Number: 3009.*Key Compromise' \
  "$(openssl crl -inform DER -in ca/intermediate.crl -noout -text)"
expect "intermediate.crl verifies with intermediate" 'verify OK' \
  "$(openssl crl -inform DER -in ca/intermediate.crl -CAfile "$T/chain.pem" -noout 2>&1)"
expect "intermediate-stale.crl nextUpdate 2025-03-31" 'nextUpdate=Mar 31 00:00:00 2025' \
  "$(openssl crl -inform DER -in ca/intermediate-stale.crl -noout -nextupdate)"
for o in person-good revoked-revoked person-unauthorised; do
  cert=${o%%-*}
  expect "ocsp-$o.ocsp status" "$([[ $o == revoked-* ]] && echo 'revoked' || echo ': good')" \
    "$(openssl ocsp -respin "ca/ocsp-$o.ocsp" -issuer ca/intermediate.pem -cert "ca/$cert.pem" -noverify 2>&1)"
  expect "ocsp-$o.ocsp signer check" "$([[ $o == *unauthorised ]] && echo 'Response Verify Failure' || echo 'Response verify OK')" \
    "$(openssl ocsp -respin "ca/ocsp-$o.ocsp" -issuer ca/intermediate.pem -cert "ca/$cert.pem" -CAfile "$T/chain.pem" 2>&1)"
done

echo "== CMS (openssl cms -verify, trust: root + intermediate, validation time: now)"
for name in rsa-sha256 leaf-only cades-v2 cades-v1 noattr sha1 sha384 sha512 rsa-pss \
            ecdsa-p256 ecdsa-p384 ecdsa-p521 two-signers organization timestamped; do
  expect "$name" '^Verification successful$' "$(cmsv "$name" -CAfile "$T/chain.pem")"
done
expect "leaf-only: one certificate in the CMS" '^1$' \
  "$(openssl cms -cmsout -inform DER -in cms/leaf-only.txt.p7s -print | grep -c 'd.certificate:')"
expect "cades-v2: ESS signingCertificateV2" 'signingCertificateV2' \
  "$(openssl cms -cmsout -inform DER -in cms/cades-v2.txt.p7s -print | grep -o 'id-smime-aa-signingCertificateV2')"
expect "cades-v1: ESS signingCertificate (v1)" 'signingCertificate \(1.2.840.113549.1.9.16.2.12\)' \
  "$(openssl cms -cmsout -inform DER -in cms/cades-v1.txt.p7s -print | grep -o 'id-smime-aa-signingCertificate[V2]* ([0-9.]*)')"
expect "cades-v1 -cades" '^Verification successful$' "$(cmsv cades-v1 -CAfile "$T/chain.pem" -cades)"
expect "noattr: no signedAttrs" 'signedAttrs:.*<ABSENT>' \
  "$(openssl cms -cmsout -inform DER -in cms/noattr.txt.p7s -print | grep -A1 'signedAttrs')"
expect "rsa-pss: RSASSA-PSS" 'rsassaPss' \
  "$(openssl cms -cmsout -inform DER -in cms/rsa-pss.txt.p7s -print | grep -o 'rsassaPss')"
expect "two-signers: two SignerInfos" '^2$' \
  "$(openssl cms -cmsout -inform DER -in cms/two-signers.txt.p7s -print | grep -c 'signatureAlgorithm:')"
expect "untrusted" 'unable to get local issuer certificate' "$(cmsv untrusted -CAfile "$T/chain.pem")"
expect "untrusted, with other-root as anchor" '^Verification successful$' "$(cmsv untrusted -CAfile ca/other-root.pem)"
expect "expired" 'certificate has expired' "$(cmsv expired -CAfile "$T/chain.pem")"
expect "expired, at 2020-06-01" '^Verification successful$' "$(cmsv expired -CAfile "$T/chain.pem" -attime 1591002000)"
expect "wrong-key-usage" 'unsuitable certificate purpose' "$(cmsv wrong-key-usage -CAfile "$T/chain.pem")"
expect "wrong-key-usage, -purpose any" '^Verification successful$' "$(cmsv wrong-key-usage -CAfile "$T/chain.pem" -purpose any)"
expect "revoked, no CRL" '^Verification successful$' "$(cmsv revoked -CAfile "$T/chain.pem")"
expect "revoked, CRL check" 'certificate revoked' "$(cmsv revoked -CAfile "$T/chain+crl.pem" -crl_check_all)"
expect "rsa-sha256, CRL check" '^Verification successful$' "$(cmsv rsa-sha256 -CAfile "$T/chain+crl.pem" -crl_check_all)"
expect "cert-mismatch (no ESS check)" '^Verification successful$' "$(cmsv cert-mismatch -CAfile "$T/chain.pem")"
expect "cert-mismatch -cades" 'ess cert id not found' "$(cmsv cert-mismatch -CAfile "$T/chain.pem" -cades)"
expect "cert-mismatch: only the twin in the CMS" 'Bản sao giả mạo' \
  "$(openssl cms -cmsout -inform DER -in cms/cert-mismatch.txt.p7s -print -nameopt utf8 | grep -m1 'subject:.*OU')"
expect "tampered-content" 'verification failure' "$(cmsv tampered-content -CAfile "$T/chain.pem")"
expect "tampered-signature" 'invalid padding' "$(cmsv tampered-signature -CAfile "$T/chain.pem")"

for name in timestamped expired-timestamped revoked-after-timestamp; do
  python3 extract-signature-timestamp.py "cms/$name.txt.p7s" "$T/token.der" "$T/sigvalue.bin"
  expect "$name: token over the signature value" 'Verification: OK' \
    "$(openssl ts -verify -token_in -in "$T/token.der" -data "$T/sigvalue.bin" -CAfile "$T/chain.pem" 2>&1)"
  expect "$name: genTime" "$(case $name in timestamped) echo 'Mar 1 09:00:05 2025';; expired-*) echo 'Jun 1 09:00:05 2020';; *) echo 'Jun 1 09:00:05 2025';; esac)" \
    "$(openssl ts -reply -token_in -in "$T/token.der" -text 2>/dev/null | grep 'Time stamp')"
done
expect "expired-timestamped" 'certificate has expired' "$(cmsv expired-timestamped -CAfile "$T/chain.pem")"
expect "expired-timestamped, at 2020-06-01" '^Verification successful$' \
  "$(cmsv expired-timestamped -CAfile "$T/chain.pem" -attime 1591002000)"
expect "revoked-after-timestamp, CRL check" 'certificate revoked' \
  "$(cmsv revoked-after-timestamp -CAfile "$T/chain+crl.pem" -crl_check_all)"

if [[ -d pdf ]]; then source ./check-pdf.sh; fi
if [[ -d xml ]]; then source ./check-xml.sh; fi

echo
if ((failures)); then echo "check.sh: $failures check(s) disagree with README.md"; exit 1; fi
echo "check.sh: every check agrees with README.md"
