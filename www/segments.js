// Marked text: a run's text as a list of segments, so the playground can
// show what was removed and what was repaired where it happened.
//
// A segment is `{t, k, f}`: its text, its kind and the id of the finding
// that made it. Kinds:
//   PLAIN     original text, still there
//   REMOVED   text a finding removed, shown struck through
//   ADDED     text a finding put in (a repaired character, a joiner)
//   REPLACED  text a repair replaced: not shown, the mark's details tell it
// A run's current text (what the detectors see in the next pass) is its
// PLAIN and ADDED segments joined.

export const PLAIN = 0;
export const REMOVED = 1;
export const ADDED = 2;
export const REPLACED = 3;

const visible = (s) => s.k === PLAIN || s.k === ADDED;

/** The current text of a segment list. */
export function textOf(segs) {
  let out = '';
  for (const s of segs) if (visible(s)) out += s.t;
  return out;
}

/**
 * How an edit's old text is shown: spam and banners stay in view struck
 * through; a repaired character is replaced in place (the old one is in the
 * mark's details), unless nothing replaces it.
 */
function oldKind(finding, newText) {
  if (newText === '') return REMOVED;
  return finding.kind === 'spam' || finding.kind === 'banner' ? REMOVED : REPLACED;
}

/**
 * Replaces current-text offsets [start, end) (UTF-16 units, as the core's
 * edits count them) with `newText`, keeping the old text as marked
 * segments. Returns the new list; `segs` is not changed.
 */
export function spliceSegments(segs, start, end, newText, finding) {
  const out = [];
  const gone = oldKind(finding, newText);
  let pos = 0;
  let inserted = false;
  const insert = () => {
    if (!inserted && newText !== '') out.push({ t: newText, k: ADDED, f: finding.id });
    inserted = true;
  };
  for (const s of segs) {
    if (!visible(s)) {
      out.push(s);
      continue;
    }
    if (!s.t) continue;
    const a = pos;
    const b = pos + s.t.length;
    pos = b;
    if (b <= start) {
      out.push(s);
      continue;
    }
    if (a >= end) {
      insert();
      out.push(s);
      continue;
    }
    if (a < start) out.push({ ...s, t: s.t.slice(0, start - a) });
    const inner = s.t.slice(Math.max(start, a) - a, Math.min(end, b) - a);
    if (inner) out.push({ t: inner, k: gone, f: finding.id, was: s.k === ADDED ? s.f : undefined });
    if (b > end) {
      insert();
      out.push({ ...s, t: s.t.slice(end - a) });
    }
  }
  insert();
  return out;
}

/** Marks every shown segment as removed by `finding` (a removed block). */
export function removeAll(segs, finding) {
  return segs.map((s) => (visible(s) ? { t: s.t, k: REMOVED, f: finding.id } : s));
}

/** Flattens segments for posting: [t, k, f, t, k, f, …] (f = -1 for plain text). */
export function flatten(segs, out = []) {
  for (const s of segs) out.push(s.t, s.k, s.f === undefined ? -1 : s.f);
  return out;
}
