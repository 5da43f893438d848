# Turns the migration scripts in sql/ into a generated C file, so the library
# carries its own schema and never reads sql/ at run time.  Pure CMake: each
# file becomes a C string literal built from hex escapes.
function(gig_embed_sql out_c)
	file(GLOB sql_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sql/[0-9][0-9][0-9][0-9]_*.sql)
	list(SORT sql_files)
	add_custom_command(
		OUTPUT ${out_c}
		COMMAND ${CMAKE_COMMAND} -DOUT=${out_c} "-DFILES=${sql_files}"
			-P ${PROJECT_SOURCE_DIR}/cmake/EmbedSqlScript.cmake
		DEPENDS ${sql_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedSqlScript.cmake
		COMMENT "Embedding SQL migrations"
		VERBATIM)
endfunction()
