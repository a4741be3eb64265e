# Finds lede's dependencies; a missing one stops the build with the Debian package to install.
find_package(PkgConfig QUIET)

# lede_require(VAR HEADER LIBNAME DEBIAN_PACKAGE): sets VAR_INCLUDE_DIR and VAR_LIBRARY.
function(lede_require var header lib pkg)
  find_path(${var}_INCLUDE_DIR ${header})
  find_library(${var}_LIBRARY ${lib})
  if(NOT ${var}_INCLUDE_DIR OR NOT ${var}_LIBRARY)
    message(FATAL_ERROR "lede needs ${lib} (${header}): install the Debian package '${pkg}' "
                        "(sudo apt-get install ${pkg}), or run scripts/setup.sh")
  endif()
  add_library(lede::${lib} UNKNOWN IMPORTED GLOBAL)
  set_target_properties(lede::${lib} PROPERTIES IMPORTED_LOCATION ${${var}_LIBRARY}
                        INTERFACE_INCLUDE_DIRECTORIES ${${var}_INCLUDE_DIR})
endfunction()

lede_require(LTDL ltdl.h ltdl libltdl-dev)
lede_require(LIBCONFIG libconfig.h config libconfig-dev)
lede_require(UTF8PROC utf8proc.h utf8proc libutf8proc-dev)
lede_require(STEMMER libstemmer.h stemmer libstemmer-dev)
lede_require(JANSSON jansson.h jansson libjansson-dev)
