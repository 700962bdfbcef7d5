// Stage 3: a document -> mentions and the relations between them.
//
// extract() reads the normalised sentences of a Document and finds people, job
// titles, organisations and events from the structure of the text (appositive
// chains ORG TITLE NAME, enumerations sharing one title, foreign names joined
// by a middle dot, surname + title re-mentions) and from the Lexicon's word
// lists. It never fails: text it cannot read simply yields fewer mentions.
//
// Every Mention keeps code-point offsets into the document's original text
// (|start|, |end|, end exclusive) and into its normalised text. Relations name
// entities by index into the Extraction's vectors, and carry the sentence and
// the original span that justify them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "guanxi/document.hpp"
#include "guanxi/lexicon.hpp"

namespace guanxi {

class Tagger;

enum class MentionType { person, title, organization, event };
enum class Role { attended, hosted, spoke, presented };

struct Mention {
  MentionType type;
  std::string text;         // normalised text of the mention (UTF-8)
  std::size_t start = 0;    // code points in Document::original
  std::size_t end = 0;
  std::size_t norm_start = 0;  // code points in Document::norm.text
  std::size_t norm_end = 0;
  std::size_t sentence = 0;    // index into Document::sentences
};

// Where a relation was read: the sentence and the original span covering its mentions.
struct Evidence {
  std::size_t sentence = 0;
  std::size_t start = 0;
  std::size_t end = 0;
};

struct Person {
  std::string name;
  std::vector<std::size_t> mentions;  // indexes into Extraction::mentions
};

struct Organization {
  std::string name;                   // full name as written, parent prefixed for sub-units
  std::vector<std::string> aliases;   // other forms used in the document
  std::vector<std::size_t> mentions;
};

struct Event {
  std::string name;
  std::vector<std::size_t> mentions;
  std::string place;  // where the text says it was held (在京 -> 京), empty if not said
  std::string date;   // when, as written (近日, 2023年5月8日), empty if not said
};

struct Affiliation {
  std::size_t person = 0;
  std::size_t org = 0;
  std::string title;   // without 原/前
  bool former = false;
  Evidence evidence;
};

struct Attendance {
  std::size_t person = 0;
  std::size_t event = 0;
  Role role = Role::attended;
  Evidence evidence;
};

struct Organizing {
  std::size_t org = 0;
  std::size_t event = 0;
  Evidence evidence;
};

enum class OrgRelationKind { part_of, member_of };

struct OrgRelation {
  std::size_t from = 0;  // the sub-unit or the member
  std::size_t to = 0;    // the parent or the body joined
  OrgRelationKind kind = OrgRelationKind::part_of;
  Evidence evidence;
};

struct Extraction {
  std::vector<Mention> mentions;  // in text order
  std::vector<Person> persons;
  std::vector<Organization> organizations;
  std::vector<Event> events;
  std::vector<Affiliation> affiliations;
  std::vector<Attendance> attendances;
  std::vector<Organizing> organizings;
  std::vector<OrgRelation> org_relations;
};

// |tagger| is the statistical tagger (tagger.hpp) consulted where no rule
// applies; nullptr means the built-in model.
Extraction extract(const Document& doc, const Lexicon& lexicon = Lexicon::builtin(),
                   const Tagger* tagger = nullptr);

const char* to_string(MentionType type);
const char* to_string(Role role);

}  // namespace guanxi
