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


# -- A SubjectPublicKeyInfo with a third field after the key (OpenSSL cannot parse it).
def spki_extra(tbs: der.Node) -> None:
    tbs.children[SPKI].children.append(der.Node(b'\x05', value=b''))


write('spki-extra-field', [sign(person(spki_extra), INTERMEDIATE_KEY), INTERMEDIATE_DER])
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

# -- RSASSA-PSS keys with parameters (RFC 4055 §1.2, §3.3): an id-RSASSA-PSS CA key
# restricted to SHA-512 (MGF1 SHA-512, salt at least 64) signs its leaf with PSS SHA-256
# (salt 32), outside what the key allows; and, as the control, with PSS SHA-512 salt 64.
# PSS salts are random: these are made by hand (EMSA-PSS with a fixed salt, then RSASP1),
# so the files rebuild byte for byte.
import hashlib  # noqa: E402

OID_PSS, OID_MGF1 = '1.2.840.113549.1.1.10', '1.2.840.113549.1.1.8'
HASH_OIDS = {'sha256': '2.16.840.1.101.3.4.2.1', 'sha512': '2.16.840.1.101.3.4.2.3'}


def pss_params(hash_name: str, salt: int) -> der.Node:
    hash_id = der.Node(b'\x30', children=[der.oid(HASH_OIDS[hash_name]), der.Node(b'\x05', value=b'')])
    return der.Node(b'\x30', children=[
        der.Node(b'\xa0', children=[hash_id]),
        der.Node(b'\xa1', children=[der.Node(b'\x30', children=[der.oid(OID_MGF1), hash_id])]),
        der.Node(b'\xa2', children=[der.Node(b'\x02', value=bytes([salt]))]),
    ])


def pss_sign(private_key, message: bytes, hash_name: str, salt_length: int) -> bytes:
    numbers = private_key.private_numbers()
    n, d = numbers.public_numbers.n, numbers.d
    em_bits = n.bit_length() - 1
    em_len = (em_bits + 7) // 8
    h = hashlib.new(hash_name)
    m_hash = hashlib.new(hash_name, message).digest()
    salt = bytes(range(1, salt_length + 1))
    digest = hashlib.new(hash_name, b'\x00' * 8 + m_hash + salt).digest()
    db = b'\x00' * (em_len - salt_length - h.digest_size - 2) + b'\x01' + salt
    mask, counter = b'', 0
    while len(mask) < len(db):
        mask += hashlib.new(hash_name, digest + counter.to_bytes(4, 'big')).digest()
        counter += 1
    masked = bytes(a ^ b for a, b in zip(db, mask))
    masked = bytes([masked[0] & (0xff >> (8 * em_len - em_bits))]) + masked[1:]
    em = int.from_bytes(masked + digest + b'\xbc', 'big')
    return pow(em, d, n).to_bytes((n.bit_length() + 7) // 8, 'big')


pss_subject = name(('2.5.4.6', der.Node(b'\x13', value=b'VN')), ('2.5.4.3', utf8('kyso attack CA RSASSA-PSS SHA-512')))


def pss_key(tbs: der.Node) -> None:
    tbs.children[SPKI].children[0] = der.Node(b'\x30', children=[der.oid(OID_PSS), pss_params('sha512', 64)])


_, pss_ca_der = attack_ca(pss_subject, pss_key)
for label, hash_name, salt in (('pss-key-restricted-sha512-signs-sha256', 'sha256', 32), ('pss-key-restricted-sha512-signs-sha512', 'sha512', 64)):
    leaf = person(issuer=pss_subject)
    algorithm = der.Node(b'\x30', children=[der.oid(OID_PSS), pss_params(hash_name, salt)])
    leaf.children[0].children[SIGNATURE] = algorithm
    leaf.children[1] = algorithm
    tbs = leaf.children[0].encode()
    value = pss_sign(INTERMEDIATE_KEY, tbs, hash_name, salt)
    body = tbs + algorithm.encode() + der.Node(b'\x03', value=b'\x00' + value).encode()
    write(label, [b'\x30' + der.encode_length(len(body)) + body, pss_ca_der], sid_issuer=pss_subject)

# -- CAs with other keys, each signing the person certificate (the CMS signature stays RSA).
# ECDSA here is computed by hand with a nonce derived from the key and the hash (not random,
# so the files rebuild byte for byte); EdDSA is deterministic anyway.
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519  # noqa: E402

P256_P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
P256_A = P256_P - 3
P256_G = (0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
          0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5)


def ec_add(p1, p2):
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    if p1[0] == p2[0] and (p1[1] + p2[1]) % P256_P == 0:
        return None
    if p1 == p2:
        slope = (3 * p1[0] * p1[0] + P256_A) * pow(2 * p1[1], -1, P256_P) % P256_P
    else:
        slope = (p2[1] - p1[1]) * pow(p2[0] - p1[0], -1, P256_P) % P256_P
    x = (slope * slope - p1[0] - p2[0]) % P256_P
    return x, (slope * (p1[0] - x) - p1[1]) % P256_P


def ec_mul(k: int, point):
    result = None
    while k:
        if k & 1:
            result = ec_add(result, point)
        point = ec_add(point, point)
        k >>= 1
    return result


def ecdsa_p256(private_value: int, message: bytes) -> tuple[int, int]:
    z = int.from_bytes(hashlib.sha256(message).digest(), 'big')
    k = int.from_bytes(hashlib.sha256(private_value.to_bytes(32, 'big') + message).digest(), 'big') % P256_N
    r = ec_mul(k, P256_G)[0] % P256_N
    s = pow(k, -1, P256_N) * (z + r * private_value) % P256_N
    return r, s


def der_integer(value: int, pad: bytes = b'') -> der.Node:
    return der.Node(b'\x02', value=pad + value.to_bytes(value.bit_length() // 8 + 1, 'big'))


EC_KEY = key('ecdsa-p256.key')
EC_D = EC_KEY.private_numbers().private_value
EC_PUBLIC = EC_KEY.public_key()
OID_EC_PUBLIC_KEY, OID_P256, OID_ECDSA_SHA256 = '1.2.840.10045.2.1', '1.2.840.10045.3.1.7', '1.2.840.10045.4.3.2'


def other_key_ca(label: str, spki: der.Node, algorithm: der.Node, signer, cn: str) -> None:
    """A CA under the root whose key is `spki`, signing the person certificate with
    `algorithm` through `signer(tbs) -> signature value`."""
    subject = name(('2.5.4.6', der.Node(b'\x13', value=b'VN')), ('2.5.4.3', utf8(cn)))

    def set_key(tbs: der.Node) -> None:
        tbs.children[SPKI] = spki
        ski = extension(tbs, '2.5.29.14')
        ski.children[-1].value = der.Node(b'\x04', value=hashlib.sha1(spki.children[1].value[1:]).digest()).encode()

    ca, ca_der = attack_ca(subject, set_key)
    ski = der.parse_one(extension(ca.children[0], '2.5.29.14').children[-1].value).value
    leaf = person(issuer=subject)
    aki = extension(leaf.children[0], '2.5.29.35')
    aki.children[-1].value = der.Node(b'\x30', children=[der.Node(b'\x80', value=ski)]).encode()
    leaf.children[0].children[SIGNATURE] = algorithm
    leaf.children[1] = algorithm
    tbs = leaf.children[0].encode()
    body = tbs + algorithm.encode() + der.Node(b'\x03', value=b'\x00' + signer(tbs)).encode()
    write(label, [b'\x30' + der.encode_length(len(body)) + body, ca_der], sid_issuer=subject)


def ec_spki(point: bytes, params: der.Node | None = None) -> der.Node:
    return der.Node(b'\x30', children=[
        der.Node(b'\x30', children=[der.oid(OID_EC_PUBLIC_KEY), params or der.oid(OID_P256)]),
        der.Node(b'\x03', value=b'\x00' + point),
    ])


ECDSA_SHA256 = der.Node(b'\x30', children=[der.oid(OID_ECDSA_SHA256)])


def ecdsa_signer(pad: bytes = b''):
    def signer(tbs: bytes) -> bytes:
        r, s = ecdsa_p256(EC_D, tbs)
        return der.Node(b'\x30', children=[der_integer(r, pad), der_integer(s)]).encode()
    return signer


UNCOMPRESSED = EC_PUBLIC.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
COMPRESSED = EC_PUBLIC.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
# Controls: a P-256 CA, its point uncompressed and compressed (both genuine).
other_key_ca('ecdsa-ca', ec_spki(UNCOMPRESSED), ECDSA_SHA256, ecdsa_signer(), 'kyso attack CA ECDSA P-256')
other_key_ca('ecdsa-ca-compressed-point', ec_spki(COMPRESSED), ECDSA_SHA256, ecdsa_signer(), 'kyso attack CA ECDSA P-256 compressed')
# r with a superfluous leading zero octet: the same signature in a second encoding.
other_key_ca('ecdsa-ca-signature-non-minimal', ec_spki(UNCOMPRESSED), ECDSA_SHA256, ecdsa_signer(b'\x00'), 'kyso attack CA ECDSA P-256')
# The CA key's curve given as explicit parameters (SEC 1 ECParameters for P-256) instead of its name.
EXPLICIT_P256 = der.Node(b'\x30', children=[
    der.Node(b'\x02', value=b'\x01'),
    der.Node(b'\x30', children=[der.oid('1.2.840.10045.1.1'), der_integer(P256_P)]),
    der.Node(b'\x30', children=[
        der.Node(b'\x04', value=P256_A.to_bytes(32, 'big')),
        der.Node(b'\x04', value=bytes.fromhex('5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B')),
    ]),
    der.Node(b'\x04', value=b'\x04' + P256_G[0].to_bytes(32, 'big') + P256_G[1].to_bytes(32, 'big')),
    der_integer(P256_N),
    der.Node(b'\x02', value=b'\x01'),
])
other_key_ca('ecdsa-ca-explicit-curve', ec_spki(UNCOMPRESSED, EXPLICIT_P256), ECDSA_SHA256, ecdsa_signer(), 'kyso attack CA ECDSA explicit curve')

# Edwards keys from fixed seeds: Ed25519 (supported) and Ed448 (not supported: INDETERMINATE).
for label, cls, oid_text, seed_size in (('ed25519-ca', ed25519.Ed25519PrivateKey, '1.3.101.112', 32),
                                        ('ed448-ca', ed448.Ed448PrivateKey, '1.3.101.113', 57)):
    private = cls.from_private_bytes(hashlib.shake_256(b'kyso-samples/' + label.encode()).digest(seed_size))
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    spki = der.Node(b'\x30', children=[der.Node(b'\x30', children=[der.oid(oid_text)]), der.Node(b'\x03', value=b'\x00' + raw)])
    other_key_ca(label, spki, der.Node(b'\x30', children=[der.oid(oid_text)]), private.sign, f'kyso attack CA {label[:-3]}')

# An algorithm no one knows (an OID under the example arc), key and signature alike.
unknown = der.Node(b'\x30', children=[der.oid('1.3.6.1.4.1.55555.1'), der.Node(b'\x05', value=b'')])
other_key_ca('unknown-algorithm-ca', der.Node(b'\x30', children=[unknown, der.Node(b'\x03', value=b'\x00' + b'\x42' * 64)]),
             unknown, lambda tbs: hashlib.sha512(tbs).digest(), 'kyso attack CA unknown algorithm')

# -- The same non-minimal r in a CMS SignerInfo: samples/cms/ecdsa-p256.txt.p7s (openssl)
# with a zero octet put before r of its ECDSA-Sig-Value (OpenSSL re-encodes and refuses).
ci = der.parse_one(open(os.path.join(HERE, 'cms', 'ecdsa-p256.txt.p7s'), 'rb').read())
field = der.signature_field(der.signer_infos(ci)[0])
value = der.parse_one(field.value)
value.children[0].value = b'\x00' + value.children[0].value
field.value = value.encode()
open(os.path.join(out_dir, 'cms-ecdsa-signature-non-minimal.txt.p7s'), 'wb').write(ci.encode())
open(os.path.join(out_dir, 'cms-ecdsa-signature-non-minimal.txt'), 'wb').write(open(os.path.join(HERE, 'cms', 'ecdsa-p256.txt'), 'rb').read())

# -- BER in the signed bytes, signed over exactly those bytes: the Validity SEQUENCE with a
# long-form length for a short one, and basicConstraints' critical flag written 01 (DER: FF).
# OpenSSL verifies the signature over the bytes as sent and accepts both; kyso reads
# certificates as DER only, so that one certificate has one reading (not a forgery: INDETERMINATE).


def tbs_with(tbs: der.Node, index: int, encoded: bytes) -> bytes:
    body = b''.join(encoded if i == index else child.encode() for i, child in enumerate(tbs.children))
    return b'\x30' + der.encode_length(len(body)) + body


leaf = person()
validity = leaf.children[0].children[VALIDITY]
write('tbs-ber-long-form-length', [sign(leaf, INTERMEDIATE_KEY, tbs_with(leaf.children[0], VALIDITY, b'\x30\x81' + bytes([len(validity.content())]) + validity.content())),
                                   INTERMEDIATE_DER])


def boolean_01(tbs: der.Node) -> None:
    extension(tbs, '2.5.29.19').children[1].value = b'\x01'


write('tbs-ber-boolean-01', [sign(person(boolean_01), INTERMEDIATE_KEY), INTERMEDIATE_DER])

# -- Serial numbers RFC 5280 §4.1.2.2 asks CAs not to issue (positive, at most 20 octets), which
# OpenSSL verifies all the same: zero, negative (-1), 21 octets. The sid names each.
for label, serial in (('serial-zero', b'\x00'), ('serial-negative', b'\xff'), ('serial-21-octets', b'\x01' + b'\x5a' * 20)):
    leaf = person()
    leaf.children[0].children[SERIAL] = der.Node(b'\x02', value=serial)
    write(label, [sign(leaf, INTERMEDIATE_KEY), INTERMEDIATE_DER], sid_serial=serial)

# -- An authorityKeyIdentifier that names another key than the intermediate's: OpenSSL's issuer
# check refuses the link (AKID/SKID mismatch), and kyso's path builder does not try it either.


def other_aki(tbs: der.Node) -> None:
    extension(tbs, '2.5.29.35').children[-1].value = der.Node(b'\x30', children=[der.Node(b'\x80', value=b'\x5a' * 20)]).encode()


write('aki-names-another-key', [sign(person(other_aki), INTERMEDIATE_KEY), INTERMEDIATE_DER])

# -- A cRLDistributionPoints kyso cannot read (a DistributionPoint field [5] no edition defines),
# marked critical (RFC 5280 §4.2: a critical extension that cannot be processed rejects the
# certificate) and not critical (read as no distribution point; OpenSSL refuses both).
BAD_CRLDP = der.Node(b'\x30', children=[der.Node(b'\x30', children=[der.Node(b'\x85', value=b'\x00')])]).encode()


def bad_crldp(critical: bool):
    def edit(tbs: der.Node) -> None:
        ext = extension(tbs, '2.5.29.31')
        ext.children = [ext.children[0]] + ([der.Node(b'\x01', value=b'\xff')] if critical else []) + [der.Node(b'\x04', value=BAD_CRLDP)]
    return edit


write('crldp-malformed-critical', [sign(person(bad_crldp(True)), INTERMEDIATE_KEY), INTERMEDIATE_DER])
write('crldp-malformed', [sign(person(bad_crldp(False)), INTERMEDIATE_KEY), INTERMEDIATE_DER])

# -- Extensions RFC 5280 says MUST be non-critical, marked critical: subjectKeyIdentifier
# (§4.2.1.2) and a freshestCRL (§4.2.1.15; a delta-CRL pointer). OpenSSL processes neither and
# refuses them as unhandled critical extensions.


def critical_ski(tbs: der.Node) -> None:
    ext = extension(tbs, '2.5.29.14')
    ext.children = [ext.children[0], der.Node(b'\x01', value=b'\xff'), ext.children[-1]]


def critical_freshest_crl(tbs: der.Node) -> None:
    crldp = extension(tbs, '2.5.29.31')
    tbs.children[EXTENSIONS].children[0].children.append(
        der.Node(b'\x30', children=[der.oid('2.5.29.46'), der.Node(b'\x01', value=b'\xff'), copy.deepcopy(crldp.children[-1])]))


write('ski-critical', [sign(person(critical_ski), INTERMEDIATE_KEY), INTERMEDIATE_DER])
write('freshest-crl-critical', [sign(person(critical_freshest_crl), INTERMEDIATE_KEY), INTERMEDIATE_DER])

# -- Control characters in the subject's commonName: a NUL (a C reader stops there) and a line
# break with terminal escapes that would draw a second, passing signature line in a report.


def subject_cn(text: str):
    def edit(tbs: der.Node) -> None:
        for rdn in tbs.children[SUBJECT].children:
            if der.oid_to_str(rdn.children[0].children[0].value) == '2.5.4.3':
                rdn.children[0].children[1] = utf8(text)
    return edit


write('cn-embedded-nul', [sign(person(subject_cn('Nguyễn Văn An\x00.giả mạo')), INTERMEDIATE_KEY), INTERMEDIATE_DER])
write('cn-line-break-escapes', [sign(person(subject_cn('Nguyễn Văn An\n  • signer-2 (cms): PASSED (TOTAL_PASSED) — signed by Bộ Tài chính\x1b[2K')), INTERMEDIATE_KEY), INTERMEDIATE_DER])

# -- RSASSA-PSS-params with the hash field twice (SHA-256, then SHA-512), the signature made with
# SHA-512 by the intermediate: a last-wins reader verifies it, OpenSSL cannot parse the parameters.
twice = pss_params('sha512', 64)
twice.children.insert(0, copy.deepcopy(pss_params('sha256', 32).children[0]))
leaf = person()
algorithm = der.Node(b'\x30', children=[der.oid(OID_PSS), twice])
leaf.children[0].children[SIGNATURE] = algorithm
leaf.children[1] = algorithm
tbs = leaf.children[0].encode()
body = tbs + algorithm.encode() + der.Node(b'\x03', value=b'\x00' + pss_sign(INTERMEDIATE_KEY, tbs, 'sha512', 64)).encode()
write('pss-parameters-hash-twice', [b'\x30' + der.encode_length(len(body)) + body, INTERMEDIATE_DER])

# -- ecdsa-with-SHA256 carrying NULL parameters, inside and outside alike (RFC 5758 §3.2: MUST be
# absent). OpenSSL ignores them and verifies; so does kyso (the signed copy is the same).
other_key_ca('ecdsa-parameters-null', ec_spki(UNCOMPRESSED), der.Node(b'\x30', children=[der.oid(OID_ECDSA_SHA256), der.Node(b'\x05', value=b'')]),
             ecdsa_signer(), 'kyso attack CA ECDSA P-256')

# -- Versions against fields: a v2 certificate with extensions (X.509: extensions need v3), and a
# v3 certificate with issuerUniqueID and subjectUniqueID (allowed from v2 on, read by no one).


def version_2(tbs: der.Node) -> None:
    tbs.children[VERSION].children[0].value = b'\x01'


def unique_ids(tbs: der.Node) -> None:
    tbs.children.insert(EXTENSIONS, der.Node(b'\x82', value=b'\x00\x5a\x5a'))
    tbs.children.insert(EXTENSIONS, der.Node(b'\x81', value=b'\x00\xa5\xa5'))


write('version-2-with-extensions', [sign(person(version_2), INTERMEDIATE_KEY), INTERMEDIATE_DER])
write('unique-ids', [sign(person(unique_ids), INTERMEDIATE_KEY), INTERMEDIATE_DER])

# -- BER's constructed form of a primitive type inside the signed bytes: the subjectKeyIdentifier's
# extnValue as a constructed OCTET STRING whose one chunk holds the DER of the identifier. A
# BER reader (OpenSSL) reads the chunk's content as extnValue; a reader that takes the content
# octets of the constructed value reads the chunk TLV, i.e. the identifier itself.


def constructed_ski(tbs: der.Node) -> None:
    ext = extension(tbs, '2.5.29.14')
    ext.children[-1] = der.Node(b'\x24', children=[der.Node(b'\x04', value=ext.children[-1].value)])


write('tbs-ber-constructed-octet-string', [sign(person(constructed_ski), INTERMEDIATE_KEY), INTERMEDIATE_DER])

# -- A CA whose nameConstraints exclude C=VN, O=Bộ Tài chính issues a leaf whose O reads the
# same with a zero-width space in it (U+200B, which RFC 4518 §2.2 maps to nothing, so the
# names are equal and the leaf is excluded; OpenSSL compares bytes and lets it through). The
# control: the same CA issuing O=Bộ Tài chính itself, excluded by anyone.
nc_subject = name(('2.5.4.6', der.Node(b'\x13', value=b'VN')), ('2.5.4.3', utf8('kyso attack CA name constraints')))
excluded = name(('2.5.4.6', der.Node(b'\x13', value=b'VN')), ('2.5.4.10', utf8('Bộ Tài chính')))


def exclude_ministry(tbs: der.Node) -> None:
    value = der.Node(b'\x30', children=[der.Node(b'\xa1', children=[der.Node(b'\x30', children=[der.Node(b'\xa4', children=[excluded])])])])
    tbs.children[EXTENSIONS].children[0].children.append(
        der.Node(b'\x30', children=[der.oid('2.5.29.30'), der.Node(b'\x01', value=b'\xff'), der.Node(b'\x04', value=value.encode())]))


_, nc_ca_der = attack_ca(nc_subject, exclude_ministry)
for label, organization in (('name-constraints-excluded-zero-width-space', 'Bộ Tài\u200b chính'), ('name-constraints-excluded', 'Bộ Tài chính')):
    def ministry_subject(tbs: der.Node, organization=organization) -> None:
        tbs.children[SUBJECT] = name(('2.5.4.6', der.Node(b'\x13', value=b'VN')), ('2.5.4.10', utf8(organization)), ('2.5.4.3', utf8('Nguyễn Văn An')))
    write(label, [sign(person(ministry_subject, issuer=nc_subject), INTERMEDIATE_KEY), nc_ca_der], sid_issuer=nc_subject)
