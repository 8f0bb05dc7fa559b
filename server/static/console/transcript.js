// One call's transcript as the console shows it: committed finals in order, plus the
// latest partial of each open utterance (replaced by its final). Pure state, no DOM.

function key(segment) {
  return `${segment.speaker || "caller"}:${segment.utterance_id ?? ""}`;
}

export class Transcript {
  constructor() {
    this.finals = [];
    this.partials = new Map();
    this.seen = new Set();
  }

  /** Adds one segment ({kind, text, start, end, utterance_id, speaker}); false if a duplicate. */
  add(segment) {
    const text = (segment.text || "").trim();
    if (segment.kind === "partial") {
      if (text) this.partials.set(key(segment), { ...segment, text });
      else this.partials.delete(key(segment));
      return true;
    }
    this.partials.delete(key(segment));
    if (!text) return false;
    // The same final can come from the stored history and the live stream: keep one.
    const identity = `${key(segment)}:${Number(segment.start).toFixed(2)}:${text}`;
    if (this.seen.has(identity)) return false;
    this.seen.add(identity);
    this.finals.push({ ...segment, text });
    return true;
  }

  lines() {
    return [...this.finals, ...this.partials.values()];
  }
}

/** Splits `text` into [{text, marked}] around every case-insensitive occurrence of `terms`. */
export function markTerms(text, terms) {
  const wanted = terms.map((t) => t.trim().toLocaleLowerCase("vi")).filter((t) => t.length >= 2);
  if (!wanted.length) return [{ text, marked: false }];
  const lower = text.toLocaleLowerCase("vi");
  const hits = [];
  for (const term of wanted) {
    let at = lower.indexOf(term);
    while (at !== -1) {
      hits.push([at, at + term.length]);
      at = lower.indexOf(term, at + term.length);
    }
  }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const parts = [];
  let cursor = 0;
  for (const [start, end] of hits) {
    if (start < cursor) continue; // overlapping term: the longer, earlier one already covers it
    if (start > cursor) parts.push({ text: text.slice(cursor, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    cursor = end;
  }
  if (cursor < text.length) parts.push({ text: text.slice(cursor), marked: false });
  return parts;
}

/** Words to highlight: the red-flag matches and the classifier's cue words ("Từ khóa: a, b"). */
export function highlightTerms(call) {
  const terms = [...(call.red_flag_words || [])];
  for (const reason of call.reasons || []) {
    const match = /^Từ khóa:\s*(.+)$/u.exec(reason);
    if (match) terms.push(...match[1].split(","));
  }
  return terms;
}
