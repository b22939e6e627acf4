import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.XMLUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Signs XML with Apache Santuario (xmlsec 2.1), the library behind many Java e-invoice and
 * document services: an enveloped ds:Signature over the whole document (URI=""), the
 * signer's certificates in KeyInfo, written out with XMLUtils.outputDOM. Santuario breaks
 * base64 into 76-character lines with CR LF by default, so the output carries `&#13;`.
 *
 * Usage: XmlSignSantuario IN.xml OUT.xml p12=FILE pass=PW [sigalg=URI] [c14n=URI] [digest=URI]
 */
public final class XmlSignSantuario {
    public static void main(String[] argv) throws Exception {
        Init.init();
        Args args = new Args(argv);
        Keys keys = Keys.load(args.require("p12"), args.require("pass"));
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(new File(args.positional.get(0)));
        Element root = doc.getDocumentElement();

        String c14n = args.get("c14n", Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        XMLSignature sig = new XMLSignature(doc, "", args.get("sigalg", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256), c14n);
        root.appendChild(sig.getElement());
        Transforms transforms = new Transforms(doc);
        transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        transforms.addTransform(c14n);
        sig.addDocument("", transforms, args.get("digest", MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256));
        for (java.security.cert.X509Certificate cert : keys.chain) sig.addKeyInfo(cert);
        sig.sign(keys.key);

        try (OutputStream os = new FileOutputStream(args.positional.get(1))) {
            XMLUtils.outputDOM(doc, os);
        }
    }
}
