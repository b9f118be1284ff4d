#!/usr/bin/env python3
"""PDF/A-3b checks for the PDFs of record the tests render (issue 13 item 5).

No complete, independent PDF/A validator installs offline from Debian or PyPI here:
veraPDF is not in Debian, and the PyPI packages that offer validation wrap veraPDF
and download it (and a Java runtime) at first use. This script therefore checks, with
pikepdf (Debian python3-pikepdf, i.e. qpdf), the machine-checkable requirements of
ISO 19005-3 (PDF/A-3, level B) that matter for an invoice with an e-invoice attached,
and says which clause each finding breaks. It is not a full validator; what it does
NOT check is listed at the end of this docstring and printed with --scope.

Checked (clause of ISO 19005-3):
  6.1.1/qpdf  the file parses, and qpdf's structural check finds no problem
  6.1.2   header %PDF-1.n followed by a comment of at least four bytes above 127
  6.1.3   a trailer /ID of two strings; no /Encrypt; nothing but an end of line
          after the last %%EOF
  6.1.7   no stream with /F, /FFilter or /FDecodeParms (external data); no LZWDecode
  6.2.2   an /OutputIntents entry /S /GTS_PDFA1 with an embedded ICC profile
          (/DestOutputProfile) whose header is an ICC profile (acsp signature, its
          declared size, a colour space that matches /N); all PDF/A intents share it
  6.2.4.3 device colour agrees with the output intent: no DeviceCMYK (k, K operators,
          /DeviceCMYK colour spaces, images) under an RGB intent, no DeviceRGB under
          a CMYK one
  6.2.5   no /TR in graphics states, /TR2 only /Default, no /HTP; rendering intents
          from the four of ISO 32000-1
  6.2.8   no image with /Interpolate true, /Alternates or /OPI
  6.2.9   no PostScript XObjects (/Subtype /PS, /Subtype2 /PS), no /Ref (reference XObjects)
  6.2.11  every font but Type 3 has an embedded font program (FontFile, FontFile2 or
          FontFile3 in its descriptor, descendant fonts of Type 0 included); every
          CIDFontType2 has a /CIDToGIDMap
  6.3     no 3D, Sound, Screen, Movie or RichMedia annotation; every annotation but
          Popup has the Print flag and none of Hidden, Invisible, NoView, ToggleNoView
  6.4     no XFA, NeedAppearances not true; the catalog has no /NeedsRendering true
  6.6.1   no JavaScript anywhere (no /JS, no /JavaScript name tree, no action of type
          JavaScript) and no Launch, Sound, Movie, ResetForm, ImportData, Hide,
          SetOCGState, Rendition, Trans or GoTo3DView action; no /AA on the catalog or pages
  6.6.2   a catalog /Metadata XMP stream, unfiltered, whose packet header has no
          bytes or encoding attribute, with pdfaid:part 3 and pdfaid:conformance B;
          the document information entries (Title, Author, Subject, Keywords, Creator,
          Producer) equal their XMP properties, and CreationDate / ModDate have
          xmp:CreateDate / xmp:ModifyDate
  6.8     every embedded file's specification has /F and /UF, an /AFRelationship of
          Source, Data, Alternative, Supplement or Unspecified, is listed in an /AF
          array of the catalog or of a page, and its stream has a MIME /Subtype and
          /Params with /ModDate
  extra   with --attachment NAME: an embedded file of that name exists

NOT checked (a full validator such as veraPDF would): the syntax of every content
stream operator and of every object against ISO 32000-1 limits (6.1.13); font programs
themselves (glyph widths against the /Widths array, 6.2.11.5; symbolic/non-symbolic
cmap rules; that every glyph used is in the subset, 6.2.11.4.1); ICC profile contents
beyond the header; Separation/DeviceN and blending colour spaces of transparency
groups; XMP extension schemas for properties outside the predefined schemas
(6.6.2.3.2) and date values compared to the instant; annotation appearance streams
(6.3.3); optional content configuration (6.9); digital signatures (6.4.3); the content
of embedded files (any file is allowed by PDF/A-3).

Usage: check_pdfa.py [--attachment NAME] FILE_OR_DIR...   (exit 0: no finding,
1: findings, 2: usage or a file that does not open)
"""

import argparse
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

try:
    import pikepdf
except ImportError:  # pragma: no cover - told to the person running it
    sys.exit("check_pdfa.py needs pikepdf (Debian: apt-get install python3-pikepdf)")

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide", "/SetOCGState",
                     "/Rendition", "/Trans", "/GoTo3DView"}
FORBIDDEN_ANNOTATIONS = {"/3D", "/Sound", "/Screen", "/Movie", "/RichMedia"}
RELATIONSHIPS = {"/Source", "/Data", "/Alternative", "/Supplement", "/Unspecified"}
INTENTS = {"/RelativeColorimetric", "/AbsoluteColorimetric", "/Perceptual", "/Saturation"}


class Findings:
    def __init__(self):
        self.items = []

    def add(self, clause, message):
        if (clause, message) not in self.items:
            self.items.append((clause, message))


def walk(root):
    """Every object reachable from `root` (direct and indirect), each indirect one once."""
    seen = set()
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)):
            if item.is_indirect:
                key = item.objgen
                if key in seen:
                    continue
                seen.add(key)
            yield item
            if isinstance(item, pikepdf.Array):
                stack.extend(item)
            else:
                stack.extend(item[key] for key in item.keys())


def name(value):
    return str(value) if isinstance(value, pikepdf.Name) else None


def check_file_structure(raw, pdf, findings):
    if not re.match(rb"%PDF-1\.[0-7]\r?\n?", raw[:10]):
        findings.add("6.1.2", "the file does not start with a %PDF-1.n header")
    second = raw.split(b"\n", 2)[1] if raw.count(b"\n") >= 2 else b""
    if not (second.startswith(b"%") and sum(1 for byte in second[1:] if byte > 127) >= 4):
        findings.add("6.1.2", "the header is not followed by a comment of four bytes above 127")
    identifier = pdf.trailer.get("/ID")
    if not isinstance(identifier, pikepdf.Array) or len(identifier) != 2:
        findings.add("6.1.3", "the trailer has no /ID of two strings")
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        findings.add("6.1.3", "the file is encrypted")
    tail = raw[raw.rfind(b"%%EOF") + 5:]
    if tail not in (b"", b"\n", b"\r\n", b"\r"):
        findings.add("6.1.3", "data follows the last %%EOF")
    for problem in pdf.check():
        findings.add("qpdf", f"structure: {problem}")


def check_objects(pdf, findings, rgb_intent):
    """The rules that apply to objects wherever they are."""
    for item in walk(pdf.trailer):
        dictionary = item.stream_dict if isinstance(item, pikepdf.Stream) else item
        if not isinstance(dictionary, pikepdf.Dictionary):
            continue
        keys = set(dictionary.keys())
        kind = name(dictionary.get("/Type"))
        subtype = name(dictionary.get("/Subtype"))
        if isinstance(item, pikepdf.Stream):
            if keys & {"/F", "/FFilter", "/FDecodeParms"} and kind != "/EmbeddedFile":
                findings.add("6.1.7", "a stream refers to external data (/F, /FFilter or /FDecodeParms)")
            filters = dictionary.get("/Filter")
            filters = list(filters) if isinstance(filters, pikepdf.Array) else [filters]
            if any(name(f) in ("/LZWDecode", "/LZW") for f in filters):
                findings.add("6.1.7", "a stream uses LZWDecode")
        if "/JS" in keys or name(dictionary.get("/S")) == "/JavaScript":
            findings.add("6.6.1", "JavaScript found")
        if name(dictionary.get("/S")) in FORBIDDEN_ACTIONS:
            findings.add("6.6.1", f"a forbidden action {dictionary.get('/S')}")
        if kind == "/ExtGState" or keys & {"/TR", "/TR2", "/HTP"} and "/Type" not in keys:
            if "/TR" in keys:
                findings.add("6.2.5", "a graphics state has /TR")
            if "/TR2" in keys and name(dictionary.get("/TR2")) != "/Default":
                findings.add("6.2.5", "a graphics state has /TR2 other than /Default")
            if "/HTP" in keys:
                findings.add("6.2.5", "a graphics state has /HTP")
        if "/RI" in keys and name(dictionary.get("/RI")) not in INTENTS:
            findings.add("6.2.5", f"an unknown rendering intent {dictionary.get('/RI')}")
        if subtype == "/Image" or kind == "/XObject" and subtype == "/Image":
            if bool(dictionary.get("/Interpolate", False)):
                findings.add("6.2.8", "an image has /Interpolate true")
            if keys & {"/Alternates", "/OPI"}:
                findings.add("6.2.8", "an image has /Alternates or /OPI")
            space = name(dictionary.get("/ColorSpace"))
            check_device_space(space, rgb_intent, findings)
        if kind == "/XObject" or subtype in ("/Form", "/PS"):
            if subtype == "/PS" or name(dictionary.get("/Subtype2")) == "/PS":
                findings.add("6.2.9", "a PostScript XObject")
            if subtype == "/Form" and "/Ref" in keys:
                findings.add("6.2.9", "a reference XObject")
            if "/OPI" in keys:
                findings.add("6.2.9", "an XObject has /OPI")
        if kind == "/Font":
            check_font(dictionary, findings)
        if kind == "/Annot" or subtype in FORBIDDEN_ANNOTATIONS or subtype in ("/Link", "/Widget", "/Popup", "/FileAttachment"):
            check_annotation(dictionary, findings)
        if kind == "/Page" and "/AA" in keys:
            findings.add("6.6.1", "a page has additional actions (/AA)")


def check_device_space(space, rgb_intent, findings):
    if space == "/DeviceCMYK" and rgb_intent is True:
        findings.add("6.2.4.3", "DeviceCMYK is used under an RGB output intent")
    if space == "/DeviceRGB" and rgb_intent is False:
        findings.add("6.2.4.3", "DeviceRGB is used under a CMYK output intent")


def check_font(font, findings):
    subtype = name(font.get("/Subtype"))
    if subtype == "/Type3":
        return
    if subtype == "/Type0":
        for descendant in font.get("/DescendantFonts", []):
            check_font(descendant, findings)
        return
    descriptor = font.get("/FontDescriptor")
    base = font.get("/BaseFont", "?")
    if not isinstance(descriptor, pikepdf.Dictionary) or not ({"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys())):
        findings.add("6.2.11.4", f"font {base} is not embedded")
    if subtype == "/CIDFontType2" and "/CIDToGIDMap" not in font:
        findings.add("6.2.11.3.2", f"CIDFontType2 {base} has no /CIDToGIDMap")


def check_annotation(annotation, findings):
    subtype = name(annotation.get("/Subtype"))
    if subtype in FORBIDDEN_ANNOTATIONS:
        findings.add("6.3.1", f"a forbidden annotation {subtype}")
    if subtype == "/Popup":
        return
    flags = int(annotation.get("/F", 0))
    if not flags & 4:
        findings.add("6.3.2", f"a {subtype} annotation without the Print flag")
    if flags & (1 | 2 | 32 | 256):
        findings.add("6.3.2", f"a {subtype} annotation is hidden, invisible or not viewable")
    if "/AA" in annotation:
        findings.add("6.6.1", f"a {subtype} annotation has additional actions (/AA)")


def check_output_intent(pdf, findings):
    """Returns True for an RGB intent, False for CMYK, None otherwise."""
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if name(i.get("/S")) == "/GTS_PDFA1"]
    if not intents:
        findings.add("6.2.2", "no PDF/A output intent (/S /GTS_PDFA1)")
        return None
    profiles = {intent.get("/DestOutputProfile").objgen if "/DestOutputProfile" in intent else None for intent in intents}
    if len(profiles) > 1:
        findings.add("6.2.2", "the PDF/A output intents do not share one profile")
    profile = intents[0].get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        findings.add("6.2.2", "the output intent has no embedded ICC profile (/DestOutputProfile)")
        return None
    data = profile.read_bytes()
    spaces = {b"RGB ": 3, b"CMYK": 4, b"GRAY": 1}
    if len(data) < 128 or data[36:40] != b"acsp":
        findings.add("6.2.2", "the output profile is not an ICC profile (no acsp signature)")
        return None
    if int.from_bytes(data[0:4], "big") != len(data):
        findings.add("6.2.2", "the ICC profile's declared size is not its length")
    space = data[16:20]
    if space not in spaces:
        findings.add("6.2.2", f"the output profile's colour space {space!r} is not RGB, CMYK or gray")
    elif int(profile.get("/N", 0)) != spaces[space]:
        findings.add("6.2.2", "the output profile's /N does not match its colour space")
    if data[12:16] not in (b"prtr", b"mntr"):
        findings.add("6.2.2", "the output profile is neither an output (prtr) nor a monitor (mntr) profile")
    return {b"RGB ": True, b"CMYK": False}.get(space)


def check_content_colours(pdf, rgb_intent, findings):
    if rgb_intent is None:
        return
    streams = [page.obj for page in pdf.pages]
    streams += [item for item in walk(pdf.trailer) if isinstance(item, pikepdf.Stream) and name(item.get("/Subtype")) == "/Form"]
    for stream in streams:
        try:
            instructions = pikepdf.parse_content_stream(stream)
        except pikepdf.PdfError as error:
            findings.add("6.1", f"a content stream does not parse: {error}")
            continue
        for operands, operator in instructions:
            op = str(operator)
            if op in ("k", "K"):
                check_device_space("/DeviceCMYK", rgb_intent, findings)
            elif op in ("rg", "RG"):
                check_device_space("/DeviceRGB", rgb_intent, findings)
            elif op in ("cs", "CS") and operands:
                check_device_space(name(operands[0]), rgb_intent, findings)


def xmp_value(description_elements, prefix, local):
    """An XMP property given as an attribute or as an element (simple or rdf:Alt/Seq/Bag)."""
    attribute = f"{{{NS[prefix]}}}{local}"
    for description in description_elements:
        if attribute in description.attrib:
            return description.attrib[attribute]
        element = description.find(f"{prefix}:{local}", NS)
        if element is not None:
            items = element.findall(".//rdf:li", NS)
            return ", ".join(i.text or "" for i in items) if items else (element.text or "")
    return None


def check_metadata(pdf, findings):
    metadata = pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        findings.add("6.6.2.1", "the catalog has no /Metadata stream")
        return
    if "/Filter" in metadata.stream_dict:
        findings.add("6.6.2.1", "the metadata stream is filtered")
    packet = metadata.read_bytes()
    header = re.search(rb"<\?xpacket begin=[^>]*\?>", packet)
    if header is None:
        findings.add("6.6.2.1", "the metadata has no xpacket header")
    elif re.search(rb"\b(bytes|encoding)=", header.group(0)):
        findings.add("6.6.2.1", "the xpacket header has a bytes or encoding attribute")
    try:
        tree = ET.fromstring(re.sub(rb"<\?xpacket[^>]*\?>", b"", packet).strip())
    except ET.ParseError as error:
        findings.add("6.6.2.1", f"the XMP is not well-formed XML: {error}")
        return
    descriptions = tree.findall(".//rdf:Description", NS)
    if xmp_value(descriptions, "pdfaid", "part") != "3":
        findings.add("6.6.4", "the XMP does not say pdfaid:part 3")
    if xmp_value(descriptions, "pdfaid", "conformance") != "B":
        findings.add("6.6.4", "the XMP does not say pdfaid:conformance B")
    info = pdf.trailer.get("/Info")
    if not isinstance(info, pikepdf.Dictionary):
        return
    for key, (prefix, local) in {"/Title": ("dc", "title"), "/Author": ("dc", "creator"), "/Subject": ("dc", "description"),
                                 "/Keywords": ("pdf", "Keywords"), "/Creator": ("xmp", "CreatorTool"),
                                 "/Producer": ("pdf", "Producer")}.items():
        if key in info and str(info[key]) != (xmp_value(descriptions, prefix, local) or ""):
            findings.add("6.6.2.3.1", f"document information {key} differs from XMP {prefix}:{local}")
    for key, (prefix, local) in {"/CreationDate": ("xmp", "CreateDate"), "/ModDate": ("xmp", "ModifyDate")}.items():
        if key in info and xmp_value(descriptions, prefix, local) is None:
            findings.add("6.6.2.3.1", f"document information {key} has no XMP {prefix}:{local}")


def check_catalog(pdf, findings):
    root = pdf.Root
    if "/AA" in root:
        findings.add("6.6.1", "the catalog has additional actions (/AA)")
    names = root.get("/Names", {})
    if "/JavaScript" in names:
        findings.add("6.6.1", "the catalog has a JavaScript name tree")
    if bool(root.get("/NeedsRendering", False)):
        findings.add("6.4", "/NeedsRendering is true")
    form = root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary):
        if "/XFA" in form:
            findings.add("6.4.2", "the form has XFA")
        if bool(form.get("/NeedAppearances", False)):
            findings.add("6.4.1", "the form has NeedAppearances true")


def embedded_specifications(pdf):
    tree = pdf.Root.get("/Names", {}).get("/EmbeddedFiles")
    stack = [tree] if tree is not None else []
    while stack:
        node = stack.pop()
        stack.extend(node.get("/Kids", []))
        entries = list(node.get("/Names", []))
        for index in range(0, len(entries) - 1, 2):
            yield str(entries[index]), entries[index + 1]


def check_attachments(pdf, findings, expected):
    associated = set()
    for holder in [pdf.Root] + [page.obj for page in pdf.pages]:
        for spec in holder.get("/AF", []):
            if spec.is_indirect:
                associated.add(spec.objgen)
    names = []
    for key, spec in embedded_specifications(pdf):
        label = str(spec.get("/UF", spec.get("/F", key)))
        names.append(label)
        if "/F" not in spec or "/UF" not in spec or not str(spec.get("/F")):
            findings.add("6.8", f"embedded file {label}: its specification lacks /F or /UF")
        if name(spec.get("/AFRelationship")) not in RELATIONSHIPS:
            findings.add("6.8", f"embedded file {label}: no valid /AFRelationship")
        if not spec.is_indirect or spec.objgen not in associated:
            findings.add("6.8", f"embedded file {label}: not listed in an /AF array of the catalog or a page")
        stream = spec.get("/EF", {}).get("/F")
        if not isinstance(stream, pikepdf.Stream):
            findings.add("6.8", f"embedded file {label}: no embedded file stream")
            continue
        if name(stream.stream_dict.get("/Subtype")) is None:
            findings.add("6.8", f"embedded file {label}: no MIME type (/Subtype)")
        if "/ModDate" not in stream.stream_dict.get("/Params", {}):
            findings.add("6.8", f"embedded file {label}: no /Params /ModDate")
    if expected and expected not in names:
        findings.add("extra", f"no embedded file named {expected} (found {names})")


def check(path, expected):
    findings = Findings()
    raw = path.read_bytes()
    with pikepdf.open(path) as pdf:
        check_file_structure(raw, pdf, findings)
        rgb_intent = check_output_intent(pdf, findings)
        check_objects(pdf, findings, rgb_intent)
        check_content_colours(pdf, rgb_intent, findings)
        check_metadata(pdf, findings)
        check_catalog(pdf, findings)
        check_attachments(pdf, findings, expected)
    return findings.items


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=pathlib.Path)
    parser.add_argument("--attachment", help="an embedded file every PDF must carry")
    parser.add_argument("--scope", action="store_true", help="print what is and is not checked")
    arguments = parser.parse_args()
    if arguments.scope:
        print(__doc__)
        return 0
    files = []
    for path in arguments.paths:
        files += sorted(path.glob("*.pdf")) if path.is_dir() else [path]
    if not files:
        print("check_pdfa.py: no PDF given", file=sys.stderr)
        return 2
    failed = 0
    for path in files:
        try:
            findings = check(path, arguments.attachment)
        except pikepdf.PdfError as error:
            print(f"{path}: does not open: {error}")
            return 2
        if findings:
            failed += 1
            for clause, message in findings:
                print(f"{path}: [{clause}] {message}")
        else:
            print(f"{path}: PDF/A-3b checks passed")
    print(f"PDF/A-3b checks: {len(files)} file(s), {failed} with findings")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
