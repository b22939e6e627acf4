"""What pypdf 3.4 does to a signed PDF: PdfWriter writes a whole new file (no incremental mode
before pypdf 5).

Usage: pypdf-edit.py IN OUT save|fill FIELD VALUE
  save  clones the document into a PdfWriter and writes it, nothing changed
        (clone_reader_document_root: 3.4.1's clone_document_from_reader fails without /Info);
  fill  also sets the text field FIELD on page 1 to VALUE (update_page_form_field_values).
"""
import sys

from pypdf import PdfReader, PdfWriter


def main() -> None:
    source, target, action = sys.argv[1:4]
    writer = PdfWriter()
    writer.clone_reader_document_root(PdfReader(source))
    if action == "fill":
        field, value = sys.argv[4:6]
        writer.update_page_form_field_values(writer.pages[0], {field: value})
    elif action != "save":
        raise SystemExit(f"unknown action {action}")
    with open(target, "wb") as out:
        writer.write(out)


main()
