#ifndef SHEAF_CQRENCODE_SHIM_H
#define SHEAF_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
