import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfStamper;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.TextField;

/**
 * The unsigned document the iText samples start from, made by iText 2.1.7 the way a document
 * system of the 2010s made its drafts: a two-page decision written with Document/PdfWriter,
 * then PdfStamper adds the form a clerk and the agency use: a text field SoDen (the arrival
 * number) on page 1 and an empty signature field ChuKyCoQuan on the last page, the agency's
 * seal place laid out in advance.
 *
 * Usage: ItextMakeBase OUT.pdf
 */
public final class ItextMakeBase {
    private static final String[] PAGE_1 = {
        "UY BAN NHAN DAN TINH THU NGHIEM",
        "So: 46/QD-UBND",
        "QUYET DINH ve viec thu nghiem chu ky so tren van ban dien tu",
        "Can cu Nghi dinh 30/2020/ND-CP ve cong tac van thu;",
        "Xet de nghi cua Chanh Van phong,",
    };
    private static final String[] PAGE_2 = {
        "QUYET DINH:",
        "Dieu 1. Thu nghiem xac thuc chu ky so tai cac so, ban, nganh.",
        "Dieu 2. Quyet dinh nay co hieu luc tu ngay ky.",
        "TM. UY BAN NHAN DAN",
    };

    public static void main(String[] argv) throws Exception {
        ByteArrayOutputStream draft = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4);
        PdfWriter.getInstance(document, draft);
        document.addTitle("Quyet dinh 46/QD-UBND");
        document.addCreator("kyso samples ItextMakeBase");
        document.open();
        Font font = new Font(Font.HELVETICA, 12);
        for (String line : PAGE_1) document.add(new Paragraph(line, font));
        document.newPage();
        for (String line : PAGE_2) document.add(new Paragraph(line, font));
        document.close();

        PdfReader reader = new PdfReader(draft.toByteArray());
        PdfStamper stamper = new PdfStamper(reader, new FileOutputStream(argv[0]));
        TextField arrival = new TextField(stamper.getWriter(), new Rectangle(400, 780, 540, 800), "SoDen");
        arrival.setFontSize(10);
        stamper.addAnnotation(arrival.getTextField(), 1);
        stamper.addSignature("ChuKyCoQuan", 2, 330, 560, 530, 660);
        stamper.close();
    }
}
