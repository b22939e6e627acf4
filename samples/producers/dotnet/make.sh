#!/usr/bin/env bash
# Signed documents made by .NET code (Mono's System.Security.Cryptography.Xml.SignedXml and
# System.Security.Cryptography.Pkcs.SignedCms, the closest to the .NET Framework we can run here)
# and by gpgsm, with the test PKI in samples/ca. See README.md beside this script.
# Needs: mono-devel (mcs, mono), gpgsm, openssl, faketime. Tests read the committed out/ only.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
CA=$HERE/../../ca
OUT=$HERE/out
export LC_ALL=C.UTF-8
umask 022
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$OUT"

# The signers as a .NET program loads them: PKCS#12 with 3DES/SHA-1 (what Mono's reader and
# Windows' certificate import take), and DER certificates.
for name in person organization tax-authority ecdsa-p256; do
  openssl pkcs12 -export -inkey "$CA/$name.key" -in "$CA/$name.pem" -certfile "$CA/intermediate.pem" \
    -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1 -passout pass:kyso -out "$W/$name.p12"
done
for name in intermediate person organization; do openssl x509 -in "$CA/$name.pem" -outform DER -out "$W/$name.cer"; done
cp ../../pdf/person-signed.pdf "$W/attachment.pdf"   # the document the edXML package carries

mcs -nologo -out:"$W/producer.exe" -r:System.Security.dll -r:System.Xml.dll src/*.cs

# Signing clocks: Vietnam local time on 2025-03-01 16:00 (SigningTime and CMS signingTime).
run() { TZ=Asia/Ho_Chi_Minh faketime -f '2025-03-01 16:00:00' mono "$W/producer.exe" "$1" "$W" "$OUT"; }
run einvoice
run generic
run edxml
run cms
# gpgsm (GnuPG's S/MIME tool, not .NET): a detached signature with gpgsm's own signed attributes,
# the person's key imported from PKCS#12 into a throw-away GNUPGHOME.
export GNUPGHOME=$W/gnupg
mkdir -m 700 "$GNUPGHOME"
echo allow-loopback-pinentry > "$GNUPGHOME/gpg-agent.conf"
openssl x509 -in "$CA/../pki/kyso-test-root.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g; s/$/ S/' > "$GNUPGHOME/trustlist.txt"
gpgsm --batch --quiet --import "$CA/../pki/kyso-test-root.pem" "$CA/intermediate.pem" 2>/dev/null
gpgsm --batch --quiet --pinentry-mode loopback --passphrase-fd 3 --import "$W/person.p12" 3<<<kyso 2>/dev/null
printf 'CÔNG VĂN\r\nSố: 125/UBND-VP\r\nV/v thử nghiệm chữ ký số CMS tách rời bằng gpgsm.\r\n' > "$OUT/gpgsm-detached.txt"
TZ=UTC faketime -f '2025-03-01 09:00:00' gpgsm --batch --quiet --pinentry-mode loopback --passphrase-fd 3 --disable-crl-checks --disable-policy-checks \
  -u "$(openssl x509 -in "$CA/person.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')" \
  --detach-sign "$OUT/gpgsm-detached.txt" 3<<<kyso > "$OUT/gpgsm-detached.txt.p7s" 2>/dev/null
gpgconf --kill gpg-agent
echo "wrote gpgsm-detached.txt.p7s"

# In transit the national axis re-serialises the package and the Signature loses its XMLDSig
# namespace declaration, falling into the edXML default namespace (as in shared/edxml-samples).
sed 's| xmlns="http://www.w3.org/2000/09/xmldsig#"||' "$OUT/edxml-package-signed-in-place.edxml" > "$OUT/edxml-package-signed-in-place-axis.edxml"

echo "make.sh: .NET producer samples done"
