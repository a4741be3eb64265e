/*
 * lede/version.h -- release and plugin ABI versions.
 *
 * LEDE_ABI_VERSION is bumped on every incompatible change to the stage descriptor,
 * the document model or any function a stage calls. The host refuses a stage built
 * for a newer ABI than its own, and one built for an older ABI it no longer supports.
 */
#ifndef LEDE_VERSION_H
#define LEDE_VERSION_H

#define LEDE_VERSION_MAJOR 0
#define LEDE_VERSION_MINOR 1
#define LEDE_VERSION_PATCH 0
#define LEDE_VERSION_STRING "0.1.0"

/* The ABI a stage is compiled against; stored in its descriptor. */
#define LEDE_ABI_VERSION 1
/* The oldest stage ABI this host still loads. */
#define LEDE_ABI_VERSION_MIN 1

#endif
