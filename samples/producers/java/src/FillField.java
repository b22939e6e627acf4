import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;

/**
 * Fills one text field of a signed PDF in an incremental update, as PDFBox users do after a
 * certification signature that allows form filling (DocMDP P=2): setValue builds the
 * widget's appearance, and saveIncremental(out, objectsToWrite) writes the field and its
 * widget (PDFBox 2 writes only what it is told has changed). With `flags`, the older idiom:
 * setNeedToBeUpdated(true) on the catalog, the AcroForm and the field, then
 * saveIncremental(out), which also writes what getAcroForm()'s default fixup added to the
 * form's default resources. `flags needappearances` also sets /NeedAppearances true.
 *
 * Usage: FillField IN.pdf OUT.pdf FIELD VALUE [flags [needappearances]]
 */
public final class FillField {
    public static void main(String[] argv) throws Exception {
        try (PDDocument document = PDDocument.load(new File(argv[0]))) {
            PDAcroForm acroForm = document.getDocumentCatalog().getAcroForm();
            PDField field = acroForm.getField(argv[2]);
            field.setValue(argv[3]);
            Set<COSDictionary> objectsToWrite = new HashSet<>();
            objectsToWrite.add(field.getCOSObject());
            for (PDAnnotationWidget widget : field.getWidgets()) {
                objectsToWrite.add(widget.getCOSObject());
                objectsToWrite.add(widget.getAppearance().getCOSObject());
            }
            try (OutputStream out = new FileOutputStream(argv[1])) {
                if (argv.length > 4 && argv[4].equals("flags")) {
                    // The older PDFBox 2 idiom: flag every object on the path from the catalog.
                    document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
                    acroForm.getCOSObject().setNeedToBeUpdated(true);
                    for (COSDictionary dict : objectsToWrite) dict.setNeedToBeUpdated(true);
                    if (argv.length > 5 && argv[5].equals("needappearances")) acroForm.setNeedAppearances(true);
                    document.saveIncremental(out);
                } else {
                    document.saveIncremental(out, objectsToWrite);
                }
            }
        }
    }
}
