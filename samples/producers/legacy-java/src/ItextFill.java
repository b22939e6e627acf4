import java.io.FileOutputStream;
import com.lowagie.text.pdf.AcroFields;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfStamper;

/**
 * A clerk fills a text field of a signed document, as iText 2.1.7 code did it: PdfStamper in
 * append mode (so the signatures stay intact), AcroFields.setField, close.
 *
 * Usage: ItextFill IN.pdf OUT.pdf FIELD VALUE
 */
public final class ItextFill {
    public static void main(String[] argv) throws Exception {
        PdfReader reader = new PdfReader(argv[0]);
        PdfStamper stamper = new PdfStamper(reader, new FileOutputStream(argv[1]), '\0', true);
        AcroFields form = stamper.getAcroFields();
        if (!form.setField(argv[2], argv[3])) throw new IllegalStateException("no field " + argv[2]);
        stamper.close();
    }
}
