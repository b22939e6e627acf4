#!/usr/bin/env bash
# Two more signers under the kyso test intermediate CA for the e-invoice cases (called by
# make.sh after the test PKI exists; see samples/README.md, "E-invoice signers"):
#   ca/issuer.pem         an organisation with another tax code (MST:0309777777), the authorised
#                         issuer (đơn vị nhận ủy nhiệm lập hóa đơn) a seller may name in its invoices;
#   ca/tax-authority.pem  a certificate NAMED like the tax authority's (CN=CỤC THUẾ, O=BỘ TÀI CHÍNH,
#                         no UID) but minted by the test CA: what an auditor's own CA could issue.
# Keys derived from their names, serials and times fixed, so reruns give the same bytes.
set -euo pipefail
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
umask 022
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# signer NAME SERIAL SUBJECT: ca/NAME.key and ca/NAME.pem, issued by ca/intermediate on 2025-01-01 for 20 years
signer() {
  python3 deterministic-key.py rsa2048 "$1" "$W/$1.raw.pem"
  openssl pkey -in "$W/$1.raw.pem" -check -out "ca/$1.key" >/dev/null 2>&1
  openssl req -new -config ca/db/openssl.cnf -utf8 -key "ca/$1.key" -subj "$3" -out "$W/$1.csr"
  faketime -f '2025-01-01 00:00:00' openssl x509 -req -in "$W/$1.csr" -CA ca/intermediate.pem -CAkey ca/intermediate.key \
    -set_serial "$2" -days 7305 -sha256 -extfile ca/db/openssl.cnf -extensions v3_signer -out "ca/$1.pem" 2>/dev/null
}

signer issuer 0x3101 "/C=VN/ST=Hà Nội/O=Công ty Dịch vụ Hóa đơn Thử Nghiệm/CN=Công ty Dịch vụ Hóa đơn Thử Nghiệm/UID=MST:0309777777"
signer tax-authority 0x3102 "/C=VN/O=BỘ TÀI CHÍNH/OU=TỔNG CỤC THUẾ/CN=CỤC THUẾ"
echo "make-einvoice-pki.sh: e-invoice signers done"
