// Shared by the .NET producer programs: the test PKI as a .NET signer sees it (PKCS#12 with the
// private key, DER certificates), and the two ways .NET code commonly writes a signed XmlDocument.
using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

static class Pki
{
    public static string Dir = "";   // work folder made by make.sh: NAME.p12 (password "kyso") and NAME.cer

    public static X509Certificate2 Signer(string name) =>
        new X509Certificate2(Path.Combine(Dir, name + ".p12"), "kyso", X509KeyStorageFlags.Exportable);

    public static X509Certificate2 Cert(string name) => new X509Certificate2(Path.Combine(Dir, name + ".cer"));

    /// KeyInfo as e-invoice software writes it: X509SubjectName in .NET's own rendering, the leaf,
    /// and (when asked) the issuing CA, since the test root is the only anchor a verifier has.
    public static KeyInfo KeyInfoFor(X509Certificate2 cert, bool withIntermediate = true, bool withSubjectName = true)
    {
        var data = new KeyInfoX509Data(cert);
        if (withIntermediate) data.AddCertificate(Cert("intermediate"));
        if (withSubjectName) data.AddSubjectName(cert.SubjectName.Name);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(data);
        return keyInfo;
    }
}

static class Output
{
    public static string Dir = "";

    /// XmlDocument.Save(path): the encoding of the XML declaration (UTF-8 with a BOM for "utf-8"),
    /// indented when PreserveWhitespace is false.
    public static void Save(XmlDocument doc, string name)
    {
        doc.Save(Path.Combine(Dir, name));
        Console.WriteLine("wrote " + name);
    }

    /// doc.OuterXml written as UTF-8 without a BOM: what a web service returning the string stores.
    public static void SaveOuterXml(XmlDocument doc, string name)
    {
        File.WriteAllText(Path.Combine(Dir, name), doc.OuterXml, new UTF8Encoding(false));
        Console.WriteLine("wrote " + name);
    }

    public static void SaveBytes(byte[] bytes, string name)
    {
        File.WriteAllBytes(Path.Combine(Dir, name), bytes);
        Console.WriteLine("wrote " + name);
    }
}

static class Program
{
    static int Main(string[] args)
    {
        if (args.Length >= 2 && (args[0] == "verify" || args[0] == "verify-no-whitespace"))
        {
            for (int i = 1; i < args.Length; i++) Verify.Run(args[i], args[0] == "verify");
            return 0;
        }
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: producer.exe einvoice|generic|edxml|cms PKI_WORK_DIR OUT_DIR");
            return 2;
        }
        Pki.Dir = args[1];
        Output.Dir = args[2];
        switch (args[0])
        {
            case "einvoice": EInvoice.Run(); break;
            case "generic": Generic.Run(); break;
            case "edxml": Edxml.Run(); break;
            case "cms": Cms.Run(); break;
            default: Console.Error.WriteLine("unknown mode " + args[0]); return 2;
        }
        return 0;
    }
}

// The .NET peer verdict: SignedXml.CheckSignature on every Signature of a file, the document
// loaded as a .NET receiver loads it (PreserveWhitespace = true, or false when asked), the key
// taken from the certificate in KeyInfo. Integrity only: no path validation.

static class Verify
{
    public static void Run(string path, bool preserveWhitespace)
    {
        var doc = new XmlDocument { PreserveWhitespace = preserveWhitespace };
        doc.Load(path);
        var signatures = doc.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl);
        for (int i = 0; i < signatures.Count; i++)
        {
            var element = (XmlElement)signatures[i];
            var signed = new SignedXml(doc);
            signed.LoadXml(element);
            string verdict;
            try
            {
                X509Certificate2 cert = null;
                foreach (var clause in signed.KeyInfo)
                    if (clause is KeyInfoX509Data data && cert == null) cert = (X509Certificate2)data.Certificates[0];
                verdict = cert != null && signed.CheckSignature(cert, true) ? "valid" : "INVALID";
            }
            catch (Exception e) { verdict = "ERROR " + e.GetType().Name + ": " + e.Message; }
            Console.WriteLine(System.IO.Path.GetFileName(path) + " " + (element.GetAttribute("Id") == "" ? "#" + i : element.GetAttribute("Id")) + ": " + verdict);
        }
    }
}
