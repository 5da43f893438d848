# Runs at build time (cmake -P): writes gig's manual page and shell
# completions by asking the freshly built gig itself (gig help --man,
# gig help --completion SHELL), so they always match its --help texts.
# Inputs: GIG (the binary), OUT (directory).
file(MAKE_DIRECTORY ${OUT})
set(ENV{ASAN_OPTIONS} "detect_leaks=0")
set(ENV{NO_COLOR} "1")
set(ENV{GIG_DB} "/nonexistent/gig-build.db")
foreach(job "--man;gig.1" "--completion;bash;gig.bash" "--completion;zsh;_gig"
		"--completion;fish;gig.fish")
	list(POP_BACK job file)
	execute_process(COMMAND ${GIG} help ${job} OUTPUT_FILE ${OUT}/${file}.tmp
		RESULT_VARIABLE rc)
	if(NOT rc EQUAL 0)
		message(FATAL_ERROR "gig help ${job} failed (${rc})")
	endif()
	file(RENAME ${OUT}/${file}.tmp ${OUT}/${file})
endforeach()
