#!/usr/bin/env bash
# What the peer tools say about each output of make.sh (a signature timestamp: openssl ts -verify): poppler's pdfsig (trusting the test root
# through an NSS database: the intermediate is not in it, so a chain needs the CMS to carry it),
# openssl cms -verify on each signature's extracted /Contents and signed bytes (chain: the test
# root + the intermediate as untrusted help), qpdf --check, MuPDF's own `mutool sign -v` and
# whether `mutool info` opens the file cleanly. One line per file, the basis of README.md's
# "peer tools" column.
#
# Usage: samples/producers/libreoffice/peers.sh
# shellcheck source=../peers-common.sh
source "$(dirname "$0")/../peers-common.sh"
nss_with_root

for f in out/*.pdf; do
  n=$(basename "$f" .pdf)
  mkdir -p "$T/$n"
  qpdf=$(qpdf --check "$f" >/dev/null 2>&1; case $? in 0) echo "qpdf ok";; 3) echo "qpdf warning: $(qpdf --check "$f" 2>&1 | grep -v '^checking\|^PDF Version\|^File is\|^R = \|^P = \|^User password\|^Supplied\|extract\|print\|modify\|^No syntax\|errors that' | head -1)";; *) echo "qpdf ERRORS: $(qpdf --check "$f" 2>&1 | tail -1)";; esac)
  pdfsig=$(pdfsig -nssdir "sql:$T/nss" "$f" 2>&1 | grep -E 'Signature Validation|Certificate Validation|document signed|not signed|Syntax Error' | sed 's/^ *- //' | squash)
  ossl=$( (cd "$S" && python3 pdf-extract-signatures.py "producers/libreoffice/$f" "$T/$n") 2>/dev/null | while read -r i _; do
    r=$(openssl cms -verify -binary -inform DER -in "$T/$n/$i.der" -content "$T/$n/$i.tbs" -CAfile "$T/chain.pem" \
      -purpose any -out /dev/null 2>&1 |
      grep -oE 'Verification successful|Verify error: [^:]*|verification failure|Error reading|bad object' | head -1)
    # A signature timestamp, if the SignerInfo carries one: openssl ts -verify over the signature value.
    ts=""
    if openssl cms -cmsout -inform DER -in "$T/$n/$i.der" -outform DER -out "$T/$n/$i.d.der" 2>/dev/null &&
      (cd "$S" && python3 extract-signature-timestamp.py "$T/$n/$i.d.der" "$T/$n/$i.tst" "$T/$n/$i.sig") 2>/dev/null; then
      ts=", timestamp $(openssl ts -verify -token_in -in "$T/$n/$i.tst" -data "$T/$n/$i.sig" -CAfile "$T/chain.pem" \
        -untrusted "$S/ca/tsa.pem" 2>&1 | grep -oE 'Verification: (OK|FAILED)|message imprint mismatch' | squash)"
    fi
    printf '%s: %s%s; ' "$i" "${r:-no CMS}" "$ts"
  done)
  mupdf=$(mutool sign -v "$f" 2>&1 | grep -E 'unchanged|edits since|not signed|information missing|error|Digest' | sed 's/^[[:space:]]*//' | squash)
  info=$(mutool info "$f" 2>&1 >/dev/null | head -1)
  echo "$n | $qpdf | openssl $ossl| pdfsig: $pdfsig | mutool sign -v: $mupdf | mutool info: ${info:-clean}"
done
