// Adds a PAdES document timestamp (ETSI.RFC3161) with iText 5's LtvTimestamp, the last step
// of the VN tools' LTV flow (sign, DSS, document timestamp).
// Usage: java DocTimestamp IN.pdf OUT.pdf TSA_URL FIELD
import com.itextpdf.text.pdf.PdfReader;
import com.itextpdf.text.pdf.PdfSignatureAppearance;
import com.itextpdf.text.pdf.PdfStamper;
import com.itextpdf.text.pdf.security.LtvTimestamp;
import com.itextpdf.text.pdf.security.TSAClientBouncyCastle;
import java.io.FileOutputStream;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

public class DocTimestamp {
  public static void main(String[] args) throws Exception {
    Security.addProvider(new BouncyCastleProvider());
    PdfReader reader = new PdfReader(args[0]);
    PdfStamper stamper = PdfStamper.createSignature(reader, new FileOutputStream(args[1]), '\0', null, true);
    PdfSignatureAppearance ap = stamper.getSignatureAppearance();
    LtvTimestamp.timestamp(ap, new TSAClientBouncyCastle(args[2], null, null, 4096, "SHA-256"), args[3]);
  }
}
