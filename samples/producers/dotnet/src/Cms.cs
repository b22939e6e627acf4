// A detached CMS signature (.p7s) made with SignedCms (System.Security.Cryptography.Pkcs), as .NET
// document software signs a file it does not change: the content outside, SHA-256, the
// signingTime attribute (Pkcs9SigningTime, from the clock), the leaf and its issuing CA included.
using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

static class Cms
{
    static void Sign(string signerName, SubjectIdentifierType identifier, string text, string name)
    {
        var content = Encoding.UTF8.GetBytes(text);
        var signedCms = new SignedCms(new ContentInfo(content), true);
        var signer = new CmsSigner(identifier, Pki.Signer(signerName))
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.Certificates.Add(Pki.Cert("intermediate"));
        signer.SignedAttributes.Add(new Pkcs9SigningTime(DateTime.Now));
        signedCms.ComputeSignature(signer);
        Output.SaveBytes(content, name);
        Output.SaveBytes(signedCms.Encode(), name + ".p7s");
    }

    public static void Run()
    {
        Sign("person", SubjectIdentifierType.IssuerAndSerialNumber, "CÔNG VĂN\r\nSố: 126/UBND-VP\r\nV/v thử nghiệm chữ ký số CMS tách rời bằng SignedCms.\r\n", "signedcms-issuer-serial.txt");
        // SignerInfo version 3: the signer named by its subject key identifier.
        Sign("organization", SubjectIdentifierType.SubjectKeyIdentifier, "CÔNG VĂN\r\nSố: 127/UBND-VP\r\nV/v thử nghiệm SignedCms, người ký theo SubjectKeyIdentifier.\r\n", "signedcms-subject-key-id.txt");
    }
}
