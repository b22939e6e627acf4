#!/usr/bin/env bash
# What the peer tools say about each output of make.sh: poppler's pdfsig (trusting the test root
# through an NSS database: the intermediate is not in it, so a chain needs the CMS to carry it),
# openssl cms -verify on each signature's extracted /Contents and signed bytes (chain: the test
# root + the intermediate), the number of SignerInfos in each CMS, qpdf --check, and PoDoFo's
# own podofoincrementalupdates. One line per file, the basis of README.md's "peer tools" column.
#
# Usage: samples/producers/podofo/peers.sh
# shellcheck source=../peers-common.sh
source "$(dirname "$0")/../peers-common.sh"
nss_with_root

for f in out/*.pdf; do
  n=$(basename "$f" .pdf)
  mkdir -p "$T/$n"
  qpdf=$(qpdf --check "$f" >/dev/null 2>&1; case $? in 0) echo "qpdf ok";; 3) echo "qpdf warning: $(qpdf --check "$f" 2>&1 | grep -iv '^checking\|^PDF Version\|^File is\|^No syntax\|errors that' | head -1)";; *) echo "qpdf ERRORS: $(qpdf --check "$f" 2>&1 | tail -1)";; esac)
  pdfsig=$(pdfsig -nssdir "sql:$T/nss" "$f" 2>&1 | grep -E 'Signature Validation|Certificate Validation|Hash Algorithm|document signed|not signed|Syntax Error' | sed 's/^ *- //' | squash)
  ossl=$( (cd "$S" && python3 pdf-extract-signatures.py "producers/podofo/$f" "$T/$n") 2>/dev/null | while read -r i _; do
    r=$(openssl cms -verify -binary -inform DER -in "$T/$n/$i.der" -content "$T/$n/$i.tbs" -CAfile "$T/chain.pem" \
      -purpose any -out /dev/null 2>&1 |
      grep -oE 'Verification successful|Verify error: [^:]*|verification failure|Error reading|bad object' | head -1)
    signers=$(openssl cms -cmsout -print -inform DER -in "$T/$n/$i.der" 2>/dev/null | grep -c 'd.issuerAndSerialNumber:')
    printf '%s: %s (%s SignerInfos); ' "$i" "${r:-no CMS}" "$signers"
  done)
  updates=$(podofoincrementalupdates "$f" 2>&1 | grep -oE '=[[:space:]]*[0-9]+' | tr -dc '0-9')
  echo "$n | $qpdf | openssl $ossl| pdfsig: $pdfsig | podofoincrementalupdates: ${updates:-error}"
done
