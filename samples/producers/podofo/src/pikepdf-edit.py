"""What pikepdf 6 (qpdf underneath) does to a signed PDF: it can only write a whole new file.

Usage: pikepdf-edit.py IN OUT save|qdf|note
  save  opens and saves, nothing changed (a "repair" or "optimise" step in a pipeline);
  qdf   the same in qpdf's QDF form (uncompressed, objects annotated: the file grows);
  note  adds a sticky note (a Text annotation) to page 1 first, then saves.
Saved with static_id (no random /ID) so a rebuild is byte-identical.
"""
import sys

import pikepdf


def main() -> None:
    source, target, action = sys.argv[1:4]
    with pikepdf.open(source) as pdf:
        if action == "note":
            page = pdf.pages[0]
            note = pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Text,
                    Rect=[400, 700, 420, 720],
                    Contents=pikepdf.String("Đã xem, chuyển phòng Tổng hợp"),
                    F=4,
                    P=page.obj,
                )
            )
            if pikepdf.Name.Annots not in page.obj:
                page.obj.Annots = pdf.make_indirect(pikepdf.Array())
            page.obj.Annots.append(note)
        elif action not in ("save", "qdf"):
            raise SystemExit(f"unknown action {action}")
        pdf.save(target, static_id=True, qdf=action == "qdf")


main()
