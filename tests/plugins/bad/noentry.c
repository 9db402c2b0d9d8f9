/* A shared object that is not a shinsa plugin.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gmodule.h>

G_MODULE_EXPORT int not_a_plugin (void);
G_MODULE_EXPORT int
not_a_plugin (void)
{
  return 42;
}
