#!/usr/bin/env bash
# More XML signatures made by xmlsec1 (with openssl for the digests xmlsec1 does not
# compute): a Reference without URI, XAdES counter-signatures (bound to their parent's
# SignatureValue, and two that are not), SHA-3 digests. Called by make.sh after make-xml.sh, with the
# test PKI in ca/; runs on its own too: samples/make-xml-extra.sh.
#
# Outputs: xml/extra/. Every file is byte-identical on every run (RSA, fixed keys).
set -euo pipefail
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
for tool in xmlsec1 openssl python3; do
  command -v "$tool" >/dev/null || { echo "make-xml-extra.sh: $tool is required" >&2; exit 3; }
done
[ -f ca/person.key ] || { echo "make-xml-extra.sh: run make.sh first (the test PKI in ca/)" >&2; exit 3; }

OUT=xml/extra
rm -rf "$OUT"
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

DS=http://www.w3.org/2000/09/xmldsig#
C14N=http://www.w3.org/TR/2001/REC-xml-c14n-20010315
EXC=http://www.w3.org/2001/10/xml-exc-c14n#
RSA256=http://www.w3.org/2001/04/xmldsig-more#rsa-sha256
SHA256=http://www.w3.org/2001/04/xmlenc#sha256
XADES=http://uri.etsi.org/01903/v1.3.2#
ENVELOPED="<Transform Algorithm=\"${DS}enveloped-signature\"/>"

# sign SIGNER TEMPLATE OUT [xmlsec1 options]: signed by a test PKI leaf, with the intermediate.
sign() {
  local who=$1 tpl=$2 out=$3; shift 3
  xmlsec1 --sign --privkey-pem "ca/$who.key,ca/$who.pem,ca/intermediate.pem" "$@" --output "$out" "$tpl"
}

letter() {
  cat <<LETTER
<?xml version="1.0" encoding="UTF-8"?>
<VanBan>
  <SoKyHieu>$1/UBND-VP</SoKyHieu>
  <TrichYeu>V/v chữ ký số XML (mẫu $2)</TrichYeu>
  <NoiDung>Các cơ quan kiểm tra chữ ký số trước khi tiếp nhận văn bản.</NoiDung>
  $3
</VanBan>
LETTER
}

# 1. A Reference without URI (XMLDSig §4.4.3.1: the application knows the content).
#    a) In SignedInfo, enveloped: xmlsec1 reads a missing URI as the document itself.
letter 401 khong-uri "<Signature xmlns=\"$DS\" Id=\"sig-1\"><SignedInfo><CanonicalizationMethod Algorithm=\"$C14N\"/><SignatureMethod Algorithm=\"$RSA256\"/><Reference><Transforms>$ENVELOPED</Transforms><DigestMethod Algorithm=\"$SHA256\"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>" > "$WORK/t.xml"
sign person "$WORK/t.xml" "$OUT/no-uri-enveloped.xml"
#    b) In a Manifest, over a file the application knows (no-uri-content.txt): xmlsec1
#       signs the Manifest (--ignore-manifests: it would digest the document for the
#       missing URI); the Manifest reference's digest is openssl's over the file.
printf 'Biên bản giao nhận hồ sơ số 402, nội dung do ứng dụng tự biết.\n' > "$OUT/no-uri-content.txt"
CONTENT_DIGEST=$(openssl dgst -sha256 -binary "$OUT/no-uri-content.txt" | base64 -w0)
letter 402 khong-uri-manifest "<Signature xmlns=\"$DS\" Id=\"sig-1\"><SignedInfo><CanonicalizationMethod Algorithm=\"$C14N\"/><SignatureMethod Algorithm=\"$RSA256\"/><Reference URI=\"#manifest-1\" Type=\"${DS}Manifest\"><DigestMethod Algorithm=\"$SHA256\"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo><Object><Manifest Id=\"manifest-1\"><Reference><DigestMethod Algorithm=\"$SHA256\"/><DigestValue>$CONTENT_DIGEST</DigestValue></Reference></Manifest></Object></Signature>" > "$WORK/t.xml"
sign person "$WORK/t.xml" "$OUT/no-uri-manifest.xml" --id-attr:Id Manifest --ignore-manifests

# 2. XAdES counter-signatures (EN 319 132-1 §5.4.2): an ordinary ds:Signature inside
#    UnsignedSignatureProperties/CounterSignature whose Reference (Type
#    http://uri.etsi.org/01903#CountersignedSignature) points at the parent's
#    SignatureValue by Id. xmlsec1 signs the parent first (--node-id sig-1; its enveloped
#    reference leaves the whole parent out), then the counter-signature (--node-id cs-1).
# xades_parent NUMBER COUNTER-SIGNATURE-TEMPLATE
xades_parent() {
  local cert_digest
  cert_digest=$(openssl x509 -in ca/person.pem -outform DER | openssl dgst -sha256 -binary | base64 -w0)
  letter "$1" "xades-$1" "<Signature xmlns=\"$DS\" Id=\"sig-1\"><SignedInfo><CanonicalizationMethod Algorithm=\"$EXC\"/><SignatureMethod Algorithm=\"$RSA256\"/><Reference URI=\"\"><Transforms>$ENVELOPED<Transform Algorithm=\"$EXC\"/></Transforms><DigestMethod Algorithm=\"$SHA256\"/><DigestValue/></Reference><Reference URI=\"#xades-sp-1\" Type=\"http://uri.etsi.org/01903#SignedProperties\"><Transforms><Transform Algorithm=\"$EXC\"/></Transforms><DigestMethod Algorithm=\"$SHA256\"/><DigestValue/></Reference></SignedInfo><SignatureValue Id=\"sig-1-value\"/><KeyInfo><X509Data/></KeyInfo><Object><xades:QualifyingProperties xmlns:xades=\"$XADES\" Target=\"#sig-1\"><xades:SignedProperties Id=\"xades-sp-1\"><xades:SignedSignatureProperties><xades:SigningTime>2025-03-01T09:00:00Z</xades:SigningTime><xades:SigningCertificateV2><xades:Cert><xades:CertDigest><DigestMethod Algorithm=\"$SHA256\"/><DigestValue>$cert_digest</DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2></xades:SignedSignatureProperties></xades:SignedProperties><xades:UnsignedProperties><xades:UnsignedSignatureProperties><xades:CounterSignature>$2</xades:CounterSignature></xades:UnsignedSignatureProperties></xades:UnsignedProperties></xades:QualifyingProperties></Object></Signature>"
}
# counter URI: the counter-signature template (organization signs).
counter() {
  echo "<Signature xmlns=\"$DS\" Id=\"cs-1\"><SignedInfo><CanonicalizationMethod Algorithm=\"$EXC\"/><SignatureMethod Algorithm=\"$RSA256\"/><Reference URI=\"$1\" Type=\"http://uri.etsi.org/01903#CountersignedSignature\"><Transforms><Transform Algorithm=\"$EXC\"/></Transforms><DigestMethod Algorithm=\"$SHA256\"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>"
}
IDS=(--id-attr:Id Signature --id-attr:Id "$XADES:SignedProperties" --id-attr:Id SignatureValue)
#    a) bound: the counter-signature signs the parent's SignatureValue.
xades_parent 403 "$(counter "#sig-1-value")" > "$WORK/t.xml"
sign person "$WORK/t.xml" "$WORK/parent.xml" "${IDS[@]}" --node-id sig-1
sign organization "$WORK/parent.xml" "$OUT/xades-countersigned.xml" "${IDS[@]}" --node-id cs-1
#    b) not bound: the counter-signature signs the parent's SignedProperties instead.
xades_parent 404 "$(counter "#xades-sp-1")" > "$WORK/t.xml"
sign person "$WORK/t.xml" "$WORK/parent.xml" "${IDS[@]}" --node-id sig-1
sign organization "$WORK/parent.xml" "$OUT/xades-countersignature-unbound.xml" "${IDS[@]}" --node-id cs-1
#    c) moved: the bound counter-signature of (a) copied onto another signed letter (405),
#       whose SignatureValue it does not sign (python3 moves bytes, computes nothing).
xades_parent 405 "$(counter "#sig-1-value")" > "$WORK/t.xml"
sign person "$WORK/t.xml" "$WORK/other.xml" "${IDS[@]}" --node-id sig-1
python3 - "$OUT/xades-countersigned.xml" "$WORK/other.xml" "$OUT/xades-countersignature-moved.xml" <<'PY'
import re, sys
pattern = re.compile(r'<Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="cs-1">.*?</Signature>', re.S)
signed = pattern.search(open(sys.argv[1], encoding="utf-8").read()).group(0)
other = open(sys.argv[2], encoding="utf-8").read()
assert pattern.search(other)
open(sys.argv[3], "w", encoding="utf-8").write(pattern.sub(lambda m: signed, other, count=1))
PY

# 3. SHA-3 digests (RFC 6931 §2.1.5). xmlsec1 1.2 has no SHA-3, so it signs a Manifest
#    (--ignore-manifests) whose three References to a file beside it carry SHA3-256/384/512
#    digests made by openssl; SignedInfo itself is RSA-SHA256.
printf 'Quyết định số 406: thử nghiệm hàm băm SHA-3.\n' > "$OUT/sha3-content.txt"
SHA3_REFS=""
for bits in 256 384 512; do
  SHA3_REFS+="<Reference URI=\"sha3-content.txt\"><DigestMethod Algorithm=\"http://www.w3.org/2007/05/xmldsig-more#sha3-$bits\"/><DigestValue>$(openssl dgst -sha3-$bits -binary "$OUT/sha3-content.txt" | base64 -w0)</DigestValue></Reference>"
done
letter 406 sha3 "<Signature xmlns=\"$DS\" Id=\"sig-1\"><SignedInfo><CanonicalizationMethod Algorithm=\"$C14N\"/><SignatureMethod Algorithm=\"$RSA256\"/><Reference URI=\"#manifest-1\" Type=\"${DS}Manifest\"><DigestMethod Algorithm=\"$SHA256\"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo><Object><Manifest Id=\"manifest-1\">$SHA3_REFS</Manifest></Object></Signature>" > "$WORK/t.xml"
sign person "$WORK/t.xml" "$OUT/sha3-manifest.xml" --id-attr:Id Manifest --ignore-manifests

echo "make-xml-extra.sh: extra XML samples done"
