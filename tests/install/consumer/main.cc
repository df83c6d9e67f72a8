// A program outside the tree: extracts each article named on the command
// line with the built-in rules and prints "turns role=count ...".
#include <iostream>
#include <map>

#include "qaextract/qaextract.h"

int main(int argc, char** argv) {
  qaextract::RuleChoice rules;
  qaextract::Status s = qaextract::RuleChoice::Load({}, true, {}, &rules);
  for (int i = 1; s.ok() && i < argc; ++i) {
    qaextract::Source source;
    qaextract::Document doc;
    s = qaextract::ReadSource(argv[i], {}, &source);
    if (s.ok()) s = rules.Extract(source, {}, &doc);
    std::map<std::string, int> by_role;
    for (const qaextract::Speaker& speaker : doc.speakers) by_role[speaker.role] += speaker.turn_count;
    std::cout << doc.turns.size();
    for (const auto& [role, n] : by_role) std::cout << " " << role << "=" << n;
    std::cout << "\n";
  }
  if (!s.ok()) std::cerr << s.ToString() << "\n";
  return s.ok() ? 0 : 1;
}
