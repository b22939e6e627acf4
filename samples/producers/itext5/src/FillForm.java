// Fills text fields of a (certified) PDF in append mode with iText 5's AcroFields, as a VN
// e-form workflow does between the certification and the approval signatures.
// Usage: java FillForm IN.pdf OUT.pdf FONT.ttf NAME=VALUE...
import com.itextpdf.text.pdf.AcroFields;
import com.itextpdf.text.pdf.BaseFont;
import com.itextpdf.text.pdf.PdfReader;
import com.itextpdf.text.pdf.PdfStamper;
import java.io.FileOutputStream;

public class FillForm {
  public static void main(String[] args) throws Exception {
    PdfReader reader = new PdfReader(args[0]);
    PdfStamper stamper = new PdfStamper(reader, new FileOutputStream(args[1]), '\0', true);
    AcroFields form = stamper.getAcroFields();
    form.addSubstitutionFont(BaseFont.createFont(args[2], BaseFont.IDENTITY_H, BaseFont.EMBEDDED));
    for (int i = 3; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      form.setField(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    stamper.close();
  }
}
