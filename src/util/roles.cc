#include "qaextract/roles.h"

#include "qaextract/spelling.h"

namespace qaextract {

const std::vector<RoleInfo>& KnownRoles() {
  static const std::vector<RoleInfo> roles = {
      {"interviewer", RoleSide::kAsks, "asks the questions of an interview"},
      {"host", RoleSide::kAsks, "hosts a show or podcast"},
      {"co-host", RoleSide::kAsks, "hosts beside another host"},
      {"moderator", RoleSide::kAsks, "leads a panel or meeting"},
      {"questioner", RoleSide::kAsks, "asks, not named (\"Q\", \"问\")"},
      {"audience", RoleSide::kAsks, "a member of the audience asking"},
      {"reporter", RoleSide::kAsks, "a reporter at a briefing"},
      {"interviewee", RoleSide::kAnswers, "answers in an interview"},
      {"guest", RoleSide::kAnswers, "a guest of a show"},
      {"panelist", RoleSide::kAnswers, "answers on a panel"},
      {"answerer", RoleSide::kAnswers, "answers, not named (\"A\", \"答\")"},
      {"respondent", RoleSide::kAnswers, "responds to questions"},
      {"witness", RoleSide::kAnswers, "answers at a hearing"},
      {"spokesperson", RoleSide::kAnswers, "answers at a briefing"},
      {"speaker", RoleSide::kNeither, "speaks, side unknown (the default)"},
      {"narrator", RoleSide::kNeither, "narrates between turns"},
      {"clip", RoleSide::kNeither, "a recording played in the show"},
      {"other", RoleSide::kNeither, "none of the above"},
  };
  return roles;
}

bool IsKnownRole(std::string_view role) {
  for (const RoleInfo& r : KnownRoles())
    if (role == r.name) return true;
  return false;
}

RoleSide SideOfRole(std::string_view role) {
  for (const RoleInfo& r : KnownRoles())
    if (role == r.name) return r.side;
  return RoleSide::kNeither;
}

std::string KnownRoleList() {
  std::string list;
  for (const RoleInfo& r : KnownRoles()) list += (list.empty() ? "" : ", ") + std::string(r.name);
  return list;
}

std::string UnknownRoleMessage(std::string_view role) {
  std::vector<std::string> names;
  for (const RoleInfo& r : KnownRoles()) names.emplace_back(r.name);
  return "unknown role '" + std::string(role) + "'" + DidYouMean(role, names) +
         " (roles: " + KnownRoleList() + ")";
}

}  // namespace qaextract
