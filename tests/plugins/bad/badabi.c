/* A plugin built for another ABI: the core must refuse it before reading
 * anything past the version.  SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gmodule.h>
#include <stdint.h>

typedef struct {
  uint32_t abi_version;
  uint32_t info_size;
  const char *name;
} FutureInfo;

static const FutureInfo info = { 999, sizeof (FutureInfo), "badabi" };

G_MODULE_EXPORT const void *shinsa_plugin_get_info (void);
G_MODULE_EXPORT const void *
shinsa_plugin_get_info (void)
{
  return &info;
}
