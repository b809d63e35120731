// The checklist's stored ticks (checklist.js tickStore, beside this file), in Node, without a page: load, save,
// merge, carry-over, corrupted state, and storage that is blocked, full or read-only. The browser tests keep
// what only a page shows (journeys, two tabs, undo, printing, instant navigation).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { tickStore, VERSION } = require("./checklist.js");

const KEY = "/guide/checklist-state";
const SHARED = "checklist-state";
const KNOWN = ["reasons", "timing", "message"];

// A browser's localStorage as this test sets it up: `blocked` throws on every touch (site data blocked),
// `full` refuses every write, as a full or read-only storage does.
function device(items = {}, { blocked = false, full = false } = {}) {
  const kept = new Map(Object.entries(items));
  const storage = {
    getItem: (key) => (kept.has(key) ? kept.get(key) : null),
    setItem: (key, value) => {
      if (full) throw new Error("QuotaExceededError");
      kept.set(key, String(value));
    },
    removeItem: (key) => kept.delete(key),
  };
  const ticks = tickStore(
    () => {
      if (blocked) throw new Error("SecurityError");
      return storage;
    },
    KEY,
    SHARED,
  );
  return { ticks, kept };
}

const stored = (ids) => JSON.stringify({ v: VERSION, ids });

test("ticks saved load again, as ids only under the site's one key; asking if it is writable changes nothing", () => {
  const { ticks, kept } = device();
  assert.equal(ticks.writable(), true);
  assert.equal(kept.size, 0);
  assert.equal(ticks.save(["timing", "reasons"], KNOWN), true);
  assert.equal(ticks.writable(), true);
  assert.deepEqual([...kept], [[KEY, stored(["timing", "reasons"])]]);
  assert.deepEqual(ticks.load(), ["timing", "reasons"]);
});

test("nothing stored, corrupted state or another version loads as nothing ticked; the next save replaces it", () => {
  for (const value of [undefined, "{not json", stored(42), JSON.stringify({ v: VERSION + 1, ids: ["timing"] })]) {
    const { ticks, kept } = device(value === undefined ? {} : { [KEY]: value });
    assert.deepEqual(ticks.load(), [], String(value));
    assert.equal(ticks.save(["message"], KNOWN), true);
    assert.equal(kept.get(KEY), stored(["message"]), String(value));
  }
  const { ticks } = device({ [KEY]: stored(["timing", 7, null, "reasons"]) });
  assert.deepEqual(ticks.load(), ["timing", "reasons"]);
});

test("ids this list does not know stay stored when it saves, after its own", () => {
  const { ticks } = device({ [KEY]: stored(["timing", "from-a-newer-list"]) });
  ticks.save(["reasons"], KNOWN);
  assert.deepEqual(ticks.load(), ["reasons", "from-a-newer-list"]);
});

test("clearing every tick removes the key, unless the shared key would carry its ticks over again", () => {
  const alone = device({ [KEY]: stored(["timing"]) });
  assert.equal(alone.ticks.save([], KNOWN), true);
  assert.equal(alone.kept.has(KEY), false);
  const shared = device({ [KEY]: stored(["timing"]), [SHARED]: stored(["timing"]) });
  assert.equal(shared.ticks.save([], KNOWN), true);
  assert.equal(shared.kept.get(KEY), stored([]));
  assert.deepEqual(shared.ticks.carryOver(KNOWN), []);
});

test("blocked storage loads as unreadable, saves nothing and says so", () => {
  const { ticks } = device({}, { blocked: true });
  assert.equal(ticks.load(), null);
  assert.equal(ticks.save(["timing"], KNOWN), false);
  assert.equal(ticks.writable(), false);
  assert.deepEqual(ticks.carryOver(KNOWN), []);
});

test("full or read-only storage reads what it holds, says it cannot keep more, and changes nothing", () => {
  const { ticks, kept } = device({ [KEY]: stored(["timing"]) }, { full: true });
  assert.deepEqual(ticks.load(), ["timing"]);
  assert.equal(ticks.writable(), false);
  assert.equal(ticks.save(["timing", "reasons"], KNOWN), false);
  assert.equal(kept.get(KEY), stored(["timing"]));
});

test("ticks under the shared key are carried over once, only this list's, and kept under the site's key", () => {
  const { ticks, kept } = device({ [SHARED]: stored(["timing", "another-sites-item", "message"]) });
  assert.deepEqual(ticks.carryOver(KNOWN), ["timing", "message"]);
  assert.equal(kept.get(KEY), stored(["timing", "message"]));
  assert.equal(kept.get(SHARED), stored(["timing", "another-sites-item", "message"]), "the other sites' key stays");
  assert.deepEqual(ticks.carryOver(KNOWN), []);
});

test("nothing is carried over where the site has its own ticks, or the shared key holds no ticks of ours", () => {
  const own = device({ [KEY]: stored([]), [SHARED]: stored(["timing"]) });
  assert.deepEqual(own.ticks.carryOver(KNOWN), []);
  for (const value of ["{not json", stored(["someone-elses"]), JSON.stringify({ v: 0, ids: ["timing"] })]) {
    const { ticks, kept } = device({ [SHARED]: value });
    assert.deepEqual(ticks.carryOver(KNOWN), [], value);
    assert.equal(kept.has(KEY), false, value);
  }
});

test("ticks carried over where storage is full are shown though not kept", () => {
  const { ticks, kept } = device({ [SHARED]: stored(["reasons"]) }, { full: true });
  assert.deepEqual(ticks.carryOver(KNOWN), ["reasons"]);
  assert.equal(kept.has(KEY), false);
});
