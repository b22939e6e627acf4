// Fills one text field of page 1 as MuPDF's viewers do (PDFWidget.setTextValue, then the
// appearance redrawn by update()) and saves the result as an incremental update.
//
// Usage: mutool run fill-field.js IN OUT FIELD VALUE
var args = scriptArgs;
var doc = new Document(args[0]);
var widgets = doc.loadPage(0).getWidgets();
var filled = false;
for (var i = 0; i < widgets.length; i++) {
  if (widgets[i].getLabel() == args[2]) {
    widgets[i].setTextValue(args[3]);
    widgets[i].update();
    filled = true;
  }
}
if (!filled) throw new Error("no field " + args[2]);
doc.save(args[1], "incremental");
