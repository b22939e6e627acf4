"""Writes a copy of a signed PDF whose first signature's /Contents holds another CMS.

Usage: replace-contents.py IN CMS.der OUT
The CMS goes in as hex at the start of the /Contents hole, padded with zeros to the same length,
so every offset and the /ByteRange stay as they were (a control sample, not a producer's output).
"""
import re
import sys


def main() -> None:
    source, cms_path, target = sys.argv[1:4]
    data = bytearray(open(source, "rb").read())
    cms = open(cms_path, "rb").read().hex().upper().encode()
    byte_range = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)", data)
    start, hole_end = int(byte_range.group(2)) + 1, int(byte_range.group(3)) - 1
    if data[start - 1 : start] != b"<" or data[hole_end : hole_end + 1] != b">":
        raise SystemExit("the /ByteRange gap is not a hex string")
    if len(cms) > hole_end - start:
        raise SystemExit(f"the CMS needs {len(cms)} hex digits, the hole has {hole_end - start}")
    data[start:hole_end] = cms + b"0" * (hole_end - start - len(cms))
    open(target, "wb").write(bytes(data))


main()
