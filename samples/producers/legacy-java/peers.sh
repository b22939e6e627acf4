#!/usr/bin/env bash
# What the peer tools say about each output of make.sh: poppler's pdfsig (signature maths,
# coverage), openssl on each signature's /Contents and signed bytes (cms -verify for the CMS
# SubFilters; for adbe.x509.rsa_sha1, dgst -sha1 -verify with the key of the /Cert certificate
# over the PKCS#1 value inside the OCTET STRING), qpdf --check. Trust: the test root
# (samples/pki), the intermediate as untrusted help. One line per file, the basis of README.md's
# "peer tools" column.
#
# Usage: samples/producers/legacy-java/peers.sh
# shellcheck source=../peers-common.sh
source "$(dirname "$0")/../peers-common.sh"

for f in out/pdf/*.pdf; do
  n=$(basename "$f" .pdf)
  mkdir -p "$T/$n"
  qpdf=$(qpdf --check "$f" >/dev/null 2>&1; case $? in 0) echo "qpdf ok";; 3) echo "qpdf warning: $(qpdf --check "$f" 2>&1 | grep -iE "warning|reported" | head -1)";; *) echo "qpdf ERRORS";; esac)
  pdfsig=$(pdfsig -nocert "$f" 2>/dev/null | grep -E 'Signature Validation|document signed|Signature Type' | sed 's/^ *- //' | squash)
  ossl=$(python3 extract-signatures.py "$f" "$T/$n" | while read -r i subfilter; do
    if [[ $subfilter == adbe.x509.rsa_sha1 ]]; then
      openssl x509 -inform DER -in "$T/$n/$i.cert" -pubkey -noout > "$T/$n/$i.pub" 2>/dev/null
      tail -c 256 "$T/$n/$i.der" > "$T/$n/$i.sig"
      r=$(openssl dgst -sha1 -verify "$T/$n/$i.pub" -signature "$T/$n/$i.sig" "$T/$n/$i.tbs" 2>&1 | head -1)
    elif [[ $subfilter == adbe.pkcs7.sha1 ]]; then
      # The encapsulated content is the SHA-1 of the signed bytes: verify the CMS, then compare.
      r=$(openssl cms -verify -binary -inform DER -in "$T/$n/$i.der" -CAfile "$T/chain.pem" -purpose any \
        -out "$T/$n/$i.content" 2>&1 | grep -oE 'Verification successful|Verify error: [^:]*|verification failure' | head -1)
      [[ $(xxd -p "$T/$n/$i.content" | tr -d '\n') == $(openssl dgst -sha1 -r "$T/$n/$i.tbs" | cut -d' ' -f1) ]] || r="$r, content mismatch"
    else
      r=$(openssl cms -verify -binary -inform DER -in "$T/$n/$i.der" -content "$T/$n/$i.tbs" -CAfile "$T/chain.pem" \
        -purpose any -out /dev/null 2>&1 | grep -oE 'Verification successful|Verify error: [^:]*|verification failure|Error reading[^,]*|content mismatch' | head -1)
    fi
    printf '%s %s: %s; ' "$i" "$subfilter" "$r"
  done)
  echo "$f | $qpdf | openssl $ossl| pdfsig: $pdfsig"
done
