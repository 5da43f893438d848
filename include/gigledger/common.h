/*
 * common.h: export macro, C++ guards and version numbers shared by every
 * public gigledger header.  Deliberately free of GLib so that the pure
 * modules (forecast.h) can be used without it.
 */
#ifndef GIGLEDGER_COMMON_H
#define GIGLEDGER_COMMON_H

#if defined(__GNUC__) || defined(__clang__)
#define GIG_API __attribute__((visibility("default")))
#else
#define GIG_API
#endif

#ifdef __cplusplus
#define GIG_BEGIN_DECLS extern "C" {
#define GIG_END_DECLS }
#else
#define GIG_BEGIN_DECLS
#define GIG_END_DECLS
#endif

#define GIG_VERSION_MAJOR 0
#define GIG_VERSION_MINOR 1
#define GIG_VERSION_MICRO 0

#endif
