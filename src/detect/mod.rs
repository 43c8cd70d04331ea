//! The detectors, one a module, and the step that merges what they find into
//! one consistent plan.
//!
//! Every detector reads the original document and returns findings against
//! it; none sees another's changes. [`analyze`] then drops findings that
//! collide, in priority order (banner, spam, linebreak, punctuation), so the
//! plan can be applied in any order and undone edit by edit.

pub mod banner;
pub mod linebreak;
pub mod punctuation;
pub mod spam;

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::finding::{Action, Edit, Finding, Kind, Reason, Signal, Utf16Cursor};
use crate::lang::Profile;
use crate::model::{Block, Document};
use crate::text::PageTokens;

/// All findings for `doc`, non-overlapping, ordered by block, with ids set.
pub fn analyze(doc: &Document) -> Vec<Finding> {
    analyze_with(doc, &mut Memo::default())
}

/// [`analyze`], reusing what `memo` kept from the previous pass and
/// leaving there what the next pass may reuse.
pub fn analyze_with(doc: &Document, memo: &mut Memo) -> Vec<Finding> {
    // Unpaired with an earlier pass, what the memo holds is for another document.
    if !memo.pairs_blocks() {
        memo.profiles = BlockProfiles::fresh(doc.blocks.len());
    }
    // The blocks' texts and their words: the banner and spam detectors
    // both read them, so they are found once. On a first pass the banner
    // detector reads each block's tail while its words are in cache; a
    // later pass takes the words of the blocks it did not change from the
    // pass before, and reads the tails of the others so.
    let texts: Vec<Cow<str>> = doc.blocks.iter().map(Block::joined).collect();
    let mut tails = Vec::new();
    let words = if memo.pairs_blocks() {
        // A block the pass before changed has no tail kept: it is read
        // from its words too, not scanned byte by byte.
        tails.resize(texts.len(), None);
        memo.words.carried(&texts, memo, |b, text, words| {
            tails[b] = banner::tail_concepts_of_words(text, words)
        })
    } else {
        Some(PageTokens::of_each(&texts, |text, words| {
            tails.push(banner::tail_concepts_of_words(text, words))
        }))
    };
    let mut found = Vec::new();
    found.extend(banner::detect_with(doc, memo, tails));
    found.extend(spam::detect_with(doc, memo, &texts, words.as_ref()));
    found.extend(linebreak::detect_with(doc, memo));
    found.extend(punctuation::detect_with(doc, memo));
    // The pairing was for this document: without a new one, nothing is reused.
    memo.origin.clear();
    let found = resolve(doc, found);
    // Findings make another pass, which reads most blocks' words again.
    memo.words = match &words {
        Some(words) if !found.is_empty() => PageWords::of(words),
        _ => PageWords::default(),
    };
    found
}

/// The words of each block of a pass's document, as byte ranges of its
/// text, kept for the next pass: tokenizing the page again was a good part
/// of the pass that confirms nothing is left to do.
#[derive(Default)]
struct PageWords {
    /// (start, length) of each word, block after block.
    spans: Vec<(u32, u32)>,
    /// Block `b`'s words are `spans[bounds[b]..bounds[b + 1]]`.
    bounds: Vec<usize>,
}

impl PageWords {
    /// The words of `page`; none when a text is too long for the spans.
    fn of(page: &PageTokens) -> Self {
        let fits = |t: &crate::text::Token| u32::try_from(t.end()).is_ok();
        if !page.toks.iter().all(fits) {
            return PageWords::default();
        }
        let mut bounds = Vec::with_capacity(page.blocks() + 1);
        bounds.push(0);
        bounds.extend((0..page.blocks()).map(|b| page.block_end(b)));
        PageWords {
            spans: page
                .toks
                .iter()
                .map(|t| (t.start as u32, t.word.len() as u32))
                .collect(),
            bounds,
        }
    }

    /// The words of `texts`, the blocks of the document `memo` pairs with
    /// the one these words are of: a paired block's words are its equal's,
    /// the others' are found, and handed to `fresh` with their block's
    /// index and text while they are in cache. `None` when no words were
    /// kept.
    fn carried<'a>(
        &self,
        texts: &'a [Cow<'a, str>],
        memo: &Memo,
        mut fresh: impl FnMut(usize, &str, &[crate::text::Token]),
    ) -> Option<PageTokens<'a>> {
        if self.bounds.is_empty() {
            return None;
        }
        let mut page = PageTokens::for_texts(texts);
        for (b, text) in texts.iter().enumerate() {
            match memo.earlier(b).and_then(|e| self.bounds.get(e..=e + 1)) {
                Some(&[from, to]) => page.push_spans(text, &self.spans[from..to]),
                _ => {
                    page.push(text);
                    fresh(b, text, page.block(b));
                }
            }
        }
        Some(page)
    }
}

/// What a cleaning pass leaves for the next: results that depend on one
/// block's content alone. A pass after the first mostly confirms that
/// nothing is left to do, on a page whose blocks are almost all those the
/// previous pass read.
#[derive(Default)]
pub struct Memo {
    /// Per block of the document being analyzed, a block of the previous
    /// pass's document that is equal to it, if one was found.
    origin: Vec<Option<usize>>,
    /// Per block of the previous pass's document, the banner detector's
    /// concepts of its tail.
    banner_tails: banner::TailConcepts,
    /// Per block of the previous pass's document, the candidate phrases
    /// the spam detector saw in it.
    spam_sightings: spam::SightingsMemo,
    /// Per block of the previous pass's document, whether the punctuation
    /// detector found it quiet whatever the page.
    punctuation_quiet: punctuation::QuietBlocks,
    /// Per block of the previous pass's document, whether it was found
    /// broken after an abbreviation before the next block.
    linebreak_breaks: linebreak::Breaks,
    /// Per block of the document being analyzed, its language profile.
    profiles: BlockProfiles,
    /// The words of the previous pass's document, when it had findings.
    words: PageWords,
}

/// The language profile of each block (its runs added one by one), made
/// when first asked for: the banner and spam detectors both profile the
/// page, and a later pass reuses the profiles of unchanged blocks.
/// Boxed, so the many blocks never profiled cost a pointer each.
#[derive(Default)]
pub(crate) struct BlockProfiles(Vec<OnceCell<Box<Profile>>>);

impl BlockProfiles {
    fn fresh(blocks: usize) -> Self {
        BlockProfiles((0..blocks).map(|_| OnceCell::new()).collect())
    }

    /// The profile of block `i` of `doc`, the document these profiles are for.
    pub(crate) fn get(&self, doc: &Document, i: usize) -> &Profile {
        self.0[i].get_or_init(|| {
            let mut p = Profile::default();
            for r in &doc.blocks[i].runs {
                p.add(&r.text);
            }
            Box::new(p)
        })
    }
}

/// How far past the last matched block [`Memo::carry`] looks for an equal
/// one: a pass removes or joins a few blocks in a row at most.
const CARRY_LOOKAHEAD: usize = 4;

impl Memo {
    /// Readies the memo for `next`, the document made from `prev` (the one
    /// the memo was filled on): pairs each block of `next` with an equal
    /// block of `prev`, in order. Results are reused only between equal
    /// blocks, so a poor pairing costs time, never a different result.
    pub fn carry(&mut self, prev: &Document, next: &Document) {
        let mut from = 0;
        let origin: Vec<Option<usize>> = next
            .blocks
            .iter()
            .map(|block| {
                let window = from..(from + CARRY_LOOKAHEAD).min(prev.blocks.len());
                let at = window.into_iter().find(|&i| prev.blocks[i] == *block)?;
                from = at + 1;
                Some(at)
            })
            .collect();
        self.carry_pairs(origin);
    }

    /// [`Memo::carry`] with the pairing known: for each block of the next
    /// document, an equal block of the previous one, each paired once at
    /// most, in order.
    pub(crate) fn carry_pairs(&mut self, origin: Vec<Option<usize>>) {
        // Each earlier block pairs with one block at most: its profile moves.
        let mut earlier = std::mem::take(&mut self.profiles.0);
        self.profiles.0 = origin
            .iter()
            .map(|o| {
                o.and_then(|e| earlier.get_mut(e)?.take())
                    .map_or_else(OnceCell::new, OnceCell::from)
            })
            .collect();
        self.origin = origin;
    }

    /// Sizes the block profiles for `doc`, when they are for another document.
    fn ready(&mut self, doc: &Document) {
        if self.profiles.0.len() != doc.blocks.len() {
            self.profiles = BlockProfiles::fresh(doc.blocks.len());
        }
    }

    /// The block of the previous pass's document equal to block `b`, if any.
    pub(crate) fn earlier(&self, b: usize) -> Option<usize> {
        self.origin.get(b).copied().flatten()
    }

    /// Whether blocks of the document being analyzed are paired with the
    /// previous pass's (so results may be reused).
    fn pairs_blocks(&self) -> bool {
        !self.origin.is_empty()
    }
}

/// Keeps the first of any colliding findings (detector order is priority
/// order) and drops findings that would change code: verbatim blocks,
/// edits in verbatim runs, removal of a block that holds one.
fn resolve(doc: &Document, found: Vec<Finding>) -> Vec<Finding> {
    let mut removed = vec![false; doc.blocks.len()];
    let mut joined = vec![false; doc.blocks.len()];
    // Per block, the ranges edits already hold.
    let mut taken: Vec<Taken> = (0..doc.blocks.len()).map(|_| Taken::default()).collect();
    let mut kept: Vec<Finding> = Vec::new();

    for mut f in found {
        let Some(block) = doc.blocks.get(f.block) else {
            continue;
        };
        if block.verbatim {
            continue;
        }
        if f.action == Action::Edit {
            let b = f.block;
            yield_shared_spaces(block, &mut f, &taken[b].held);
        }
        let ok = match f.action {
            Action::RemoveBlock => {
                !block.has_verbatim_run()
                    && !removed[f.block]
                    && !joined[f.block]
                    && (f.block == 0 || !joined[f.block - 1])
                    && taken[f.block].held.is_empty()
            }
            Action::JoinNext => {
                let next = f.block + 1;
                next < doc.blocks.len()
                    && !doc.blocks[next].verbatim
                    && !removed[f.block]
                    && !removed[next]
                    && !joined[f.block]
            }
            Action::Edit => {
                !removed[f.block]
                    && f.edits.iter().all(|e| {
                        block.runs.get(e.run).is_some_and(|r| !r.verbatim)
                            && !taken[f.block].collides(e.run, e.start, e.end)
                    })
            }
        };
        if !ok {
            continue;
        }
        match f.action {
            Action::RemoveBlock => removed[f.block] = true,
            Action::JoinNext => joined[f.block] = true,
            Action::Edit => f
                .edits
                .iter()
                .for_each(|e| taken[f.block].hold(e.run, e.start, e.end)),
        }
        kept.push(f);
    }
    kept.sort_by_key(|f| (f.block, f.edits.first().map(|e| (e.run, e.start))));
    for (id, f) in kept.iter_mut().enumerate() {
        f.id = id;
    }
    kept
}

/// The (run, start, end) ranges that kept edits of a block hold, to tell
/// whether another edit collides with one. Kept edits collide with none
/// before them, so in order of their place each ends where the next
/// starts or before: an edit need only be checked against the range it
/// starts in and those up to its end, not against every range held (a
/// long line with thousands of repairs made that a square of them).
#[derive(Default)]
struct Taken {
    /// In the order they were held.
    held: Vec<(usize, usize, usize)>,
    /// The same, in order of their place.
    sorted: Vec<(usize, usize, usize)>,
    /// False once two ranges held break that order (the edits of one
    /// finding that overlap each other): then every range is checked.
    chained: bool,
}

impl Taken {
    fn hold(&mut self, run: usize, start: usize, end: usize) {
        if self.held.is_empty() {
            self.chained = true;
        }
        self.held.push((run, start, end));
        let range = (run, start, end);
        let at = self.sorted.partition_point(|&t| t < range);
        let fits_after = |t: &(usize, usize, usize)| t.0 != run || (t.1 < start && t.2 <= start);
        let fits_before = |t: &(usize, usize, usize)| t.0 != run || (end <= t.1 && start < t.1);
        self.chained &= start <= end
            && at
                .checked_sub(1)
                .is_none_or(|i| fits_after(&self.sorted[i]))
            && self.sorted.get(at).is_none_or(fits_before);
        self.sorted.insert(at, range);
    }

    /// Whether the range `start..end` of `run` collides with one held (see [`overlaps`]).
    fn collides(&self, run: usize, start: usize, end: usize) -> bool {
        let hits = |&(r, t0, t1): &(usize, usize, usize)| r == run && overlaps(t0, t1, start, end);
        if !self.chained {
            return self.held.iter().any(hits);
        }
        // The last range starting at or before `start`, and those after it
        // that start by `end`: no range before it reaches past its start.
        let from = self
            .sorted
            .partition_point(|&(r, t0, _)| (r, t0) <= (run, start))
            .saturating_sub(1);
        self.sorted[from..]
            .iter()
            .take_while(|&&(r, t0, _)| (r, t0) <= (run, end))
            .any(hits)
    }
}

/// Two removals often both claim the space between them (a spam sentence
/// its trailing space, a banner tail its leading one): the later one gives
/// up whitespace that is already being removed.
fn yield_shared_spaces(block: &Block, f: &mut Finding, taken: &[(usize, usize, usize)]) {
    for e in f.edits.iter_mut().filter(|e| e.new.is_empty()) {
        let Some(text) = block.runs.get(e.run).map(|r| r.text.as_str()) else {
            continue;
        };
        for &(run, t0, t1) in taken {
            if run != e.run || !overlaps(t0, t1, e.start, e.end) {
                continue;
            }
            let (start, end) = if t0 > e.start && t0 < e.end && t1 >= e.end {
                (e.start, t0)
            } else if t1 > e.start && t1 < e.end && t0 <= e.start {
                (t1, e.end)
            } else {
                continue;
            };
            let (Some(b0), Some(b1), Some(c0), Some(c1)) = (
                crate::finding::byte_offset(text, e.start),
                crate::finding::byte_offset(text, e.end),
                crate::finding::byte_offset(text, start),
                crate::finding::byte_offset(text, end),
            ) else {
                continue;
            };
            let given_up = if c0 == b0 {
                &text[c1..b1]
            } else {
                &text[b0..c0]
            };
            if given_up.trim().is_empty() {
                *e = Edit::replace(e.run, text, c0, c1, "");
            }
        }
    }
}

/// Whether two ranges collide; two insertions at one point collide too.
fn overlaps(a0: usize, a1: usize, b0: usize, b1: usize) -> bool {
    (a0 < b1 && b0 < a1) || (a0 == b0 && (a0 == a1 || b0 == b1))
}

/// What the edits of one block, made in order of their place, share: the
/// block's text, where its runs start, and the UTF-16 offsets counted so
/// far (see [`Utf16Cursor`]). Made once a block: a paragraph of many links
/// with many repairs joined its runs again for each repair.
pub(crate) struct BlockCursor<'a> {
    block: &'a Block,
    text: Cow<'a, str>,
    starts: Vec<usize>,
    units: Utf16Cursor,
}

impl<'a> BlockCursor<'a> {
    pub fn new(block: &'a Block) -> Self {
        BlockCursor {
            block,
            text: block.joined(),
            starts: block.run_starts(),
            units: Utf16Cursor::default(),
        }
    }
}

/// What a detector fills in; [`Draft::finish`] makes the finding.
pub(crate) struct Draft {
    pub kind: Kind,
    pub rule: &'static str,
    pub summary: String,
    pub signals: Vec<Signal>,
    pub confidence: f32,
}

impl Draft {
    /// A finding that replaces the bytes `start..end` of the block's text with `new`.
    pub fn edit(
        self,
        doc: &Document,
        block: usize,
        start: usize,
        end: usize,
        new: &str,
    ) -> Finding {
        self.edit_at(
            &mut BlockCursor::new(&doc.blocks[block]),
            block,
            start,
            end,
            new,
        )
    }

    /// [`Draft::edit`] for one of several edits of the block `cursor` is
    /// in (block `block`), made in order of their place.
    pub fn edit_at(
        self,
        cursor: &mut BlockCursor,
        block: usize,
        start: usize,
        end: usize,
        new: &str,
    ) -> Finding {
        let (before, after) = snippet(&cursor.text, start, end, new);
        let edits = edits_for_range(
            &mut cursor.units,
            cursor.block,
            &cursor.starts,
            start,
            end,
            new,
        );
        self.finish(block, Action::Edit, edits, before, after)
    }

    /// A finding that removes a whole block.
    pub fn remove_block(self, doc: &Document, block: usize) -> Finding {
        let text = doc.blocks[block].joined();
        self.finish(
            block,
            Action::RemoveBlock,
            vec![],
            text.trim().to_string(),
            String::new(),
        )
    }

    /// A finding that joins a block with the next one.
    pub fn join_next(self, doc: &Document, block: usize, joiner: &str) -> Finding {
        let a = doc.blocks[block].joined();
        let b = doc.blocks[block + 1].joined();
        let tail = tail_chars(a.trim_end(), 40);
        let head = head_chars(b.trim_start(), 40);
        let before = format!("{tail}⏎{head}");
        let after = format!("{tail}{joiner}{head}");
        let mut f = self.finish(block, Action::JoinNext, vec![], before, after);
        f.joiner = Some(joiner.to_string());
        f
    }

    fn finish(
        self,
        block: usize,
        action: Action,
        edits: Vec<Edit>,
        before: String,
        after: String,
    ) -> Finding {
        Finding {
            id: 0,
            kind: self.kind,
            rule: self.rule.into(),
            block,
            action,
            edits,
            joiner: None,
            before,
            after,
            reason: Reason {
                summary: self.summary,
                signals: self.signals,
            },
            confidence: self.confidence,
            pass: 0,
        }
    }
}

/// Splits a replacement of the block-text bytes `start..end` into per-run
/// edits. The new text goes to the first run that is not consumed whole, so
/// a removed link run can be dropped from the page as an element.
pub(crate) fn edits_for_range(
    cursor: &mut Utf16Cursor,
    block: &Block,
    starts: &[usize],
    start: usize,
    end: usize,
    new: &str,
) -> Vec<Edit> {
    // A block of one run (every line of plain text) takes the edit whole:
    // what the search below finds, with no list of run starts or pieces.
    if let [run] = block.runs.as_slice() {
        let len = run.text.len();
        let e = end.min(len);
        let touches = start < e || (start == end && start <= len && !run.text.is_empty());
        return if touches {
            vec![Edit::replace_at(cursor, 0, &run.text, start, e, new)]
        } else {
            Vec::new()
        };
    }
    // Per touched run: the run, the range's start and end in it, and
    // whether the range takes the run whole.
    let mut pieces: Vec<(usize, usize, usize, bool)> = Vec::new();
    // Runs that end before the range starts cannot touch it: the search
    // starts at the first that ends at its start or later.
    let first = starts[1..].partition_point(|&r1| r1 < start);
    for (i, run) in block.runs.iter().enumerate().skip(first) {
        let (r0, r1) = (starts[i], starts[i + 1]);
        if r0 > end {
            break;
        }
        let (s, e) = (start.max(r0), end.min(r1));
        let touches =
            s < e || (start == end && s == e && r0 <= start && start <= r1 && !run.text.is_empty());
        if touches {
            pieces.push((i, s - r0, e - r0, s == r0 && e == r1 && s < e));
            if start == end {
                break;
            }
        }
    }
    if pieces.is_empty() {
        return Vec::new();
    }
    let carrier = pieces.iter().position(|p| !p.3).unwrap_or(0);
    pieces
        .iter()
        .enumerate()
        .map(|(k, &(run, s, e, _))| {
            let text = if k == carrier { new } else { "" };
            Edit::replace_at(cursor, run, &block.runs[run].text, s, e, text)
        })
        .collect()
}

/// The changed stretch with up to 30 characters of context either side.
pub(crate) fn snippet(text: &str, start: usize, end: usize, new: &str) -> (String, String) {
    let left = tail_chars(&text[..start], 30);
    let right = head_chars(&text[end..], 30);
    (
        squash_spaces(&[left, &text[start..end], right]),
        squash_spaces(&[left, new, right]),
    )
}

/// The pieces joined, with each stretch of whitespace made one space and
/// none at the ends: written straight into one string, word by word, with
/// no copy of the pieces joined. Read a byte at a time, characters decoded
/// only past ASCII: every finding makes two.
fn squash_spaces(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    // Most snippets are squashed already but for a space at either end,
    // where the context was cut at one: without those, copied whole.
    let mut trimmed = [""; 3];
    if let Some(trimmed) = trimmed.get_mut(..pieces.len()) {
        trimmed.copy_from_slice(pieces);
        trim_space_ends(trimmed);
        if is_squashed(trimmed) {
            trimmed.iter().for_each(|p| out.push_str(p));
            return out;
        }
    }
    // Whitespace was seen since the last word (a word may run across pieces).
    let mut space = false;
    for piece in pieces {
        let bytes = piece.as_bytes();
        // Where the word being read started in this piece, if one is open.
        let mut word: Option<usize> = None;
        let mut i = 0;
        while i < bytes.len() {
            let (blank, len) = match bytes[i] {
                b if b.is_ascii() => (is_ascii_blank(b), 1),
                _ => {
                    let c = piece[i..].chars().next().unwrap_or(' ');
                    (c.is_whitespace(), c.len_utf8())
                }
            };
            match (blank, word) {
                (true, Some(start)) => {
                    out.push_str(&piece[start..i]);
                    word = None;
                }
                (false, None) => {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    word = Some(i);
                }
                _ => {}
            }
            space |= blank;
            i += len;
        }
        if let Some(start) = word {
            out.push_str(&piece[start..]);
        }
    }
    out
}

/// Drops the spaces at the start and the end of the pieces joined, which
/// squashing drops whatever else they hold.
fn trim_space_ends(pieces: &mut [&str]) {
    for p in pieces.iter_mut() {
        *p = p.trim_start_matches(' ');
        if !p.is_empty() {
            break;
        }
    }
    for p in pieces.iter_mut().rev() {
        *p = p.trim_end_matches(' ');
        if !p.is_empty() {
            break;
        }
    }
}

/// Whether the pieces joined are as [`squash_spaces`] makes them: words
/// with single spaces between them, and no other whitespace. Each piece
/// is read by one scan the compiler vectorises, not a loop over bytes that
/// branches at each.
fn is_squashed(pieces: &[&str]) -> bool {
    // The last byte so far; none at the start, where a space is one too many.
    let mut last: Option<u8> = None;
    for piece in pieces.iter().map(|p| p.as_bytes()) {
        let Some((&first, _)) = piece.split_first() else {
            continue;
        };
        if first == b' ' && last.is_none_or(|b| b == b' ') {
            return false;
        }
        let (blank, high) = ascii_blanks_and_high(piece);
        if blank || (high && has_other_space(piece)) {
            return false;
        }
        last = piece.last().copied();
    }
    // Nor at the end (or in nothing at all).
    last.is_some_and(|b| b != b' ')
}

/// Whether `bytes` hold a control whitespace byte (tab to carriage
/// return) or two spaces in a row, and whether they hold a byte past
/// ASCII, read in one branch-free pass: snippet pieces are some thirty
/// bytes, where a memmem search and the memchr iterators of
/// [`has_other_space`] cost more to set up than to run; those are asked
/// only of a piece with a byte past ASCII.
fn ascii_blanks_and_high(bytes: &[u8]) -> (bool, bool) {
    let next = bytes.get(1..).unwrap_or_default();
    let doubled = bytes
        .iter()
        .zip(next)
        .fold(false, |any, (&a, &b)| any | ((a == b' ') & (b == b' ')));
    let (controls, high) = bytes.iter().fold((false, false), |(c, h), &b| {
        (c | (b'\t'..=b'\r').contains(&b), h | (b >= 0x80))
    });
    (doubled | controls, high)
}

/// Whether `bytes` hold a whitespace character past ASCII: U+0085, U+00A0,
/// U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
fn has_other_space(bytes: &[u8]) -> bool {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes)
        .chain(memchr::memchr_iter(0xE3, bytes))
        .any(|i| {
            matches!(
                (bytes[i], at(i + 1), at(i + 2)),
                (0xC2, 0x85 | 0xA0, _)
                    | (0xE1, 0x9A, 0x80)
                    | (0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)
                    | (0xE2, 0x81, 0x9F)
                    | (0xE3, 0x80, 0x80)
            )
        })
}

/// Whether an ASCII byte is whitespace as [`char::is_whitespace`] says
/// (which, unlike [`u8::is_ascii_whitespace`], counts the vertical tab).
fn is_ascii_blank(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

fn tail_chars(s: &str, n: usize) -> &str {
    let at = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[at..]
}

fn head_chars(s: &str, n: usize) -> &str {
    let at = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..at]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BlockKind, Run};

    #[test]
    fn a_range_over_a_link_drops_the_link_run_whole() {
        let block = Block::new(
            BlockKind::Paragraph,
            vec![
                Run::text("data, "),
                Run::link("Spam Phrase", "https://x.example/"),
                Run::text(" because"),
            ],
        );
        let text = block.text();
        let start = text.find("Spam").unwrap();
        let end = start + "Spam Phrase ".len();
        let starts = block.run_starts();
        let edits = edits_for_range(&mut Utf16Cursor::default(), &block, &starts, start, end, "");
        assert_eq!(edits.len(), 2);
        assert_eq!((edits[0].run, edits[0].old.as_str()), (1, "Spam Phrase"));
        assert_eq!((edits[1].run, edits[1].old.as_str()), (2, " "));
    }

    #[test]
    fn squashed_spaces_read_as_the_words_joined() {
        for pieces in [
            &["  a  b", "c\n d ", " e  "][..],
            &["", " ", ""],
            &["x", "", "y"],
            &["\u{a0}é\u{2003}", "ü ", ""],
            &["a\u{b}b\u{c}c\u{85}d", "\r\n e\u{3000}", "f\u{2028}"],
            // Squashed already, or nearly.
            &["a b", " c", ""],
            &["a", " ", "b’c"],
            &["a ", " b"],
            &[" a", "b"],
            &["a", "b "],
            &["  ", "a", " "],
            &[" ", " ", " "],
            &["a ", "", " b"],
            &["a  ", "b", ""],
            &["é\u{a0}x", ""],
            &["x\u{1680}y"],
            &["a\u{2009}b\u{200b}c", "\u{205f}d\u{3000}"],
            &["a\u{202f}b", "c\u{2029}"],
        ] {
            let joined = pieces.concat();
            let want = joined.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash_spaces(pieces), want, "{pieces:?}");
        }
    }

    proptest::proptest! {
        /// However the pieces fall, squashing them reads as their words
        /// joined by single spaces (the fast check for pieces squashed
        /// already included).
        #[test]
        fn squashing_any_pieces_joins_their_words(
            pieces in proptest::collection::vec("[ a\t\n\u{b}\u{a0}\u{85}\u{2009}\u{3000}é’]{0,12}", 1..4)
        ) {
            let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
            let want = pieces.concat().split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(squash_spaces(&pieces), want);
        }
    }

    #[test]
    fn the_memo_pairs_the_blocks_a_pass_left_alone() {
        let prev = Document::from_text("a\nb\nc\nd\n\ne");
        let next = Document::from_text("a\nc!\nd\n\ne");
        let mut memo = Memo::default();
        memo.carry(&prev, &next);
        assert_eq!(memo.origin, vec![Some(0), None, Some(3), Some(4), Some(5)]);
    }

    #[test]
    fn a_pass_with_the_memo_finds_what_a_pass_without_it_finds() {
        let text = include_str!("../../tests/samples/sample-article.txt");
        // Each pass changes a few lines: the memo pairs the rest.
        let mut doc = Document::from_text(text);
        let mut memo = Memo::default();
        for _ in 0..3 {
            let found = analyze_with(&doc, &mut memo);
            assert_eq!(found, analyze(&doc));
            let Some(first) = found.first() else { break };
            // Apply one finding at a time, so later passes still have work.
            let next = crate::apply::apply(&doc, std::slice::from_ref(first));
            memo.carry(&doc, &next);
            doc = next;
        }
    }

    #[test]
    fn colliding_findings_keep_the_first() {
        let doc = Document::from_text("don_t");
        let draft = |k| Draft {
            kind: k,
            rule: "t",
            summary: String::new(),
            signals: vec![],
            confidence: 1.0,
        };
        let a = draft(Kind::Spam).edit(&doc, 0, 0, 5, "");
        let b = draft(Kind::Punctuation).edit(&doc, 0, 3, 4, "’");
        let kept = resolve(&doc, vec![a, b]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].kind, Kind::Spam);
    }
}

#[cfg(test)]
mod taken_tests {
    use super::{overlaps, Taken};
    use proptest::prelude::*;

    /// An edit's run and range, drawn small so that ranges meet often.
    fn edit() -> impl Strategy<Value = (usize, usize, usize)> {
        (0usize..2, 0usize..24, 0usize..6).prop_map(|(run, start, len)| (run, start, start + len))
    }

    proptest! {
        /// Held as resolve holds them (a finding's edits are checked
        /// against the ranges held, then all held), the ranges answer
        /// every check as a scan of all of them does, whatever the
        /// edits of one finding do to each other.
        #[test]
        fn checking_near_ranges_answers_as_checking_all(
            findings in proptest::collection::vec(proptest::collection::vec(edit(), 1..3), 1..40)
        ) {
            let mut taken = Taken::default();
            for edits in findings {
                let mut ok = true;
                for &(run, start, end) in &edits {
                    let all = taken
                        .held
                        .iter()
                        .any(|&(r, t0, t1)| r == run && overlaps(t0, t1, start, end));
                    prop_assert_eq!(taken.collides(run, start, end), all);
                    ok &= !all;
                }
                if ok {
                    edits.iter().for_each(|&(run, start, end)| taken.hold(run, start, end));
                }
            }
        }
    }

    #[test]
    fn an_insertion_collides_inside_a_range_and_at_its_start_not_at_its_end() {
        let mut taken = Taken::default();
        taken.hold(0, 4, 8);
        taken.hold(0, 10, 12);
        assert!(taken.collides(0, 5, 5));
        assert!(taken.collides(0, 4, 4));
        assert!(!taken.collides(0, 8, 8));
        assert!(!taken.collides(0, 8, 10));
        assert!(taken.collides(0, 7, 11));
        assert!(!taken.collides(1, 4, 8));
    }
}
