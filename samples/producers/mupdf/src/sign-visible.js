// Signs one signature field of page 1 the way MuPDF's viewers do (PDFWidget.sign: a signature
// appearance with labels, date, reason, location and the MuPDF logo), after moving the field's
// widget to a visible rectangle, and saves the result as an incremental update.
//
// Usage: mutool run sign-visible.js IN OUT FIELD P12 PASSWORD x0,y0,x1,y1 REASON LOCATION
var args = scriptArgs;
var doc = new Document(args[0]);
var widgets = doc.loadPage(0).getWidgets();
var field = null;
for (var i = 0; i < widgets.length; i++) if (widgets[i].getLabel() == args[2]) field = widgets[i];
if (!field) throw new Error("no field " + args[2]);
field.setRect(args[5].split(",").map(Number));
// The signer's name and distinguished name are left out of the appearance: both are Vietnamese,
// and MuPDF would embed the whole of Noto Serif (600 KB) to draw them.
var appearance = { showLabels: true, showDN: false, showDate: true, showTextName: false, showGraphicName: false, showLogo: true };
field.sign(new PDFPKCS7Signer(args[3], args[4]), appearance, null, args[6], args[7]);
doc.save(args[1], "incremental");
