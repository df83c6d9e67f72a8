// Speaker roles: the vocabulary a rule file's `role:` and the command line's
// --role and --chat-role take, and the side of the dialogue each is on.
//
// The asking side (interviewer, host, co-host, moderator, questioner,
// audience, reporter) leads: its turns are the questions of qa-pairs and the
// `user` messages of the chat view. The answering side (interviewee, guest,
// panelist, answerer, respondent, witness, spokesperson) answers. `speaker`
// (the default when a rule file names no role), `narrator`, `clip` and
// `other` are on neither side.
#ifndef QAEXTRACT_INCLUDE_ROLES_H_
#define QAEXTRACT_INCLUDE_ROLES_H_

#include <string>
#include <string_view>
#include <vector>

namespace qaextract {

enum class RoleSide { kAsks, kAnswers, kNeither };

struct RoleInfo {
  const char* name;
  RoleSide side;
  const char* meaning;  // one line, for docs and error messages
};

// Every known role, asking side first.
const std::vector<RoleInfo>& KnownRoles();

// True when `role` is in the vocabulary.
bool IsKnownRole(std::string_view role);

// The side of `role`; kNeither for `speaker`, `narrator`, `clip`, `other`
// and for words outside the vocabulary.
RoleSide SideOfRole(std::string_view role);

// "interviewer, host, ...": the vocabulary for error messages.
std::string KnownRoleList();

// The error message for an unknown role: the accepted list and, when one is
// close, "did you mean 'interviewer'?".
std::string UnknownRoleMessage(std::string_view role);

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_ROLES_H_
