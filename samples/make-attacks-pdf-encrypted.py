#!/usr/bin/env python3
"""Incremental updates an attacker appends to the encrypted signed PDFs of make-pdf-encrypted.sh
(qpdf encrypted them with an owner password only, pdfsig signed them), by bytes: what changes
when the key a viewer decrypts with, or the object a stream is read as, changes after signing.
test/redteam/pdf-encrypted-updates.test.ts pins kyso's verdicts.

In each signed base, object 4 is the page (in an object stream), 9 its content stream (the
signed letter), 10 the /Encrypt dictionary (trailer /Encrypt 10 0 R), 13 the signature.

  moved-content-*      a new object 20 holds the signed content stream's bytes as they are (its
                       dictionary and its encrypted data), and the page now names it. A viewer
                       decrypts a stream with a key made from its object number (RC4, AES-128):
                       the letter is gone. With AES-256 the key is the file key, so the
                       page reads the same (a control that must pass).
  encrypt-identity-*   object 10 redefined with the same key but the /Identity crypt filter for
                       strings and streams (/V 4): viewers read the signed ciphertext as it is.
  encrypt-new-id-*     the trailer's /ID[0] changed and object 10 given the /O and /U of that /ID:
                       the file key changes, every signed object decrypts to noise.
  encrypt-moved-*      the trailer's /Encrypt names a new object (the /Identity dictionary).
  encrypt-dropped-*    the update's trailer leaves /Encrypt out: viewers read ciphertext as text.
  id-changed-*         only the trailer's /ID[0] changed: AES-256 does not use it (the same key);
                       under RC4 the empty password no longer opens the document (nor does it in
                       viewers): INDETERMINATE.
  id-dropped-*         the update's trailer leaves /ID out: no key can be made (INDETERMINATE).
Usage: make-attacks-pdf-encrypted.py OUT_DIR (run from samples/; python3 with only the stdlib).
"""
import hashlib
import os
import re
import subprocess
import sys

PADDING = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")
HERE = os.path.dirname(os.path.abspath(__file__))


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


def owner_entry(owner: bytes, user: bytes, n: int) -> bytes:
    """Algorithm 3 (R3, R4): /O from the owner and user passwords."""
    digest = hashlib.md5((owner + PADDING)[:32]).digest()
    for _ in range(50):
        digest = hashlib.md5(digest[:n]).digest()
    key = digest[:n]
    out = rc4(key, (user + PADDING)[:32])
    for i in range(1, 20):
        out = rc4(bytes(b ^ i for b in key), out)
    return out


def file_key(user: bytes, o: bytes, p: int, first_id: bytes, n: int) -> bytes:
    """Algorithm 2 (R3, R4, metadata encrypted)."""
    digest = hashlib.md5((user + PADDING)[:32] + o + (p & 0xFFFFFFFF).to_bytes(4, "little") + first_id).digest()
    for _ in range(50):
        digest = hashlib.md5(digest[:n]).digest()
    return digest[:n]


def user_entry(key: bytes, first_id: bytes) -> bytes:
    """Algorithm 5 (R3, R4): /U, its last 16 bytes arbitrary."""
    out = rc4(key, hashlib.md5(PADDING + first_id).digest())
    for i in range(1, 20):
        out = rc4(bytes(b ^ i for b in key), out)
    return out + bytes(16)


def show(path: str, what: str) -> bytes:
    return subprocess.run(["qpdf", f"--show-object={what}", path], check=True, capture_output=True).stdout.strip()


def last_startxref(data: bytes) -> int:
    at = data.rindex(b"startxref")
    return int(data[at + 9:].split()[0])


def raw_object(data: bytes, num: int) -> bytes:
    """The bytes between `num 0 obj` and `endobj` of the one uncompressed copy of `num`."""
    match = re.search(rb"(?:^|[\r\n])%d 0 obj(.*?)endobj" % num, data, re.S)
    if not match:
        raise SystemExit(f"object {num} not uncompressed in the base")
    return match.group(1).strip(b"\r\n ")


def append(data: bytes, objects: dict[int, bytes], trailer: bytes) -> bytes:
    """One update with a classic cross-reference section; `trailer` without /Prev."""
    tail = b"" if data.endswith(b"\n") else b"\n"
    out = bytearray(data + tail)
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n"
    for num in sorted(objects):
        out += b"%d 1\n%010d 00000 n \n" % (num, offsets[num])
    out += b"trailer\n<< " + trailer + b" /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (last_startxref(data), xref_at)
    return bytes(out)


def ref(text: bytes, key: bytes) -> int:
    return int(re.search(rb"/" + key + rb" (\d+) 0 R", text).group(1))


def main() -> None:
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    bases = {
        "rc4-128": os.path.join(HERE, "pdf", "encrypted-rc4-128-signed.pdf"),
        "aes-128": os.path.join(HERE, "pdf", "encrypted-aes-128-signed.pdf"),
        "aes-256": os.path.join(HERE, "pdf", "encrypted-aes-256-signed.pdf"),
        "rc4-128-no-objstm": os.path.join(out_dir, "base-rc4-128-no-objstm.pdf"),
    }
    files: dict[str, bytes] = {}
    for short, path in bases.items():
        data = open(path, "rb").read()
        signed_trailer = show(path, "trailer")
        pages = ref(show(path, str(ref(signed_trailer, b"Root"))), b"Pages")
        page_num = int(re.search(rb"/Kids \[ (\d+) 0 R", show(path, str(pages))).group(1))
        page = show(path, str(page_num))
        content_num = ref(page, b"Contents")
        encrypt_num = ref(signed_trailer, b"Encrypt")
        encrypt = show(path, str(encrypt_num))
        new_num = int(re.search(rb"/Size (\d+)", signed_trailer).group(1))
        signed_id = re.search(rb"/ID \[ (\([^)]*\)|<[0-9a-f]*>) (<[0-9a-f]*>) \]", signed_trailer)
        encrypt_ref = b"/Encrypt %d 0 R" % encrypt_num
        trailer = b"/Size %d /Root 1 0 R %s /ID [%s %s]" % (new_num + 1, encrypt_ref, signed_id.group(1), signed_id.group(2))
        contents_ref = b"/Contents %d 0 R" % content_num

        if not short.endswith("no-objstm"):
            content = raw_object(data, content_num)
            files[f"moved-content-{short}"] = append(data, {new_num: content, page_num: page.replace(contents_ref, b"/Contents %d 0 R" % new_num)}, trailer)
        if short == "aes-256":
            files[f"id-changed-{short}"] = append(data, {}, trailer.replace(signed_id.group(1), b"<6b79736f2d666f72676564>"))
            continue
        o = bytes.fromhex(re.search(rb"/O <([0-9a-f]+)>", encrypt).group(1).decode())
        u = bytes.fromhex(re.search(rb"/U <([0-9a-f]+)>", encrypt).group(1).decode())
        identity = (b"<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /AuthEvent /DocOpen /CFM /V2 /Length 16 >> >> "
                    b"/StmF /Identity /StrF /Identity /O <%s> /U <%s> /P -4 >>" % (o.hex().encode(), u.hex().encode()))
        files[f"encrypt-identity-{short}"] = append(data, {encrypt_num: identity}, trailer)
        files[f"encrypt-moved-{short}"] = append(data, {new_num: identity}, trailer.replace(encrypt_ref, b"/Encrypt %d 0 R" % new_num))
        files[f"encrypt-dropped-{short}"] = append(data, {}, trailer.replace(b" " + encrypt_ref, b""))
        if short == "rc4-128":
            files[f"id-changed-{short}"] = append(data, {}, trailer.replace(signed_id.group(1), b"<6b79736f2d666f72676564>"))
            files[f"id-dropped-{short}"] = append(data, {}, re.sub(rb" /ID \[.*\]$", b"", trailer, flags=re.S))

        forged_id = b"kyso-forged-id-1"
        new_o = owner_entry(b"attacker", b"", 16)
        new_u = user_entry(file_key(b"", new_o, -4, forged_id, 16), forged_id)
        rekeyed = re.sub(rb"/O <[0-9a-f]+>", b"/O <" + new_o.hex().encode() + b">", encrypt)
        rekeyed = re.sub(rb"/U <[0-9a-f]+>", b"/U <" + new_u.hex().encode() + b">", rekeyed)
        files[f"encrypt-new-id-{short}"] = append(data, {encrypt_num: rekeyed}, trailer.replace(signed_id.group(1), b"<" + forged_id.hex().encode() + b">"))

    # A plaintext document signed by pdfsig, then an update whose trailer adds an /Encrypt
    # (RC4 128-bit, empty user password, made for its /ID): viewers decrypt the signed text to noise.
    path = os.path.join(HERE, "pdf", "person-signed.pdf")
    data = open(path, "rb").read()
    signed_trailer = show(path, "trailer")
    new_num = int(re.search(rb"/Size (\d+)", signed_trailer).group(1))
    signed_id = re.search(rb"/ID \[ (\([^)]*\)|<[0-9a-f]*>) (\([^)]*\)|<[0-9a-f]*>) \]", signed_trailer)
    first_id = bytes.fromhex(signed_id.group(1)[1:-1].decode()) if signed_id.group(1).startswith(b"<") else signed_id.group(1)[1:-1]
    o = owner_entry(b"attacker", b"", 16)
    u = user_entry(file_key(b"", o, -4, first_id, 16), first_id)
    added = b"<< /Filter /Standard /V 2 /R 3 /Length 128 /O <%s> /U <%s> /P -4 >>" % (o.hex().encode(), u.hex().encode())
    files["encrypt-added-rc4-128"] = append(data, {new_num: added}, b"/Size %d /Root %d 0 R /Encrypt %d 0 R /ID [%s %s]" % (
        new_num + 1, ref(signed_trailer, b"Root"), new_num, signed_id.group(1), signed_id.group(2)))

    for name, data in files.items():
        with open(os.path.join(out_dir, name + ".pdf"), "wb") as out:
            out.write(data)
    print(f"make-attacks-pdf-encrypted.py: {len(files)} files in {out_dir}")


if __name__ == "__main__":
    main()
