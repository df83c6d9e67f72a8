// Who asks and who answers with three or more speakers, from the turn
// structure: made-up articles in each multi-party shape (a briefing, a
// moderated panel, co-hosts and a guest, a group interview, a meeting,
// peers talking), each checked for the side of every speaker.
#include <doctest/doctest.h>

#include <map>

#include "qaextract/roles.h"
#include "testing/test_util.h"

namespace qaextract {
namespace {

// Speaker id -> side, for the built-in library's extraction of `text`.
std::map<std::string, RoleSide> Sides(const std::string& text) {
  const Document doc = testing::ExtractWithBuiltins(text);
  std::map<std::string, RoleSide> sides;
  for (const Speaker& s : doc.speakers) sides[s.id] = SideOfRole(s.role);
  return sides;
}

std::string Lines(const std::vector<std::string>& lines) {
  std::string out = "A made-up transcript\n\n";
  for (const std::string& l : lines) out += l + "\n\n";
  return out;
}

}  // namespace

TEST_CASE("Roles: a briefing: one official answers, reporters ask, other officials answer beside it") {
  const auto sides = Sides(Lines({
      "Minister Ayala: Good morning. We have three updates on the water supply today.",
      "Reporter Chen: How many districts are still without water this morning?",
      "Minister Ayala: Four districts, down from eleven on Monday, and crews are in all four.",
      "Engineer Okafor: The pumps in the fourth district restart tonight after the repairs.",
      "Minister Ayala: Thank you. Next question please.",
      "Reporter Brandt: When will the boil-water notice be lifted for the east side?",
      "Minister Ayala: When two tests in a row come back clean, most likely on Friday.",
      "Reporter Chen: And will households be refunded for the days without water?",
      "Minister Ayala: Yes, the refund is automatic and shows on the next bill.",
      "Reporter Brandt: Is the cause of the burst main known yet?",
      "Minister Ayala: Not yet. Engineer Okafor can say what the crews have found so far.",
      "Engineer Okafor: Corrosion at a joint laid in the sixties, which we are now checking citywide.",
      "Minister Ayala: That is all for today, thank you all.",
  }));
  CHECK(sides.at("minister-ayala") == RoleSide::kAnswers);
  CHECK(sides.at("engineer-okafor") == RoleSide::kAnswers);
  CHECK(sides.at("reporter-chen") == RoleSide::kAsks);
  CHECK(sides.at("reporter-brandt") == RoleSide::kAsks);
}

TEST_CASE("Roles: a panel: the moderator everyone answers asks") {
  const auto sides = Sides(Lines({
      "Moderator: Welcome to the panel. What brought each of you to open hardware?",
      "Ines Duarte: A broken laptop I could not repair, and a manual I could not get.",
      "Moderator: And you, what was it for you?",
      "Tom Becker: Teaching. Students learn more from a board they can open up.",
      "Moderator: Where does the money come from, then?",
      "Ines Duarte: Grants at first, now small batches that we sell at cost plus a margin.",
      "Moderator: Is that enough to pay people?",
      "Tom Becker: Barely. Most of us have a day job next to it.",
      "Moderator: What would change that?",
      "Ines Duarte: Public buyers choosing repairable devices in their tenders.",
  }));
  CHECK(sides.at("moderator") == RoleSide::kAsks);
  CHECK(sides.at("ines-duarte") == RoleSide::kAnswers);
  CHECK(sides.at("tom-becker") == RoleSide::kAnswers);
}

TEST_CASE("Roles: two co-hosts and a guest: both hosts ask, the guest answers") {
  const auto sides = Sides(Lines({
      "Priya: Welcome back to the show. Today our guest builds violins. How did that start?",
      "Marco Ruiz: With a cheap violin that sounded terrible, so I opened it up.",
      "Sam: What did you find inside?",
      "Marco Ruiz: A bass bar glued at the wrong angle, which is more common than you would think.",
      "Priya: How long does one violin take you now?",
      "Marco Ruiz: About two hundred hours, spread over three months of drying and varnish.",
      "Sam: Do you ever play the ones you make?",
      "Marco Ruiz: Badly, but yes, every one of them before it leaves the shop.",
      "Priya: Where can people hear them?",
      "Marco Ruiz: At the spring concert in the old town hall, most years.",
  }));
  CHECK(sides.at("priya") == RoleSide::kAsks);
  CHECK(sides.at("sam") == RoleSide::kAsks);
  CHECK(sides.at("marco-ruiz") == RoleSide::kAnswers);
}

TEST_CASE("Roles: a group interview: the interviewer asks, the others hardly do") {
  const auto sides = Sides(Lines({
      "Lena: Thanks for joining. Who wants to start with what the team shipped this year?",
      "Olu: I will. We shipped the new scheduler and moved every job onto it.",
      "Lena: What was the hardest part of that?",
      "Rafael: Jobs that assumed they ran alone, and broke when they did not.",
      "Lena: How did you find those?",
      "Olu: By running everything twice in staging for a month and comparing the outputs.",
      "Kim: And by asking the teams, which found more than the tests did.",
      "Lena: What comes next year?",
      "Rafael: Cost. The cluster doubled and the budget did not.",
      "Kim: Also the docs, which nobody has touched since the move.",
  }));
  CHECK(sides.at("lena") == RoleSide::kAsks);
  CHECK(sides.at("olu") == RoleSide::kAnswers);
  CHECK(sides.at("rafael") == RoleSide::kAnswers);
  CHECK(sides.at("kim") == RoleSide::kAnswers);
}

TEST_CASE("Roles: meeting notes: members ask one another, the one who opens and speaks most chairs") {
  const auto sides = Sides(Lines({
      "AB: Let us start. First item is the release date; where are we?",
      "CD: Two blockers left. Can we move the date by a week?",
      "AB: I would rather cut the feature than move the date.",
      "EF: Which feature would we cut, the export or the sync?",
      "CD: The export; nobody asked for it yet.",
      "AB: Agreed then. Second item is hiring.",
      "EF: Do we have the budget for two people or one?",
      "GH: One now and one in the spring, finance said.",
      "AB: Fine. Anything else before we close?",
      "GH: Only that the offsite moved to May.",
  }));
  CHECK(sides.at("ab") == RoleSide::kAsks);  // the chair
  CHECK(sides.at("cd") == RoleSide::kAnswers);
  CHECK(sides.at("ef") == RoleSide::kAnswers);
  CHECK(sides.at("gh") == RoleSide::kAnswers);
}

TEST_CASE("Roles: a transcript of peers: nobody leads by asking, all take part") {
  const auto sides = Sides(Lines({
      "Driver: Fuel pressure is steady and the engine is warm.",
      "Ground: Roger, we see the same here.",
      "Driver: Starting the first lap now.",
      "Timing: We have you on the line, looking good.",
      "Driver: The track is dry, no clouds all the way to the hills.",
      "Ground: Copy, the pit crew is ready.",
      "Driver: Tyres are fine and the brakes are good.",
      "Timing: We lose the radio in thirty seconds behind the hill.",
      "Driver: Crossing the line now, it looks good.",
  }));
  for (const auto& [id, side] : sides) {
    CAPTURE(id);
    CHECK(side == RoleSide::kAnswers);
  }
}

TEST_CASE("Roles: co-hosts who introduce themselves as the show opens all ask") {
  const auto sides = Sides(Lines({
      "Lena Park: Welcome to the reading club, episode nine. I'm Lena Park.",
      "Omar Haddad: I'm Omar.",
      "Ruth Klein: And I'm Ruth Klein.",
      "Lena Park: So, Ruth, you finished the book first, right?",
      "Ruth Klein: I did, in two evenings, and I have a lot to say about the last chapter.",
      "Omar Haddad: Same here, the ending surprised me.",
      "Ruth Klein: It surprised everyone I talked to.",
      "Lena Park: What did you think of the narrator?",
      "Ruth Klein: Unreliable, and on purpose, which only shows in the last pages.",
      "Omar Haddad: I trusted her until the very end.",
      "Ruth Klein: That was the point, I think.",
      "Lena Park: Next time we read the sequel, so stay tuned.",
  }));
  for (const auto& [id, side] : sides) {
    CAPTURE(id);
    CHECK(side == RoleSide::kAsks);
  }
}

TEST_CASE("Roles: hosts introduce themselves, then a guest they introduce answers") {
  const auto sides = Sides(Lines({
      "Lena Park: Welcome to the reading club. I'm Lena Park.",
      "Omar Haddad: I'm Omar Haddad.",
      "Ruth Klein: And I'm Ruth.",
      "Lena Park: Today our guest wrote the book we read. Welcome, how did it start?",
      "Ada Stone: Thank you for having me. It started with a diary I found in an attic.",
      "Omar Haddad: Was the narrator in the diary too?",
      "Ada Stone: Only her voice. Everything else I made up around it.",
      "Ruth Klein: Why does she lie to the reader?",
      "Ada Stone: Because she lies to herself first, and the reader is her mirror.",
  }));
  CHECK(sides.at("lena-park") == RoleSide::kAsks);
  CHECK(sides.at("omar-haddad") == RoleSide::kAsks);
  CHECK(sides.at("ruth-klein") == RoleSide::kAsks);
  CHECK(sides.at("ada-stone") == RoleSide::kAnswers);
}

TEST_CASE("Roles: a moderator who asks a panel to introduce themselves stays the one who asks") {
  const auto sides = Sides(Lines({
      "Moderator: I'm the moderator today. Could each of you introduce yourself?",
      "Ines Duarte: I'm Ines, I repair laptops.",
      "Tom Becker: I'm Tom, I teach electronics.",
      "Moderator: What brought each of you to open hardware?",
      "Ines Duarte: A broken laptop I could not repair, and a manual I could not get.",
      "Moderator: And you?",
      "Tom Becker: Teaching. Students learn more from a board they can open up.",
      "Moderator: Where does the money come from, then?",
      "Ines Duarte: Grants at first, now small batches that we sell at cost plus a margin.",
  }));
  CHECK(sides.at("moderator") == RoleSide::kAsks);
  CHECK(sides.at("ines-duarte") == RoleSide::kAnswers);
  CHECK(sides.at("tom-becker") == RoleSide::kAnswers);
}

TEST_CASE("Roles: audience questions: each member asks once, the speaker answers, the moderator asks") {
  const auto sides = Sides(Lines({
      "Moderator: We have time for questions from the audience. Please keep them short.",
      "Priya Nair: Thank you for the talk. How do you choose which rivers to restore first?",
      "Dr. Osei: We start where the fish still come back, because the work pays off soonest there.",
      "Tom Berg: What does a restoration cost per kilometre?",
      "Dr. Osei: Between two and five hundred thousand, depending on the banks.",
      "Lena Vogt: Do farmers along the rivers support it?",
      "Dr. Osei: Most do once they see the floods drop. The first year is the hardest.",
      "Marco Ruiz: Is there a river you would not touch?",
      "Dr. Osei: Yes, the ones that feed a city's water supply: the risk is too high there.",
      "Moderator: One last question.",
      "Ana Lima: Where can students join the project?",
      "Dr. Osei: On our website; we take volunteers every summer.",
  }));
  CHECK(sides.at("dr-osei") == RoleSide::kAnswers);
  for (const char* asker : {"moderator", "priya-nair", "tom-berg", "lena-vogt", "marco-ruiz", "ana-lima"}) {
    CAPTURE(asker);
    CHECK(sides.at(asker) == RoleSide::kAsks);
  }
}

}  // namespace qaextract
