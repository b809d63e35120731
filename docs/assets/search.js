// The guide's search, the same on both engines, loaded only when a reader opens search (keyboard.js opens the
// dialog of overrides/partials/search.html and imports this). It reads search/index.json, written after the
// build from the pages as readers see them (scripts/search_index.py), and finds the pages a reader means:
// any form of a word (apologise, apologizing, apology), British or American spelling, words typed without
// their apostrophes or hyphens, one slip of a key in a word of five letters or more, the beginning of a
// word still being typed, and the words docs/data/synonyms.yml groups as one (reply, respond).
import { stemmer } from "./vendor/stemmer.js";

const INDEX = new URL("../search/index.json", import.meta.url);
const SITE = new URL("../", import.meta.url);
const SHOWN = 10;
// Words that say nothing of what a reader looks for, left out when the query has others (as words() writes
// them: without apostrophes).
const SMALL = new Set(
  [
    "a about am an and are as at be been but by can could did do does for from get got had has have he her him",
    "his how i if in is it me my of on or our she should so that the their them then there they this to us was",
    "we were what when where which who why will with would you your its im ive id",
    "youre theyre dont doesnt didnt isnt arent wasnt wont cant couldnt shouldnt wouldnt", // codespell:ignore
  ]
    .join(" ")
    .split(" "),
);
// British spellings written the American way, on both sides: the index's words and the reader's.
const SPELLING = [
  [/([a-z]{2,})is(e|es|ed|ing|ation|ations)$/, "$1iz$2"],
  [/([a-z]{2,})ys(e|es|ed|ing)$/, "$1yz$2"],
  [/([a-z]{3,})our(s|ed|ing|ite|ites|able|ful|al|ally)?$/, "$1or$2"],
  [/([a-z]{2,})tre(s)?$/, "$1ter$2"], // codespell:ignore
  [/([a-z]{2,})ogue(s)?$/, "$1og$2"],
  [/([a-z]{2,}e)ll(ed|ing|er|ers|or|ors)$/, "$1l$2"],
  [/dgement(s)?$/, "dgment$1"],
];

// The words of a text, as the index and the reader both write them: lower case, without accents or
// apostrophes (don’t, don't and dont are one), a hyphenated word as its parts and as one (step-by-step).
export function words(text, joined = true) {
  const plain = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘ʼ`]/g, "")
    .replace(/\b(?:\p{L}\.){2,}/gu, (letters) => letters.replaceAll(".", "")) // F.A.Q. is FAQ
    .replace(/&/g, " and ");
  const found = [];
  for (const chunk of plain.split(/[^\p{L}\p{N}-]+/u)) {
    const parts = chunk.split("-").filter(Boolean);
    found.push(...parts);
    if (joined && parts.length > 1) found.push(parts.join(""));
  }
  return found;
}

export function spelled(word) {
  return SPELLING.reduce((spelling, [pattern, american]) => spelling.replace(pattern, american), word);
}

export function term(word) {
  return stemmer(spelled(word));
}

// One slip of a key: one letter missing, added, changed, or two neighbours swapped (Damerau–Levenshtein 1).
export function oneSlip(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (a[start] === b[start]) start += 1;
  const [restA, restB] = [a.slice(start + 1), b.slice(start + 1)];
  if (a.length === b.length) {
    return (
      restA === restB ||
      (a[start] === b[start + 1] && a[start + 1] === b[start] && a.slice(start + 2) === b.slice(start + 2))
    );
  }
  return a.length > b.length ? a.slice(start + 1) === b.slice(start) : a.slice(start) === b.slice(start + 1);
}

// Each section's terms, weighed (a heading's count three times), with a term for each synonym group it holds.
export function makeIndex(data) {
  const groups = new Map();
  const phrases = [];
  const vocabulary = new Map(); // each word's spelling, and its stem: the pages' words and the synonyms'
  data.synonyms.forEach((group, number) => {
    for (const member of group) {
      for (const word of words(member)) vocabulary.set(spelled(word), term(word));
      // A word; a phrase ("write back"); a hyphenated word, a phrase of its parts and one word joined.
      const terms = words(member, false).map(term);
      if (terms.length > 1) phrases.push([terms, `~${number}`]);
      // A phrase with a hyphenated word ("to-do list") typed with the word joined ("todo list").
      const joined = words(member.replace(/(\p{L})-(\p{L})/gu, "$1$2"), false).map(term);
      if (joined.length > 1 && joined.length < terms.length) phrases.push([joined, `~${number}`]);
      const one = terms.length === 1 ? terms[0] : !/\s/.test(member.trim()) && term(terms.join(""));
      // Two groups may hold forms of one word (limit, limits): it belongs to both.
      if (one) groups.set(one, [...(groups.get(one) ?? []), `~${number}`]);
    }
  });
  // The groups a text's terms hold: each term's own, and each phrase's found word for word.
  const inPhrases = (terms) => {
    const found = new Map();
    terms.forEach((_, at) => {
      for (const [phrase, group] of phrases) {
        if (phrase.every((part, offset) => terms[at + offset] === part)) {
          for (const part of phrase) found.set(part, group);
        }
      }
    });
    return found;
  };
  const withGroups = (terms) => [
    ...terms,
    ...terms.flatMap((one) => groups.get(one) ?? []),
    ...inPhrases(terms).values(),
  ];
  const sections = [];
  data.pages.forEach((page, pageNumber) => {
    page.sections.forEach(([id, heading, text], at) => {
      const weights = new Map();
      const add = (source, weight) => {
        const raw = words(source);
        for (const word of raw) vocabulary.set(spelled(word), term(word));
        for (const found of withGroups(raw.map(term))) weights.set(found, (weights.get(found) ?? 0) + weight);
      };
      add(heading, 3);
      add(text, 1);
      const length = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
      sections.push({ page: pageNumber, top: at === 0, id, heading, text, weights, length });
    });
  });
  const frequency = new Map();
  for (const section of sections) {
    for (const key of section.weights.keys()) frequency.set(key, (frequency.get(key) ?? 0) + 1);
  }
  const average = sections.reduce((sum, section) => sum + section.length, 0) / sections.length;
  const forms = new Map();
  for (const [spelling, stem] of vocabulary) forms.set(stem, [...(forms.get(stem) ?? []), spelling]);
  return { pages: data.pages, sections, groups, inPhrases, vocabulary, forms, frequency, average };
}

// What each word of the query may match, and how much it counts: itself 1, its group 0.9 (1.5 when it is part
// of a phrase of a group), a word it begins (four letters or more, or three while it is being typed) 0.8, a
// word one slip away 0.7. A hyphenated word typed is its parts ("step-by-step"); typed without hyphens, it is
// one ("stepbystep").
function readQuery(index, query) {
  const all = words(query, false);
  const last = all.at(-1);
  const phrased = index.inPhrases(all.map(term));
  const meaningful = all.filter((word) => !SMALL.has(word));
  const typed = meaningful.length ? meaningful : all;
  const stillTyping = /[\p{L}\p{N}]$/u.test(query);
  return typed.map((word, at) => {
    const spelling = spelled(word);
    const own = term(word);
    const options = new Map();
    // Another form of a word of the guide or of its synonyms (chance, of "chances"; seeming, of "seem": the
    // same stem, in up to three letters more or less) is no slip, nor the beginning of another word (read, of
    // "ready") unless it is the last one typed and may still grow. "readness" is a slip of "readiness", though
    // it has the stem of "read".
    const known = (index.forms.get(own) ?? []).some((form) => Math.abs(form.length - spelling.length) <= 3);
    const slipped = word.length >= 4 && !known;
    const better = (key, weight) => options.set(key, Math.max(options.get(key) ?? 0, weight));
    // A stem, and the groups it belongs to (a slip of a synonym finds the pages of its group: appology). codespell:ignore
    const take = (stem, weight) => {
      better(stem, weight);
      for (const group of index.groups.get(stem) ?? []) better(group, weight * 0.9);
    };
    take(own, 1);
    if (phrased.has(own)) better(phrased.get(own), 1.5); // a whole phrase typed says more than its words
    const typing = stillTyping && at === typed.length - 1 && word === last && word.length >= 3 && !SMALL.has(word);
    const begins = typing || (word.length >= 4 && !known);
    for (const [other, stem] of index.vocabulary) {
      if (begins && other.startsWith(spelling)) take(stem, 0.8);
      if (slipped && other.length >= 5 && (oneSlip(spelling, other) || oneSlip(word, other))) take(stem, 0.7);
    }
    return { word, options };
  });
}

function weight(index, section, key) {
  const count = section.weights.get(key);
  if (!count) return 0;
  const found = index.frequency.get(key);
  const rarity = Math.log(1 + (index.sections.length - found + 0.5) / (found + 0.5));
  return (rarity * count * 2.2) / (count + 1.2 * (0.25 + (0.75 * section.length) / index.average));
}

// The pages that answer a query, best first: each with its best section and the words that matched there.
export function search(index, query) {
  const asked = readQuery(index, query);
  if (!asked.length) return [];
  const best = new Map();
  for (const section of index.sections) {
    let score = 0;
    let met = 0;
    const matched = new Set();
    for (const { options } of asked) {
      let top = 0;
      for (const [key, worth] of options) {
        const found = worth * weight(index, section, key);
        if (found > 0) matched.add(key);
        top = Math.max(top, found);
      }
      score += top;
      if (top > 0) met += 1;
    }
    if (!met) continue;
    score *= met / asked.length;
    const held = best.get(section.page);
    if (!held || score > held.score) best.set(section.page, { section, score, matched });
  }
  // The words to mark: those matched, the words of each group matched, and a phrase's words where the phrase
  // itself is in the section (not "back" alone for "write back").
  const shown = (matched, section) => {
    const all = new Set(matched);
    for (const [stem, groups] of index.groups) if (groups.some((group) => matched.has(group))) all.add(stem);
    const said = index.inPhrases(words(`${section.heading} ${section.text}`, false).map(term));
    for (const [part, group] of said) if (matched.has(group)) all.add(part);
    return all;
  };
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.section.page - b.section.page)
    .map(({ section, score, matched }) => ({
      url: new URL(index.pages[section.page].url + (section.top ? "" : `#${section.id}`), SITE).href,
      title: index.pages[section.page].title,
      heading: section.top ? "" : section.heading,
      text: section.text,
      score,
      matched: shown(matched, section),
    }));
}

// The reader's dialog: results as they type, arrow keys between the field and the results, Enter for the first.
let loaded = null;
const wired = new WeakSet();

// The index, fetched once (again after a failure).
export function load() {
  if (!loaded) {
    loaded = fetch(INDEX)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
      .then(makeIndex);
    loaded.catch(() => {
      loaded = null;
    });
  }
  return loaded;
}

export function start(dialog) {
  const field = dialog.querySelector("input");
  const status = dialog.querySelector("[role=status]");
  const list = dialog.querySelector("ol");
  const say = (name, values = {}) => dialog.dataset[`say${name}`].replace(/\{(\w+)\}/g, (_, key) => values[key]);
  if (!loaded) status.textContent = say("Loading");
  // Enter marks the dialog (keyboard.js does, before this script has come) and the first result is followed
  // once the results for the words typed are there: at once, or when the index has come.
  const show = () =>
    load().then(
      (index) => {
        render(index, field.value, status, list, say);
        if (dialog.dataset.go === undefined || !dialog.open) return;
        delete dialog.dataset.go;
        list.querySelector("a")?.click();
      },
      () => {
        delete dialog.dataset.go;
        status.textContent = say("Unable");
      },
    );
  if (!wired.has(dialog)) {
    wired.add(dialog);
    field.addEventListener("input", () => {
      delete dialog.dataset.go; // more words typed after Enter: the reader has not chosen yet
      show();
    });
    dialog.addEventListener("keydown", (event) => move(event, field, list));
    dialog.querySelector("form").addEventListener("submit", (event) => {
      event.preventDefault();
      dialog.dataset.go = "";
      show();
    });
    // A result followed closes search (instant navigation brings the page in under it), and focus goes to
    // the section asked for once it is there, not back to the search button.
    list.addEventListener("click", (event) => {
      const link = event.target.closest("a");
      // Opened in another tab or window: the results stay for the next one.
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      dialog.close();
      document.activeElement?.blur(); // not on search's button, where an Enter pressed twice would open it again
      arrive(new URL(link.href));
    });
  }
  show();
}

// Focus on the heading of the section a result leads to, once the reader is there. The theme's instant
// navigation writes the page in after this click (the same page too, whole): focus follows what it writes,
// until the reader presses a key or taps, or for ten seconds.
function arrive(target) {
  let mine = null;
  const [before, from] = [document.querySelector("article"), location.pathname];
  const focus = () => {
    // Not yet: the address has not changed, or another page's article has not come in (the address may
    // change first).
    if (location.href !== target.href) return;
    if (location.pathname !== from && document.querySelector("article") === before) return;
    const id = decodeURIComponent(target.hash.slice(1));
    const heading = (id && document.getElementById(id)) || document.querySelector("article h1");
    if (!heading || document.activeElement === heading) return;
    if (!heading.matches("a[href], button, input, [tabindex]")) heading.tabIndex = -1;
    mine = heading;
    heading.focus(); // and into view: the theme does not scroll to the top of the page the reader is on
  };
  const watch = new MutationObserver(focus);
  // Focus the reader (or anything else) moved elsewhere is never taken back; a key pressed stops it too, but
  // Enter, which followed the result (pressed twice, say).
  const moved = (event) => event.target !== mine && stop();
  const pressed = (event) => event.key !== "Enter" && stop();
  function stop() {
    watch.disconnect();
    removeEventListener("keydown", pressed, true);
    removeEventListener("pointerdown", stop, true);
    removeEventListener("focusin", moved, true);
  }
  watch.observe(document.body, { childList: true, subtree: true });
  addEventListener("keydown", pressed, true);
  addEventListener("pointerdown", stop, true);
  addEventListener("focusin", moved, true);
  setTimeout(stop, 10000);
  requestAnimationFrame(focus);
}

function render(index, query, status, list, say) {
  const results = query.trim() ? search(index, query).slice(0, SHOWN) : [];
  list.replaceChildren(...results.map((result) => item(result)));
  if (!query.trim()) status.textContent = "";
  else if (!results.length) status.textContent = say("None", { query: query.trim() });
  else status.textContent = results.length === 1 ? say("One") : say("Many", { count: results.length });
}

function item(result) {
  const link = document.createElement("a");
  link.href = result.url;
  const title = document.createElement("span");
  title.className = "guide-search__page";
  title.append(marked(result.title, result.matched));
  link.append(title);
  if (result.heading) {
    const heading = document.createElement("span");
    heading.className = "guide-search__heading";
    heading.append(marked(result.heading, result.matched));
    link.append(heading);
  }
  if (result.text) {
    const text = document.createElement("span");
    text.className = "guide-search__text";
    text.append(marked(excerpt(result.text, result.matched), result.matched));
    link.append(text);
  }
  const entry = document.createElement("li");
  entry.append(link);
  return entry;
}

// About 160 characters of the text around its first matched word.
function excerpt(text, matched) {
  const at = [...text.matchAll(/[\p{L}\p{N}'’-]+/gu)].find((found) => hits(found[0], matched))?.index ?? 0;
  const start = at > 60 ? text.lastIndexOf(" ", at - 40) + 1 : 0;
  const end = text.indexOf(" ", start + 160);
  return `${start ? "… " : ""}${text.slice(start, end < 0 ? undefined : end)}${end < 0 ? "" : " …"}`;
}

function hits(word, matched) {
  return words(word).some((one) => matched.has(term(one)));
}

// The text, with whole words that matched in <mark> (never part of one), as text: nothing in it is markup.
function marked(text, matched) {
  const fragment = document.createDocumentFragment();
  let from = 0;
  for (const found of text.matchAll(/[\p{L}\p{N}'’-]+/gu)) {
    if (!hits(found[0], matched)) continue;
    fragment.append(text.slice(from, found.index));
    const mark = document.createElement("mark");
    mark.textContent = found[0];
    fragment.append(mark);
    from = found.index + found[0].length;
  }
  fragment.append(text.slice(from));
  return fragment;
}

// Down from the field to the results and between them, Up back to the field; a letter typed on a result goes
// to the field.
function move(event, field, list) {
  const letter = event.key.length === 1 && event.key !== " " && !event.ctrlKey && !event.metaKey && !event.altKey;
  if (letter && event.target !== field) field.focus();
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = [...list.querySelectorAll("a")];
  const at = event.target === field ? -1 : links.indexOf(event.target);
  if (at === -1 && event.target !== field) return;
  event.preventDefault();
  const next = event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : at - 1;
  (next < 0 ? field : links[next])?.focus();
}
