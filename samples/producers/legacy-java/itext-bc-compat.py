#!/usr/bin/env python3
"""Makes Debian's iText 2.1.7 sign again with Debian's BouncyCastle 1.72 (used by make.sh).

Usage: itext-bc-compat.py IN.jar OUT.jar

Debian builds libitext-java 2.1.7 against BouncyCastle 1.72, but PdfPKCS7's private getIssuer
and getSubject still find the TBSCertificate's issuer and subject by position, testing whether
its first element is the version ([0] EXPLICIT) with `instanceof DERTaggedObject`. BouncyCastle
1.72's ASN1InputStream returns a DLTaggedObject there, so for every v3 certificate the test
fails and the index is one short: getSubjectFields throws ClassCastException (every setCrypto
signature dies in preClose) and getEncodedPKCS7 writes the signature AlgorithmIdentifier as
the SignerInfo's issuer (a CMS no verifier can parse). With the BouncyCastle iText 2.1.7
shipped with (bcprov 1.38), the parser returned DERTaggedObject and both worked.

The fix changes only the class of those two `instanceof` tests to ASN1TaggedObject (the
superclass of both; its constant is already in PdfPKCS7's constant pool), same instruction
length, so iText 2.1.7 writes what it wrote with its own BouncyCastle. The sequence patched is
`iconst_0; invokevirtual #152 (ASN1Sequence.getObjectAt); instanceof #212 (DERTaggedObject)`,
found exactly twice.
"""
import sys
import zipfile

CLASS = "com/lowagie/text/pdf/PdfPKCS7.class"
BEFORE = bytes.fromhex("03 b6 0098 c1 00d4")  # ... instanceof #212 DERTaggedObject
AFTER = bytes.fromhex("03 b6 0098 c1 00b5")   # ... instanceof #181 ASN1TaggedObject


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(source) as jar_in, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as jar_out:
        for item in jar_in.infolist():
            data = jar_in.read(item.filename)
            if item.filename == CLASS:
                if data.count(BEFORE) != 2 or b"org/bouncycastle/asn1/ASN1TaggedObject" not in data:
                    sys.exit(f"{source}: not the PdfPKCS7 this patch knows (Debian libitext-java 2.1.7-14)")
                data = data.replace(BEFORE, AFTER)
            jar_out.writestr(item, data)


if __name__ == "__main__":
    main()
