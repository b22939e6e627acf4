#!/usr/bin/env bash
# XML signatures as they are made in the field, signed by xmlsec1 (and, for the transit
# variants, re-serialised by xmllint and perl, as the national document axis does):
# XPath Filter 2.0, Manifests, detached references, an ISO-8859-1 document, hundreds of
# references, duplicate Ids no reference uses, and what kyso cannot check (a brainpool
# key, a SHA-224 digest, an XSLT transform). Called by make.sh after its XML stage, with
# the test PKI in ca/; runs on its own too: samples/make-xml.sh.
#
# Outputs: xml/field/ and edxml/transit/. RSA signatures come out byte-identical on
# every run; brainpool.xml (ECDSA, and a key made here) differs each time.
set -euo pipefail
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
for tool in xmlsec1 xmllint openssl perl python3 faketime iconv; do
  command -v "$tool" >/dev/null || { echo "make-xml.sh: $tool is required" >&2; exit 3; }
done
[ -f ca/person.key ] || { echo "make-xml.sh: run make.sh first (the test PKI in ca/)" >&2; exit 3; }

OUT=xml/field
TRANSIT=edxml/transit
rm -rf "$OUT" "$TRANSIT"
mkdir -p "$OUT" "$TRANSIT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

DS=http://www.w3.org/2000/09/xmldsig#
C14N=http://www.w3.org/TR/2001/REC-xml-c14n-20010315
EXC=http://www.w3.org/2001/10/xml-exc-c14n#
RSA256=http://www.w3.org/2001/04/xmldsig-more#rsa-sha256
ECDSA256=http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256
SHA256=http://www.w3.org/2001/04/xmlenc#sha256
SHA224=http://www.w3.org/2001/04/xmldsig-more#sha224
FILTER2=http://www.w3.org/2002/06/xmldsig-filter2
XSLT=http://www.w3.org/TR/1999/REC-xslt-19991116
MANIFEST_TYPE=${DS}Manifest
EDXML_NS=http://www.mic.gov.vn/TBT/QCVN_102_2016

# sign TEMPLATE OUT [xmlsec1 options]: signed by the test PKI's person, with the intermediate.
sign() {
  local tpl=$1 out=$2; shift 2
  xmlsec1 --sign --privkey-pem "ca/person.key,ca/person.pem,ca/intermediate.pem" "$@" --output "$out" "$tpl"
}

# reference URI DIGEST [TRANSFORMS-XML] [ATTRIBUTES]
reference() { echo "<Reference URI=\"$1\"${4:-}>${3:+<Transforms>$3</Transforms>}<DigestMethod Algorithm=\"$2\"/><DigestValue/></Reference>"; }
# signature SIGNATURE-METHOD REFERENCES [OBJECTS]
signature() {
  echo "<Signature xmlns=\"$DS\" Id=\"sig-1\"><SignedInfo><CanonicalizationMethod Algorithm=\"$C14N\"/><SignatureMethod Algorithm=\"$1\"/>$2</SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo>${3:-}</Signature>"
}
ENVELOPED="<Transform Algorithm=\"${DS}enveloped-signature\"/>"

# A small official letter with numbered parts.
letter() {
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<VanBan>
  <SoKyHieu>$1/UBND-VP</SoKyHieu>
  <TrichYeu>V/v chữ ký số XML trong thực tế (mẫu $2)</TrichYeu>
  <Phan Id="phan-1">Phần một: các cơ quan kiểm tra chữ ký số.</Phan>
  <Phan Id="phan-2">Phần hai: báo cáo kết quả trước ngày 30/6.</Phan>
  $3
</VanBan>
EOF
}

# 1. XPath Filter 2.0: the whole document minus every Signature.
FILTER="<Transform Algorithm=\"$FILTER2\"><XPath xmlns=\"$FILTER2\" xmlns:ds=\"$DS\" Filter=\"subtract\">/descendant::ds:Signature</XPath></Transform>"
letter 301 xpath-filter2 "$(signature "$RSA256" "$(reference "" "$SHA256" "$FILTER")")" > "$WORK/t.xml"
sign "$WORK/t.xml" "$OUT/xpath-filter2.xml"
sed 's|Phần hai: báo cáo kết quả trước ngày 30/6.|Phần hai: báo cáo kết quả trước ngày 31/12.|' "$OUT/xpath-filter2.xml" > "$OUT/xpath-filter2-tampered.xml"

# 2. A Manifest: SignedInfo signs the Manifest, the Manifest lists the two parts.
MANIFEST="<Object><Manifest Id=\"manifest-1\">$(reference "#phan-1" "$SHA256")$(reference "#phan-2" "$SHA256")</Manifest></Object>"
letter 302 manifest "$(signature "$RSA256" "$(reference "#manifest-1" "$SHA256" "" " Type=\"$MANIFEST_TYPE\"")" "$MANIFEST")" > "$WORK/t.xml"
sign "$WORK/t.xml" "$OUT/manifest.xml" --id-attr:Id Phan --id-attr:Id Manifest
sed 's|Phần một: các cơ quan kiểm tra chữ ký số.|Phần một: các cơ quan không cần kiểm tra.|' "$OUT/manifest.xml" > "$OUT/manifest-target-tampered.xml"

# 3. A detached signature over a file beside it (Reference URI="cong-van-303.xml", an
#    unsigned letter: its bytes as they are, no transform).
letter 303 noi-dung-tach-roi "" > "$OUT/cong-van-303.xml"
{ echo '<?xml version="1.0" encoding="UTF-8"?>'; signature "$RSA256" "$(reference "cong-van-303.xml" "$SHA256")"; } > "$WORK/t.xml"
(cd "$OUT" && xmlsec1 --sign --privkey-pem "../../ca/person.key,../../ca/person.pem,../../ca/intermediate.pem" --output detached.xml "$WORK/t.xml")

# 4. What kyso cannot check: a brainpoolP256r1 key, a SHA-224 digest, an XSLT transform.
openssl ecparam -name brainpoolP256r1 -genkey -noout -out "$WORK/brainpool.key"
openssl req -new -key "$WORK/brainpool.key" -subj "/C=VN/O=kyso test/CN=Brainpool signer" -out "$WORK/brainpool.csr" 2>/dev/null
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' > "$WORK/leaf.ext"
faketime -f '2025-01-01 00:00:00' openssl x509 -req -in "$WORK/brainpool.csr" -CA ca/intermediate.pem -CAkey ca/intermediate.key -set_serial 0x3b0 \
  -days 3650 -extfile "$WORK/leaf.ext" -out "$WORK/brainpool.pem" 2>/dev/null
letter 304 brainpool "$(signature "$ECDSA256" "$(reference "" "$SHA256" "$ENVELOPED")")" > "$WORK/t.xml"
xmlsec1 --sign --privkey-pem "$WORK/brainpool.key,$WORK/brainpool.pem,ca/intermediate.pem" --output "$OUT/brainpool.xml" "$WORK/t.xml"
letter 305 sha224 "$(signature "$RSA256" "$(reference "" "$SHA224" "$ENVELOPED")")" > "$WORK/t.xml"
sign "$WORK/t.xml" "$OUT/sha224-digest.xml"
STYLESHEET="<Transform Algorithm=\"$XSLT\"><xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"><xsl:output method=\"text\"/><xsl:template match=\"/\"><xsl:value-of select=\"//TrichYeu\"/></xsl:template></xsl:stylesheet></Transform>"
letter 306 xslt "$(signature "$RSA256" "$(reference "" "$SHA256" "$ENVELOPED$STYLESHEET")")" > "$WORK/t.xml"
sign "$WORK/t.xml" "$OUT/xslt-transform.xml"

# 5. Three hundred references, one per item (a batch document).
ITEMS=""; REFS=""
for i in $(seq 1 300); do
  ITEMS+="<Muc Id=\"muc-$i\">Mục $i</Muc>"
  REFS+=$(reference "#muc-$i" "$SHA256")
done
letter 307 many-references "<DanhSach>$ITEMS</DanhSach>$(signature "$RSA256" "$REFS")" > "$WORK/t.xml"
sign "$WORK/t.xml" "$OUT/many-references.xml" --id-attr:Id Muc

# 6. Two elements share an Id that no reference uses (the whole document is signed).
letter 308 duplicate-unused-id "<GhiChu Id=\"gc\">một</GhiChu><GhiChu Id=\"gc\">hai</GhiChu>$(signature "$RSA256" "$(reference "" "$SHA256" "$ENVELOPED")")" > "$WORK/t.xml"
sign "$WORK/t.xml" "$OUT/duplicate-unused-id.xml"

# 7. An ISO-8859-1 document (libxml2 decodes it; the canonical form is UTF-8).
{
  echo '<?xml version="1.0" encoding="ISO-8859-1"?>'
  echo "<Document><Titre>Décision n° 309 — signée à Hà Nội</Titre>$(signature "$RSA256" "$(reference "" "$SHA256" "$ENVELOPED")")</Document>"
} | sed 's/ — / - /; s/Hà Nội/Ha Noi/' | iconv -f UTF-8 -t ISO-8859-1 > "$WORK/t.xml"
sign "$WORK/t.xml" "$OUT/iso-8859-1.xml"

# 8. edXML in transit. A package signed compactly (one line, ds:Signature enveloped) ...
edxml_compact() { # SIGNATURE HEADER-ID-ATTRIBUTE
  cat <<EOF | tr -d '\n'
<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="$EDXML_NS"><edXML:edXMLEnvelope xmlns:edXML="$EDXML_NS"><edXML:edXMLHeader><edXML:MessageHeader$2><edXML:From><edXML:OrganId>000.00.00.H99</edXML:OrganId><edXML:OrganName>Ủy ban nhân dân tỉnh Thử Nghiệm</edXML:OrganName></edXML:From><edXML:To><edXML:OrganId>000.00.00.G22</edXML:OrganId><edXML:OrganName>Văn phòng Chính phủ</edXML:OrganName></edXML:To><edXML:DocumentId>000.00.00.H99,2025/03/01,310/UBND-VP</edXML:DocumentId><edXML:Code><edXML:CodeNumber>310</edXML:CodeNumber><edXML:CodeNotation>UBND-VP</edXML:CodeNotation></edXML:Code><edXML:PromulgationInfo><edXML:Place>Thử Nghiệm</edXML:Place><edXML:PromulgationDate>01/03/2025</edXML:PromulgationDate></edXML:PromulgationInfo><edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeDetail>0</edXML:TypeDetail><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType><edXML:Subject>V/v liên thông văn bản điện tử</edXML:Subject></edXML:MessageHeader><edXML:TraceHeaderList><edXML:TraceHeader><edXML:OrganId>000.00.00.H99</edXML:OrganId><edXML:Timestamp>2025/03/01 10:05:00</edXML:Timestamp></edXML:TraceHeader></edXML:TraceHeaderList>$1</edXML:edXMLHeader><edXML:edXMLBody><edXML:edXMLManifest version="1.0"/></edXML:edXMLBody></edXML:edXMLEnvelope></edXML>
EOF
  echo
}
DS_SIG="<ds:Signature xmlns:ds=\"$DS\" Id=\"sig-1\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"$EXC\"/><ds:SignatureMethod Algorithm=\"$RSA256\"/><ds:Reference URI=\"%URI%\"><ds:Transforms>%TRANSFORMS%<ds:Transform Algorithm=\"$EXC\"/></ds:Transforms><ds:DigestMethod Algorithm=\"$SHA256\"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>"
ENVELOPED_DS="<ds:Transform Algorithm=\"${DS}enveloped-signature\"/>"
edxml_compact "$(echo "$DS_SIG" | sed "s|%URI%||; s|%TRANSFORMS%|$ENVELOPED_DS|")" "" > "$WORK/t.edxml"
sign "$WORK/t.edxml" "$TRANSIT/compact.edxml"
# ... then re-serialised as the axis does: the ds prefix and its declaration dropped (the
# Signature falls into the edXML default namespace), and the whole package pretty-printed.
perl -pe "s{<ds:Signature xmlns:ds=\"\\Q$DS\\E\"}{<Signature}; s{(</?)ds:}{\$1}g" "$TRANSIT/compact.edxml" > "$WORK/dropped.edxml"
xmllint --format "$WORK/dropped.edxml" > "$TRANSIT/axis-reserialised.edxml"
# ... and the same with a TraceHeader appended after signing: the digest breaks for real.
perl -pe 's{(</edXML:TraceHeader>)}{$1\n        <edXML:TraceHeader><edXML:OrganId>000.00.00.G22</edXML:OrganId><edXML:Timestamp>2025/03/01 10:06:00</edXML:Timestamp></edXML:TraceHeader>}' \
  "$TRANSIT/axis-reserialised.edxml" > "$TRANSIT/axis-reserialised-trace-appended.edxml"

# 9. Position binding: a package whose signature references its MessageHeader by Id ...
edxml_compact "$(echo "$DS_SIG" | sed "s|%URI%|#hdr|; s|%TRANSFORMS%||")" ' Id="hdr"' > "$WORK/t.edxml"
sign "$WORK/t.edxml" "$TRANSIT/header-by-id.edxml" --id-attr:Id "$EDXML_NS:MessageHeader"
# ... and the wrapped copy: that header moved into a ds:Object of the signature, a forged
# header (another subject, no Id) in its place. The moved header's digest still matches.
python3 - "$TRANSIT/header-by-id.edxml" "$TRANSIT/header-moved-forged.edxml" <<'PY'
import re, sys
data = open(sys.argv[1], encoding="utf-8").read()
header = re.search(r'<edXML:MessageHeader Id="hdr">.*?</edXML:MessageHeader>', data, re.S).group(0)
forged = header.replace(' Id="hdr"', '').replace('V/v liên thông văn bản điện tử', 'V/v hủy bỏ văn bản số 310')
data = data.replace(header, forged, 1)
data = data.replace('</ds:Signature>', '<ds:Object>' + header + '</ds:Object></ds:Signature>', 1)
open(sys.argv[2], "w", encoding="utf-8").write(data)
PY

echo "make-xml.sh: field XML and edXML transit samples done"
