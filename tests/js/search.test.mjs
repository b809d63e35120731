// The guide's search (docs/assets/search.js) in Node, without a page: the words as both sides write them,
// one slip of a key, and the ranking on a small index of its own. The browser test runs every query made
// from the built pages (tests/test_search_browser.py).
import assert from "node:assert/strict";
import test from "node:test";
import { makeIndex, oneSlip, search, spelled, words } from "../../docs/assets/search.js";

test("apostrophes and dots go, a hyphenated word is its parts and one word, accents and case do not count", () => {
  assert.equal(words("Don’t, Do's — step-by-step CAFÉ").join(" "), "dont dos step by step stepbystep cafe");
  assert.deepEqual(words("step-by-step", false), ["step", "by", "step"]);
  assert.deepEqual(words("F.A.Q. or Q&A"), ["faq", "or", "q", "and", "a"]);
});

test("British spellings are read as American ones, and short words are left alone", () => {
  const american = { apologise: "apologize", apologising: "apologizing", behaviour: "behavior", centre: "center" };
  Object.assign(american, { dialogue: "dialog", travelled: "traveled", judgement: "judgment" });
  for (const [british, word] of Object.entries(american)) assert.equal(spelled(british), word);
  for (const word of ["four", "your", "hour", "rise", "wise"]) assert.equal(spelled(word), word);
});

test("one slip is a letter missing, added, changed, or two swapped; two slips are not", () => {
  for (const typed of ["timming", "tming", "tiding", "itming", "timign"]) assert.ok(oneSlip(typed, "timing"), typed);
  for (const typed of ["timing", "tmiign", "timingss", "tim"]) assert.ok(!oneSlip(typed, "timing"), typed);
});

// An index of its own: one page for each title, with its sections, or one section holding the text given.
const small = (synonyms, pages) =>
  makeIndex({
    synonyms,
    pages: Object.entries(pages).map(([title, text]) => ({
      url: `${title}/`,
      title,
      sections: Array.isArray(text) ? text : [[title, title, text]],
    })),
  });
const titles = (index, query) => search(index, query).map((result) => result.title);
const INDEX = small(
  [
    ["reply", "respond", "write back"],
    ["FAQ", "frequently asked questions"],
  ],
  {
    Home: "Welcome. Do not wait for a reply you will not get.",
    Timing: "Waiting too long might signal disinterest.",
    "Frequently Asked Questions": [
      ["frequently-asked-questions", "Frequently Asked Questions", ""],
      ["what-if-my-ex-doesnt-respond", "What if my ex doesn’t respond?", "No response is an answer."],
      ["should-i-apologize", "Should I apologize?", "Yes, for your part."],
    ],
  },
);

test("a query finds the page that means it, once: forms, spellings, slips, synonyms, phrases, words half typed", () => {
  assert.equal(search(INDEX, "apologies")[0].heading, "Should I apologize?");
  assert.equal(search(INDEX, "apologising")[0].heading, "Should I apologize?");
  assert.equal(search(INDEX, "apolgize")[0].heading, "Should I apologize?");
  assert.equal(search(INDEX, "what if they don't write back")[0].heading, "What if my ex doesn’t respond?");
  assert.equal(search(INDEX, "faq")[0].title, "Frequently Asked Questions");
  assert.equal(search(INDEX, "wait")[0].title, "Timing");
  assert.equal(search(INDEX, "disint")[0].title, "Timing");
  // The words of a question say nothing of the page: "should I" finds no page that asks "Should I".
  assert.equal(search(INDEX, "should I wait")[0].title, "Timing");
  assert.equal(search(INDEX, "what should I do if they dont respond")[0].heading, "What if my ex doesn’t respond?");
  // Each page is listed once, and nothing is found for words the guide lacks.
  const found = titles(INDEX, "respond answer apologize");
  assert.deepEqual(found, [...new Set(found)]);
  assert.equal(found[0], "Frequently Asked Questions");
  assert.deepEqual(search(INDEX, "zzqx"), []);
  assert.deepEqual(search(INDEX, "   "), []);
});

test("another form of a word of the guide is no slip, but a slip that looks like one is, or looks British", () => {
  const index = small([], {
    Questions: "Everyone deserves second chances.",
    Change: "People change, and things changed.",
    Steps: "Readiness comes first. Read this.",
    Ready: "Ready or not.",
  });
  assert.deepEqual(titles(index, "chance"), ["Questions"]);
  assert.ok(titles(index, "readness").includes("Steps"));
  // A whole word of the guide is no beginning of another, but the last word, still being typed, may be.
  assert.ok(!titles(index, "read first").includes("Ready"));
  assert.ok(titles(index, "read").includes("Ready"));
  // A slip in a word that looks British is a slip of the word as typed: gesutre finds gesture.
  const myths = small([], { Myths: "A grand gesture, a new picture." });
  for (const typed of ["gesutre", "pictrue", "gesture"]) assert.equal(titles(myths, typed)[0], "Myths", typed);
});

test("a slip of a synonym finds its group; a form of a synonym or of the guide's word is no slip", () => {
  const index = small(
    [
      ["sorry", "apology"],
      ["reach out", "write"],
      ["don'ts", "what not to do"],
    ],
    {
      FAQ: "Say you are sorry.",
      Timing: "Waiting is hard. It may seem long.",
      Steps: "Reach out when ready. Seeking answers.",
      "Do's and Don'ts": "Keep it short.",
    },
  );
  assert.equal(titles(index, "appology")[0], "FAQ");
  assert.deepEqual(titles(index, "writing to my ex"), ["Steps"]);
  assert.ok(!titles(index, "seeming").includes("Steps"));
  assert.equal(titles(index, "what not to do")[0], "Do's and Don'ts");
});
