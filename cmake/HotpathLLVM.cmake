# Finds LLVM and Clang and defines hotpath_llvm_flags, an INTERFACE target carrying
# what every translation unit that includes LLVM/Clang headers needs.
if(NOT LLVM_DIR AND EXISTS /usr/lib/llvm-${HOTPATH_LLVM_VERSION}/lib/cmake/llvm)
  set(LLVM_DIR /usr/lib/llvm-${HOTPATH_LLVM_VERSION}/lib/cmake/llvm)
endif()
find_package(LLVM REQUIRED CONFIG)
if(NOT Clang_DIR)
  set(Clang_DIR ${LLVM_INSTALL_PREFIX}/lib/cmake/clang)
endif()
find_package(Clang REQUIRED CONFIG)
if(NOT LLVM_VERSION_MAJOR EQUAL HOTPATH_LLVM_VERSION AND NOT DEFINED CACHE{HOTPATH_LLVM_VERSION_WARNED})
  message(STATUS "hotpath: LLVM_DIR points at LLVM ${LLVM_VERSION_MAJOR}, not ${HOTPATH_LLVM_VERSION}; using ${LLVM_VERSION_MAJOR}")
endif()
set(HOTPATH_LLVM_MAJOR ${LLVM_VERSION_MAJOR})
hotpath_require_clang(${LLVM_VERSION_MAJOR})
message(STATUS "hotpath: LLVM ${LLVM_PACKAGE_VERSION} at ${LLVM_INSTALL_PREFIX}")

set(HOTPATH_LLVM_BIN ${LLVM_TOOLS_BINARY_DIR})
find_program(HOTPATH_CLANG_TIDY NAMES clang-tidy PATHS ${LLVM_TOOLS_BINARY_DIR} NO_DEFAULT_PATH)
find_program(HOTPATH_CLANGXX NAMES clang++ PATHS ${LLVM_TOOLS_BINARY_DIR} NO_DEFAULT_PATH)
# clang's builtin headers, pinned into the tool and hotpath-clangd (which do
# not live beside the compiler, where clang looks for them by default).
execute_process(COMMAND ${HOTPATH_CLANGXX} -print-resource-dir
  OUTPUT_VARIABLE HOTPATH_RESOURCE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)

add_library(hotpath_llvm_flags INTERFACE)
target_include_directories(hotpath_llvm_flags SYSTEM INTERFACE ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
separate_arguments(_hotpath_llvm_defs NATIVE_COMMAND "${LLVM_DEFINITIONS}")
target_compile_options(hotpath_llvm_flags INTERFACE ${_hotpath_llvm_defs})
target_compile_features(hotpath_llvm_flags INTERFACE cxx_std_17)
# Follow how LLVM itself was built, or vtables/typeinfo will not match.
if(NOT LLVM_ENABLE_RTTI)
  target_compile_options(hotpath_llvm_flags INTERFACE -fno-rtti)
endif()
if(NOT LLVM_ENABLE_EH)
  target_compile_options(hotpath_llvm_flags INTERFACE -fno-exceptions)
endif()
target_compile_options(hotpath_llvm_flags INTERFACE -fPIC -Wall -Wno-unused-parameter)
if(HOTPATH_ASSERTIONS)
  # After the build type's -DNDEBUG on the command line, so it wins.
  target_compile_options(hotpath_llvm_flags INTERFACE -UNDEBUG)
  message(STATUS "hotpath: assertions on in the analyzer")
endif()

# An OBJECT library of analyzer sources that include the checks' headers,
# compiled once for every front-end that links it.
function(hotpath_object_library name)
  add_library(${name} OBJECT ${ARGN})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/checks)
  target_link_libraries(${name} PRIVATE hotpath_llvm_flags)
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

# A plugin module for the host clang: clang-tidy's static libraries linked
# in with their symbols hidden; clang itself comes from the host's
# libclang-cpp (a second, static copy of clang would be loaded otherwise).
function(hotpath_plugin_module name output)
  add_library(${name} MODULE ${ARGN})
  target_link_libraries(${name} PRIVATE hotpath_llvm_flags
    ${LLVM_LIBRARY_DIR}/libclangTidy.a ${LLVM_LIBRARY_DIR}/libclangTidyUtils.a)
  target_link_options(${name} PRIVATE -Wl,--exclude-libs,ALL)
  set_target_properties(${name} PROPERTIES
    OUTPUT_NAME ${output} PREFIX ""
    LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib)
endfunction()
