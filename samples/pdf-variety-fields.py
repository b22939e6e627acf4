#!/usr/bin/env python3
"""Writes the qpdf JSON v2 update that gives page 1 of IN.pdf two empty, invisible signature fields
(SigPerson, SigOrganization: /FT /Sig widgets in a new /AcroForm), for bases whose writer dropped the form.

Usage: pdf-variety-fields.py IN.json OUT.json   (IN.json: `qpdf --json=2 --json-key=pages --json-key=qpdf IN.pdf`)
"""
import json, sys

src = json.load(open(sys.argv[1]))
meta, objects = src["qpdf"]
page = src["pages"][0]["object"]
trailer = objects["trailer"]["value"]
root = trailer["/Root"]
catalog = dict(objects["obj:" + root]["value"])
page_dict = dict(objects["obj:" + page]["value"])
next_id = meta["maxobjectid"] + 1
fields = []
update = {}
for name in ("SigPerson", "SigOrganization"):
    ref = f"{next_id} 0 R"
    next_id += 1
    fields.append(ref)
    update["obj:" + ref] = {"value": {"/Type": "/Annot", "/Subtype": "/Widget", "/FT": "/Sig", "/T": "u:" + name,
                                       "/Rect": [0, 0, 0, 0], "/F": 132, "/P": page}}
annots = page_dict.get("/Annots", [])
if isinstance(annots, str):
    raise SystemExit("indirect /Annots not handled")
page_dict["/Annots"] = list(annots) + fields
catalog["/AcroForm"] = {"/Fields": fields}
update["obj:" + page] = {"value": page_dict}
update["obj:" + root] = {"value": catalog}
json.dump({"qpdf": [{"jsonversion": 2, "pushedinheritedpageresources": False, "calledgetallpages": False,
                     "maxobjectid": next_id - 1}, update]}, open(sys.argv[2], "w"), indent=1)
