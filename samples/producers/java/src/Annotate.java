import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.Calendar;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationMarkup;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;

/**
 * Adds a comment to page 1 of a signed PDF in an incremental update, as a document system
 * does when a leader writes an instruction (bút phê) on a received document: PDFBox's
 * AddAnnotations example (a sticky note, or a FreeText note with its appearance built by
 * constructAppearances), saved with saveIncremental(out, {page}).
 *
 * Usage: Annotate IN.pdf OUT.pdf text|freetext CONTENTS
 */
public final class Annotate {
    public static void main(String[] argv) throws Exception {
        try (PDDocument document = PDDocument.load(new File(argv[0]))) {
            PDPage page = document.getPage(0);
            List<PDAnnotation> annotations = page.getAnnotations();
            PDAnnotation annotation;
            if (argv[2].equals("text")) {
                PDAnnotationText text = new PDAnnotationText();
                text.setRectangle(new PDRectangle(520, 700, 20, 20));
                text.setTitlePopup("Chanh Van phong");
                annotation = text;
            } else {
                // PDFBox 2 has no FreeText class: a markup annotation with that subtype.
                PDAnnotationMarkup freeText = new PDAnnotationMarkup();
                freeText.getCOSObject().setName(COSName.SUBTYPE, PDAnnotationMarkup.SUB_TYPE_FREETEXT);
                freeText.setRectangle(new PDRectangle(72, 640, 300, 40));
                freeText.getCOSObject().setString(COSName.DA, "/Helv 11 Tf 1 0 0 rg");
                freeText.setTitlePopup("Chu tich");
                annotation = freeText;
            }
            annotation.setContents(argv[3]);
            annotation.setColor(new PDColor(new float[] {1, 0, 0}, PDDeviceRGB.INSTANCE));
            annotation.setModifiedDate(Calendar.getInstance());
            annotation.setPrinted(true);
            annotation.setPage(page);
            annotations.add(annotation);
            page.setAnnotations(annotations);
            annotation.constructAppearances(document);

            Set<COSDictionary> objectsToWrite = new HashSet<>();
            objectsToWrite.add(page.getCOSObject());
            try (OutputStream out = new FileOutputStream(argv[1])) {
                document.saveIncremental(out, objectsToWrite);
            }
        }
    }
}
