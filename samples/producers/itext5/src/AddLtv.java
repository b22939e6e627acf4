// Adds a DSS (LTV data) to a signed PDF with iText 5's LtvVerification, in append mode, as
// the VN signing tools' "add LTV" step does: for every signature, the CRLs of its chain
// (offline: the test PKI's CRLs; iText fetches them over HTTP in production).
// Usage: java AddLtv IN.pdf OUT.pdf LEAF_ISSUER_CRL.der INTERMEDIATE_ISSUER_CRL.der
import com.itextpdf.text.pdf.AcroFields;
import com.itextpdf.text.pdf.PdfReader;
import com.itextpdf.text.pdf.PdfStamper;
import com.itextpdf.text.pdf.security.CrlClient;
import com.itextpdf.text.pdf.security.LtvVerification;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Collections;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

public class AddLtv {
  public static void main(String[] args) throws Exception {
    Security.addProvider(new BouncyCastleProvider());
    final byte[] leafCrl = Files.readAllBytes(Paths.get(args[2]));
    final byte[] caCrl = Files.readAllBytes(Paths.get(args[3]));
    PdfReader reader = new PdfReader(args[0]);
    PdfStamper stamper = new PdfStamper(reader, new FileOutputStream(args[1]), '\0', true);
    LtvVerification ltv = stamper.getLtvVerification();
    AcroFields fields = stamper.getAcroFields();
    CrlClient crl = new CrlClient() {
      public Collection<byte[]> getEncoded(X509Certificate c, String url) {
        // The intermediate CA is issued by the root: its CRL is the root's.
        boolean ca = c.getBasicConstraints() >= 0;
        return Collections.singletonList(ca ? caCrl : leafCrl);
      }
    };
    for (String name : fields.getSignatureNames()) {
      ltv.addVerification(name, null, crl, LtvVerification.CertificateOption.WHOLE_CHAIN,
          LtvVerification.Level.CRL, LtvVerification.CertificateInclusion.YES);
    }
    stamper.close();
  }
}
