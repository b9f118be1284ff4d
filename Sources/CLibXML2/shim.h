#ifndef SHEAF_CLIBXML2_SHIM_H
#define SHEAF_CLIBXML2_SHIM_H
// libxml2's streaming writer: escaping and well-formedness are its job, not ours.
#include <libxml/xmlwriter.h>
#endif
