// Writes an unsigned base PDF with iText 5 (Document/PdfWriter), the way VN office tools
// produce the documents they later sign: two pages of Vietnamese text in an embedded font.
// With "form", page 1 also carries two text fields to be filled after a certification (P=2).
// Usage: java MakeBase OUT.pdf FONT.ttf [form]
import com.itextpdf.text.BaseColor;
import com.itextpdf.text.Document;
import com.itextpdf.text.Rectangle;
import com.itextpdf.text.pdf.TextField;
import com.itextpdf.text.Font;
import com.itextpdf.text.PageSize;
import com.itextpdf.text.Paragraph;
import com.itextpdf.text.pdf.BaseFont;
import com.itextpdf.text.pdf.PdfWriter;
import java.io.FileOutputStream;

public class MakeBase {
  public static void main(String[] args) throws Exception {
    Document doc = new Document(PageSize.A4);
    PdfWriter writer = PdfWriter.getInstance(doc, new FileOutputStream(args[0]));
    doc.addTitle("Quyết định số 01/QĐ-UBND");
    doc.addAuthor("UBND Tỉnh Thử Nghiệm");
    doc.open();
    BaseFont bf = BaseFont.createFont(args[1], BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
    Font title = new Font(bf, 14, Font.BOLD);
    Font body = new Font(bf, 11);
    doc.add(new Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", title));
    doc.add(new Paragraph("Độc lập - Tự do - Hạnh phúc", body));
    doc.add(new Paragraph(" ", body));
    doc.add(new Paragraph("QUYẾT ĐỊNH về việc thử nghiệm chữ ký số trên văn bản điện tử.", title));
    for (int i = 1; i <= 8; i++) {
      doc.add(new Paragraph("Điều " + i + ". Văn bản này được tạo để kiểm tra việc xác thực chữ ký số "
          + "theo Nghị định 130/2018/NĐ-CP và Thông tư 22/2020/TT-BTTTT.", body));
    }
    if (args.length > 2 && args[2].equals("form")) {
      String[] names = {"HoTen", "SoCCCD"};
      for (int i = 0; i < names.length; i++) {
        TextField tf = new TextField(writer, new Rectangle(150, 300 - 30 * i, 450, 320 - 30 * i), names[i]);
        tf.setFont(bf);
        tf.setFontSize(10);
        tf.setBorderColor(BaseColor.GRAY);
        tf.setBorderWidth(1);
        writer.addAnnotation(tf.getTextField());
      }
    }
    doc.newPage();
    doc.add(new Paragraph("Trang 2: Nơi nhận: Như Điều 3; Lưu: VT.", body));
    doc.close();
  }
}
