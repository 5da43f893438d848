# Warning and sanitizer flags live on INTERFACE targets so that only our own
# targets get them, never the global CMAKE_C_FLAGS.
add_library(gig_warnings INTERFACE)
target_compile_options(gig_warnings INTERFACE
	-Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
	-Wformat=2 -Wwrite-strings -Wno-format-nonliteral)
if(GIG_WERROR)
	target_compile_options(gig_warnings INTERFACE -Werror)
endif()

add_library(gig_sanitize INTERFACE)
if(GIG_FUZZ)
	# libFuzzer needs coverage instrumentation in the library, not only the harness
	if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
		message(FATAL_ERROR "GIG_FUZZ=ON needs clang (CC=clang cmake ...)")
	endif()
	target_compile_options(gig_sanitize INTERFACE -fsanitize=fuzzer-no-link,address,undefined
		-fno-omit-frame-pointer -fno-sanitize-recover=all)
	target_link_options(gig_sanitize INTERFACE -fsanitize=address,undefined)
elseif(GIG_SANITIZE)
	target_compile_options(gig_sanitize INTERFACE
		-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
	target_link_options(gig_sanitize INTERFACE -fsanitize=address,undefined)
endif()

# We write C11 plus POSIX.1-2008 (open flags, localtime_r, fdopen, ...).
target_compile_definitions(gig_warnings INTERFACE _XOPEN_SOURCE=700)
