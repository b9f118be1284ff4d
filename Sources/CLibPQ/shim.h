#ifndef SHEAF_CLIBPQ_SHIM_H
#define SHEAF_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
