#!/usr/bin/env bash
# More detached CMS made by openssl: SHA-3 digests (openssl cms -md sha3-*), and CAdES
# counter-signatures (RFC 5652 §11.4), which openssl cannot add: openssl digests and signs,
# add-countersignature.py lays the bytes out. Called by make.sh after the CMS stage, with
# the test PKI in ca/; runs on its own too: samples/make-cms-extra.sh.
#
# Outputs: cms/extra/. Every file is byte-identical on every run (RSA, fixed keys and times).
set -euo pipefail
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
for tool in openssl python3 faketime; do
  command -v "$tool" >/dev/null || { echo "make-cms-extra.sh: $tool is required" >&2; exit 3; }
done
[ -f ca/person.key ] || { echo "make-cms-extra.sh: run make.sh first (the test PKI in ca/)" >&2; exit 3; }

OUT=cms/extra
rm -rf "$OUT"
mkdir -p "$OUT"
T_SIGN='2025-03-01 09:00:00'

# sign NAME NUMBER SIGNER [openssl cms options...]: OUT/NAME.txt + OUT/NAME.txt.p7s
sign() {
  local name=$1 number=$2 signer=$3; shift 3
  printf 'ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM\nCông văn số %s/UBND-VP\nV/v thử nghiệm chữ ký số (mẫu %s)\n' "$number" "$name" > "$OUT/$name.txt"
  faketime -f "$T_SIGN" openssl cms -sign -binary -outform DER -in "$OUT/$name.txt" \
    -signer "ca/$signer.pem" -inkey "ca/$signer.key" -certfile ca/intermediate.pem -out "$OUT/$name.txt.p7s" "$@"
}

# 1. SHA-3 (FIPS 202): openssl names rsaEncryption and leaves the hash to digestAlgorithm.
sign sha3-256 501 person -md sha3-256
sign sha3-384 502 person -md sha3-384
sign sha3-512 503 person -md sha3-512
# (openssl 3.0 refuses ECDSA with SHA-3 in CMS: "unsupported signature algorithm".)

# 2. CAdES counter-signatures (RFC 5652 §11.4): a SignerInfo in the unsigned attribute
#    countersignature of the person's SignerInfo, by the organization, over the person's
#    signature value. openssl cannot add one (`cms -resign` adds a parallel signer, not a
#    counter-signature): add-countersignature.py has openssl digest and sign, and lays
#    the bytes out. a) correct; b) its messageDigest is over the content instead of the
#    parent's signature value; c) it carries a signed content-type, which §11.4 forbids.
sign countersigned 505 person -cades
python3 add-countersignature.py "$OUT/countersigned.txt.p7s" "$OUT/countersigned.txt.p7s" ca/organization.pem ca/organization.key
sign countersignature-over-content 506 person -cades
python3 add-countersignature.py "$OUT/countersignature-over-content.txt.p7s" "$OUT/countersignature-over-content.txt.p7s" \
  ca/organization.pem ca/organization.key --digest-of "$OUT/countersignature-over-content.txt"
sign countersignature-content-type 507 person -cades
python3 add-countersignature.py "$OUT/countersignature-content-type.txt.p7s" "$OUT/countersignature-content-type.txt.p7s" \
  ca/organization.pem ca/organization.key --content-type

echo "make-cms-extra.sh: extra CMS samples done"
