"""Drives a headless LibreOffice through UNO, as a document system that signs with it would.

  libreoffice.py export writer|draw OUT SIGNER [FILTER_OPTION=VALUE…]
      a new Writer (or Draw) document, exported to PDF with the export filter's own signature
      (FilterData SignPDF, SignatureCertificate, SignaturePassword, SignatureReason,
      SignatureLocation, plus any other filter option given, e.g. SignatureTSA=URL)
  libreoffice.py sign IN OUT SIGNER
      an existing PDF signed as LibreOffice's File > Digital Signatures does for a PDF opened in
      Draw: DocumentDigitalSignatures.signDocumentWithCertificate with no storage and the file's
      stream, which appends an incremental update with LibreOffice's own PDF writer
      (vcl::filter::PDFDocument) and a PAdES (ETSI.CAdES.detached) signature

SIGNER is a part of the certificate's subject name; the certificate comes from the NSS database
that MOZILLA_CERTIFICATE_FOLDER names (SEInitializer → security context → security environment →
getPersonalCertificates), as LibreOffice's own certificate chooser lists them. The office (not
this client, which needs a ticking clock) runs under `faketime -f "$KYSO_SIGNING_TIME"` when that
is set, with its user profile in $KYSO_PROFILE. Run with the system Python (python3-uno).
"""
import os
import shutil
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

WRITER_TEXT = ("UỶ BAN NHÂN DÂN TỈNH THỬ NGHIỆM\nSố: 123/UBND-VP\n"
               "V/v thử nghiệm chữ ký số trên văn bản điện tử\n"
               "Kính gửi: Các sở, ban, ngành tỉnh.")


def props(**values):
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def start_office():
    pipe = f"kyso{os.getpid()}"
    clock = ["faketime", "-f", os.environ["KYSO_SIGNING_TIME"]] if os.environ.get("KYSO_SIGNING_TIME") else []
    office = subprocess.Popen(clock + ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck",
                                       f"-env:UserInstallation={uno.systemPathToFileUrl(os.environ['KYSO_PROFILE'])}",
                                       f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            return office, resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.25)
    office.kill()
    raise SystemExit("LibreOffice did not start")


def certificate(ctx, signer):
    init = ctx.ServiceManager.createInstanceWithContext("com.sun.star.xml.crypto.SEInitializer", ctx)
    environment = init.createSecurityContext("").getSecurityEnvironment()
    found = [c for c in environment.getPersonalCertificates() if signer in c.SubjectName]
    if len(found) != 1:
        raise SystemExit(f"{len(found)} certificates match {signer!r}")
    return found[0]


def option(value):
    if value in ("true", "false"):
        return value == "true"
    return int(value) if value.isdigit() else value


def export(ctx, kind, out, signer, options):
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    factory, pdf_filter = {"writer": ("swriter", "writer_pdf_Export"), "draw": ("sdraw", "draw_pdf_Export")}[kind]
    doc = desktop.loadComponentFromURL(f"private:factory/{factory}", "_blank", 0, props(Hidden=True))
    if kind == "writer":
        doc.getText().setString(WRITER_TEXT)
    else:
        page = doc.getDrawPages().getByIndex(0)
        shape = doc.createInstance("com.sun.star.drawing.RectangleShape")
        page.add(shape)
        shape.setPosition(uno.createUnoStruct("com.sun.star.awt.Point", 2000, 2000))
        shape.setSize(uno.createUnoStruct("com.sun.star.awt.Size", 12000, 3000))
        shape.setString("Sơ đồ tổ chức — UBND tỉnh")
    filter_data = dict(SignPDF=True, SignatureCertificate=certificate(ctx, signer), SignaturePassword="",
                       SignatureReason="Ký duyệt", SignatureLocation="Hà Nội", SignatureContactInfo="")
    filter_data.update({k: option(v) for k, v in options.items()})
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)),
                   props(FilterName=pdf_filter, FilterData=uno.Any("[]com.sun.star.beans.PropertyValue", props(**filter_data))))
    doc.close(True)


def sign(ctx, src, out, signer):
    shutil.copyfile(src, out)
    smgr = ctx.ServiceManager
    signatures = smgr.createInstanceWithArgumentsAndContext("com.sun.star.security.DocumentDigitalSignatures", ("1.2",), ctx)
    files = smgr.createInstanceWithContext("com.sun.star.ucb.SimpleFileAccess", ctx)
    stream = files.openFileReadWrite(uno.systemPathToFileUrl(os.path.abspath(out)))
    if not signatures.signDocumentWithCertificate(certificate(ctx, signer), None, stream):
        raise SystemExit(f"LibreOffice did not sign {src}")
    stream.getOutputStream().closeOutput()


def main(argv):
    office, ctx = start_office()
    try:
        if argv[0] == "export":
            export(ctx, argv[1], argv[2], argv[3], dict(a.split("=", 1) for a in argv[4:]))
        elif argv[0] == "sign":
            sign(ctx, argv[1], argv[2], argv[3])
        else:
            raise SystemExit(__doc__)
    finally:
        try:
            ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx).terminate()
        except Exception:
            pass  # terminate() drops the bridge as the office exits
        office.wait(timeout=60)


if __name__ == "__main__":
    main(sys.argv[1:])
