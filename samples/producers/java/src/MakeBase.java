import java.io.File;
import java.util.Calendar;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;

/**
 * The unsigned document every PDF sample starts from, made by PDFBox as a document system
 * would: one A4 page of text and an empty text field (SoDen, the arrival number a clerk
 * fills in), the way PDFBox's CreateSimpleForm example builds a form.
 *
 * Usage: MakeBase OUT.pdf [SIGNATURE_FIELD]
 */
public final class MakeBase {
    private static final String[] LINES = {
        "UY BAN NHAN DAN TINH THU NGHIEM",
        "So: 45/QD-UBND",
        "QUYET DINH ve viec thu nghiem chu ky so tren van ban dien tu",
        "",
        "Can cu Nghi dinh 30/2020/ND-CP ve cong tac van thu;",
        "Xet de nghi cua Chanh Van phong,",
        "QUYET DINH: Dieu 1. Thu nghiem xac thuc chu ky so tai cac so, ban, nganh.",
    };

    public static void main(String[] argv) throws Exception {
        try (PDDocument document = new PDDocument()) {
            document.setDocumentId(20251120L);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Quyet dinh 45/QD-UBND");
            info.setCreator("kyso samples MakeBase");
            info.setProducer("Apache PDFBox 2.0.27");
            Calendar created = Calendar.getInstance();
            info.setCreationDate(created);

            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(document, page)) {
                cs.beginText();
                cs.setFont(PDType1Font.HELVETICA, 12);
                cs.setLeading(16);
                cs.newLineAtOffset(72, 770);
                for (String line : LINES) {
                    cs.showText(line);
                    cs.newLine();
                }
                cs.endText();
            }

            PDAcroForm acroForm = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(acroForm);
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName("Helv"), PDType1Font.HELVETICA);
            acroForm.setDefaultResources(resources);
            acroForm.setDefaultAppearance("/Helv 0 Tf 0 g");

            PDTextField field = new PDTextField(acroForm);
            field.setPartialName("SoDen");
            field.setDefaultAppearance("/Helv 10 Tf 0 0 1 rg");
            acroForm.getFields().add(field);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(400, 780, 150, 20));
            widget.setPage(page);
            widget.setPrinted(true);
            page.getAnnotations().add(widget);
            field.setValue("");

            // A template with the signer's place prepared: an empty, visible signature field,
            // as document systems lay out before a person signs (MakeBase OUT.pdf FIELD).
            if (argv.length > 1) {
                PDSignatureField signatureField = new PDSignatureField(acroForm);
                signatureField.setPartialName(argv[1]);
                acroForm.getFields().add(signatureField);
                PDAnnotationWidget sigWidget = signatureField.getWidgets().get(0);
                sigWidget.setRectangle(new PDRectangle(330, 560, 220, 60));
                sigWidget.setPage(page);
                sigWidget.setPrinted(true);
                page.getAnnotations().add(sigWidget);
            }

            document.save(new File(argv[0]));
        }
    }
}
