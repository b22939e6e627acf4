#!/bin/sh
# Genuine documents made by the Java stack many Vietnamese document systems use: PDFBox 2 +
# BouncyCastle for PDF and CMS, the JDK's javax.xml.crypto.dsig and Apache Santuario for XML
# (Debian: default-jdk-headless libpdfbox2-java libbcprov-java libbcpkix-java libbcutil-java
# libxml-security-java, plus openssl, qpdf and faketime). Every output is genuine and signed with
# the test PKI of samples/ca (leaf + intermediate carried, root = samples/pki); README.md beside
# this script says what kyso and the peer tools give for each.
#
# The Java programs in src/ follow the libraries' own examples (PDFBox's CreateSignature,
# CreateVisibleSignature2, SigUtils, ValidationTimeStamp; the JDK's GenEnveloped) and read the
# clock, so each runs under faketime in Vietnam time. Keys go to Java as PKCS#12 (made by openssl
# in a scratch folder, never committed). The RSA PKCS#1 v1.5 outputs rebuild byte for byte; ECDSA
# and RSA-PSS signatures draw a fresh random value each time, so those files differ between
# rebuilds while staying valid. Run from anywhere: sh samples/producers/java/make.sh
set -eu
cd "$(dirname "$0")"
CA=$(cd ../../ca && pwd)
OUT=out
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
J=/usr/share/java
CP="$J/pdfbox2.jar:$J/fontbox2.jar:$J/commons-logging.jar:$J/bcprov.jar:$J/bcpkix.jar:$J/bcutil.jar:$J/xmlsec.jar:$J/slf4j-api.jar:$J/slf4j-nop.jar"
javac -d "$WORK/classes" -cp "$CP" src/*.java

for who in person organization ecdsa-p256 rsa-pss; do
  openssl pkcs12 -export -inkey "$CA/$who.key" -in "$CA/$who.pem" -certfile "$CA/intermediate.pem" \
    -name "$who" -passout pass:kyso -out "$WORK/$who.p12"
done
# The same person with the root in the PKCS#12 too: such a keystore's chain carries the trust anchor.
cat "$CA/intermediate.pem" ../../pki/kyso-test-root.pem > "$WORK/full-chain.pem"
openssl pkcs12 -export -inkey "$CA/person.key" -in "$CA/person.pem" -certfile "$WORK/full-chain.pem" \
  -name person -passout pass:kyso -out "$WORK/person-full-chain.p12"
for who in intermediate tsa ocsp-responder; do openssl x509 -in "$CA/$who.pem" -outform DER -out "$WORK/$who.der"; done
openssl x509 -in ../../pki/kyso-test-root.pem -outform DER -out "$WORK/root.der"
# The test TSA (samples/ca/tsa.pem) with a private serial file, so ca/tsa/serial stays untouched.
echo 4a01 > "$WORK/serial"
sed -e "s#^serial = .*#serial = $WORK/serial#" -e "s#= ca/#= $CA/#" "$CA/tsa/tsa.cnf" > "$WORK/tsa.cnf"

# run TIME CLASS ARGS…: one Java program at a frozen Vietnam-time clock.
run() {
  when=$1; shift
  TZ=Asia/Ho_Chi_Minh faketime -f "$when" java -cp "$WORK/classes:$CP" "$@"
}
key() { echo "p12=$WORK/$1.p12 pass=kyso"; }

rm -rf "$OUT"
mkdir -p "$OUT/pdf" "$OUT/xml" "$OUT/cms"

# --- PDF: PDFBox 2 + BouncyCastle CMSSignedDataGenerator -----------------------------------
B="$WORK/base.pdf"
run '2025-11-20 08:30:00' MakeBase "$B"
# The same document with object streams and a cross-reference stream (qpdf), as many
# producers save a PDF 1.5+; PDFBox then appends its update after the xref stream.
qpdf --object-streams=generate --deterministic-id "$B" "$WORK/base-objstm.pdf"

P=$OUT/pdf
run '2025-11-20 09:00:00' PdfSign "$B" "$P/adbe-sha256.pdf" $(key person) name='Nguyen Van An'
run '2025-11-20 09:00:00' PdfSign "$B" "$P/adbe-sha384.pdf" $(key organization) alg=SHA384withRSA
run '2025-11-20 09:00:00' PdfSign "$B" "$P/adbe-sha512.pdf" $(key person) alg=SHA512withRSA
run '2025-11-20 09:00:00' PdfSign "$B" "$P/cades-sha256.pdf" $(key person) subfilter=cades
run '2025-11-20 09:00:00' PdfSign "$B" "$P/ecdsa-p256.pdf" $(key ecdsa-p256) alg=SHA256withECDSA
run '2025-11-20 09:00:00' PdfSign "$B" "$P/rsa-pss.pdf" $(key rsa-pss) alg=SHA256withRSAandMGF1
run '2025-11-20 09:00:00' PdfSign "$B" "$P/visible.pdf" $(key person) visible='Ky boi: Nguyen Van An|Ngay ky: 20.11.2025 09:00:00 +07:00'
run '2025-11-20 09:00:00' PdfSign "$B" "$P/cades-timestamped.pdf" $(key person) subfilter=cades \
  tsa="$WORK/tsa.cnf" tsatime='2025-11-20 09:00:05'
run '2025-11-20 09:00:00' PdfSign "$WORK/base-objstm.pdf" "$P/objstm-signed.pdf" $(key person)

# Decree 30 order: the person signs, then the agency (visible seal) in a second revision.
run '2025-11-20 09:00:00' PdfSign "$B" "$WORK/person.pdf" $(key person)
run '2025-11-20 10:15:00' PdfSign "$WORK/person.pdf" "$P/two-approvals.pdf" $(key organization) \
  visible='UBND TINH THU NGHIEM|20.11.2025 10:15:00 +07:00'

# A certification signature allowing form filling (DocMDP P=2), the clerk's fill of the
# arrival number, then the agency's approval signature.
run '2025-11-20 09:00:00' PdfSign "$B" "$WORK/certified.pdf" $(key person) certify=2
run '2025-11-20 09:30:00' FillField "$WORK/certified.pdf" "$WORK/certified-filled.pdf" SoDen 'Den so 123'
run '2025-11-20 10:15:00' PdfSign "$WORK/certified-filled.pdf" "$P/certified-filled-signed.pdf" $(key organization)

# An approval signature (no DocMDP, no field lock), then the clerk's fill of the arrival number.
run '2025-11-20 09:30:00' FillField "$WORK/person.pdf" "$P/approval-then-filled.pdf" SoDen 'Den so 124'

# The clerk's older PDFBox 2 idiom for the same fill on a certified document: every object on
# the path flagged, saveIncremental(out); it also writes the /ZaDb that getAcroForm()'s fixup
# added to the form's default /Font dictionary (an indirect object, changed in place).
run '2025-11-20 09:30:00' FillField "$WORK/certified.pdf" "$P/certified-filled-flags.pdf" SoDen 'Den so 123' flags

# A template with the agency's signature place laid out in advance: the person signs (a new
# field), then the agency signs visibly into the prepared field with code that opens the form
# through getAcroForm() (PDFBox adds /ZaDb to the default /Font dictionary in place).
run '2025-11-20 08:30:00' MakeBase "$WORK/base-field.pdf" ChuKyCoQuan
run '2025-11-20 09:00:00' PdfSign "$WORK/base-field.pdf" "$WORK/template-person.pdf" $(key person)
run '2025-11-20 10:15:00' PdfSign "$WORK/template-person.pdf" "$P/template-two-signers.pdf" $(key organization) \
  field=ChuKyCoQuan acroform=fixup visible='UBND TINH THU NGHIEM|20.11.2025 10:15:00 +07:00'

# Another producer's signature first: samples/pdf/person-signed.pdf (pdfsig, NSS), then the
# agency signs its empty SigOrganization field with PDFBox, as CreateVisibleSignature2 does.
run '2025-11-20 10:15:00' PdfSign ../../pdf/person-signed.pdf "$P/pdfsig-then-pdfbox.pdf" $(key organization) \
  field=SigOrganization visible='UBND TINH THU NGHIEM|20.11.2025 10:15:00 +07:00'

# PDFBox signing an AES-256 encrypted document (samples/pdf/encrypted-aes-256-unsigned.pdf, empty
# user password): it reserves /Contents as an encrypted string, then writes the CMS over its
# start, so the rest of /Contents is the ciphertext of the zero padding.
run '2025-11-20 09:00:00' PdfSign ../../pdf/encrypted-aes-256-unsigned.pdf "$P/encrypted-signed.pdf" $(key person)

# A leader's comment (bút phê) on a document with an approval signature: a sticky note added
# by PDFBox's AddAnnotations way. kyso, like pyHanko's default policy, refuses annotations
# after a signature that is not a certification with DocMDP P=3 (README.md).
run '2025-11-21 08:00:00' Annotate "$WORK/person.pdf" "$P/approval-then-note.pdf" text 'Giao Van phong xu ly'

# Long-term validation as PDFBox's examples make it: a timestamped PAdES signature, then
# AddValidationInformation's DSS (certificates, CRLs, an OCSP response, a VRI, /Extensions and
# /Version in the catalog), then CreateSignedTimeStamp's document timestamp.
run '2025-11-20 09:00:00' PdfSign "$B" "$WORK/ts.pdf" $(key person) subfilter=cades tsa="$WORK/tsa.cnf" tsatime='2025-11-20 09:00:05'
run '2026-01-05 09:00:00' AddDss "$WORK/ts.pdf" "$WORK/dss.pdf" cert="$WORK/intermediate.der,$WORK/root.der,$WORK/tsa.der,$WORK/ocsp-responder.der" \
  crl="$CA/intermediate.crl,$CA/root.crl" ocsp="$CA/ocsp-person-good.ocsp"
run '2026-01-05 09:00:10' PdfSign "$WORK/dss.pdf" "$P/ltv-dss-doctimestamp.pdf" doctimestamp=1 tsa="$WORK/tsa.cnf" tsatime='2026-01-05 09:00:10'

# --- XML: JDK javax.xml.crypto.dsig and Apache Santuario -------------------------------------
X=$OUT/xml
C14N=http://www.w3.org/TR/2001/REC-xml-c14n-20010315
C14NC=http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments
EXC=http://www.w3.org/2001/10/xml-exc-c14n#
EXCC=http://www.w3.org/2001/10/xml-exc-c14n#WithComments
ECDSA256=http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256
RSA512=http://www.w3.org/2001/04/xmldsig-more#rsa-sha512
SHA512=http://www.w3.org/2001/04/xmlenc#sha512
run '2025-11-20 09:00:00' XmlSign in/cong-van.xml "$X/enveloped-c14n.xml" $(key person)
run '2025-11-20 09:00:00' XmlSign in/cong-van.xml "$X/enveloped-exc-c14n-comments.xml" $(key person) \
  c14n="$EXCC" reftransform="$EXCC"
run '2025-11-20 09:00:00' XmlSign in/cong-van.xml "$X/id-exc-c14n-ecdsa.xml" $(key ecdsa-p256) \
  uri='#data' id=ThongTin:Id c14n="$EXC" reftransform="$EXC" sigalg="$ECDSA256" keyinfo=both prefix=ds
run '2025-11-20 09:00:00' XmlSign in/cong-van.xml "$X/xpointer-id-comments.xml" $(key organization) \
  uri="#xpointer(id('data'))" id=ThongTin:Id c14n="$C14NC" reftransform="$C14NC" sigalg="$RSA512" digest="$SHA512"
run '2025-11-20 09:00:00' XmlSign in/cong-van.xml "$X/keyvalue-only.xml" $(key person) keyinfo=keyvalue
run '2025-11-20 09:00:00' XmlSign in/hdon.xml "$X/hdon-nban.xml" $(key organization) \
  uri='#_202511200001' id=DLHDon:Id parent=DSCKS/NBan signingtime=1 sigid=NBan-202511200001 objid=Obj-NBan-202511200001
# The same without xmlns="" on SigningTime: the JDK digests a DOM that is not namespace-normalised,
# so the Object's digest was taken over <SigningTime> in the XMLDSig namespace (a producer bug).
run '2025-11-20 09:00:00' XmlSign in/hdon.xml "$X/hdon-nban-unnormalised-dom.xml" $(key organization) \
  uri='#_202511200001' id=DLHDon:Id parent=DSCKS/NBan signingtime=1 sigid=NBan-202511200001 objid=Obj-NBan-202511200001 nsfix=0
run '2025-11-20 09:00:00' XmlSign in/cong-van.xml "$X/xpath-filter.xml" $(key person) envelope=xpath reftransform="$C14N" prefix=ds
run '2025-11-20 09:00:00' XmlSign in/cong-van.xml "$X/xpath2-filter.xml" $(key person) envelope=xpath2
run '2025-11-20 09:00:00' XmlSign in/cong-van.xml "$X/exc-c14n-prefixlist-full-chain.xml" \
  p12="$WORK/person-full-chain.p12" pass=kyso uri='#data' id=ThongTin:Id c14n="$EXC" reftransform="$EXC" prefixlist='meta #default' prefix=ds
run '2025-11-20 09:00:00' XmlSignSantuario in/cong-van.xml "$X/santuario-enveloped.xml" $(key person)

# --- CMS: BouncyCastle CMSSignedDataGenerator, detached -------------------------------------
M=$OUT/cms
cms() {
  name=$1; shift
  printf 'Tệp mẫu %s, ký bằng BouncyCastle CMSSignedDataGenerator (kyso samples).\n' "$name" > "$M/$name.txt"
  run '2025-11-20 09:00:00' CmsSign "$M/$name.txt" "$M/$name.txt.p7s" "$@"
}
cms signed-attrs-sha256 $(key person)
cms no-signed-attrs $(key person) direct=1
cms sha384-organization $(key organization) alg=SHA384withRSA
cms ecdsa-p256 $(key ecdsa-p256) alg=SHA256withECDSA
cms rsa-pss $(key rsa-pss) alg=SHA256withRSAandMGF1
cms timestamped $(key person) tsa="$WORK/tsa.cnf" tsatime='2025-11-20 09:00:05'
cms full-chain p12="$WORK/person-full-chain.p12" pass=kyso
# CMSSignedDataStreamGenerator, the streaming generator for large files: BER, indefinite lengths.
cms ber-stream $(key person) stream=1
# The signer named by its subject key identifier (SignerInfo version 3).
cms ski $(key person) ski=1
# CRLs and an OCSP response (RevocationInfoChoice other, id-ri-ocsp-response) inside the SignedData.
cms revocation-embedded $(key person) crl="$CA/intermediate.crl,$CA/root.crl" ocsp="$CA/ocsp-person-good.ocsp"
# Attached (.p7m): the content inside the SignedData.
printf 'Tệp mẫu attached, ký bằng BouncyCastle CMSSignedDataGenerator (kyso samples).\n' > "$WORK/attached.txt"
run '2025-11-20 09:00:00' CmsSign "$WORK/attached.txt" "$M/attached.p7m" $(key person) attached=1
