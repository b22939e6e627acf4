#!/usr/bin/env bash
# What the peer tools say about each output of make.sh: poppler's pdfsig (signature maths,
# coverage), openssl cms -verify / openssl ts -verify on each PDF signature's extracted
# /Contents and signed bytes, qpdf --check, xmlsec1 --verify, openssl cms -verify for the
# .p7s files. Trust: the test root (samples/pki), the intermediate as untrusted help.
# One line per file, the basis of README.md's "peer tools" column.
#
# Usage: samples/producers/java/peers.sh
# shellcheck source=../peers-common.sh
source "$(dirname "$0")/../peers-common.sh"

for f in out/pdf/*.pdf; do
  n=$(basename "$f" .pdf)
  mkdir -p "$T/$n"
  qpdf=$(qpdf --check "$f" >/dev/null 2>&1; case $? in 0) echo "qpdf ok";; 3) echo "qpdf warning: $(qpdf --check "$f" 2>&1 | grep -o "reported number of objects.*" | head -1)";; *) echo "qpdf ERRORS";; esac)
  pdfsig=$(pdfsig -nocert "$f" 2>/dev/null | grep -E 'Signature Validation|document signed' | sed 's/^ *- //' | squash)
  ossl=$( (cd "$S" && python3 pdf-extract-signatures.py "producers/java/$f" "$T/$n") | while read -r i subfilter _; do
    if [[ $subfilter == ETSI.RFC3161 ]]; then
      r=$(openssl ts -verify -token_in -in "$T/$n/$i.der" -data "$T/$n/$i.tbs" -CAfile "$T/chain.pem" 2>&1 | grep -oE 'Verification: (OK|FAILED)')
    else
      r=$(openssl cms -verify -binary -inform DER -in "$T/$n/$i.der" -content "$T/$n/$i.tbs" -CAfile "$T/chain.pem" \
        -purpose any -out /dev/null 2>&1 | grep -oE 'Verification successful|Verify error: [^:]*|verification failure' | head -1)
    fi
    printf '%s: %s; ' "$i" "$r"
  done)
  echo "$f | $qpdf | openssl $ossl| pdfsig: $pdfsig"
done

for f in out/xml/*.xml; do
  r=$(xmlsec1 --verify --trusted-pem "$S/pki/kyso-test-root.pem" --untrusted-pem "$S/ca/intermediate.pem" \
    --id-attr:Id ThongTin --id-attr:Id DLHDon "$f" 2>&1 | grep -E '^(OK|FAIL)|References \(ok' | squash)
  echo "$f | xmlsec1: $r"
done

for f in out/cms/*.p7s; do
  r=$(openssl cms -verify -binary -inform DER -in "$f" -content "${f%.p7s}" -CAfile "$T/chain.pem" -purpose any \
    -out /dev/null 2>&1 | grep -oE 'Verification successful|Verify error: [^:]*|verification failure' | head -1)
  echo "$f | openssl cms: $r"
done

for f in out/cms/*.p7m; do
  r=$(openssl cms -verify -binary -inform DER -in "$f" -CAfile "$T/chain.pem" -purpose any \
    -out /dev/null 2>&1 | grep -oE 'Verification successful|Verify error: [^:]*|verification failure' | head -1)
  echo "$f | openssl cms: $r"
done
