# Man pages from each command's --help (Debian's help2man): qaextract(1) and
# qaextract-COMMAND(1) for every command, installed to share/man/man1. A
# wrapper script per command gives help2man a program to run ("qaextract
# convert --help"). Skipped, with a message, without help2man.
find_program(HELP2MAN help2man)
if(NOT HELP2MAN)
  message(STATUS "help2man not found: no man pages (scripts/deps.sh installs it)")
  return()
endif()
set(QAEXTRACT_MAN_COMMANDS
  "convert|convert one article to JSON or YAML"
  "batch|extract many articles into a JSONL dataset, in parallel"
  "explain|show what every line became and which rule decided"
  "discover|find speakers, noise and headings in articles of an unknown source"
  "rules|work on rule files: lint, list, show, test, diff"
  "serve|open the rule playground, a local web page for writing rules")
set(man_dir ${CMAKE_BINARY_DIR}/man)
file(MAKE_DIRECTORY ${man_dir}/wrap)
set(man_pages ${man_dir}/qaextract.1)
add_custom_command(
  OUTPUT ${man_dir}/qaextract.1
  COMMAND ${HELP2MAN} --no-info --no-discard-stderr --version-string=${PROJECT_VERSION}
          "--name=turn published interviews into data" --output=${man_dir}/qaextract.1 $<TARGET_FILE:qaextract>
  DEPENDS qaextract
  COMMENT "Man page qaextract(1)")
foreach(entry ${QAEXTRACT_MAN_COMMANDS})
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 command)
  list(GET parts 1 summary)
  set(wrapper ${man_dir}/wrap/qaextract-${command})
  file(GENERATE OUTPUT ${wrapper} CONTENT "#!/bin/sh\nexec \"$<TARGET_FILE:qaextract>\" ${command} \"$@\"\n"
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  add_custom_command(
    OUTPUT ${man_dir}/qaextract-${command}.1
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --version-string=${PROJECT_VERSION}
            "--name=${summary}" --output=${man_dir}/qaextract-${command}.1 ${wrapper}
    DEPENDS qaextract
    COMMENT "Man page qaextract-${command}(1)")
  list(APPEND man_pages ${man_dir}/qaextract-${command}.1)
endforeach()
add_custom_target(qaextract_man ALL DEPENDS ${man_pages})
install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
