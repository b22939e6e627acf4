# Sourced by check.sh: the PDF samples. pdfsig checks the signature maths and the ranges
# (its certificate validation is not used: NSS 3.x answers SEC_ERROR_EXTENSION_NOT_FOUND
# for this PKI, see README.md); openssl checks the same CMS and tokens with the chain;
# qpdf checks the file structure.

echo "== PDF (pdfsig, openssl on the extracted /Contents and /ByteRange bytes, qpdf --check)"
mkdir -p "$T/nss"
certutil -N -d "sql:$T/nss" --empty-password
certutil -A -d "sql:$T/nss" -n root -t "CT,C,C" -i pki/kyso-test-root.pem

# pdfcheck FILE "SIG-EXPECTATION..." : each expectation is "N:openssl-verdict:pdfsig-regex"
# where openssl-verdict is ok|fail and N the signature's order in the file.
pdfcheck() {
  local file=$1; shift
  local out="$T/pdf/$(basename "$file" .pdf)"
  mkdir -p "$out"
  expect "$(basename "$file"): qpdf --check" 'No syntax or stream encoding errors' "$(qpdf --check "$file" 2>&1)"
  local listing sigs
  listing=$(python3 pdf-extract-signatures.py "$file" "$out")
  sigs=$(pdfsig -nssdir "sql:$T/nss" -nocert "$file" 2>/dev/null)
  for spec in "$@"; do
    local n=${spec%%:*} rest=${spec#*:}
    local want_openssl=${rest%%:*} want_pdfsig=${rest#*:}
    local line subfilter got
    line=$(sed -n "${n}p" <<<"$listing")
    subfilter=$(cut -d' ' -f2 <<<"$line")
    if [[ $subfilter == ETSI.RFC3161 ]]; then
      got=$(openssl ts -verify -token_in -in "$out/$n.der" -data "$out/$n.tbs" -CAfile "$T/chain.pem" 2>&1 | grep -oE 'Verification: (OK|FAILED)')
      [[ $want_openssl == ok ]] && want='Verification: OK' || want='FAILED'
    else
      got=$(openssl cms -verify -binary -inform DER -in "$out/$n.der" -content "$out/$n.tbs" \
        -CAfile "$T/chain.pem" -out /dev/null 2>&1 | grep -oE 'Verification successful|Verify error: [^:]*|verification failure' | head -1)
      [[ $want_openssl == ok ]] && want='^Verification successful \[' || want="$want_openssl"
    fi
    expect "$(basename "$file") sig $n ($subfilter): openssl" "$want" "$got [$(cut -d' ' -f3-7 <<<"$line")]"
    # pdfsig numbers signature fields, not signatures: pick the block of the n-th signed one.
    local block
    block=$(awk -v n="$n" '/^Signature #/{i++} /Signing Time|Signature Validation|document signed|Signature Type|Signed Ranges/{if (++seen[i] && i) print i": "$0}' <<<"$sigs" \
      | grep -v 'not signed' | awk -F': ' '{print $1}' | uniq | sed -n "${n}p")
    expect "$(basename "$file") sig $n: pdfsig" "$want_pdfsig" "$(awk -v b="$block" '/^Signature #/{i++} i==b' <<<"$sigs" | grep -E 'Type|Validation|document signed')"
  done
}

pdfcheck pdf/unsigned-fields.pdf
expect "unsigned-fields.pdf: pdfsig" 'SigPerson The signature form field is not signed.*SigOrganization The signature form field is not signed' \
  "$(pdfsig -nocert pdf/unsigned-fields.pdf 2>/dev/null)"
pdfcheck pdf/person-signed.pdf '1:ok:Total document signed.*Signature is Valid'
pdfcheck pdf/person-then-organization.pdf '1:ok:Not total document signed.*Signature is Valid' '2:ok:Total document signed.*Signature is Valid'
pdfcheck pdf/tampered.pdf '1:verification failure:Digest Mismatch'
pdfcheck pdf/page-changed-after-signing.pdf '1:ok:Not total document signed.*Signature is Valid'
pdfcheck pdf/dss-after-signing.pdf '1:ok:Not total document signed.*Signature is Valid'
pdfcheck pdf/certified-p1.pdf '1:ok:Total document signed.*Signature is Valid'
pdfcheck pdf/certified-p1-then-signed.pdf '1:ok:Not total document signed.*Signature is Valid' '2:ok:Total document signed.*Signature is Valid'
pdfcheck pdf/certified-p1-then-annotated.pdf '1:ok:Not total document signed.*Signature is Valid'
pdfcheck pdf/certified-p2-then-signed.pdf '1:ok:Not total document signed.*Signature is Valid' '2:ok:Total document signed.*Signature is Valid'
pdfcheck pdf/cades-openssl.pdf '1:ok:ETSI.CAdES.detached.*Total document signed.*Signature is Valid'
pdfcheck pdf/document-timestamp.pdf '1:ok:Not total document signed.*Signature is Valid' '2:ok:Type: unknown.*Total document signed'
pdfcheck pdf/expired-signed.pdf '1:certificate has expired:Total document signed.*Signature is Valid'
pdfcheck pdf/expired-ltv.pdf '1:certificate has expired:Not total document signed.*Signature is Valid' '2:ok:Type: unknown.*Total document signed'

expect "certified-p1.pdf: DocMDP P=1 in /Perms" '/Perms << /DocMDP [0-9]+ 0 R >>.*/TransformMethod /DocMDP.*/P 1 /V /1.2' \
  "$(grep -a -oE '/Perms << /DocMDP [0-9]+ 0 R >>|/TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P [0-9] /V /1.2' pdf/certified-p1.pdf)"
expect "document-timestamp.pdf: genTime" 'Mar 1 09:30:00 2025' \
  "$(openssl ts -reply -token_in -in "$T/pdf/document-timestamp/2.der" -text 2>/dev/null | grep 'Time stamp')"
expect "expired-ltv.pdf: genTime" 'Jun 2 01:00:00 2020' \
  "$(openssl ts -reply -token_in -in "$T/pdf/expired-ltv/2.der" -text 2>/dev/null | grep 'Time stamp')"
expect "expired-ltv.pdf sig 1 at 2020-06-01 (openssl -attime)" '^Verification successful$' \
  "$(openssl cms -verify -binary -inform DER -in "$T/pdf/expired-ltv/1.der" -content "$T/pdf/expired-ltv/1.tbs" \
      -CAfile "$T/chain.pem" -attime 1591002000 -out /dev/null 2>&1 | grep -oE 'Verification successful|Verify error: [^:]*')"
expect "expired-ltv.pdf: DSS with 2 certs, 2 CRLs" '/Type /DSS /Certs \[[0-9]+ 0 R [0-9]+ 0 R\] /CRLs \[[0-9]+ 0 R [0-9]+ 0 R\]' \
  "$(grep -a -oE '/Type /DSS[^>]*' pdf/expired-ltv.pdf)"
expect "dss-after-signing.pdf: DSS with certs, CRLs, OCSP" '/Type /DSS /Certs \[[0-9 R]+\] /CRLs \[[0-9 R]+\] /OCSPs \[[0-9]+ 0 R\]' \
  "$(grep -a -oE '/Type /DSS[^>]*' pdf/dss-after-signing.pdf)"
expect "pdfsig writes BER (indefinite length) CMS" '^30 80$' \
  "$(head -c 2 "$T/pdf/person-signed/1.der" | od -An -tx1 | xargs)"
