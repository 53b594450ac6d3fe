/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every benchmark reports with: the process's CPU time, and medians. */
#pragma once

#include <sys/resource.h>

#include <glib.h>

/* User and system CPU time of the process so far, in ms. */
static inline double
bench_cpu_ms (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
         ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
}

static inline int
bench_compare_double (gconstpointer a,
                      gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The median of @values (of doubles), which it sorts; 0 when empty. */
static inline double
bench_median (GArray *values)
{
  g_array_sort (values, bench_compare_double);
  return values->len > 0 ? g_array_index (values, double, values->len / 2) : 0;
}
