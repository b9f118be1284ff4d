#ifndef SHEAF_CLIBXML2_SHIM_H
#define SHEAF_CLIBXML2_SHIM_H
// libxml2's streaming writer: escaping and well-formedness are its job, not ours.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so encoding.h would include the system's
// <unicode/ucnv.h>, whose enums clash with the ICU copy inside Foundation. Only the
// ICU fields of xmlCharEncodingHandler depend on it, and Sheaf never touches that
// struct (the writer is used through opaque pointers), so the ICU part is left out.
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
// The pull parser that reads XLSX workbooks back (issue 16): no DOM, no entity expansion.
#include <libxml/xmlreader.h>
#endif
