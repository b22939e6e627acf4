# Sourced by check.sh: the XML and edXML samples, checked with xmlsec1 (trust: the test
# root; the intermediate as an untrusted certificate; validation time: now).

echo "== XML and edXML (xmlsec1 --verify --trusted-pem pki/kyso-test-root.pem --untrusted-pem ca/intermediate.pem)"
XADES_NS=http://uri.etsi.org/01903/v1.3.2#
xverify() {
  xmlsec1 --verify --trusted-pem pki/kyso-test-root.pem --untrusted-pem ca/intermediate.pem \
    --id-attr:Id VanBan --id-attr:Id "${XADES_NS}:SignedProperties" "$@" 2>&1 \
    | grep -oE '^OK$|^FAIL$|^ERROR$|data and digest do not match|certificate verification failed|duplicate ID attribute|References \(ok/all\): [0-9]+/[0-9]+' | head -3
}
for f in xml/enveloped-rsa-sha256-exc-c14n.xml xml/enveloped-rsa-sha1-c14n.xml xml/ecdsa-p256.xml \
         xml/organization.xml xml/reference-by-id.xml xml/comment-in-digestvalue.xml \
         edxml/signed.edxml edxml/signed-rsa-sha1.edxml edxml/attachment-tampered.edxml; do
  expect "$f" '^OK References \(ok/all\): 1/1' "$(xverify "$f")"
done
expect "xml/xades-baseline-b.xml" '^OK References \(ok/all\): 2/2' "$(xverify xml/xades-baseline-b.xml)"
for f in xml/tampered-content.xml edxml/tampered-subject.edxml edxml/trace-header-appended.edxml; do
  expect "$f" 'data and digest do not match FAIL' "$(xverify "$f")"
done
for f in xml/untrusted-keyinfo.xml edxml/untrusted-keyinfo.edxml; do
  expect "$f" 'certificate verification failed' "$(xverify "$f")"
done
expect "edxml/unsigned.edxml: no Signature" '^0$' "$(grep -c '<Signature' edxml/unsigned.edxml)"
expect "xml/wrapping-attack.xml" 'duplicate ID attribute' "$(xverify xml/wrapping-attack.xml)"
# Without the forged copy's Id the moved original is found and still verifies: the attack
# keeps the signed bytes intact, only their place changed.
sed '0,/<VanBan Id="vb-208">/s//<VanBan>/' xml/wrapping-attack.xml > "$T/wrapping-no-forged-id.xml"
expect "xml/wrapping-attack.xml, forged copy's Id removed" '^OK References \(ok/all\): 1/1' \
  "$(xverify "$T/wrapping-no-forged-id.xml")"
expect "xml/comment-in-digestvalue.xml has the comment" '<DigestValue>[A-Za-z0-9+/]{10}<!-- kyso -->' \
  "$(grep -oE '<DigestValue>.{10}<!-- kyso -->' xml/comment-in-digestvalue.xml)"
expect "xades: SigningCertificateV2 digest = SHA-256 of ca/person.pem" \
  "$(openssl x509 -in ca/person.pem -outform DER | openssl dgst -sha256 -binary | base64 -w0 | sed 's/[+/]/./g')" \
  "$(grep -oE 'CertDigest>.*</xades:CertDigest' xml/xades-baseline-b.xml)"
for f in edxml/signed.edxml edxml/attachment-tampered.edxml; do
  base64 -d <<<"$(grep -oE 'ContentTransferEncoded[^>]*>[^<]+' "$f" | sed 's/^[^>]*>//')" > "$T/attachment.pdf"
  want=$([[ $f == *tampered* ]] && echo pdf/tampered.pdf || echo pdf/person-then-organization.pdf)
  expect "$f: attachment is $want" 'same' "$(cmp -s "$T/attachment.pdf" "$want" && echo same)"
done
for f in xml/enveloped-rsa-sha256-exc-c14n.xml xml/ecdsa-p256.xml xml/organization.xml xml/reference-by-id.xml \
         xml/comment-in-digestvalue.xml xml/xades-baseline-b.xml edxml/signed.edxml; do
  expect "$f, root alone trusted" '^OK' "$(xmlsec1 --verify --trusted-pem pki/kyso-test-root.pem --id-attr:Id VanBan \
    --id-attr:Id "${XADES_NS}:SignedProperties" "$f" 2>&1 | grep -oE '^OK$|^FAIL$|^ERROR$')"
done
