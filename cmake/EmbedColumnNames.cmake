# Compiles data/column-names.ini (the header names the importer knows) into
# the library as a NUL-terminated byte array, gig__column_names_ini.
function(gig_embed_column_names out_c)
	set(ini ${PROJECT_SOURCE_DIR}/data/column-names.ini)
	add_custom_command(
		OUTPUT ${out_c}
		COMMAND ${CMAKE_COMMAND} -DOUT=${out_c} -DIN=${ini}
			-P ${PROJECT_SOURCE_DIR}/cmake/EmbedColumnNamesScript.cmake
		DEPENDS ${ini} ${PROJECT_SOURCE_DIR}/cmake/EmbedColumnNamesScript.cmake
		COMMENT "Embedding the column-name tables"
		VERBATIM)
endfunction()
