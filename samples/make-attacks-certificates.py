"""Certificates that two verifiers could read differently, at the encoding and algorithm
level, in detached CMS signatures over a text file. Each crafted certificate is the test
PKI's person certificate (samples/ca/person.pem) or intermediate with its TBSCertificate
edited in the DER tree and signed again with the issuing CA's key (RSA PKCS#1 v1.5, which
is deterministic); the CMS signature itself is made by `openssl cms -sign` with the genuine
person certificate under faketime, and the crafted certificates then replace the embedded
ones (the SignerInfo's sid is not signed, and openssl adds no signing-certificate
attribute without -cades). Every file rebuilds byte for byte.
usage: make-attacks-certificates.py OUT_DIR"""
import copy
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import der  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import padding  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CA = os.path.join(HERE, 'ca')
out_dir = sys.argv[1]
os.makedirs(out_dir, exist_ok=True)

# TBSCertificate field indexes of a v3 certificate.
VERSION, SERIAL, SIGNATURE, ISSUER, VALIDITY, SUBJECT, SPKI, EXTENSIONS = range(8)


def pem_der(path: str) -> bytes:
    text = open(path).read()
    body = text.split('-----BEGIN CERTIFICATE-----')[1].split('-----END CERTIFICATE-----')[0]
    import base64
    return base64.b64decode(''.join(body.split()))


def to_pem(data: bytes) -> str:
    import base64
    b64 = base64.b64encode(data).decode()
    return '-----BEGIN CERTIFICATE-----\n' + '\n'.join(b64[i:i + 64] for i in range(0, len(b64), 64)) + '\n-----END CERTIFICATE-----\n'


def key(name: str):
    return serialization.load_pem_private_key(open(os.path.join(CA, name), 'rb').read(), password=None)


ROOT_KEY = key('root.key')
INTERMEDIATE_KEY = key('intermediate.key')
PERSON = der.parse_one(pem_der(os.path.join(CA, 'person.pem')))
INTERMEDIATE = der.parse_one(pem_der(os.path.join(CA, 'intermediate.pem')))


def extension(tbs: der.Node, oid: str) -> der.Node:
    for ext in tbs.children[EXTENSIONS].children[0].children:
        if der.oid_to_str(ext.children[0].value) == oid:
            return ext
    raise KeyError(oid)


def sign(cert: der.Node, issuer_key, tbs_bytes: bytes | None = None) -> bytes:
    """The certificate with its signature value made by `issuer_key` over the TBS as encoded
    (or over `tbs_bytes`, the exact bytes placed in the certificate, when they are not DER)."""
    tbs = tbs_bytes if tbs_bytes is not None else cert.children[0].encode()
    value = issuer_key.sign(tbs, padding.PKCS1v15(), hashes.SHA256())
    rest = der.Node(b'\x30', children=cert.children[1:2] + [der.Node(b'\x03', value=b'\x00' + value)]).content()
    body = tbs + rest
    return b'\x30' + der.encode_length(len(body)) + body


def utf8(text: str) -> der.Node:
    return der.Node(b'\x0c', value=text.encode('utf-8'))


def name(*rdns: tuple[str, der.Node]) -> der.Node:
    return der.Node(b'\x30', children=[der.Node(b'\x31', children=[der.Node(b'\x30', children=[der.oid(t), v])]) for t, v in rdns])


def attack_ca(subject: der.Node, edit=None) -> tuple[der.Node, bytes]:
    """A CA under the test root with the intermediate's key and `subject`."""
    ca = copy.deepcopy(INTERMEDIATE)
    ca.children[0].children[SUBJECT] = subject
    ca.children[0].children[SERIAL] = der.Node(b'\x02', value=b'\x4c\x01')
    if edit:
        edit(ca.children[0])
    return ca, sign(ca, ROOT_KEY)


def person(edit=None, issuer: der.Node | None = None) -> der.Node:
    leaf = copy.deepcopy(PERSON)
    if issuer is not None:
        leaf.children[0].children[ISSUER] = issuer
    if edit:
        edit(leaf.children[0])
    return leaf


with tempfile.TemporaryDirectory() as work:
    content = os.path.join(work, 'content.txt')
    signed = os.path.join(work, 'signed.p7s')
    open(content, 'w').write('Hợp đồng số 01/2026 — a document signed under a crafted certificate.\n')
    subprocess.run(['faketime', '-f', '2025-03-01 09:00:00', 'openssl', 'cms', '-sign', '-binary', '-in', content,
                    '-signer', os.path.join(CA, 'person.pem'), '-inkey', os.path.join(CA, 'person.key'),
                    '-md', 'sha256', '-outform', 'DER', '-out', signed], check=True, capture_output=True)
    TEMPLATE = der.parse_one(open(signed, 'rb').read())
    CONTENT = open(content, 'rb').read()


class Raw(der.Node):
    """A TLV kept as the exact bytes given (certificates that are not DER on purpose)."""

    def __init__(self, data: bytes):
        super().__init__(data[:1], value=data)

    def encode(self) -> bytes:
        return self.value


def write(name_: str, certificates: list[bytes], sid_issuer: der.Node | None = None, sid_serial: bytes | None = None) -> None:
    """NAME.txt and NAME.txt.p7s (the CMS signature carrying `certificates`, leaf first), and
    NAME.pem (the same certificates, for `openssl verify`)."""
    ci = copy.deepcopy(TEMPLATE)
    sd = ci.children[1].children[0]
    certs = [c for c in sd.children if c.tag == b'\xa0'][0]
    certs.children = [Raw(c) for c in certificates]
    si = der.signer_infos(ci)[0]
    if sid_issuer is not None:
        si.children[1].children[0] = sid_issuer
    if sid_serial is not None:
        si.children[1].children[1] = der.Node(b'\x02', value=sid_serial)
    encoded = ci.encode()
    open(os.path.join(out_dir, name_ + '.txt.p7s'), 'wb').write(encoded)
    open(os.path.join(out_dir, name_ + '.txt'), 'wb').write(CONTENT)
    open(os.path.join(out_dir, name_ + '.pem'), 'w').write(''.join(to_pem(c) for c in certificates))


INTERMEDIATE_DER = pem_der(os.path.join(CA, 'intermediate.pem'))

# -- Control: the person certificate signed again unchanged (must pass).
write('control', [sign(person(), INTERMEDIATE_KEY), INTERMEDIATE_DER])

# -- keyUsage BIT STRING with set bits among its unused bits (X.690 §11.2.1: they are zero in
# DER). A CA whose keyUsage says digitalSignature only (07 80, seven unused bits) with the
# unused bits 0x04 set: read without masking, bit 5 is keyCertSign; OpenSSL clears unused bits.
ca_subject = name(('2.5.4.6', der.Node(b'\x13', value=b'VN')), ('2.5.4.3', utf8('kyso attack CA keyUsage')))


def ku_unused(tbs: der.Node) -> None:
    extension(tbs, '2.5.29.15').children[-1].value = der.Node(b'\x03', value=b'\x07\x84').encode()


ca, ca_der = attack_ca(ca_subject, ku_unused)
write('keyusage-unused-bits-ca', [sign(person(issuer=ca_subject), INTERMEDIATE_KEY), ca_der], sid_issuer=ca_subject)
# The same CA with keyUsage digitalSignature+keyCertSign written as DER (control: passes).


def ku_der(tbs: der.Node) -> None:
    extension(tbs, '2.5.29.15').children[-1].value = der.Node(b'\x03', value=b'\x02\x84').encode()


ca, ca_der = attack_ca(ca_subject, ku_der)
write('keyusage-der-ca', [sign(person(issuer=ca_subject), INTERMEDIATE_KEY), ca_der], sid_issuer=ca_subject)

# -- The version field: [0] EXPLICIT Version holding a second INTEGER after v3 (a reader
# that takes the first child sees v3; OpenSSL refuses the certificate), and version 4 (value
# 3), which no X.509 edition defines.


def version_extra(tbs: der.Node) -> None:
    tbs.children[VERSION].children.append(der.Node(b'\x02', value=b'\x00'))


def version_4(tbs: der.Node) -> None:
    tbs.children[VERSION].children[0].value = b'\x03'


write('version-extra-field', [sign(person(version_extra), INTERMEDIATE_KEY), INTERMEDIATE_DER])
write('version-4', [sign(person(version_4), INTERMEDIATE_KEY), INTERMEDIATE_DER])

# -- The issuer name written another way than the intermediate's subject, signed by the
# intermediate's key. RFC 5280 §7.1 / RFC 4518 compare case-folded NFKC strings whatever the
# string type; OpenSSL compares UTF-8 with ASCII-only case folding and no normalisation.
INTERMEDIATE_NAME = INTERMEDIATE.children[0].children[SUBJECT]


def issuer_variant(transform) -> der.Node:
    variant = copy.deepcopy(INTERMEDIATE_NAME)
    for rdn in variant.children:
        value = rdn.children[0].children[1]
        if value.tag == b'\x0c':
            rdn.children[0].children[1] = utf8(transform(value.value.decode('utf-8')))
    return variant


import unicodedata  # noqa: E402

for label, transform in (
    ('issuer-nfd', lambda text: unicodedata.normalize('NFD', text)),
    ('issuer-upper-case', lambda text: text.upper()),
    ('issuer-bom', lambda text: '\ufeff' + text),
):
    issuer = issuer_variant(transform)
    write(label, [sign(person(issuer=issuer), INTERMEDIATE_KEY), INTERMEDIATE_DER], sid_issuer=issuer)

# -- signatureAlgorithm sha256WithRSAEncryption without its NULL parameters, inside and
# outside the TBS alike (RFC 4055 §5 says NULL; OpenSSL and NSS accept both).


def no_null(cert: der.Node) -> None:
    cert.children[0].children[SIGNATURE].children = cert.children[0].children[SIGNATURE].children[:1]
    cert.children[1].children = cert.children[1].children[:1]


leaf = person()
no_null(leaf)
write('rsa-parameters-absent', [sign(leaf, INTERMEDIATE_KEY), INTERMEDIATE_DER])

# -- The outer signatureAlgorithm says sha1WithRSAEncryption, the signed one sha256.
leaf = person()
leaf.children[1].children[0] = der.oid('1.2.840.113549.1.1.5')
write('signature-algorithm-mismatch', [sign(leaf, INTERMEDIATE_KEY), INTERMEDIATE_DER])
