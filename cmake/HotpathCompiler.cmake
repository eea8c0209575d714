# The analyzer must be compiled by the clang it builds against.

# Before project(): with no compiler named (-DCMAKE_CXX_COMPILER or $CXX),
# use clang++-N / clang-N of HOTPATH_LLVM_VERSION when they are installed.
macro(hotpath_choose_compiler)
  if(HOTPATH_BUILD_ANALYZER AND NOT CMAKE_CXX_COMPILER AND NOT DEFINED ENV{CXX})
    find_program(_hotpath_clangxx NAMES clang++-${HOTPATH_LLVM_VERSION}
      PATHS /usr/lib/llvm-${HOTPATH_LLVM_VERSION}/bin)
    find_program(_hotpath_clang NAMES clang-${HOTPATH_LLVM_VERSION}
      PATHS /usr/lib/llvm-${HOTPATH_LLVM_VERSION}/bin)
    if(_hotpath_clangxx AND _hotpath_clang)
      set(CMAKE_CXX_COMPILER ${_hotpath_clangxx})
      if(NOT CMAKE_C_COMPILER AND NOT DEFINED ENV{CC})
        set(CMAKE_C_COMPILER ${_hotpath_clang})
      endif()
      message(STATUS "hotpath: compiling with ${_hotpath_clangxx} (LLVM ${HOTPATH_LLVM_VERSION})")
    endif()
  endif()
endmacro()

# After project(): anything but clang of the same major stops with the fix.
function(hotpath_require_clang major)
  string(REGEX MATCH "^[0-9]+" _major "${CMAKE_CXX_COMPILER_VERSION}")
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR NOT _major EQUAL major)
    message(FATAL_ERROR
      "hotpath's analyzer must be compiled by clang ${major} (the LLVM it builds "
      "against), but CMAKE_CXX_COMPILER is ${CMAKE_CXX_COMPILER} "
      "(${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}); a build with it would fail at "
      "link time.\n"
      "Fix: configure a new build directory with\n"
      "  -DCMAKE_CXX_COMPILER=clang++-${major} -DCMAKE_C_COMPILER=clang-${major}\n"
      "(or leave the compiler unset and hotpath picks them), or build only the runtime with "
      "-DHOTPATH_BUILD_ANALYZER=OFF.")
  endif()
endfunction()
