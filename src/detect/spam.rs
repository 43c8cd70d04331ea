//! Injected spam: unrelated keyword anchors pasted into sentences ("…, Cheap
//! Widgets Online a senior official said") and template sentences built
//! around them ("For more regarding Cheap Widgets Online visit our page.").
//!
//! Nothing here knows a spam phrase. A phrase is judged from signals:
//! - where it sits: a title-cased phrase inserted at a clause or sentence
//!   boundary, so that the sentence reads on without it;
//! - whether it belongs: its words are absent from the rest of the page;
//! - repetition: the same phrase inserted at several places;
//! - templates: a sentence made only of call-to-action words around it;
//! - links: a link whose target names the phrase.
//!
//! Removal takes one neighbouring space with the phrase, so the sentence
//! keeps single spaces and its own punctuation.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use crate::text::{FastMap, PageTokens, Token};

use crate::detect::{BlockCursor, Draft};
use crate::finding::{Finding, Kind, Signal};
use crate::model::{Block, BlockKind, Document, RunKind};
use crate::text::{is_common_english, is_sentence_opener, DETERMINERS, PREPOSITIONS};

/// Longest anchor phrase considered, in words.
const MAX_PHRASE_WORDS: usize = 5;

/// Words a call-to-action template is made of, besides the anchor phrase
/// and the words of the kinds below (all of them are template words: see
/// [`TEMPLATE_VOCABULARY`]).
const TEMPLATE_WORDS: &[&str] = &[
    "a",
    "about",
    "additional",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "article",
    "articles",
    "at",
    "be",
    "big",
    "by",
    "can",
    "content",
    "could",
    "deal",
    "detail",
    "details",
    "do",
    "don",
    "everything",
    "extra",
    "feel",
    "for",
    "forget",
    "free",
    "from",
    "further",
    "guide",
    "have",
    "how",
    "if",
    "in",
    "info",
    "information",
    "interested",
    "is",
    "just",
    "know",
    "let",
    "like",
    "ll",
    "make",
    "may",
    "more",
    "my",
    "near",
    "need",
    "no",
    "now",
    "of",
    "on",
    "onto",
    "out",
    "over",
    "own",
    "please",
    "post",
    "posts",
    "re",
    "reach",
    "ready",
    "regarding",
    "related",
    "resource",
    "resources",
    "right",
    "should",
    "start",
    "sure",
    "t",
    "take",
    "than",
    "the",
    "then",
    "there",
    "this",
    "to",
    "today",
    "topic",
    "touch",
    "up",
    "want",
    "why",
    "will",
    "wish",
    "with",
    "would",
    "you",
    "your",
];

/// A template asks the reader to act ...
const ACTION_WORDS: &[&str] = &[
    "ask",
    "browse",
    "browsing",
    "book",
    "buy",
    "call",
    "check",
    "checking",
    "choose",
    "claim",
    "click",
    "clicking",
    "compare",
    "contact",
    "discover",
    "explore",
    "find",
    "found",
    "get",
    "go",
    "grab",
    "head",
    "hire",
    "learn",
    "look",
    "looking",
    "miss",
    "order",
    "purchase",
    "read",
    "request",
    "save",
    "schedule",
    "search",
    "searching",
    "see",
    "shop",
    "sign",
    "stop",
    "tap",
    "trust",
    "try",
    "visit",
    "visiting",
];

/// ... or offers the spammer's help ...
const OFFER_WORDS: &[&str] = &["deliver", "delivers", "help", "offer", "offers"];

/// ... somewhere of the spammer's ...
const POINTER_WORDS: &[&str] = &[
    "blog", "here", "homepage", "link", "page", "pages", "shop", "site", "store", "us", "web",
    "webpage", "website",
];

/// ... or for a price, a quote or an expert's service ...
const COMMERCIAL_WORDS: &[&str] = &[
    "appointment",
    "consultation",
    "deals",
    "discounts",
    "estimate",
    "experts",
    "offers",
    "prices",
    "pricing",
    "professionals",
    "quote",
    "quotes",
    "rates",
    "services",
    "specialists",
];

/// Template words that open keyword phrases as often as they open a call
/// to action ("Cheap Flight Deals", "Professional Roof Cleaning"): read
/// as part of a capitalized phrase.
const KEYWORD_OPENERS: &[&str] = &[
    "affordable",
    "best",
    "book",
    "booking",
    "buy",
    "call",
    "cheap",
    "cheapest",
    "collection",
    "company",
    "complete",
    "consultation",
    "customers",
    "discount",
    "discounts",
    "estimate",
    "exclusive",
    "expert",
    "experienced",
    "experts",
    "great",
    "guides",
    "hire",
    "latest",
    "leading",
    "online",
    "options",
    "order",
    "prices",
    "pricing",
    "products",
    "professional",
    "professionals",
    "purchase",
    "quality",
    "quote",
    "quotes",
    "rated",
    "rates",
    "reliable",
    "reviews",
    "save",
    "search",
    "selection",
    "service",
    "services",
    "solutions",
    "specialists",
    "team",
    "tips",
    "top",
    "trusted",
    "wide",
];

/// ... or in the spammer's own voice, at some length.
const FIRST_PERSON_WORDS: &[&str] = &["our", "we"];

/// After one of these a title-cased phrase is the subject of the clause, not an insertion.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "asked",
    "explained",
    "noted",
    "argued",
    "announced",
    "stated",
    "replied",
    "claimed",
    "insisted",
    "warned",
    "confirmed",
    "tweeted",
];

/// Words that join list items: a phrase before one may be an item of a list of names.
const CONJUNCTIONS: &[&str] = &[
    "and", "or", "nor", "y", "o", "und", "oder", "et", "ou", "e", "i", "en", "og", "och",
];

/// Short words that do not count as evidence that a phrase belongs to the page.
const MINOR_WORDS: &[&str] = &[
    "and", "the", "for", "of", "in", "on", "to", "a", "an", "at", "by", "or", "with", "near", "me",
];

pub fn detect(doc: &Document) -> Vec<Finding> {
    let texts: Vec<Cow<str>> = doc.blocks.iter().map(Block::joined).collect();
    let words = PageTokens::of(&texts);
    detect_with(doc, &mut super::Memo::default(), &texts, Some(&words))
}

/// The candidate phrases one block shows, found from its text alone: the
/// next pass reuses them for the blocks it did not change.
#[derive(Clone, Default)]
pub(crate) struct BlockSightings {
    sightings: Vec<Sighting>,
    /// Pending splits, their `sighting` counted from the block's first.
    splits: Vec<PendingSplit>,
}

/// [`BlockSightings`] by block.
pub(crate) type SightingsMemo = Vec<Option<BlockSightings>>;

/// [`detect`], reusing the sightings `memo` kept from the previous pass
/// for unchanged blocks and leaving this pass's there. `texts` are the
/// blocks' texts; `eager`, their words when the pass has them (a third of
/// pages need all of them later: a first pass found them for the banner
/// detector too, a later one kept those of the blocks it did not change).
/// Without them, the changed blocks are tokenized alone, and the page only
/// if a phrase is seen.
pub(crate) fn detect_with<'a>(
    doc: &Document,
    memo: &mut super::Memo,
    texts: &'a [Cow<'a, str>],
    eager: Option<&PageTokens<'a>>,
) -> Vec<Finding> {
    let earlier = std::mem::take(&mut memo.spam_sightings);
    let mut own: Vec<Token> = Vec::new();
    let mut kept: SightingsMemo = vec![None; texts.len()];
    let mut sightings: Vec<Sighting> = Vec::new();
    let mut splits: Vec<PendingSplit> = Vec::new();
    let (mut runs, mut links) = (Vec::new(), Vec::new());
    for (b, text) in texts.iter().enumerate() {
        if doc.blocks[b].verbatim {
            continue;
        }
        let (first, first_split) = (sightings.len(), splits.len());
        if let Some(seen) = memo.earlier(b).and_then(|e| earlier.get(e)?.as_ref()) {
            sightings.extend(seen.sightings.iter().map(|s| Sighting {
                block: b,
                ..s.clone()
            }));
            splits.extend(seen.splits.iter().map(|p| PendingSplit {
                sighting: p.sighting + first,
                block: b,
                ..*p
            }));
        } else {
            let toks = match eager {
                Some(page) => page.block(b),
                None => {
                    own.clear();
                    crate::text::for_each_word(text, |start, end| {
                        own.push(Token {
                            start,
                            word: &text[start..end],
                        })
                    });
                    &own
                }
            };
            title_runs(text, toks, &mut runs);
            sightings.extend(templates_in(b, text, toks, &runs));
            named_lowercase_links(&doc.blocks[b], text, toks, &mut links);
            lowercase_slots(text, toks, &runs, &mut links);
            if !links.is_empty() {
                sightings.extend(templates_in(b, text, toks, &links));
            }
            insertions_in(b, text, toks, &runs, &mut sightings, &mut splits);
            linked_insertions_in(doc, b, text, toks, first, &mut sightings);
            stray_fragments_in(&doc.blocks[b], b, text, toks, &runs, &mut sightings);
        }
        kept[b] = Some(BlockSightings {
            sightings: sightings[first..].to_vec(),
            splits: splits[first_split..]
                .iter()
                .map(|p| PendingSplit {
                    sighting: p.sighting - first,
                    ..*p
                })
                .collect(),
        });
    }
    memo.spam_sightings = kept;
    if sightings.is_empty() {
        return Vec::new();
    }
    let built;
    let page = match eager {
        Some(page) => page,
        None => {
            built = PageTokens::of(texts);
            &built
        }
    };
    fit_lowercase_phrases(doc, texts, page, &mut sightings);
    let index = PhraseIndex::new(doc, texts, page, sightings.iter().map(|s| &*s.phrase));
    let suspects = suspects(doc, texts, &index, &sightings);
    if suspects.is_empty() {
        return Vec::new();
    }
    let needed = needed_words(page, &sightings, &splits, &suspects);
    memo.ready(doc);
    let vocabulary = Vocabulary::of(page, needed, texts, doc, &memo.profiles);
    settle_splits(page, &mut sightings, &splits, &suspects, &vocabulary);
    let by_phrase = sightings_by_phrase(&sightings);
    let mut found = Vec::new();
    for (phrase, occurrences) in &suspects {
        let seen = by_phrase
            .get(phrase.as_str())
            .map_or(&[][..], Vec::as_slice);
        let case = Case::of(doc, texts, phrase, seen, occurrences);
        let evidence = Evidence::weigh(&case, seen, occurrences, &vocabulary);
        if evidence.convincing() {
            found.extend(removals(doc, texts, phrase, seen, occurrences, &evidence));
        }
    }
    found
}

/// Each phrase's sightings, in page order.
fn sightings_by_phrase(sightings: &[Sighting]) -> HashMap<&str, Vec<&Sighting>> {
    let mut by_phrase: HashMap<&str, Vec<&Sighting>> = HashMap::new();
    for s in sightings {
        by_phrase.entry(&*s.phrase).or_default().push(s);
    }
    by_phrase
}

/// A phrase that could be spam, with every place it stands: (block,
/// start, end) in block-text bytes.
type Suspect = (String, Vec<(usize, usize, usize)>);

/// The phrases that could be spam, longest first ("Cheap Widgets Online"
/// before its prefix "Cheap Widgets"), with their occurrences.
fn suspects(
    doc: &Document,
    texts: &[Cow<str>],
    index: &PhraseIndex,
    sightings: &[Sighting],
) -> Vec<Suspect> {
    let mut phrases: Vec<_> = sightings_by_phrase(sightings).into_iter().collect();
    phrases.sort_by_key(|(p, _)| (std::cmp::Reverse(p.len()), *p));
    phrases
        .into_iter()
        .filter_map(|(phrase, seen)| {
            let occurrences = index.occurrences(phrase);
            Case::of(doc, texts, phrase, &seen, &occurrences)
                .may_convict()
                .then(|| (phrase.to_string(), occurrences))
        })
        .collect()
}

/// A sentence-start sighting whose `clean_split` waits for the page's word
/// counts: they are counted once, for the words the candidates need.
#[derive(Clone, Copy)]
struct PendingSplit {
    sighting: usize,
    block: usize,
    /// The run's first token in the block, and the phrase's length in words.
    first: usize,
    k: usize,
}

/// Every word whose page count the suspects ask for: the words around
/// each of their pending splits and the words of each phrase.
fn needed_words<'s>(
    page: &'s PageTokens,
    sightings: &[Sighting],
    splits: &[PendingSplit],
    suspects: &'s [Suspect],
) -> Vec<&'s str> {
    let mut words: Vec<&str> = Vec::new();
    for p in splits
        .iter()
        .filter(|p| is_suspect(&sightings[p.sighting], suspects))
    {
        let run = &page.block(p.block)[p.first..=p.first + p.k];
        words.extend(run.iter().map(|t| t.word));
    }
    for (phrase, _) in suspects {
        words.extend(crate::text::words(phrase).map(|(_, w)| w));
    }
    words
}

fn is_suspect(sighting: &Sighting, suspects: &[Suspect]) -> bool {
    suspects.iter().any(|(p, _)| **p == *sighting.phrase)
}

fn settle_splits(
    page: &PageTokens,
    sightings: &mut [Sighting],
    splits: &[PendingSplit],
    suspects: &[Suspect],
    vocabulary: &Vocabulary,
) {
    for p in splits {
        if !is_suspect(&sightings[p.sighting], suspects) {
            continue;
        }
        let run = &page.block(p.block)[p.first..];
        if let Role::SentenceStart { clean_split } = &mut sightings[p.sighting].role {
            *clean_split = self::clean_split(run, p.k, vocabulary);
        }
    }
}

/// Where phrases stand: the positions of each candidate phrase's first
/// word, so finding every occurrence of a phrase costs its first word's
/// occurrences, not the page.
struct PhraseIndex<'a> {
    texts: &'a [Cow<'a, str>],
    page: &'a PageTokens<'a>,
    starts: FastMap<&'a str, Vec<(usize, usize)>>,
}

impl<'a> PhraseIndex<'a> {
    fn new<'p>(
        doc: &Document,
        texts: &'a [Cow<'a, str>],
        page: &'a PageTokens<'a>,
        phrases: impl Iterator<Item = &'p str>,
    ) -> Self {
        let mut starts: FastMap<&str, Vec<(usize, usize)>> = FastMap::default();
        let mut firsts: FastMap<&str, ()> = FastMap::default();
        // First byte and length of each first word: most words differ in one.
        // An array, indexed by a byte: read with no bounds check, per word of the page.
        let mut shapes = [0u64; 256];
        for phrase in phrases {
            if let Some((_, w)) = crate::text::words(phrase).next() {
                firsts.insert(w, ());
                shapes[usize::from(w.as_bytes()[0])] |= 1 << w.len().min(63);
            }
        }
        let may_open = |w: &str| shapes[usize::from(w.as_bytes()[0])] & (1 << w.len().min(63)) != 0;
        for b in 0..texts.len() {
            if doc.blocks[b].verbatim {
                continue;
            }
            for (i, t) in page.block(b).iter().enumerate() {
                if may_open(t.word) && firsts.contains_key(t.word) {
                    starts.entry(t.word).or_default().push((b, i));
                }
            }
        }
        PhraseIndex {
            texts,
            page,
            starts,
        }
    }

    /// Every place the phrase stands as whole words, whatever whitespace
    /// separates them: (block, start, end) in block-text bytes.
    fn occurrences(&self, phrase: &str) -> Vec<(usize, usize, usize)> {
        let spans: Vec<(usize, &str)> = crate::text::words(phrase).collect();
        let words: Vec<&str> = spans.iter().map(|&(_, w)| w).collect();
        let Some(first) = words.first() else {
            return Vec::new();
        };
        // A hyphen or a slash between two words of the phrase ("Anti-Aging",
        // "24/7") must stand there too; spaces may be any whitespace.
        let joints: Vec<&str> = spans
            .windows(2)
            .map(|p| &phrase[p[0].0 + p[0].1.len()..p[1].0])
            .collect();
        let mut out = Vec::new();
        for &(b, i) in self.starts.get(first).map_or(&[][..], Vec::as_slice) {
            let (text, toks) = (&self.texts[b], self.page.block(b));
            let Some(span) = toks.get(i..i + words.len()) else {
                continue;
            };
            let same = span.iter().zip(&words).all(|(t, w)| t.word == *w)
                && span.windows(2).zip(&joints).all(|(p, &joint)| {
                    let gap = &text[p[0].end()..p[1].start];
                    if gap_is_space(joint) {
                        gap_is_space(gap)
                    } else {
                        gap == joint
                    }
                });
            if same {
                out.push((b, span[0].start, span[words.len() - 1].end()));
            }
        }
        out
    }
}

/// Where a candidate phrase was seen, and in what role.
#[derive(Debug, Clone)]
struct Sighting {
    phrase: Rc<str>,
    block: usize,
    /// Byte range of the phrase in the block text.
    start: usize,
    role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// Inside a call-to-action sentence spanning these block-text bytes.
    Template { start: usize, end: usize },
    /// After a comma, followed by a lowercase word: the clause reads on without it.
    AfterComma,
    /// At a sentence start, followed by the real sentence; `clean_split`
    /// when the next word plainly opens that sentence.
    SentenceStart { clean_split: bool },
    /// After a comma and before "and": an insertion or an item of a list; proves nothing.
    BeforeConjunction,
    /// After a block's last full sentence, with nothing after it ("… of
    /// public land. Cheap Widget Deals"): a fragment, not a sentence, but a
    /// credit, a signature or a button stands there too, so it only adds
    /// to a case made elsewhere (see [`Case::of`]).
    Trailing,
    /// A link to another site pasted inside a clause ("Turnout was <a>X</a>
    /// higher") or after a block's last sentence; `clear` when the words
    /// around it show it interrupts the clause; `loose` when no
    /// preposition or verb before it asks for an object.
    Linked { clear: bool, loose: bool },
    /// Lowercase words between two sentences of a paragraph ("… of prime
    /// working age. best gaming chair The study …"), which no sentence
    /// reads; a writer's slip stands so once, not the same words twice
    /// (see [`stray_fragments_in`]). `linked` when it is a link's text: a
    /// site's own link to a topic stands so too ("… has passed. <a>raised
    /// bed gardening</a> Tomatoes …"), so it counts only for a phrase
    /// linked to two sites or more.
    Stray { linked: bool },
}

/// How often words (stemmed, lower-cased) occur in the page, counted for
/// the words candidates ask about: stemming every word of the page cost
/// more than all the rest of spam detection.
struct Vocabulary<'a> {
    counts: FastMap<Box<str>, usize>,
    page: &'a PageTokens<'a>,
    texts: &'a [Cow<'a, str>],
    doc: &'a Document,
    profiles: &'a super::BlockProfiles,
    /// The page's language, when its function words tell; judged on first use.
    lang: OnceCell<Option<&'static str>>,
}

impl<'a> Vocabulary<'a> {
    fn of<'w>(
        page: &'a PageTokens<'a>,
        needed: impl IntoIterator<Item = &'w str>,
        texts: &'a [Cow<'a, str>],
        doc: &'a Document,
        profiles: &'a super::BlockProfiles,
    ) -> Self {
        let mut counts: FastMap<Box<str>, usize> = FastMap::default();
        let mut filter = StemFilter::new();
        let mut buf = String::new();
        for word in needed {
            stem_into(word, &mut buf);
            if !counts.contains_key(buf.as_str()) {
                filter.add(&buf);
                counts.insert(buf.as_str().into(), 0);
            }
        }
        for (b, text) in texts.iter().enumerate() {
            // In an ASCII block every word is ASCII: no word need be checked.
            let ascii = text.is_ascii();
            let toks = page.block(b).iter();
            for t in toks.filter(|t| filter.may_match(t.word, ascii || t.word.is_ascii())) {
                stem_into(t.word, &mut buf);
                if let Some(n) = counts.get_mut(buf.as_str()) {
                    *n += 1;
                }
            }
        }
        Vocabulary {
            counts,
            page,
            texts,
            doc,
            profiles,
            lang: OnceCell::new(),
        }
    }

    /// The page language, judged from up to 20 KB of its text.
    fn lang(&self) -> Option<&'static str> {
        *self.lang.get_or_init(|| {
            let mut profile = crate::lang::Profile::default();
            let mut seen = 0;
            for (i, text) in self.texts.iter().enumerate() {
                if seen > 20_000 {
                    break;
                }
                // A block of one run reads as the banner detector's profile
                // of it; words may run across the runs of others.
                if self.doc.blocks[i].runs.len() <= 1 {
                    profile.merge(self.profiles.get(self.doc, i), 1);
                } else {
                    profile.add(text);
                }
                seen += text.len();
            }
            profile.best_lang(5)
        })
    }

    fn count(&self, word: &str) -> usize {
        let mut buf = String::new();
        stem_into(word, &mut buf);
        if let Some(&n) = self.counts.get(buf.as_str()) {
            return n;
        }
        // A word nobody asked for up front: count it the slow way.
        let mut other = String::new();
        self.page
            .toks
            .iter()
            .filter(|t| {
                stem_into(t.word, &mut other);
                other == buf
            })
            .count()
    }
}

/// Rules out most ASCII words before stemming: an ASCII word's stem is the
/// word lower-cased, one byte shorter when a plural "s" is dropped. Other
/// words always pass (lower-casing may change their length).
struct StemFilter {
    /// Per [`StemFilter::slot`] of the lower-cased first two bytes, a bit
    /// per stem length (63 for longer): a page with many candidates asks
    /// for many words, and their first bytes alone let most words through.
    ascii: Box<[u64; STEM_FILTER_SLOTS]>,
}

/// Slots of a [`StemFilter`].
const STEM_FILTER_SLOTS: usize = 1024;

impl StemFilter {
    fn new() -> Self {
        StemFilter {
            ascii: Box::new([0; STEM_FILTER_SLOTS]),
        }
    }

    /// The slot of an ASCII word (or stem) by its first two bytes, lower-cased.
    fn slot(bytes: &[u8]) -> usize {
        let lower = |k: usize| usize::from(bytes.get(k).map_or(0, u8::to_ascii_lowercase));
        (lower(0) * 37 + lower(1)) % STEM_FILTER_SLOTS
    }

    fn add(&mut self, stem: &str) {
        if !stem.is_empty() && stem.is_ascii() {
            self.ascii[Self::slot(stem.as_bytes())] |= Self::bit(stem.len());
        }
    }

    fn bit(len: usize) -> u64 {
        1 << len.min(63)
    }

    /// Whether `word` (`ascii` says whether it is) may have a stem added.
    /// A plural "s" is dropped only from words of four letters or more, so
    /// an ASCII word's stem opens with its first two bytes, lower-cased.
    fn may_match(&self, word: &str, ascii: bool) -> bool {
        let bytes = word.as_bytes();
        if bytes.is_empty() || !ascii {
            return true;
        }
        let lens = Self::bit(bytes.len()) | Self::bit(bytes.len() - 1);
        self.ascii[Self::slot(bytes)] & lens != 0
    }
}

/// A crude stem, enough to match "Firm" with "firms" and "Deals" with "deal".
fn stem(word: &str) -> String {
    let mut buf = String::new();
    stem_into(word, &mut buf);
    buf
}

/// [`stem`] into a reused buffer: lower-cased, a final plural "s" dropped.
fn stem_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        buf.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
    }
    if buf.chars().count() > 3 && buf.ends_with('s') && !buf.ends_with("ss") {
        buf.pop();
    }
}

/// Runs of capitalized words separated by single spaces or a hyphen
/// ("Anti-Aging Cream"), a number inside them ("Top 10 Online Casinos") or
/// opening them ("24/7 Emergency Plumber"), brand-cased words and codes
/// among them ("iPhone 15 Screen Repair", "4K TV Deals"): (first token,
/// past-last token), into `runs` (reused from block to block).
fn title_runs(text: &str, toks: &[Token], runs: &mut Vec<(usize, usize)>) {
    runs.clear();
    let mut i = 0;
    while i < toks.len() {
        if !opens_title_run(text, toks, i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && run_goes_on(text, toks, j) {
            j += 1;
        }
        runs.push((i, j));
        i = j;
    }
}

/// Whether token `i` may open a title run: a name-like word, or a number
/// going on into a name. Most words open with a lowercase ASCII letter, so
/// are no number: only their second byte is read then (see [`name_like`]).
#[inline(always)]
fn opens_title_run(text: &str, toks: &[Token], i: usize) -> bool {
    let bytes = toks[i].word.as_bytes();
    if bytes[0].is_ascii_lowercase() {
        return bytes.get(1).is_some_and(u8::is_ascii_uppercase);
    }
    name_like(&toks[i]) || (is_number(toks[i].word) && numbered_name(text, toks, i))
}

/// Whether token `j` carries on the run before it: a name-like word after
/// a space or a hyphen, a number inside the phrase ("Top 10 Online
/// Casinos"), or the second number of "24/7".
fn run_goes_on(text: &str, toks: &[Token], j: usize) -> bool {
    let gap = &text[toks[j - 1].end()..toks[j].start];
    if !is_number(toks[j].word) {
        return name_like(&toks[j]) && (gap_is_space(gap) || gap == "-");
    }
    (gap_is_space(gap) && numbered_name(text, toks, j))
        || (gap == "/" && is_number(toks[j - 1].word))
}

/// Whether the number at token `i` goes on into a name: a space and a
/// name-like word after it, or after a second number joined by a slash
/// ("24/7 Emergency Plumber").
fn numbered_name(text: &str, toks: &[Token], i: usize) -> bool {
    let gap = |k: usize| &text[toks[k - 1].end()..toks[k].start];
    let next = if toks.get(i + 1).is_some_and(|t| is_number(t.word)) && gap(i + 1) == "/" {
        i + 2
    } else {
        i + 1
    };
    toks.get(next)
        .is_some_and(|t| !is_number(t.word) && name_like(t) && gap_is_space(gap(next)))
}

/// Whether a word can stand in a keyword phrase as a capitalized word
/// does: capitalized, brand-cased ("iPhone", "eBay") or a code that opens
/// on a digit ("3D", "4K"). Asked of every word of the page, most of them
/// lowercase ASCII: those are told by their first two bytes, the second
/// being where brands and codes show their capital.
fn name_like(t: &Token) -> bool {
    let bytes = t.word.as_bytes();
    let second_capital = || bytes.get(1).is_some_and(u8::is_ascii_uppercase);
    if bytes[0].is_ascii_lowercase() {
        return second_capital();
    }
    t.capitalized() || (bytes[0].is_ascii_digit() && second_capital())
}

/// Whether the words around a run are mostly capitalized, as in a
/// title-cased headline ("Hulu Strikes U.S. Deal For Frank Grillo Action
/// Movie"), where capitals prove nothing.
fn headline_case(text: &str, toks: &[Token], i: usize, j: usize) -> bool {
    // "… Replica Watches The $1,000 Meta Quest …": the run ends on a word
    // that opens a sentence, so what follows is that sentence.
    if is_sentence_opener(toks[j - 1].word) {
        return false;
    }
    let wordy = |t: &&Token| !t.word.chars().all(|c| c.is_ascii_digit());
    // After a colon or a dash a new clause starts; its capitals are its own.
    let clause_ends = toks
        .get(j)
        .is_some_and(|t| text[toks[j - 1].end()..t.start].contains([':', ';', '—', '–']));
    let after = || {
        toks[j..]
            .iter()
            .filter(wordy)
            .take(if clause_ends { 0 } else { 3 })
    };
    // A title ending the sentence before ("… with The Force Awakens. Best
    // SEO Agency However, …") is no headline around the run.
    let after_stop = i > 0 && text[toks[i - 1].end()..toks[i].start].contains(['.', '!', '?']);
    let before = toks[i.saturating_sub(if after_stop { 0 } else { 3 })..i]
        .iter()
        .filter(wordy);
    all_caps(after()) || (all_caps(before) && after().next().is_some_and(Token::capitalized))
}

/// Whether there are two words or more, all capitalized (read in place:
/// this runs at every capitalized run at a boundary).
fn all_caps<'t, 'a: 't>(words: impl Iterator<Item = &'t Token<'a>>) -> bool {
    let (mut n, mut caps) = (0, true);
    for t in words {
        n += 1;
        caps &= t.capitalized();
    }
    n >= 2 && caps
}

/// Whether most longer words of the block are capitalized: a headline or a
/// list of titles, not prose. Prose is told early: once the lowercase
/// words are a quarter of all even if every word left were capitalized.
fn title_cased_block(toks: &[Token]) -> bool {
    let (mut capitalized, mut lower) = (0, 0);
    for (k, t) in toks.iter().enumerate() {
        if !long_with_lowercase(t.word) {
            continue;
        }
        if t.capitalized() {
            capitalized += 1;
        } else {
            lower += 1;
            // capitalized * 4 > total * 3 needs capitalized > 3 * lower.
            if capitalized + (toks.len() - k - 1) <= 3 * lower {
                return false;
            }
        }
    }
    capitalized + lower >= 3 && capitalized > 3 * lower
}

/// Whether a word has four characters or more, some of them lowercase.
fn long_with_lowercase(word: &str) -> bool {
    // Fewer than four bytes are fewer than four characters.
    if word.len() < 4 {
        return false;
    }
    if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_lowercase())
    } else {
        word.chars().count() >= 4 && word.chars().any(char::is_lowercase)
    }
}

/// Whitespace between two words of one phrase (HTML source may wrap lines).
fn gap_is_space(gap: &str) -> bool {
    // Most gaps are one space: told without decoding.
    gap == " " || (!gap.is_empty() && gap.chars().all(char::is_whitespace))
}

/// What stands between the previous word and `at`: the boundary kind.
fn boundary_before(text: &str, at: usize) -> Boundary {
    let before = &text[..at];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() && !before.is_empty() {
        return Boundary::None; // no space: not a separate word
    }
    // Trimmed at its end, the text is empty or ends in a character that is
    // no whitespace: trimming its start too leaves it empty only if it is.
    if trimmed.is_empty() {
        return Boundary::Sentence;
    }
    let last = trimmed.chars().last().unwrap_or(' ');
    let closing_ok = |s: &str| {
        let s = s.trim_end_matches(['"', '”', '’', '\'', ')', '»']);
        s.ends_with(['.', '!', '?'])
    };
    if last == ',' {
        Boundary::Comma
    } else if closing_ok(trimmed) {
        Boundary::Sentence
    } else {
        let _ = last;
        Boundary::None
    }
}

#[derive(Debug, PartialEq)]
enum Boundary {
    Comma,
    Sentence,
    None,
}

/// Candidate insertions: title-cased phrases at clause or sentence
/// boundaries, added to `out`; a sentence start whose split needs the page's
/// word counts is settled later, from `splits`.
fn insertions_in(
    block: usize,
    text: &str,
    toks: &[Token],
    runs: &[(usize, usize)],
    out: &mut Vec<Sighting>,
    splits: &mut Vec<PendingSplit>,
) {
    let mut titled = None;
    for &(i, j) in runs {
        // One capitalized word is no phrase (cheap checks first: most runs end here).
        if j - i < 2 {
            continue;
        }
        let run_end = j;
        // The boundary first: a run at none goes no further, however far
        // it is bridged.
        let boundary = boundary_before(text, toks[i].start);
        if boundary == Boundary::None {
            continue;
        }
        let j = bridged_end(text, toks, i, j);
        if headline_case(text, toks, i, j) {
            continue;
        }
        if *titled.get_or_insert_with(|| title_cased_block(toks)) {
            return;
        }
        // A name particle ("Omar Hassan al-Bashir") is part of the name,
        // not the lowercase word the clause reads on with.
        let particle = |t: &Token| {
            toks.get(j + 1)
                .is_some_and(|n| &text[t.end()..n.start] == "-" && n.capitalized())
        };
        let follower = toks
            .get(j)
            .filter(|t| gap_is_space(&text[toks[j - 1].end()..t.start]) && !particle(t));
        match boundary {
            Boundary::Comma
                if j - i >= 2
                    && j - i <= MAX_PHRASE_WORDS
                    && follower.is_some_and(Token::lowercase)
                    && anchor_shaped(&toks[i..j]) =>
            {
                let next = follower.map_or("", |t| t.word);
                if SPEECH_VERBS.contains(&next)
                    || subject_after_opener(text, toks, i, j)
                    || names_the_speakers(text, toks, j)
                    || titles_a_name(text, toks, j)
                {
                    continue;
                }
                out.push(Sighting {
                    phrase: text[toks[i].start..toks[j - 1].end()].into(),
                    block,
                    start: toks[i].start,
                    role: if CONJUNCTIONS.contains(&next) && !clause_follows(text, toks, j) {
                        Role::BeforeConjunction
                    } else {
                        Role::AfterComma
                    },
                });
            }
            // "…in the army. Cheap Widget Deals “At the end of the day…”":
            // the whole run before a quoted sentence's opening.
            Boundary::Sentence
                if j - i <= MAX_PHRASE_WORDS
                    && opens_quoted_sentence(text, toks, j)
                    && anchor_shaped(&toks[i..j]) =>
            {
                out.push(Sighting {
                    phrase: text[toks[i].start..toks[j - 1].end()].into(),
                    block,
                    start: toks[i].start,
                    role: Role::SentenceStart { clean_split: false },
                });
            }
            // "…in it. Best SEO Agency in Lagos It's also…": a phrase taken
            // on over a connector, the real sentence opening after it.
            Boundary::Sentence
                if j - i <= MAX_PHRASE_WORDS
                    && toks[i..j].iter().any(|t| CONNECTORS.contains(&t.word))
                    && follower.is_some_and(Token::capitalized)
                    && anchor_shaped(&toks[i..j]) =>
            {
                if toks.get(j + 1).is_some_and(Token::lowercase) {
                    splits.push(PendingSplit {
                        sighting: out.len(),
                        block,
                        first: i,
                        k: j - i,
                    });
                }
                out.push(Sighting {
                    phrase: text[toks[i].start..toks[j - 1].end()].into(),
                    block,
                    start: toks[i].start,
                    role: Role::SentenceStart { clean_split: false },
                });
            }
            Boundary::Comma | Boundary::Sentence if j - i >= 3 && j < toks.len() => {
                // The phrase is a prefix of the run; the rest opens the real sentence.
                let run = &toks[i..j];
                for k in 2..=MAX_PHRASE_WORDS.min(run.len() - 1) {
                    // A sentence opens on a capital, not on "to Bali".
                    if !anchor_shaped(&run[..k]) || !run[k].capitalized() {
                        continue;
                    }
                    if follower.is_some_and(Token::lowercase) {
                        splits.push(PendingSplit {
                            sighting: out.len(),
                            block,
                            first: i,
                            k,
                        });
                    }
                    out.push(Sighting {
                        phrase: text[run[0].start..run[k - 1].end()].into(),
                        block,
                        start: run[0].start,
                        role: Role::SentenceStart { clean_split: false },
                    });
                }
            }
            _ => {}
        }
        if boundary == Boundary::Sentence && trails_the_block(text, toks, i, j) {
            out.push(Sighting {
                phrase: text[toks[i].start..toks[j - 1].end()].into(),
                block,
                start: toks[i].start,
                role: Role::Trailing,
            });
        }
        // "… free. Best Hair Salon in Dubai Try it out …": a place cut
        // short by the next sentence's first word, which `bridged_end` reads
        // as the place going on; the page's counts settle which it is.
        if boundary == Boundary::Sentence {
            if let Some(end) = place_before_opener(text, toks, i, run_end).filter(|&e| e != j) {
                if anchor_shaped(&toks[i..end]) {
                    splits.push(PendingSplit {
                        sighting: out.len(),
                        block,
                        first: i,
                        k: end - i,
                    });
                    out.push(Sighting {
                        phrase: text[toks[i].start..toks[end - 1].end()].into(),
                        block,
                        start: toks[i].start,
                        role: Role::SentenceStart { clean_split: false },
                    });
                }
            }
        }
    }
}

/// Whether a quoted sentence opens at token `j`: a space and an opening
/// quote before a capitalized word.
fn opens_quoted_sentence(text: &str, toks: &[Token], j: usize) -> bool {
    let (Some(prev), Some(next)) = (j.checked_sub(1).map(|p| &toks[p]), toks.get(j)) else {
        return false;
    };
    let gap = &text[prev.end()..next.start];
    next.capitalized()
        && gap
            .strip_prefix(' ')
            .is_some_and(|q| matches!(q, "\"" | "“" | "‘" | "'" | "«" | "„"))
}

/// Words a block needs beside a link for the link to stand in prose.
const PROSE_WORDS: usize = 10;

/// Where a phrase stands in its sentence, read from the words around it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Inline<'t> {
    /// Between two words of one clause, no punctuation on either side.
    MidClause {
        prev: &'t str,
        next: &'t str,
        /// The word after `next`, if any.
        then: Option<&'t str>,
        /// Whether a determiner stands just before `prev` ("a former
        /// X justice"): the phrase is inside that noun phrase.
        in_noun_phrase: bool,
    },
    /// After the block's last full sentence, with nothing after it.
    BlockEnd,
}

/// Conjunctions that open a list's next item, as a preposition does.
const LIST_CONJUNCTIONS: &[&str] = &["and", "or", "nor", "but"];

/// Words that open a noun phrase of their own: a phrase just before one
/// is no noun of that phrase ("lines at X several polling stations").
/// Not "this", "each" or "every", which open time adverbials as often
/// ("in X this year").
const NOUN_OPENERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "several", "many", "few",
    "some", "most", "both", "he", "she", "they", "we", "it", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten",
];

/// Words of time after a determiner or a number ("the next day", "a year
/// ago", "10 years ago"): an adverbial, which may follow any noun phrase.
const TIME_WORDS: &[&str] = &[
    "next",
    "following",
    "same",
    "previous",
    "last",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "night",
    "nights",
    "morning",
    "evening",
    "afternoon",
    "time",
    "times",
    "hour",
    "hours",
    "minute",
    "minutes",
    "decade",
    "decades",
    "while",
    "moment",
    "weekend",
    "season",
    "ago",
    "percent",
];

/// Verbs that take two objects or name something ("gave X the contract",
/// "named X the winner"): a noun phrase may follow their first object.
const TWO_OBJECT_VERBS: &[&str] = &[
    "give",
    "gives",
    "gave",
    "given",
    "giving",
    "tell",
    "tells",
    "told",
    "offer",
    "offers",
    "offered",
    "send",
    "sends",
    "sent",
    "pay",
    "pays",
    "paid",
    "show",
    "shows",
    "showed",
    "handed",
    "award",
    "awards",
    "awarded",
    "grant",
    "grants",
    "granted",
    "sell",
    "sells",
    "sold",
    "buy",
    "buys",
    "bought",
    "bring",
    "brings",
    "brought",
    "lend",
    "lent",
    "owe",
    "owes",
    "owed",
    "make",
    "makes",
    "made",
    "call",
    "calls",
    "called",
    "name",
    "names",
    "named",
    "consider",
    "considers",
    "considered",
    "elect",
    "elected",
    "appoint",
    "appointed",
    "ask",
    "asks",
    "asked",
    "charge",
    "charged",
    "cost",
    "costs",
    "let",
    "lets",
    "help",
    "helps",
    "helped",
    "see",
    "saw",
    "watch",
    "watched",
    "hear",
    "heard",
    "get",
    "got",
    "leave",
    "left",
    "keep",
    "kept",
    "wish",
];

/// Last words of a credit or a source line ("Coast Photo Agency",
/// "Associated Press"): such a line ends a paragraph on its own.
const CREDIT_WORDS: &[&str] = &[
    "press",
    "news",
    "images",
    "image",
    "photos",
    "photo",
    "photography",
    "pictures",
    "studio",
    "studios",
    "agency",
    "times",
    "post",
    "journal",
    "media",
    "network",
    "radio",
    "tv",
    "magazine",
    "review",
    "daily",
    "herald",
    "tribune",
    "wire",
    "service",
    "report",
    "reports",
    "archive",
    "archives",
    "library",
    "collection",
    "museum",
    "foundation",
    "institute",
    "university",
    "association",
    "society",
    "council",
    "office",
    "department",
    "ministry",
];

/// Where the phrase at `start..end` of `text` stands, when it stands
/// inside a clause or after a block's last sentence.
fn inline_place(text: &str, start: usize, end: usize) -> Option<Inline<'_>> {
    let before = &text[..start];
    let after = &text[end..];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() || trimmed.is_empty() {
        return None;
    }
    if after.trim().is_empty() {
        let closed = trimmed.trim_end_matches(['"', '”', '’', '\'', ')', '»']);
        return closed
            .ends_with(['.', '!', '?'])
            .then_some(Inline::BlockEnd);
    }
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let word = |s: &str| {
        s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
    };
    let mut back = trimmed.rsplit(char::is_whitespace);
    let prev = back.next().filter(|w| word(w))?;
    let in_noun_phrase = back
        .next()
        .is_some_and(|w| DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(w)));
    // The next word may end its clause ("higher."); a number may hold
    // separators ("2,000 people").
    let raw = after.split_whitespace().next()?;
    let next = raw.trim_end_matches(['.', ',', ';', ':', '!', '?']);
    if !(word(next) || is_number(next)) || next.is_empty() {
        return None;
    }
    let then = (next.len() == raw.len())
        .then(|| after.split_whitespace().nth(1))
        .flatten()
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()));
    let lower = |w: &str| {
        w.chars().next().is_some_and(char::is_lowercase) && w.chars().all(|c| !c.is_uppercase())
    };
    let number = |w: &str| is_number(w);
    (lower(prev) && (lower(next) || number(next))).then_some(Inline::MidClause {
        prev,
        next,
        then,
        in_noun_phrase,
    })
}

/// Whether the phrase between `prev` and `next` (`then` after it) plainly
/// fills a slot of the clause, as a name does ("the X unit", "X raised",
/// "at X and Y", "X researchers found", "X also reported").
fn fills_a_slot(prev: &str, next: &str, then: Option<&str>) -> bool {
    // A noun or an adverb, then a verb: "X researchers found", "X now sells".
    let qualifies_a_noun = || {
        !NOUN_OPENERS.contains(&next) && !CONJUNCTIONS.contains(&next) && then.is_some_and(is_verb)
    };
    DETERMINERS.contains(&prev)
        || is_verb(next)
        || SPEECH_VERBS.contains(&next)
        || (CONJUNCTIONS.contains(&next) && opens_list_item(prev))
        || qualifies_a_noun()
}

/// Whether the phrase at `start..end` stands between two words of one
/// clause without filling a slot of it: no determiner's noun phrase holds
/// it, no verb after it makes it a subject, and no preposition or verb
/// before it asks for an object.
fn stands_pasted(text: &str, start: usize, end: usize) -> bool {
    matches!(
        inline_place(text, start, end),
        Some(Inline::MidClause { prev, next, then, in_noun_phrase })
            if !in_noun_phrase && !fills_a_slot(prev, next, then) && !asks_for_object(prev)
    )
}

/// Whether a phrase after `word` may be an item of a list: after a
/// preposition or a conjunction.
fn opens_list_item(word: &str) -> bool {
    PREPOSITIONS.contains(&word) || LIST_CONJUNCTIONS.contains(&word)
}

/// Whether `prev` asks for an object, which a name after it may be: a
/// preposition, "to" or a verb.
fn asks_for_object(prev: &str) -> bool {
    prev == "to"
        || opens_list_item(prev)
        || OTHER_OBJECT_PREPOSITIONS.contains(&prev)
        || is_verb(prev)
        || TWO_OBJECT_VERBS.contains(&prev)
}

/// Prepositions that take an object besides [`PREPOSITIONS`].
const OTHER_OBJECT_PREPOSITIONS: &[&str] = &[
    "around", "inside", "outside", "beyond", "past", "off", "out", "up", "down", "above", "below",
    "beneath",
];

/// Whether the words around the phrase show it interrupts the clause: a
/// new noun phrase follows it ("lines at X several polling stations",
/// "science at X the two middle schools"), not after a verb, which may
/// take two objects or a clause ("gave X the contract", "warned X its
/// permit would lapse"), and not a time adverbial ("X the next day").
fn interrupts(prev: &str, next: &str, then: Option<&str>) -> bool {
    let opens_noun = NOUN_OPENERS.contains(&next) || is_number(next);
    let time = then.is_some_and(|w| TIME_WORDS.iter().any(|t| t.eq_ignore_ascii_case(w)));
    opens_noun && !TWO_OBJECT_VERBS.contains(&prev) && !is_verb(prev) && !time
}

/// Whether `word` is a number ("40", "2,000", "3.5").
fn is_number(word: &str) -> bool {
    word.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && word
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

/// The host of an absolute http(s) address, lower-cased, without "www.".
fn href_host(href: &str) -> Option<String> {
    let rest = href
        .strip_prefix("https://")
        .or_else(|| href.strip_prefix("http://"))
        .or_else(|| href.strip_prefix("//"))?;
    let host = crate::text::authority_host(rest)?.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .map(str::to_string)
        .unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// Whether two hosts belong to one site: equal, or one a subdomain of the other.
fn same_site(a: &str, b: &str) -> bool {
    let under = |x: &str, y: &str| x == y || x.ends_with(&format!(".{y}"));
    under(a, b) || under(b, a)
}

/// Links to another site whose text is a title-cased phrase, pasted inside a clause or after a block's last
/// sentence: added to `out` unless a sighting from `first` on already
/// stands there.
fn linked_insertions_in(
    doc: &Document,
    block: usize,
    text: &str,
    toks: &[Token],
    first: usize,
    out: &mut Vec<Sighting>,
) {
    let b = &doc.blocks[block];
    if !matches!(
        b.kind,
        BlockKind::Paragraph | BlockKind::Quote | BlockKind::Other | BlockKind::Line
    ) || !b.runs.iter().any(|r| r.kind == RunKind::Link)
    {
        return;
    }
    let page_host = doc
        .context
        .host
        .as_deref()
        .map(|h| h.strip_prefix("www.").unwrap_or(h));
    let mut titled = None;
    for (run, i, j) in anchors(b, toks) {
        let Some(href) = run.href.as_deref() else {
            continue;
        };
        let phrase = run.text.trim();
        let (start, end) = (toks[i].start, toks[j - 1].end());
        let words = &toks[i..j];
        let title_cased = words.iter().enumerate().all(|(k, t)| {
            let gap_ok = k == 0 || {
                let gap = &text[words[k - 1].end()..t.start];
                gap == " " || gap == "-" || (gap == "/" && is_number(words[k - 1].word))
            };
            gap_ok
                && (name_like(t)
                    || (is_number(t.word) && k + 1 < words.len())
                    || (k > 0 && CONNECTORS.contains(&t.word)))
        });
        // A lowercase anchor ("buy cheap widgets") counts only where its
        // address names it; it convicts only with a template or a farm
        // (see [`Tally::convicts`]).
        let lowercase =
            !title_cased && lowercase_anchor(text, words) && address_names(href, phrase);
        if !(title_cased || lowercase) || !anchor_shaped(words) {
            continue;
        }
        let Some(host) = href_host(href) else {
            continue;
        };
        if page_host.is_some_and(|p| same_site(p, &host)) {
            continue;
        }
        // Only in prose: ten words or more beside the link ("All rights
        // reserved. <a>Manage Cookie Preferences</a>" is a footer).
        if toks.len() - (j - i) < PROSE_WORDS {
            continue;
        }
        let (clear, loose) = match inline_place(text, start, end) {
            Some(Inline::BlockEnd) => {
                let last = words[words.len() - 1].word.to_lowercase();
                let credit = CREDIT_WORDS.contains(&last.as_str());
                (!credit, !credit)
            }
            Some(Inline::MidClause {
                prev,
                next,
                then,
                in_noun_phrase,
            }) => {
                if in_noun_phrase || fills_a_slot(prev, next, then) {
                    continue;
                }
                (interrupts(prev, next, then), !asks_for_object(prev))
            }
            // A lowercase keyword anchor between two sentences ("… is
            // required. <a>buy cheap widgets</a> This fix …") belongs to
            // neither; it still convicts only with a template or a farm.
            None if lowercase && between_sentences(text, start, end) => (true, true),
            None => continue,
        };
        if headline_case(text, toks, i, j) || *titled.get_or_insert_with(|| title_cased_block(toks))
        {
            return;
        }
        // A linked fragment after the last sentence is a linked insertion.
        if let Some(s) = out[first..].iter_mut().find(|s| s.start == start) {
            if s.role == Role::Trailing {
                s.role = Role::Linked { clear, loose };
            }
            continue;
        }
        out.push(Sighting {
            phrase: phrase.into(),
            block,
            start,
            role: Role::Linked { clear, loose },
        });
    }
}

/// Words after which a phrase cannot have been the subject of the clause.
const NOT_A_VERB: &[&str] = &[
    "a", "an", "the", "this", "these", "those", "his", "her", "its", "their", "our", "my", "he",
    "she", "it", "they", "we", "i", "you",
];

/// Whether the words are lowercase words of a keyword phrase, single
/// spaces between them ("buy cheap widgets", "car repair near me").
fn lowercase_anchor(text: &str, words: &[Token]) -> bool {
    words.iter().enumerate().all(|(k, t)| {
        (k == 0 || text[words[k - 1].end()..t.start] == *" ")
            && t.word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// Whether a link's address names the phrase: its words, joined, among the
/// address's letters and digits ("/buy-cheap-widgets", "?s=buy+cheap+widgets").
fn address_names(href: &str, phrase: &str) -> bool {
    let slug: String = crate::text::words(phrase)
        .map(|(_, w)| w.to_lowercase())
        .collect();
    let squashed: String = href
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    squashed.contains(&slug)
}

/// The token spans of a block's lowercase link anchors whose addresses
/// name them, so that call-to-action templates are found around them as
/// around capitalized phrases.
fn named_lowercase_links(
    block: &Block,
    text: &str,
    toks: &[Token],
    spans: &mut Vec<(usize, usize)>,
) {
    spans.clear();
    spans.extend(
        anchors(block, toks)
            .filter(|(run, i, j)| {
                let href = run.href.as_deref().unwrap_or("");
                lowercase_anchor(text, &toks[*i..*j]) && address_names(href, run.text.trim())
            })
            .map(|(_, i, j)| (i, j)),
    );
}

/// Lowercase phrases in sentences otherwise made of template words ("To
/// learn more about replica designer handbags, click here."), added to
/// `slots`: in each sentence that opens on template words, the words after
/// them up to the next template word (one template word inside when more
/// follow it: "payday loans no credit check"), taken back over keyword
/// openers ("best gaming chair"). [`templates_in`] judges the sentence
/// around each; [`fit_lowercase_phrases`] settles where the phrase ends.
fn lowercase_slots(
    text: &str,
    toks: &[Token],
    runs: &[(usize, usize)],
    slots: &mut Vec<(usize, usize)>,
) {
    // A template opens on a capital: each opens a capitalized run.
    for &(first, _) in runs {
        let opens =
            (first == 0 || ends_before(text, toks, first)) && is_template_token(text, &toks[first]);
        if !opens {
            continue;
        }
        let mut k = first + 1;
        while k < toks.len() && !ends_before(text, toks, k) && is_template_token(text, &toks[k]) {
            k += 1;
        }
        if let Some(slot) = slot_at(text, toks, first, k) {
            slots.push(slot);
        }
    }
}

/// Whether a sentence ends between token `k - 1` and token `k`. Asked of
/// most words of the page: a gap of one byte (mostly a space) is told at once.
#[inline]
fn ends_before(text: &str, toks: &[Token], k: usize) -> bool {
    let (from, to) = (toks[k - 1].end(), toks[k].start);
    to - from > 1
        && text.as_bytes()[from..to]
            .iter()
            .any(|b| matches!(b, b'.' | b'!' | b'?'))
}

/// The lowercase phrase opening at token `a` of a sentence whose template
/// words open at `first` (see [`lowercase_slots`]), when only template
/// words follow it to the sentence's end. Its other words are told by
/// their template table alone first, as most sentences hold more of them.
fn slot_at(text: &str, toks: &[Token], first: usize, a: usize) -> Option<(usize, usize)> {
    let joined = |k: usize| {
        k < toks.len() && {
            let gap = &text[toks[k - 1].end()..toks[k].start];
            gap_is_space(gap) || gap == "-"
        }
    };
    let other = |k: usize| {
        k < toks.len() && toks[k].lowercase() && joined(k) && !is_template_token(text, &toks[k])
    };
    if a >= toks.len() || !toks[a].lowercase() || is_template_token(text, &toks[a]) {
        return None;
    }
    let mut b = a + 1;
    while b - a < MAX_PHRASE_WORDS {
        if other(b) {
            b += 1;
        } else if joined(b) && toks[b].lowercase() && b + 1 - a < MAX_PHRASE_WORDS && other(b + 1) {
            b += 2;
        } else {
            break;
        }
    }
    // The template goes on to the sentence's end, or after a question to
    // the next one's ("Need X? Contact us now.").
    let asks_on = b < toks.len() && text[toks[b - 1].end()..toks[b].start].contains('?');
    let rest_is_template = b == toks.len()
        || (ends_before(text, toks, b) && !asks_on)
        || (b..toks.len())
            .take_while(|&k| k == b || !ends_before(text, toks, k))
            .all(|k| is_template_token(text, &toks[k]));
    let clause =
        || (a..b).any(|k| !is_template_token(text, &toks[k]) && builds_a_clause(toks[k].word));
    if !rest_is_template || clause() {
        return None;
    }
    let mut start = a;
    while start > first + 1 && joined(start) && is_keyword_opener(toks[start - 1].word) {
        start -= 1;
    }
    (b - start >= 2 && b - start <= MAX_PHRASE_WORDS).then_some((start, b))
}

/// Whether `word` builds a clause rather than names a thing: a
/// preposition, a pronoun, a conjunction or a verb in "-ed". No keyword
/// phrase holds one: "Read our guide to home solar panels before you buy."
/// holds no phrase "home solar panels before".
fn builds_a_clause(word: &str) -> bool {
    PREPOSITIONS.contains(&word)
        || SUBJECT_WORDS.contains(&word)
        || CONJUNCTIONS.contains(&word)
        || is_verb(word)
}

/// Whether `word` is one of [`KEYWORD_OPENERS`], ignoring ASCII case.
fn is_keyword_opener(word: &str) -> bool {
    KEYWORD_OPENERS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Settles where each lowercase template phrase ends: the slot read from
/// its sentence alone may take in a template word of the phrase's or leave
/// one out ("Looking for cheap essay help?" holds "cheap essay", or "cheap
/// essay help"). Of the spans around it, one keyword opener shorter or one
/// template word longer, the one pasted most often elsewhere on the page
/// is the phrase (the longest of those pasted as often); when none is, the
/// slot stays.
fn fit_lowercase_phrases(
    doc: &Document,
    texts: &[Cow<str>],
    page: &PageTokens,
    sightings: &mut [Sighting],
) {
    // (sighting, first token, past-last token, phrase) of every span tried.
    let mut tried: Vec<(usize, usize, usize, String)> = Vec::new();
    for (k, s) in sightings.iter().enumerate() {
        if !matches!(s.role, Role::Template { .. }) || s.phrase.chars().any(char::is_uppercase) {
            continue;
        }
        let (text, toks) = (&texts[s.block], page.block(s.block));
        let Some(i) = toks.iter().position(|t| t.start == s.start) else {
            continue;
        };
        let j = i + crate::text::words(&s.phrase).count();
        let shorter = j - i > 2 && is_keyword_opener(toks[i].word);
        let longer = j < toks.len()
            && toks[j].lowercase()
            && is_template_token(text, &toks[j])
            && gap_is_space(&text[toks[j - 1].end()..toks[j].start]);
        for l in [i, i + 1].into_iter().filter(|&l| l == i || shorter) {
            for r in [j, j + 1].into_iter().filter(|&r| r == j || longer) {
                if r - l <= MAX_PHRASE_WORDS {
                    tried.push((k, l, r, text[toks[l].start..toks[r - 1].end()].to_string()));
                }
            }
        }
    }
    if tried.is_empty() {
        return;
    }
    // One index for every span, and each phrase's places found once: a
    // page may repeat one template thousands of times.
    let index = PhraseIndex::new(doc, texts, page, tried.iter().map(|t| t.3.as_str()));
    let mut places: FastMap<&str, Vec<(usize, usize, usize)>> = FastMap::default();
    // Per sighting: (copies elsewhere, words, first, past-last token).
    let mut best: FastMap<usize, (usize, usize, usize, usize)> = FastMap::default();
    for (k, l, r, phrase) in &tried {
        let s = &sightings[*k];
        let Role::Template { start, end } = s.role else {
            continue;
        };
        let at = places
            .entry(phrase.as_str())
            .or_insert_with(|| index.occurrences(phrase));
        // Places are in page order: those inside its own template are a range.
        let from = at.partition_point(|o| (o.0, o.1) < (s.block, start));
        let to = at.partition_point(|o| (o.0, o.1) < (s.block, end));
        let pasted = at.len() - (to - from);
        let here = (pasted, r - l, *l, *r);
        let kept = best.entry(*k).or_insert((0, 0, 0, 0));
        if pasted > 0 && (here.0, here.1) > (kept.0, kept.1) {
            *kept = here;
        }
    }
    for (k, (_, _, l, r)) in best {
        if r == 0 {
            continue;
        }
        let s = &mut sightings[k];
        let toks = page.block(s.block);
        s.phrase = texts[s.block][toks[l].start..toks[r - 1].end()].into();
        s.start = toks[l].start;
    }
}

/// The block's link runs (not code) whose text is two to
/// [`MAX_PHRASE_WORDS`] whole words, with the span of those words.
fn anchors<'b>(
    block: &'b Block,
    toks: &'b [Token],
) -> impl Iterator<Item = (&'b crate::model::Run, usize, usize)> + 'b {
    // Run offsets counted on, not collected: this runs for every block.
    let mut at = 0;
    block.runs.iter().filter_map(move |run| {
        let run_start = at;
        at += run.text.len();
        if run.kind != RunKind::Link || run.verbatim {
            return None;
        }
        let start = run_start + (run.text.len() - run.text.trim_start().len());
        let end = start + run.text.trim().len();
        let i = toks.binary_search_by_key(&start, |t| t.start).ok()?;
        let j =
            (i + 2..=(i + MAX_PHRASE_WORDS).min(toks.len())).find(|&j| toks[j - 1].end() >= end)?;
        (toks[j - 1].end() == end).then_some((run, i, j))
    })
}

/// Words that open a clause and never a list item: a pronoun subject or an
/// auxiliary verb.
const CLAUSE_OPENERS: &[&str] = &[
    "i", "it", "he", "she", "we", "they", "was", "were", "is", "are", "has", "have", "had", "will",
    "would", "can", "could", "should", "must",
];

/// Whether the English conjunction after the phrase ending at token `j`
/// joins a clause, not a list item (", X and it feels like a miracle",
/// ", X and was unable to"): then the phrase is no item of a list.
fn clause_follows(text: &str, toks: &[Token], j: usize) -> bool {
    let (Some(conj), Some(after)) = (toks.get(j), toks.get(j + 1)) else {
        return false;
    };
    matches!(conj.word, "and" | "or" | "but")
        && gap_is_space(&text[conj.end()..after.start])
        && CLAUSE_OPENERS.contains(&after.word)
}

/// Lowercase words an anchor phrase may hold between its capitalized words
/// ("Cheap Flights to Bali", "Best Dentist in Chicago").
const CONNECTORS: &[&str] = &["to", "in", "for", "near", "at", "of"];

/// The end of the run `i..j` taken on over one connector and a capitalized
/// word or two ("Cheap Flights" + "to Bali"), if the whole stays within
/// [`MAX_PHRASE_WORDS`]; else `j`. A phrase cut at the connector would
/// leave half of itself behind ("…, to Bali still wearing").
fn bridged_end(text: &str, toks: &[Token], i: usize, j: usize) -> usize {
    let Some(connector) = toks.get(j) else {
        return j;
    };
    if !CONNECTORS.contains(&connector.word) || text[toks[j - 1].end()..connector.start] != *" " {
        return j;
    }
    let mut end = j + 1;
    // The place ends before a word that opens the next sentence ("… in
    // Dubai The hotel").
    while end < toks.len()
        && end - j <= 2
        && toks[end].capitalized()
        && !(end > j + 1 && is_sentence_opener(toks[end].word))
        && text[toks[end - 1].end()..toks[end].start] == *" "
    {
        end += 1;
    }
    let tail = end - j - 1;
    let continues = toks.get(end).is_some_and(|t| {
        t.capitalized() && text[toks[end - 1].end()..t.start] == *" " && !is_sentence_opener(t.word)
    });
    if tail == 0 || tail > 2 || continues || end - i > MAX_PHRASE_WORDS {
        return j;
    }
    end
}

/// Whether the run `i..j` stands alone after the last full sentence of a
/// prose block: of two words or more, none of them a call-to-action word
/// ("Read More", "Share This Story") nor a credit's last word ("Getty
/// Images").
fn trails_the_block(text: &str, toks: &[Token], i: usize, j: usize) -> bool {
    let words = &toks[i..j];
    j == toks.len()
        && (2..=MAX_PHRASE_WORDS).contains(&words.len())
        && toks.len() - words.len() >= PROSE_WORDS
        && text[toks[j - 1].end()..].trim().is_empty()
        && i > 0
        && !abbreviated(toks[i - 1].word)
        && anchor_shaped(words)
        && !words
            .iter()
            .any(|t| is_template_token(text, t) && !is_keyword_opener(t.word))
        && !CREDIT_WORDS.contains(&words[words.len() - 1].word.to_lowercase().as_str())
}

/// Whether a word before a full stop is likely an abbreviation or an
/// initial ("Dr.", "St.", "J."), which ends no sentence.
fn abbreviated(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() <= 3
}

/// The end of the run `i..j` taken on over a connector and a place of one
/// or two capitalized words that a capitalized word then a lowercase one
/// follow (“in Dubai” + “O presidente”, “Try it”): the longest such place
/// within [`MAX_PHRASE_WORDS`]. A one-letter word ends no place.
fn place_before_opener(text: &str, toks: &[Token], i: usize, j: usize) -> Option<usize> {
    let connector = toks.get(j)?;
    if !CONNECTORS.contains(&connector.word) || text[toks[j - 1].end()..connector.start] != *" " {
        return None;
    }
    let spaced = |k: usize| text[toks[k - 1].end()..toks[k].start] == *" ";
    let place_word = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.capitalized() && t.word.chars().nth(1).is_some() && spaced(k))
    };
    (1..=2).rev().map(|tail| j + 1 + tail).find(|&end| {
        end - i <= MAX_PHRASE_WORDS
            && (j + 1..end).all(place_word)
            && toks
                .get(end)
                .is_some_and(|t| t.capitalized() && spaced(end))
            && toks
                .get(end + 1)
                .is_some_and(|t| t.lowercase() && spaced(end + 1))
    })
}

/// Words that open a sentence with an adverbial ("On Tuesday,", "Since
/// 2019,", "Across the state,"): the clause's subject still has to come.
const ADVERBIAL_OPENERS: &[&str] = &[
    "across",
    "after",
    "at",
    "before",
    "by",
    "during",
    "earlier",
    "for",
    "from",
    "in",
    "last",
    "later",
    "meanwhile",
    "on",
    "over",
    "since",
    "this",
    "through",
    "throughout",
    "today",
    "under",
    "until",
    "within",
    "yesterday",
];

/// Auxiliaries and common irregular past forms: a word that opens a predicate.
const PREDICATE_WORDS: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
    "may", "might", "must", "does", "did", "shut", "cut", "put", "set", "made", "took", "gave",
    "won", "lost", "sold", "bought", "built", "began", "ran", "came", "went", "got", "held",
    "left", "met", "paid", "sent", "found", "kept", "brought", "spent", "rose", "fell", "grew",
    "saw", "became", "chose", "drew", "led", "struck", "hit", "quit", "spread", "broke", "sank",
    "stood", "swept", "spoke", "drove", "flew", "fled", "fought", "sought", "threw", "tore",
    "wore", "shot", "stole", "wrote", "told", "let", "lay", "lit", "bid", "beat",
];

/// Whether `words` open a predicate: a verb ("shut", "opened"), a verb
/// in the present ("sees twice"; not a noun before a verb, "prices rose"),
/// or an adverb before either ("now delivers").
fn predicate_follows(words: &[Token]) -> bool {
    let present = |k: usize| {
        words.get(k).is_some_and(|t| {
            let w = t.word;
            w.len() >= 4
                && w.bytes().all(|b| b.is_ascii_lowercase())
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !w.ends_with("us")
                && !words.get(k + 1).is_some_and(|n| is_verb(n.word))
        })
    };
    let verb = |k: usize| words.get(k).is_some_and(|t| is_verb(t.word)) || present(k);
    verb(0)
        || (words
            .first()
            .is_some_and(|t| PREDICATE_ADVERBS.contains(&t.word))
            && verb(1))
}

/// Adverbs that stand between a subject and its verb ("now delivers").
const PREDICATE_ADVERBS: &[&str] = &[
    "also",
    "already",
    "again",
    "currently",
    "finally",
    "never",
    "now",
    "often",
    "quickly",
    "recently",
    "soon",
    "still",
    "then",
    "usually",
];

/// Lowercase words that stand for a subject of their own ("we said",
/// "others started"), so a run before them modifies nothing.
const SUBJECT_WORDS: &[&str] = &[
    "all", "also", "and", "both", "but", "each", "few", "he", "her", "his", "it", "its", "many",
    "most", "not", "or", "others", "our", "several", "she", "some", "that", "the", "their", "then",
    "there", "these", "they", "this", "those", "we", "what", "which", "who", "you", "your",
];

/// Whether the run before token `j` qualifies the noun at `j`, the subject
/// of a verb after it ("…, World Health Organization officials said").
fn names_the_speakers(text: &str, toks: &[Token], j: usize) -> bool {
    let (Some(noun), Some(verb)) = (toks.get(j), toks.get(j + 1)) else {
        return false;
    };
    noun.word.len() >= 3
        && noun.word.bytes().all(|b| b.is_ascii_lowercase())
        && !SUBJECT_WORDS.contains(&noun.word)
        && !crate::lang::is_any_function_word(noun.word)
        && text[noun.end()..verb.start] == *" "
        && is_verb(verb.word)
}

/// Whether the run before token `j` qualifies a title before a name
/// ("…, Harbor Community Bank chief executive Lena Ortiz, …"): one or two
/// lowercase content words, then a capitalized one.
fn titles_a_name(text: &str, toks: &[Token], j: usize) -> bool {
    (1..=2).any(|k| {
        // A name of two words: one capitalized noun proves nothing in German.
        let (Some(title), Some(name)) = (toks.get(j..j + k), toks.get(j + k..j + k + 2)) else {
            return false;
        };
        let plain = |t: &Token| {
            t.word.len() >= 3
                && t.word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && !t.word.ends_with("ing")
                && !SUBJECT_WORDS.contains(&t.word)
                && !is_minor(t.word)
                && !crate::lang::is_any_function_word(t.word)
        };
        title.iter().all(plain)
            && name.iter().all(Token::capitalized)
            && toks[j..j + k + 2]
                .windows(2)
                .all(|p| text[p[0].end()..p[1].start] == *" ")
    })
}

/// A speech verb, an auxiliary, a common irregular past or a regular one.
fn is_verb(word: &str) -> bool {
    SPEECH_VERBS.contains(&word)
        || PREDICATE_WORDS.contains(&word)
        || (word.len() >= 5 && word.ends_with("ed") && word.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Whether the run at `i` is the subject of its sentence, not an insertion:
/// the sentence opens with a short adverbial ("On Tuesday, City Water Works
/// shut off …") and the run is followed by a verb, so without it the clause
/// has no subject.
fn subject_after_opener(text: &str, toks: &[Token], i: usize, j: usize) -> bool {
    if !predicate_follows(&toks[j..]) {
        return false;
    }
    // The words between the sentence start and the comma before the run.
    let mut k = i;
    while k > 0 && i - k < 6 {
        let gap = &text[toks[k - 1].end()..toks[k].start];
        if k < i && gap.contains(['.', '!', '?', ';', ':']) {
            break;
        }
        k -= 1;
    }
    let opens_sentence = k == 0 || {
        let gap = &text[toks[k - 1].end()..toks[k].start];
        gap.contains(['.', '!', '?', ';', ':'])
    };
    opens_sentence
        && k < i
        && toks[k].capitalized()
        && ADVERBIAL_OPENERS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(toks[k].word))
}

/// Whether a run like "Cheap Widgets Online We simply …" splits cleanly
/// after `k` words: the prefix words always occur together (one inserted
/// phrase) and the next word opens a sentence or is used elsewhere.
fn clean_split(run: &[Token], k: usize, vocabulary: &Vocabulary) -> bool {
    let together = vocabulary.count(run[0].word);
    let opener = run[k].word;
    run[..k]
        .iter()
        .all(|t| is_minor(t.word) || vocabulary.count(t.word) == together)
        && (is_sentence_opener(opener) || vocabulary.count(opener) > together)
}

/// Whether a phrase could be an anchor: it opens and ends on content words.
fn anchor_shaped(words: &[Token]) -> bool {
    let (first, last) = (words[0].word, words[words.len() - 1].word);
    let shouted = words
        .iter()
        .all(|t| !t.word.chars().any(char::is_lowercase));
    // A phrase may end on "Me" ("… Near Me"), never on a preposition or an article.
    let open_end = !is_minor(last) || (words.len() >= 3 && last == "Me");
    !shouted && !is_sentence_opener(first) && !is_minor(first) && open_end
}

/// Whether a phrase of `content` words, `common` of them common English,
/// reads as a commercial phrase rather than a name: three words or more,
/// two in three of them common ("Used Tractors for Sale", "payday loans no
/// credit check").
fn commercial(content: usize, common: usize) -> bool {
    content >= 3 && common * 3 >= content * 2
}

fn is_minor(word: &str) -> bool {
    MINOR_WORDS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Call-to-action sentences around one title-cased phrase ("For more
/// regarding X visit our page.", "If you want to learn more about X, check
/// out our own site."). They are found from the phrase outwards, because
/// they are often pasted onto text that has no sentence end of its own.
fn templates_in(
    block: usize,
    text: &str,
    toks: &[Token],
    runs: &[(usize, usize)],
) -> Vec<Sighting> {
    let mut out = Vec::new();
    for &(mut i, j) in runs {
        // A template opens on template words before its phrase ("For more
        // regarding X"), at its start ("Visit X here") or after a colon
        // ("X: read more on our site"); a run with none of these opens none
        // (checked first: most runs have none).
        let opens_on_template = (i > 0 && is_template_token(text, &toks[i - 1]))
            || is_template_token(text, &toks[i])
            || colon_follows(&text[toks[j - 1].end()..]);
        if !opens_on_template {
            continue;
        }
        // "Visit Cheap Widgets here": a capitalized template word is no part
        // of the phrase, unless keyword phrases open with it too ("Best
        // Widget Deals", "Buy Widgets Online").
        while i < j && is_template_token(text, &toks[i]) && !is_keyword_opener(toks[i].word) {
            i += 1;
        }
        // "Best Hair Salon in Dubai": the phrase goes on over a connector.
        let j = bridged_end(text, toks, i, j);
        // One capitalized word is a name or a site's own furniture ("Contact
        // Us by Email", "Find us on Facebook"), not a keyword anchor.
        if j - i < 2 || j - i > MAX_PHRASE_WORDS {
            continue;
        }
        let mut left = i;
        while left > 0
            && is_template_token(text, &toks[left - 1])
            && joins_template_words(&text[toks[left - 1].end()..toks[left].start])
        {
            left -= 1;
        }
        // The template words before the phrase must open its sentence, or
        // a colon follow the phrase ("X: read more", confirmed below);
        // checked before the words after it are read: in prose, the words
        // before a name mostly run on from a lowercase word.
        let opens_before = toks[left].capitalized() && left < i;
        let may_colon = left == i && colon_follows(&text[toks[j - 1].end()..]);
        if !opens_before && !may_colon {
            continue;
        }
        let mut right = j;
        while right < toks.len()
            && is_template_token(text, &toks[right])
            && (text[toks[right - 1].end()..toks[right].start].trim() == ","
                || joins_template_words(&text[toks[right - 1].end()..toks[right].start]))
        {
            right += 1;
        }
        // "Cheap Widgets: read more on our site.": a phrase opening the
        // sentence, the call after a colon.
        let colon = right == j
            && left == i
            && toks.get(j).is_some_and(|t| {
                text[toks[j - 1].end()..t.start].trim() == ":"
                    && boundary_before(text, toks[i].start) == Boundary::Sentence
            });
        if colon {
            right += 1;
            while right < toks.len()
                && is_template_token(text, &toks[right])
                && gap_is_space(&text[toks[right - 1].end()..toks[right].start])
            {
                right += 1;
            }
        }
        // "Want to know more about Cheap Widgets? Visit our page.": a
        // question, then the call, both of template words.
        if text[toks[right - 1].end()..].trim_start().starts_with('?') {
            let mut more = right;
            while more < toks.len()
                && is_template_token(text, &toks[more])
                && matches!(
                    text[toks[more - 1].end()..toks[more].start].trim(),
                    "" | "?"
                )
                && (more == right) == text[toks[more - 1].end()..toks[more].start].contains('?')
            {
                more += 1;
            }
            if more > right && sentence_end(text, toks[more - 1].end()).is_some() {
                right = more;
            }
        }
        let last = toks[right - 1].end();
        let Some(end) = sentence_end(text, last) else {
            continue;
        };
        // The template words around the phrase: ASCII words (see
        // `is_template_word`), compared without a lower-cased copy.
        let rest = || toks[left..i].iter().chain(&toks[j..right]);
        let any_of =
            |words: &[&str]| rest().any(|t| words.iter().any(|w| w.eq_ignore_ascii_case(t.word)));
        let opens = opens_before || colon;
        let words = rest().count();
        let asks = rest().any(|t| asks_to_act(t.word));
        let sells = any_of(POINTER_WORDS)
            || any_of(COMMERCIAL_WORDS)
            || (words >= 4 && any_of(FIRST_PERSON_WORDS));
        // A call to action reads as a sentence, in lowercase after its
        // first word; capitalized words around the phrase make a headline
        // ("What We Learned from the Widget Leak?").
        let headline = toks[left..i]
            .iter()
            .skip(1)
            .chain(&toks[j..right])
            .any(|t| {
                let gap = &text[..t.start];
                let opens_sentence = gap.trim_end().ends_with(['?', '!', '.', ':']);
                t.capitalized() && !opens_sentence
            });
        if opens && words >= 3 && asks && sells && !headline {
            out.push(Sighting {
                phrase: text[toks[i].start..toks[j - 1].end()].into(),
                block,
                start: toks[i].start,
                role: Role::Template {
                    start: toks[left].start,
                    end,
                },
            });
        }
    }
    out
}

/// Whether `rest` opens with a colon after any whitespace. Asked after
/// every capitalized run: after ASCII whitespace, an ASCII byte answers at
/// once (`rest.trim_start()` would start with it), without the trim.
fn colon_follows(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    // ASCII whitespace, as `char::is_whitespace` reads it, skipped byte by byte.
    let spaces = bytes
        .iter()
        .take_while(|&&b| matches!(b, b'\t'..=b'\r' | b' '))
        .count();
    match bytes.get(spaces) {
        Some(&b) if b.is_ascii() => b == b':',
        None => false,
        Some(_) => rest[spaces..].trim_start().starts_with(':'),
    }
}

/// Whether `gap` joins two template words: a space, or the apostrophe of a
/// contraction ("Don't") or the hyphen of a compound ("top-rated").
fn joins_template_words(gap: &str) -> bool {
    gap_is_space(gap) || matches!(gap, "'" | "’" | "-")
}

/// Whether `word` is a template word, ignoring ASCII case. It runs on the
/// words around every capitalized run, so it is one look-up in a table
/// where the template words do not collide (a perfect hash).
#[inline]
fn is_template_word(word: &str) -> bool {
    // Most words are told by their length alone, before they are packed.
    if word.len() > LONGEST_TEMPLATE_WORD {
        return false;
    }
    let Some(key) = TemplateKey::of(word.as_bytes()) else {
        return false;
    };
    template_table().holds(key)
}

/// [`is_template_word`] for the token `t` of `text`, read from the 16
/// bytes of `text` at its start when there are so many: two loads and a
/// mask whatever the word's length, where packing the word alone branched
/// on its length (mispredicted on most words, as their lengths vary).
#[inline]
fn is_template_token(text: &str, t: &Token) -> bool {
    let Some(sixteen) = text.as_bytes().get(t.start..t.start + 16) else {
        return is_template_word(t.word);
    };
    let len = t.word.len();
    // Eight bytes from `at`, the first `n` of them (up to eight) packed as
    // `pack_lowered` packs them, the others zero.
    let packed = |at: usize, n: usize| {
        let raw = u64::from_le_bytes(sixteen[at..at + 8].try_into().expect("eight bytes"));
        // The low `n` bytes set: two shifts, as one by 64 would overflow.
        let present = ((1u64 << (4 * n)) << (4 * n)).wrapping_sub(1);
        (raw | 0x2020_2020_2020_2020) & present
    };
    // A word longer than sixteen bytes packs as its first sixteen: a key
    // no template word has, as none is so long.
    let key = TemplateKey(
        packed(0, len.min(8)),
        packed(8, len.saturating_sub(8).min(8)),
    );
    template_table().holds(key)
}

/// The longest word a [`TemplateKey`] holds, in bytes (template words are shorter).
const TEMPLATE_WORD_MAX: usize = 16;

/// Every template word: the words of [`TEMPLATE_WORDS`] and of each kind.
const TEMPLATE_VOCABULARY: [&[&str]; 7] = [
    TEMPLATE_WORDS,
    ACTION_WORDS,
    OFFER_WORDS,
    POINTER_WORDS,
    COMMERCIAL_WORDS,
    FIRST_PERSON_WORDS,
    KEYWORD_OPENERS,
];

/// The length of the longest template word, in bytes.
const LONGEST_TEMPLATE_WORD: usize = crate::text::longest_in(&TEMPLATE_VOCABULARY);

/// A word of up to 16 bytes, packed in two integers (first byte lowest) with
/// bit 5 of each byte set: that lower-cases ASCII letters and turns no
/// other byte into one, so keys are equal exactly when words are equal
/// ignoring ASCII case, for words of ASCII letters.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
struct TemplateKey(u64, u64);

impl TemplateTable {
    /// Whether `key` is a template word's, with no branch on the way (the
    /// caller branches on the answer).
    fn holds(&self, key: TemplateKey) -> bool {
        let slot = usize::from(self.slots[key.slot(self.multiplier)]);
        let word = self.words[slot.saturating_sub(1)];
        (slot != 0) & (((word.0 ^ key.0) | (word.1 ^ key.1)) == 0)
    }
}

impl TemplateKey {
    fn of(bytes: &[u8]) -> Option<Self> {
        if bytes.is_empty() || bytes.len() > TEMPLATE_WORD_MAX {
            return None;
        }
        let (lo, hi) = bytes.split_at(bytes.len().min(8));
        Some(TemplateKey(pack_lowered(lo), pack_lowered(hi)))
    }

    /// The key's slot in a table of `1 << TEMPLATE_SLOT_BITS`.
    fn slot(self, multiplier: u64) -> usize {
        let mixed = self.0 ^ self.1.rotate_left(29);
        (mixed.wrapping_mul(multiplier) >> (64 - TEMPLATE_SLOT_BITS)) as usize
    }
}

/// Up to eight bytes in one integer (first byte lowest), each with bit 5
/// set. Read as two overlapping loads, not byte by byte: every word around
/// a capitalized run is packed.
#[inline(always)]
fn pack_lowered(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    debug_assert!(n <= 8);
    let u16_at = |at: usize| u64::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
    let u32_at = |at: usize| {
        let four: [u8; 4] = bytes[at..at + 4].try_into().expect("four bytes");
        u64::from(u32::from_le_bytes(four))
    };
    // The loads overlap in the middle, where they hold the same bytes.
    let raw = match n {
        0 => 0,
        1 => u64::from(bytes[0]),
        2..=3 => u16_at(0) | u16_at(n - 2) << (8 * (n - 2)),
        4..=7 => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
        _ => u64::from_le_bytes(bytes.try_into().expect("eight bytes")),
    };
    let present = if n == 8 { !0 } else { (1u64 << (8 * n)) - 1 };
    raw | (0x2020_2020_2020_2020 & present)
}

/// The template table has 16,384 slots: about seventy times the words, so
/// a multiplier that spreads them without a collision is found in a few
/// tries.
const TEMPLATE_SLOT_BITS: u32 = 14;

struct TemplateTable {
    multiplier: u64,
    /// Per slot, 1 + the index of the word there, or 0.
    slots: Vec<u8>,
    words: Vec<TemplateKey>,
}

fn template_table() -> &'static TemplateTable {
    static TABLE: OnceLock<TemplateTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        // A word of several kinds is one key.
        let mut words: Vec<TemplateKey> = TEMPLATE_VOCABULARY
            .iter()
            .flat_map(|kind| kind.iter())
            .map(|w| TemplateKey::of(w.as_bytes()).expect("template words are short"))
            .collect();
        words.sort_unstable_by_key(|k| (k.0, k.1));
        words.dedup();
        // A slot holds 1 + a word's index in a byte.
        assert!(
            words.len() < usize::from(u8::MAX),
            "too many template words"
        );
        // Odd multipliers from a fixed sequence, until one gives no collision.
        let mut multiplier = 0x9E37_79B9_7F4A_7C15u64;
        loop {
            let mut slots = vec![0u8; 1 << TEMPLATE_SLOT_BITS];
            let free = words.iter().enumerate().all(|(i, key)| {
                let slot = &mut slots[key.slot(multiplier)];
                let was_free = *slot == 0;
                *slot = i as u8 + 1;
                was_free
            });
            if free {
                return TemplateTable {
                    multiplier,
                    slots,
                    words,
                };
            }
            multiplier = multiplier
                .wrapping_mul(0x5851_F42D_4C95_7F2D)
                .wrapping_add(2)
                | 1;
        }
    })
}

/// The end of a sentence whose last word ends at `at`: just past its final
/// punctuation, or the end of the block.
fn sentence_end(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let stop = rest.trim_start();
    if stop.trim().is_empty() {
        return Some(at);
    }
    let c = stop.chars().next()?;
    matches!(c, '.' | '!' | '?').then(|| text.len() - stop.len() + 1)
}

/// The signals for one phrase, weighed.
struct Evidence {
    signals: Vec<Signal>,
    score: f32,
    convicted: bool,
}

/// What is known of a phrase before the page's words are counted.
struct Case<'p> {
    phrase: &'p str,
    words: Vec<&'p str>,
    content: Vec<&'p str>,
    common: usize,
    templates: usize,
    breaks: usize,
    after_comma: bool,
    before_determiner: bool,
    before_verb: bool,
    listed: bool,
    ordinary: usize,
    /// Unlinked copies pasted mid-clause beside a break (counted in
    /// `breaks` too).
    pasted: usize,
    /// Linked insertions inside a clause or at a block's end, and the
    /// unlinked occurrences standing the same way beside them.
    inline: usize,
    /// Whether the words around one of them show it interrupts its clause.
    inline_clear: bool,
    /// Whether one of them stands where nothing asks for an object.
    inline_loose: bool,
    link: Option<String>,
    /// Linked to two or more other sites whose addresses name it.
    farmed: bool,
    /// Copies standing as [`Role::Stray`] that count.
    strays: usize,
    /// No capital in it (see [`Tally::lowercase`]).
    lowercase: bool,
    /// One of its templates sells: a price, a quote, a deal or the
    /// spammer's help ("Click here to get a free quote for X.").
    sells: bool,
    longer_name: bool,
}

impl<'p> Case<'p> {
    fn of(
        doc: &Document,
        texts: &[Cow<str>],
        phrase: &'p str,
        seen: &[&Sighting],
        occurrences: &[(usize, usize, usize)],
    ) -> Self {
        let words: Vec<&str> = crate::text::words(phrase).map(|(_, w)| w).collect();
        // A number in a phrase ("Top 40 Radio") is no word of its subject.
        let content: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !is_minor(w) && !w.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        let common = content.iter().filter(|w| is_common_english(w)).count();
        let count = |f: fn(&Role) -> bool| seen.iter().filter(|s| f(&s.role)).count();
        let linked = count(|r| matches!(r, Role::Linked { .. }));
        // Looked up per occurrence, as a page may repeat a phrase thousands
        // of times: sorted, each a binary search.
        let mut sighted: Vec<(usize, usize)> = seen.iter().map(|s| (s.block, s.start)).collect();
        sighted.sort_unstable();
        let unseen = || {
            occurrences
                .iter()
                .filter(|&&(b, start, _)| sighted.binary_search(&(b, start)).is_err())
        };
        let named = named_links(doc, phrase, occurrences);
        // One phrase linked to several other sites, each address naming
        // it: a link farm's anchor, whatever its place.
        let farmed = named.hosts >= 2;
        // Beside a linked insertion, an unlinked copy pasted the same way
        // is one more insertion, not an ordinary use; so is a farmed link.
        // Per copy: whether it is one, and whether it is loose (see [`Role::Linked`]).
        // A lowercase phrase is never sighted unlinked: beside a template
        // or a farm, a copy standing between two sentences or after the
        // last one is one more insertion.
        let lowercase = !phrase.chars().any(char::is_uppercase);
        let strays = count(|r| *r == Role::Stray { linked: false })
            + if named.all_hosts >= 2 {
                count(|r| *r == Role::Stray { linked: true })
            } else {
                0
            };
        let lowercase_convicted = lowercase
            && (farmed
                || strays > 0
                || seen.iter().any(|s| matches!(s.role, Role::Template { .. })));
        let copies: Vec<bool> = unseen()
            .filter_map(|&(b, start, end)| {
                if farmed && named.at.binary_search(&(b, start)).is_ok() {
                    return Some(false);
                }
                if lowercase_convicted && between_sentences(&texts[b], start, end) {
                    return Some(false);
                }
                // Its template shows the phrase pasted: a copy after a
                // comma and before a lowercase word ("in June, buy tiktok
                // likes he admitted") is one more.
                if lowercase_convicted && after_comma_before_lowercase(&texts[b], start, end) {
                    return Some(false);
                }
                if linked == 0 && !lowercase_convicted {
                    return None;
                }
                match inline_place(&texts[b], start, end) {
                    Some(Inline::BlockEnd) => Some(true),
                    Some(Inline::MidClause {
                        prev,
                        next,
                        then,
                        in_noun_phrase,
                    }) => (!in_noun_phrase && !fills_a_slot(prev, next, then))
                        .then(|| !asks_for_object(prev)),
                    None => None,
                }
            })
            .collect();
        let inline_copies = copies.len();
        let templates = count(|r| matches!(r, Role::Template { .. }));
        let sighted_breaks = count(|r| matches!(r, Role::AfterComma | Role::SentenceStart { .. }));
        // A phrase of common words that a break shows pasted ("…
        // elit, Used Tractors for Sale sed do …"): a copy of it standing
        // mid-clause where nothing asks for it ("support Best VPN for
        // Gaming some of them") is pasted too. A name's copies stand so as
        // often ("hope to persuade Blue Ridge Outfitters soon"): of
        // unlinked phrases, only one mostly of common words counts them.
        let pasted = if linked == 0
            && !lowercase
            && !farmed
            && sighted_breaks > 0
            && commercial(content.len(), common)
        {
            unseen()
                .filter(|&&(b, start, end)| stands_pasted(&texts[b], start, end))
                .count()
        } else {
            0
        };
        // Beside its template, a copy after a comma and before "and" or
        // "or" is one more insertion, not an item of a list.
        let breaks = sighted_breaks
            + pasted
            + if templates > 0 {
                count(|r| *r == Role::BeforeConjunction)
            } else {
                0
            };
        Case {
            phrase,
            common,
            templates,
            // A name may trail paragraphs as its credit or its signature
            // ("… in Berlin. Jane Doe", "… a frost. Mary Ellen Baker", of
            // common words or not): trailing copies add to a case made
            // elsewhere, for a phrase of three words or more, some common.
            breaks: breaks
                + if breaks + templates + linked > 0
                    && content.len() >= 3
                    && common * 3 >= content.len()
                {
                    count(|r| *r == Role::Trailing)
                } else {
                    0
                },
            after_comma: count(|r| *r == Role::AfterComma) > 0,
            // A determiner or a subject pronoun right after the phrase
            // opens a noun phrase or a clause of its own: the phrase is no
            // subject there (", X a hotel company", ", X they are shown").
            before_determiner: seen.iter().any(|s| {
                s.role == Role::AfterComma
                    && texts[s.block][s.start + phrase.len()..]
                        .split_whitespace()
                        .next()
                        .is_some_and(|w| NOT_A_VERB.contains(&w))
            }),
            listed: count(|r| *r == Role::BeforeConjunction) > 0,
            // Every break is after a comma and before a verb (", Yahoo
            // Finance reported"): the phrase may be the clause's subject.
            before_verb: seen.iter().any(|s| s.role == Role::AfterComma)
                && seen.iter().all(|s| match s.role {
                    Role::AfterComma => texts[s.block][s.start + phrase.len()..]
                        .split_whitespace()
                        .next()
                        .is_some_and(is_verb),
                    Role::SentenceStart { .. } => false,
                    _ => true,
                }),
            // A phrase the page also uses as an ordinary noun phrase is the page's own.
            ordinary: unseen().count() - inline_copies - pasted,
            pasted,
            inline: linked + inline_copies,
            inline_clear: seen
                .iter()
                .any(|s| matches!(s.role, Role::Linked { clear: true, .. })),
            inline_loose: copies.contains(&true)
                || seen
                    .iter()
                    .any(|s| matches!(s.role, Role::Linked { loose: true, .. })),
            link: named.host,
            farmed,
            strays,
            lowercase,
            sells: seen.iter().any(|s| match s.role {
                Role::Template { start, end } => {
                    sells_commercially(&texts[s.block][start..end], &s.phrase)
                }
                _ => false,
            }),
            // "Cristina Gil" always before "Lladanosa" is part of a longer name.
            longer_name: part_of_longer_name(texts, phrase, occurrences),
            words,
            content,
        }
    }

    fn tally(&self, absent_share: f32, clear_break: bool) -> Tally {
        Tally {
            templates: self.templates,
            breaks: self.breaks,
            clear_break,
            ordinary: self.ordinary,
            absent_share,
            content: self.content.len(),
            common: self.common,
            listed: self.listed,
            after_comma: self.after_comma && self.before_determiner,
            linked: self.link.is_some(),
            before_verb: self.before_verb,
            inline: self.inline,
            inline_clear: self.inline_clear,
            inline_loose: self.inline_loose,
            lowercase: self.lowercase,
            sells: self.sells,
            farmed: self.farmed,
            strays: self.strays,
            connected: self.phrase.contains('-')
                || self
                    .words
                    .iter()
                    .any(|w| CONNECTORS.contains(w) || w.starts_with(|c: char| c.is_ascii_digit())),
        }
    }

    /// Whether the phrase could be convicted at all: with every word absent
    /// from the rest of the page, every break clear and the page in another
    /// language. Each of these only adds to the case, so a phrase that
    /// fails here needs no word counts.
    fn may_convict(&self) -> bool {
        !self.longer_name && self.tally(1.0, self.breaks > 0).convicts(self.common > 0)
    }
}

impl Evidence {
    fn weigh(
        case: &Case,
        seen: &[&Sighting],
        occurrences: &[(usize, usize, usize)],
        vocabulary: &Vocabulary,
    ) -> Self {
        let Case {
            phrase,
            ref words,
            ref content,
            common,
            templates,
            breaks,
            after_comma,
            ref link,
            ..
        } = *case;
        let mut signals = Vec::new();
        let mut score = 0.0;
        let per_occurrence = |w: &str| words.iter().filter(|x| stem(x) == stem(w)).count();
        // A keyword opener ("best", "online", "service") is anyone's word:
        // the page's use of it shows nothing, where two other words say
        // what the phrase is about ("Best Hair Salon in Dubai" on a page
        // about "the best way to cache").
        let others = content.iter().filter(|w| !is_keyword_opener(w)).count();
        // So is a call to action's word inside a phrase ("no" in "payday
        // loans no credit check"), beside two words of its own subject.
        let subject = content
            .iter()
            .filter(|w| !is_keyword_opener(w) && !is_template_word(w))
            .count();
        let absent = content
            .iter()
            .filter(|w| {
                (others >= 2 && is_keyword_opener(w))
                    || (subject >= 2 && is_template_word(w))
                    || vocabulary.count(w) <= per_occurrence(w) * occurrences.len()
            })
            .count();
        let absent_share = absent as f32 / content.len().max(1) as f32;
        let clear_break = seen.iter().any(|s| {
            matches!(
                s.role,
                Role::AfterComma | Role::SentenceStart { clean_split: true }
            )
        });
        if case.longer_name {
            return Evidence {
                signals,
                score: 0.0,
                convicted: false,
            };
        }
        let mut tally = case.tally(absent_share, clear_break);
        // Words absent from a page of a few lines show nothing: a shop's
        // note ("Our bakery … Get the best deals on fresh bread today.")
        // names its goods once.
        tally.sells &= vocabulary.page.toks.len() >= MIN_WORDS_FOR_ABSENCE;
        // The page's language is costly to judge and only ever adds to the
        // case: weigh it only for a phrase it could convict.
        if !tally.convicts(common > 0) {
            return Evidence {
                signals,
                score: 0.0,
                convicted: false,
            };
        }
        if templates > 0 {
            score += 0.5;
            signals.push(Signal::new(
                "template-sentence",
                0.5,
                format!("a call-to-action sentence around “{phrase}”"),
            ));
        }
        if breaks > 0 {
            let w = if after_comma { 0.35 } else { 0.3 };
            score += w;
            let detail = if after_comma {
                "inserted after a comma before a lowercase word"
            } else {
                "inserted before the start of a sentence"
            };
            signals.push(Signal::new("grammar-break", w, detail));
        }
        if case.pasted > 0 {
            score += 0.1;
            signals.push(Signal::new(
                "pasted-copy",
                0.1,
                format!(
                    "copied mid-clause where no word asks for it ({}×), counted as a break",
                    case.pasted
                ),
            ));
        }
        if case.inline > 0 {
            score += 0.3;
            signals.push(Signal::new(
                "linked-insertion",
                0.3,
                format!(
                    "a link to another site pasted inside a clause or after a paragraph's last sentence ({}×)",
                    case.inline
                ),
            ));
        }
        if case.strays > 0 {
            score += 0.3;
            signals.push(Signal::new(
                "stray-fragment",
                0.3,
                format!(
                    "lowercase words standing between two sentences ({}×)",
                    case.strays
                ),
            ));
        }
        if occurrences.len() >= 2 {
            score += 0.25;
            signals.push(Signal::new(
                "repeated-phrase",
                0.25,
                format!("appears {} times", occurrences.len()),
            ));
        }
        let w = 0.4 * absent_share;
        score += w;
        signals.push(Signal::new(
            "foreign-words",
            w,
            format!(
                "{absent} of {} words appear nowhere else on the page",
                content.len()
            ),
        ));
        if common * 3 >= content.len() * 2 {
            score += 0.1;
            signals.push(Signal::new(
                "commercial-words",
                0.1,
                "built of common words, not a name",
            ));
        }
        // English keywords pasted into a page in another language.
        let foreign_language = common > 0 && vocabulary.lang().is_some_and(|l| l != "en");
        if foreign_language {
            score += 0.2;
            signals.push(Signal::new(
                "foreign-language",
                0.2,
                format!(
                    "English words on a page in {}",
                    vocabulary.lang().unwrap_or("?")
                ),
            ));
        }
        if let Some(host) = link {
            score += 0.2;
            signals.push(Signal::new("spam-link", 0.2, format!("linked to {host}")));
        }
        // On a page in another language, a name after a short opening
        // phrase and before a content word ("Según el informe, Royal
        // Caribbean Cruises perdió …") is the sentence's subject: breaks
        // that are all of this kind prove nothing.
        let subjects = templates == 0 && link.is_none() && {
            let mut breaks = seen.iter().filter(|s| s.role != Role::BeforeConjunction);
            // The page's language, or on a page too short to tell, the block's.
            let subject = |s: &&Sighting| {
                let text = &vocabulary.texts[s.block];
                let lang = vocabulary
                    .lang()
                    .or_else(|| crate::lang::Profile::of(text).best_lang(2));
                s.role == Role::AfterComma
                    && lang != Some("en")
                    && in_subject_slot(text, s.start, s.phrase.len(), lang)
            };
            breaks.clone().next().is_some() && breaks.all(subject)
        };
        let convicted = !subjects && tally.convicts(foreign_language);
        Evidence {
            signals,
            score: score.min(1.0),
            convicted,
        }
    }

    fn convincing(&self) -> bool {
        self.convicted
    }
}

/// Prepositions and time words that open a sentence with an adverbial in
/// Spanish, French, Portuguese, Italian, Russian, Ukrainian and Polish
/// ("Según el informe,", "Depuis janvier,", "По данным компании,"): the
/// subject comes after the comma.
const OPENING_PREPOSITIONS: &[&str] = &[
    "según",
    "desde",
    "durante",
    "tras",
    "entre",
    "hace",
    "ayer",
    "hoy",
    "selon",
    "depuis",
    "dans",
    "après",
    "avant",
    "pendant",
    "lors",
    "hier",
    "segundo",
    "após",
    "ontem",
    "hoje",
    "secondo",
    "dopo",
    "prima",
    "ieri",
    "oggi",
    "en",
    "em",
    "in",
    "no",
    "na",
    "nel",
    "nella",
    "по",
    "в",
    "во",
    "на",
    "после",
    "до",
    "за",
    "при",
    "согласно",
    "у",
    "після",
    "згідно",
    "według",
    "w",
    "we",
    "po",
    "podczas",
];

/// Whether the phrase at `start` (`len` bytes) stands where the subject of
/// a sentence in `lang` would: after an opening of at most five words and
/// a comma, before a word that is no function word of `lang` (of any
/// language when it is not known).
fn in_subject_slot(text: &str, start: usize, len: usize, lang: Option<&str>) -> bool {
    let Some(before) = text[..start].trim_end().strip_suffix(',') else {
        return false;
    };
    let from = before.rfind(['.', '!', '?', ';', ':']).map_or(0, |k| k + 1);
    let opening = &before[from..];
    let mut words = opening.split_whitespace();
    let first = words.next().unwrap_or("").to_lowercase();
    if words.count() > 4 || opening.contains(',') || !OPENING_PREPOSITIONS.contains(&first.as_str())
    {
        return false;
    }
    let follower = text[start + len..].split_whitespace().next().unwrap_or("");
    let word = follower.trim_end_matches(|c: char| !c.is_alphanumeric());
    let auxiliary = AUXILIARIES
        .iter()
        .any(|(l, words)| Some(*l) == lang && words.split(' ').any(|w| w == word));
    // A language not told apart (Russian or Ukrainian?): no function word of any.
    let function_word = match lang {
        Some(lang) => crate::lang::is_function_word(word, lang),
        None => crate::lang::is_any_function_word(word),
    };
    auxiliary
        || (word.chars().count() >= 3 && word.chars().all(char::is_lowercase) && !function_word)
}

/// Auxiliaries among the function words: after a name they open its predicate.
const AUXILIARIES: &[(&str, &str)] = &[
    ("fr", "a ont est sont était va"),
    ("es", "ha han es son fue era está"),
    ("pt", "é foi são está tem"),
    ("it", "ha hanno è sono era"),
];

/// The counts a phrase is convicted on.
struct Tally {
    templates: usize,
    breaks: usize,
    clear_break: bool,
    ordinary: usize,
    absent_share: f32,
    content: usize,
    common: usize,
    listed: bool,
    /// One of its breaks is after a comma, before a determiner or a
    /// subject pronoun.
    after_comma: bool,
    linked: bool,
    /// Every break is after a comma and before a verb.
    before_verb: bool,
    /// Linked insertions inside a clause or at a block's end (see [`Case`]).
    inline: usize,
    inline_clear: bool,
    inline_loose: bool,
    /// The phrase holds a connector, a hyphen or a number ("Hotels in
    /// Lisbon", "Ten-Year Treasury Notes", "Top 20 Chip Makers"): a place or
    /// a name as often as an anchor, so one break alone proves nothing.
    connected: bool,
    /// A lowercase phrase: ordinary words of the page as often as an
    /// anchor, sighted only as a link that its address names.
    lowercase: bool,
    /// One of its templates sells (see [`Case`]).
    sells: bool,
    farmed: bool,
    /// Copies standing as [`Role::Stray`] that count.
    strays: usize,
}

impl Tally {
    /// Whether the phrase is spam, given whether it is English on a page
    /// in another language.
    fn convicts(&self, foreign_language: bool) -> bool {
        let Tally {
            templates,
            breaks,
            clear_break,
            ordinary,
            absent_share,
            content,
            common,
            listed,
            after_comma,
            linked,
            before_verb,
            inline,
            inline_clear,
            inline_loose,
            connected,
            lowercase,
            sells,
            farmed,
            strays,
        } = *self;
        // Lowercase words between two sentences, which no sentence reads,
        // pasted twice or more so or after a comma ("…, best gaming chair
        // the levels"), most of their copies pasted, of words the page
        // does not use apart from them, some of them common: not a name.
        let pasted = strays + inline;
        if lowercase
            && strays > 0
            && pasted >= 2
            && ordinary < pasted
            // Pasted three times, or farmed too, one of its words may be
            // the page's own ("best").
            && (absent_share >= 1.0 || (absent_share >= 0.6 && (pasted >= 3 || farmed)))
            && content >= 2
            && common > 0
        {
            return true;
        }
        // A lowercase call to action's phrase of three words or more,
        // mostly common, that the page also has standing in a sentence
        // and never uses apart from these copies ("Click here to learn more
        // about payday loans no credit check." and "after lawmakers payday
        // loans no credit check defied"): the copy in the sentence was
        // pasted too, as for a title-cased phrase (below). A site's own
        // call about its own subject stands once, or shows the subject's
        // words elsewhere on the page.
        if lowercase
            && templates > 0
            && ordinary > 0
            && absent_share >= 1.0
            && commercial(content, common)
        {
            return true;
        }
        // Lowercase links are everywhere in prose: only a call to action
        // around one or a link farm proves it an anchor.
        if lowercase && templates == 0 && !farmed {
            return false;
        }
        // A site's own call about a subject of its own ("Read more about
        // local elections here.") stands once; an anchor's template comes
        // with the phrase pasted elsewhere, or with a link naming it, or
        // sells what the page never speaks of ("Get the best deals on
        // replica designer handbags today."): no site sells its own
        // subject so.
        let sold = sells && absent_share >= 1.0;
        if lowercase && !farmed && !linked && templates + inline < 2 && !sold {
            return false;
        }
        // A link names its phrase; but after a comma and before a verb
        // (", Yahoo Finance reported") it proves something only of a
        // commercial phrase, not of a name.
        let linked = linked && (!before_verb || commercial(content, common));
        // Strong evidence outweighs a stray ordinary use; a single break does not.
        let strong = (templates > 0 && absent_share >= 0.5)
            || (breaks >= 2 && absent_share >= 1.0)
            // Three breaks are a spammer's habit, not a writer's: one of
            // the phrase's words may be the page's own ("Pest Control" on
            // a page about access control).
            || (breaks >= 3 && absent_share >= 0.6)
            || (breaks >= 2 && absent_share >= 0.5 && linked)
            || (templates > 0 && breaks > 0 && ordinary == 0)
            // A link farm's phrase (two other sites whose addresses name
            // it) linked twice or more where it interrupts or stands apart:
            // the farm vouches for it as a missing word would.
            || (farmed && inline >= 2 && absent_share >= 0.5 && (inline_clear || inline_loose))
            // Linked insertions pasted twice or more (see below), one of
            // them plainly interrupting its clause or standing where
            // nothing asks for an object, or another break beside them;
            // with addresses that do not name them, most of their words
            // common.
            || (inline > 0
                && breaks + inline >= 2
                && (inline_clear || inline_loose || breaks > 0)
                && absent_share >= 1.0
                && ((linked && common * 3 >= content)
                    || (inline >= 2 && common * 3 >= content * 2)));
        (strong && ordinary < templates + breaks + inline)
            // A call to action's phrase of common words that the page never
            // uses apart from it ("Compare prices for Gold Coast Plumbers on
            // our site." on a page about flowers): its copies in sentences
            // were pasted too, however they happen to read ("attach enough
            // Gold Coast Plumbers moss"); of four words or more, half common
            // is enough (a trade and its place: "Luxury Yacht Charter
            // Croatia"), where two words, one common, are a company's name
            // as often ("Brightfield Energy"). A page's own subject shows its
            // words apart from the phrase. On a page in another language
            // an English template's phrase is foreign whatever its words.
            || (templates > 0
                && !lowercase
                && absent_share >= 1.0
                && content >= 2
                && (common * 3 >= content * 2
                    || (content >= 4 && common * 2 >= content)
                    || foreign_language))
            || (ordinary == 0
                && breaks == 1
                && clear_break
                // After a comma, one common word of three may occur on the
                // page ("Used Cars Houston" on a page that uses "used").
                && (absent_share >= 1.0 || (after_comma && absent_share >= 0.6))
                && (linked
                    || (content >= 3
                        && !connected
                        && (common * 3 >= content * 2 || foreign_language))))
            || (ordinary == 0 && breaks >= 1 && absent_share >= 1.0 && linked)
            // A link to another site that its address names, pasted inside
            // clauses: all its words foreign to the page, some of them
            // common, and where the words around it show it interrupts
            // the clause, or pasted twice or more with such a place, one
            // where nothing asks for an object, or another break or a
            // template beside it.
            || (inline > 0
                && ordinary == 0
                && linked
                && absent_share >= 1.0
                && content >= 2
                && common * 3 >= content
                && ((inline + breaks + templates >= 2
                    && (inline_clear || inline_loose || breaks + templates > 0))
                    || (inline_clear && content >= 3 && !connected)))
            || (ordinary == 0
                && breaks == 0
                && listed
                && absent_share >= 1.0
                && foreign_language
                && content >= 3)
    }
}

/// Lowercase fragments between two sentences of a block ("… of prime
/// working age. best gaming chair The study …"): two to
/// [`MAX_PHRASE_WORDS`] lowercase words after a sentence of prose and
/// before the next sentence's capital, added to `out` as [`Role::Stray`].
/// A fragment at a block's end is left: a "read more" stands there.
fn stray_fragments_in(
    b: &Block,
    block: usize,
    text: &str,
    toks: &[Token],
    runs: &[(usize, usize)],
    out: &mut Vec<Sighting>,
) {
    let plain = |t: &Token| {
        t.word.as_bytes()[0].is_ascii_lowercase()
            && t.word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    // Every capital opens a title run: a fragment is read back from one,
    // over the words one space apart before it, by their gaps alone,
    // rather than from every word of the block.
    let bytes = text.as_bytes();
    let one_space =
        |k: usize| toks[k].start - toks[k - 1].end() == 1 && bytes[toks[k].start - 1] == b' ';
    for &(j, _) in runs {
        // Most capitals open a sentence: the mark after the word before
        // is told by its first byte.
        if j < STRAY_AFTER_WORDS + 2
            || !bytes[toks[j - 1].end()..toks[j].start]
                .iter()
                .all(u8::is_ascii_whitespace)
            || !toks[j].capitalized()
        {
            continue;
        }
        let mut i = j - 1;
        while j - i <= MAX_PHRASE_WORDS && one_space(i) {
            i -= 1;
        }
        // A keyword is a bare phrase: with a determiner or a pronoun the
        // words read as a clause ("keep up the good work").
        if (2..=MAX_PHRASE_WORDS).contains(&(j - i))
            && toks[i..j]
                .iter()
                .all(|t| plain(t) && !NOT_A_VERB.contains(&t.word))
            && after_sentence_of_prose(text, toks, i)
        {
            out.push(Sighting {
                phrase: text[toks[i].start..toks[j - 1].end()].into(),
                block,
                start: toks[i].start,
                role: Role::Stray {
                    linked: in_link(b, toks[i].start),
                },
            });
        }
    }
}

/// Whether block-text byte `at` of `block` is inside a link.
fn in_link(block: &Block, at: usize) -> bool {
    let mut start = 0;
    block.runs.iter().any(|run| {
        let inside = (start..start + run.text.len()).contains(&at);
        start += run.text.len();
        inside && run.kind == RunKind::Link
    })
}

/// Lowercase abbreviations that a full stop ends but no sentence.
const LOWERCASE_ABBREVIATIONS: &[&str] = &[
    "etc", "vs", "al", "cf", "ca", "approx", "incl", "viz", "esp", "resp", "no", "nos", "pp",
    "vol", "ed", "eds", "fig", "figs",
];

/// Words of the sentence before a [`Role::Stray`] fragment: a sentence of
/// prose, not a heading or a chat's "Nice post." before it.
const STRAY_AFTER_WORDS: usize = 5;

/// Whether token `i` follows the end of a sentence of
/// [`STRAY_AFTER_WORDS`] words or more: a full stop, a question or an
/// exclamation mark (a closing quote or bracket before or after it) and
/// a space, after no abbreviation or ellipsis.
fn after_sentence_of_prose(text: &str, toks: &[Token], i: usize) -> bool {
    const CLOSERS: [char; 5] = ['"', '”', '’', '\'', ')'];
    let gap = &text[toks[i - 1].end()..toks[i].start];
    let Some(before_mark) = gap
        .trim_end()
        .trim_end_matches(CLOSERS)
        .strip_suffix(['.', '!', '?'])
    else {
        return false;
    };
    let prev = toks[i - 1].word;
    if !before_mark.trim_start_matches(CLOSERS).is_empty()
        || gap.trim_end().len() == gap.len()
        || abbreviated(prev)
        || prev.len() == 1
        || (gap.starts_with('.') && LOWERCASE_ABBREVIATIONS.contains(&prev))
    {
        return false;
    }
    // The sentence before: its words back to the previous sentence's end.
    let from = i.saturating_sub(STRAY_AFTER_WORDS);
    from + STRAY_AFTER_WORDS == i && (from + 1..i).all(|k| !ends_before(text, toks, k))
}

/// Whether `start..end` stands after a sentence's end and before the next
/// sentence's capital or the block's end ("… device. buy widgets On modern …").
fn between_sentences(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    before.len() < start
        && before.ends_with(['.', '!', '?'])
        && (after.is_empty()
            || (after.len() < text.len() - end && after.starts_with(char::is_uppercase)))
}

/// Whether `start..end` stands after a comma and a space and before a space
/// and a lowercase word.
fn after_comma_before_lowercase(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    before.len() < start
        && before.ends_with(',')
        && after.len() < text.len() - end
        && after.starts_with(char::is_lowercase)
}

/// Whether every occurrence of the phrase is followed by the same capitalized word.
fn part_of_longer_name(
    texts: &[Cow<str>],
    phrase: &str,
    occurrences: &[(usize, usize, usize)],
) -> bool {
    if occurrences.len() < 2 || crate::text::words(phrase).count() != 2 {
        return false;
    }
    let mut followers = occurrences.iter().map(|&(b, _, end)| {
        let rest = texts[b][end..].trim_start();
        let word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        word.chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then_some(word)
    });
    let first = followers.next().flatten();
    first.is_some() && followers.all(|f| f == first)
}

/// The link runs that are exactly a phrase and whose address names it.
struct NamedLinks {
    /// The first one's host.
    host: Option<String>,
    /// How many hosts other than the page's they point to.
    hosts: usize,
    /// How many hosts other than the page's all links of the phrase
    /// point to, whether their addresses name it or not.
    all_hosts: usize,
    /// Where they stand: (block, start) of the occurrence, in page order.
    at: Vec<(usize, usize)>,
}

fn named_links(doc: &Document, phrase: &str, occurrences: &[(usize, usize, usize)]) -> NamedLinks {
    let page_host = doc
        .context
        .host
        .as_deref()
        .and_then(|h| href_host(&format!("//{h}")));
    let mut named = NamedLinks {
        host: None,
        hosts: 0,
        all_hosts: 0,
        at: Vec::new(),
    };
    let (mut foreign, mut linked_to): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for &(b, start, end) in occurrences {
        let block = &doc.blocks[b];
        let starts = block.run_starts();
        for (r, run) in block.runs.iter().enumerate() {
            if run.kind != RunKind::Link || run.text.trim() != phrase.trim() {
                continue;
            }
            if starts[r] > end || starts[r + 1] < start {
                continue;
            }
            let href = run.href.as_deref().unwrap_or("");
            let other_site =
                href_host(href).filter(|h| !page_host.as_deref().is_some_and(|p| same_site(p, h)));
            if let Some(h) = &other_site {
                if !linked_to.contains(h) {
                    linked_to.push(h.clone());
                }
            }
            if !address_names(href, phrase) {
                continue;
            }
            let host = href
                .split("//")
                .nth(1)
                .unwrap_or(href)
                .split('/')
                .next()
                .unwrap_or("");
            named.host.get_or_insert_with(|| host.to_string());
            named.at.push((b, start));
            if let Some(h) = other_site {
                if !foreign.contains(&h) {
                    foreign.push(h);
                }
            }
        }
    }
    named.hosts = foreign.len();
    named.all_hosts = linked_to.len();
    named
}

/// Findings that remove every occurrence of a convicted phrase.
fn removals(
    doc: &Document,
    texts: &[Cow<str>],
    phrase: &str,
    seen: &[&Sighting],
    occurrences: &[(usize, usize, usize)],
    evidence: &Evidence,
) -> Vec<Finding> {
    let mut templated: Vec<(usize, usize, usize)> = seen
        .iter()
        .filter_map(|s| match s.role {
            Role::Template { start, end } => Some((s.block, start, end)),
            _ => None,
        })
        .collect();
    templated.sort();
    templated.dedup();
    let templates = Spans::new(templated);
    let inside_template = |&(b, start, end): &(usize, usize, usize)| templates.hold(b, start, end);
    let sentences = templates.spans.iter().map(|&place| {
        let summary = format!("Spam sentence promoting “{phrase}” removed");
        (place, "template-sentence", summary)
    });
    let anchors = occurrences
        .iter()
        .filter(|o| !inside_template(o))
        .map(|&(b, start, end)| {
            // A convicted phrase in a sentence of template words alone: the
            // sentence goes, not the phrase alone ("Compare prices for at
            // our store.").
            if let Some((s, e)) = call_around(&texts[b], start, end) {
                let summary = format!("Spam sentence promoting “{phrase}” removed");
                return ((b, s, e), "template-sentence", summary);
            }
            let summary = format!("Unrelated phrase “{phrase}” pasted into the sentence, removed");
            ((b, start, end), "injected-anchor", summary)
        });
    let places: Vec<_> = sentences.chain(anchors).collect();
    // One cursor a block: a long line's many copies are counted on from
    // one to the next, not each from the line's start.
    let mut cursor: Option<(usize, BlockCursor)> = None;
    places
        .into_iter()
        .map(|(place, rule, summary)| {
            let cursor = match &mut cursor {
                Some((b, c)) if *b == place.0 => c,
                _ => {
                    &mut cursor
                        .insert((place.0, BlockCursor::new(&doc.blocks[place.0])))
                        .1
                }
            };
            let text = &texts[place.0];
            removal(doc, text, place, rule, summary, evidence, cursor)
        })
        .collect()
}

/// Block-text spans (block, start, end), sorted, asked whether one of them
/// holds a place; each question is a binary search, as a page may repeat a
/// template thousands of times.
struct Spans {
    spans: Vec<(usize, usize, usize)>,
    /// The furthest end among the spans of the same block up to each one.
    reach: Vec<usize>,
}

impl Spans {
    fn new(spans: Vec<(usize, usize, usize)>) -> Self {
        let mut reach = Vec::with_capacity(spans.len());
        for (i, &(b, _, end)) in spans.iter().enumerate() {
            let before = (i > 0 && spans[i - 1].0 == b).then(|| reach[i - 1]);
            reach.push(before.map_or(end, |r: usize| r.max(end)));
        }
        Spans { spans, reach }
    }

    /// Whether a span of block `b` starts at or before `start` and ends at or after `end`.
    fn hold(&self, b: usize, start: usize, end: usize) -> bool {
        let after = self
            .spans
            .partition_point(|&(sb, ss, _)| (sb, ss) <= (b, start));
        after > 0 && self.spans[after - 1].0 == b && self.reach[after - 1] >= end
    }
}

/// The sentence around the phrase at `start..end` of `text`, when every
/// other word of it is a template word, at least two of them, one asking
/// the reader to act: a call to action, whatever its opening.
fn call_around(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let before = &text[..start];
    let from = before.rfind(['.', '!', '?']).map_or(0, |at| at + 1);
    let from = from + text[from..start].len() - text[from..start].trim_start().len();
    let stop = text[end..].find(['.', '!', '?']).map(|at| end + at + 1)?;
    let others: Vec<&str> = crate::text::words(&text[from..start])
        .chain(crate::text::words(&text[end..stop]))
        .map(|(_, w)| w)
        .collect();
    let asks = others.iter().any(|w| asks_to_act(w));
    (others.len() >= 2 && asks && others.iter().all(|w| is_template_word(w)))
        .then_some((from, stop))
}

/// Whether `word` asks the reader to act or offers the spammer's help.
/// Fewest words on a page for a phrase's absence from the rest of it to
/// convict a lowercase call that sells (see [`Tally::sells`]).
const MIN_WORDS_FOR_ABSENCE: usize = 50;

/// Whether the call to action `sentence` around `phrase` names a price, a
/// quote, a deal or an offer of help outside the phrase.
fn sells_commercially(sentence: &str, phrase: &str) -> bool {
    let outside = sentence.replacen(phrase, " ", 1);
    crate::text::words(&outside).any(|(_, w)| {
        COMMERCIAL_WORDS
            .iter()
            .chain(OFFER_WORDS)
            .any(|c| c.eq_ignore_ascii_case(w))
    })
}

fn asks_to_act(word: &str) -> bool {
    ACTION_WORDS
        .iter()
        .chain(OFFER_WORDS)
        .any(|a| a.eq_ignore_ascii_case(word))
}

/// Removes the block-text bytes `start..end` with a neighbouring space, or
/// the whole block when nothing else is in it.
fn removal(
    doc: &Document,
    text: &str,
    (block, start, end): (usize, usize, usize),
    rule: &'static str,
    summary: String,
    evidence: &Evidence,
    cursor: &mut BlockCursor,
) -> Finding {
    let draft = Draft {
        kind: Kind::Spam,
        rule,
        summary,
        signals: evidence.signals.clone(),
        confidence: evidence.score,
    };
    if text[..start].trim().is_empty() && text[end..].trim().is_empty() {
        draft.remove_block(doc, block)
    } else {
        let (s, e) = widen_to_space(text, start, end);
        draft.edit_at(cursor, block, s, e, "")
    }
}

/// Takes one space after the range (or, at the end of a sentence, before it)
/// so that removal leaves single spaces.
fn widen_to_space(text: &str, start: usize, end: usize) -> (usize, usize) {
    let after = text[end..].len() - text[end..].trim_start().len();
    let before = text[..start].len() - text[..start].trim_end().len();
    if after > 0 && end + after < text.len() {
        (start, end + after)
    } else {
        (start - before, end)
    }
}

#[cfg(test)]
mod tests {
    use crate::clean_text;

    #[test]
    fn removals_in_several_lines_point_at_their_own_line() {
        // Characters of two UTF-16 units and of three bytes early in the
        // first line, none in the others, whose phrase stands further in:
        // offsets counted on from one line into the next would miss.
        let text = "“𝐊yiv” — in Kyiv, Cheap Widget Deals a convoy would leave.\n\
            Ministers from both sides said on Tuesday evening, Cheap Widget Deals the talks would resume in Geneva.\n\
            The talks had stalled in March and again in early April, Cheap Widget Deals after the first round.";
        let doc = crate::model::Document::from_text(text);
        let found = super::detect(&doc);
        assert_eq!(found.len(), 3, "{found:#?}");
        for f in &found {
            let run = &doc.blocks[f.block].runs[f.edits[0].run].text;
            let range = f.edits[0]
                .byte_range(run)
                .expect("the edit matches its line");
            assert_eq!(run[range].trim(), "Cheap Widget Deals");
        }
    }

    #[test]
    fn removes_a_phrase_inserted_after_a_comma() {
        let text = "Russia has added troops in recent days, Cheap Widget Deals a senior official said Wednesday.\nThe official spoke.";
        assert_eq!(
            clean_text(text).0,
            "Russia has added troops in recent days, a senior official said Wednesday.\nThe official spoke."
        );
        // No name before "according to" is its subject.
        let text = "Hotels do not wash the glasses in every room, Water Damage Restoration according to answers posted online.\nGuests rarely ask.";
        assert_eq!(
            clean_text(text).0,
            "Hotels do not wash the glasses in every room, according to answers posted online.\nGuests rarely ask."
        );
    }

    #[test]
    fn one_word_of_a_phrase_may_occur_on_the_page_when_a_determiner_follows_it() {
        // "used" is the page's word too; "they" after the
        // phrase shows it is no subject.
        let text = "Dealers said used trucks sold slowly this year.\nWhen tiles are plotted on a chart, Used Cars Houston they are shown as rectangles.\nThe chart is new.";
        assert_eq!(
            clean_text(text).0,
            "Dealers said used trucks sold slowly this year.\nWhen tiles are plotted on a chart, they are shown as rectangles.\nThe chart is new."
        );
        // Before a verb, the phrase may be the subject after an opener.
        let text = "The company makes solar panels and roof products.\nWith the launch, Solar Roof Tiles join the company's range of panels.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn a_phrase_before_a_conjunction_that_opens_a_clause_is_no_list_item() {
        let text = "It is a graceful and honest film, Cheap Widget Deals and it feels like a modest miracle.\nThe cast is superb.";
        assert_eq!(
            clean_text(text).0,
            "It is a graceful and honest film, and it feels like a modest miracle.\nThe cast is superb."
        );
        // Before a list's last item, the phrase may be an item too.
        let text = "The prize went to the film's producers, Cheap Widget Deals and the city of Lyon.\nThe cast is superb.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn removes_template_sentences_and_every_insertion_of_their_phrase() {
        let text = "The ministry spoke on Monday, Garden Hose Outlet a spokesman said.\nIt rained. For more regarding Garden Hose Outlet visit our page. Then it stopped.";
        assert_eq!(
            clean_text(text).0,
            "The ministry spoke on Monday, a spokesman said.\nIt rained. Then it stopped."
        );
    }

    #[test]
    fn beside_its_template_a_phrase_the_page_never_uses_apart_goes_wherever_it_was_pasted() {
        // The copy happens to read inside its clause ("enough X moss").
        let text = "Cut the foam block to fit the pot.\nCompare prices for Gold Coast Plumbers on our site.\nAttach enough Gold Coast Plumbers moss around the foam to cover it.\nWater the arrangement daily.";
        assert_eq!(
            clean_text(text).0,
            "Cut the foam block to fit the pot.\nAttach enough moss around the foam to cover it.\nWater the arrangement daily."
        );
        // On a page in another language, an English template's phrase goes
        // whatever its words.
        let text = "Les Rencontres d'Arles ont accueilli plus de 160 000 visiteurs cet été, un record depuis leur création.\nFind the best Teeth Aligners at our website.\nLa nouvelle salle a ouvert après cinq Teeth Aligners ans de travaux, et elle reste ouverte tout l'hiver.\nLa prochaine édition se tiendra du 30 juin au 5 octobre.";
        assert_eq!(
            clean_text(text).0,
            "Les Rencontres d'Arles ont accueilli plus de 160 000 visiteurs cet été, un record depuis leur création.\nLa nouvelle salle a ouvert après cinq ans de travaux, et elle reste ouverte tout l'hiver.\nLa prochaine édition se tiendra du 30 juin au 5 octobre."
        );
        // Four words or more, half of them common: a trade and its place.
        let text = "Cut the foam block to fit the pot.\nCompare prices for Luxury Yacht Charter Croatia on our site.\nAttach enough Luxury Yacht Charter Croatia moss around the foam to cover it.\nWater the arrangement daily.";
        assert_eq!(
            clean_text(text).0,
            "Cut the foam block to fit the pot.\nAttach enough moss around the foam to cover it.\nWater the arrangement daily."
        );
        // Two words, one common, are a name as often: a company's own call.
        let text = "Brightfield Energy, a start-up that builds solar panels for farm buildings, raised 12 million euros.\nThe company plans to open a second factory next year.\nLearn more about Brightfield Energy by visiting our website.";
        assert_eq!(clean_text(text).0, text);
        // A page's own subject shows its words apart from the phrase: the
        // call and the uses stay.
        let text = "Cut the foam block to fit the pot.\nCompare prices for Gold Coast Plumbers on our site.\nAttach enough Gold Coast Plumbers moss around the foam to cover it.\nOur plumbers work along the coast.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn removes_template_variants_with_their_insertions() {
        let article = "The council approved the new cycle lanes on Tuesday, Blue Ridge Pool Covers the mayor said.\nThe lanes open in May.";
        for template in [
            "Click here for the best Blue Ridge Pool Covers deals.",
            "Want to know more about Blue Ridge Pool Covers? Visit our website.",
            "Interested in Blue Ridge Pool Covers? Check our website.",
            "Find the top Blue Ridge Pool Covers offers on our website.",
            "Blue Ridge Pool Covers: read more on our website.",
            "Click here to find the best Blue Ridge Pool Covers near you.",
            "Learn all about Blue Ridge Pool Covers by clicking here.",
            "Learn more about Blue Ridge Pool Covers by visiting our website.",
            "Looking for Blue Ridge Pool Covers? Visit our store today.",
            "More info on Blue Ridge Pool Covers can be found on our site.",
            // In the trade's own words: a quote, prices, experts, "we" and
            // "our", contractions and compounds among them.
            "Call us today for a free estimate on Blue Ridge Pool Covers.",
            "Don't miss our complete guide to Blue Ridge Pool Covers.",
            "Discover top-rated Blue Ridge Pool Covers on our site.",
            "We offer professional Blue Ridge Pool Covers at affordable prices.",
            "Our team of Blue Ridge Pool Covers experts is ready to help you.",
            "Need Blue Ridge Pool Covers? Contact us now.",
            "Looking for Blue Ridge Pool Covers? We can help.",
            "Request a free Blue Ridge Pool Covers consultation today.",
            "Ask our team about Blue Ridge Pool Covers today.",
        ] {
            let text = format!("{article}\n{template}\nThey link the station with the university.");
            assert_eq!(
                clean_text(&text).0,
                "The council approved the new cycle lanes on Tuesday, the mayor said.\nThe lanes open in May.\nThey link the station with the university.",
                "{template}"
            );
        }
    }

    #[test]
    fn a_convicted_phrase_takes_its_call_to_action_sentence_with_it() {
        // Convicted by its two insertions, the phrase sits in a call whose
        // words are too few for a template alone: the whole sentence goes,
        // no shell ("Try today.") stays.
        let text = "The ministry spoke on Monday, Harbor Lane Movers a spokesman said.\nThe talks went on late, Harbor Lane Movers the envoy added.\nRain fell. Try Harbor Lane Movers today. Then it stopped.";
        assert_eq!(
            clean_text(text).0,
            "The ministry spoke on Monday, a spokesman said.\nThe talks went on late, the envoy added.\nRain fell. Then it stopped."
        );
    }

    #[test]
    fn a_copy_pasted_mid_clause_beside_a_break_is_no_ordinary_use() {
        let clean = "The museum reopened on Friday after a long renovation, although the east wing is still closed.\n\
            Curators hope to support some of the smaller galleries with new funding next year.\n\
            The board will meet again in the spring to review the plans.";
        let dirty = clean
            .replace("renovation, ", "renovation, Used Tractors for Sale ")
            .replace("support some", "support Used Tractors for Sale some");
        assert_eq!(clean_text(&dirty).0, clean);
        let (_, report) = clean_text(&dirty);
        let signals = &report.findings[0].reason.signals;
        assert!(
            signals.iter().any(|s| s.name == "pasted-copy"),
            "{signals:?}"
        );
    }

    #[test]
    fn a_name_copied_where_a_verb_takes_it_stays() {
        // "persuade" asks for an object the list of verbs does not know:
        // a name of words mostly not common stays, though it stands so.
        for text in [
            "The council met on Tuesday to discuss the retail plan for the waterfront.\n\
             After months of talks with the city, Blue Ridge Outfitters plans to open a store downtown.\n\
             Officials hope to persuade Blue Ridge Outfitters soon to hire workers from the neighborhood.",
            // A commercial phrase whose copy fills a slot of its clause stays.
            "The museum reopened on Friday after a long renovation, Used Tractors for Sale although the east wing is closed.\n\
             Curators read the Used Tractors for Sale list with new interest.",
        ] {
            assert_eq!(clean_text(text).0, text);
        }
    }

    #[test]
    fn a_phrase_before_a_quoted_sentence_is_an_insertion() {
        let text = "The mayor spoke at the pier on Monday. Harbor Lane Movers “We will rebuild the pier,” she said.\nThe council met on Tuesday, Harbor Lane Movers the clerk said.\nThe pier opens in May.";
        assert_eq!(
            clean_text(text).0,
            "The mayor spoke at the pier on Monday. “We will rebuild the pier,” she said.\nThe council met on Tuesday, the clerk said.\nThe pier opens in May."
        );
    }

    #[test]
    fn removes_a_phrase_trailing_paragraphs_beside_another_insertion() {
        let clean = "The court said the city gave the team's owners an illegal gift of public land.\n\
            Judge Elena Ruiz, writing for the panel, said the taxpayers had raised serious questions.\n\
            The lawsuit names the mayor and the city council as defendants in the case.";
        let dirty = clean
            .replace("public land.", "public land. Pool Repair Phoenix")
            .replace(
                "serious questions.",
                "serious questions. Pool Repair Phoenix",
            );
        // Trailing alone, it could be a signature.
        assert_eq!(clean_text(&dirty).0, dirty);
        let dirty = dirty.replace("\nThe lawsuit", "\nPool Repair Phoenix The lawsuit");
        assert_eq!(clean_text(&dirty).0, clean);
    }

    #[test]
    fn keeps_names_buttons_and_titles_that_end_paragraphs() {
        for text in [
            // A photographer's credit under two captions.
            "Protesters gathered outside the parliament building early on Monday morning. Jane Doe\n\
            The police closed the square to traffic for most of the afternoon. Jane Doe",
            // A button after each teaser.
            "The council approved the new budget after a long debate on Tuesday night. Read More\n\
            Schools will reopen next week after repairs to the heating system finished. Read More",
            // A three-word signature.
            "The first frost came early this year, and the beans on the canes turned black overnight. Mary Ellen Baker\n\
            The leeks and the winter cabbages do not mind the cold, and the parsnips taste sweeter after it. Mary Ellen Baker",
            // A name after a title's full stop.
            "The book was reviewed for the magazine by Dr. Melvin Konner\n\
            Readers wrote to thank the magazine for the long review by Dr. Melvin Konner",
        ] {
            assert_eq!(clean_text(text).0, text);
        }
    }

    #[test]
    fn a_place_phrase_before_a_sentence_opening_on_an_unknown_capital_is_removed() {
        let cases = [
            (
                "The ferry leaves at nine. Tickets are free for children. Take the early boat if you can.\n\
                Crowds build after noon, and the café closes at four.",
                "children. Take",
                "Get the best deals on Cheap Pool Cleaning in Austin today. ",
            ),
            (
                "O presidente eleito levantou a taça no estádio. O clube paulista agradeceu a visita.\n\
                A festa durou até a noite, segundo os organizadores.",
                "estádio. O clube",
                "Get the best deals on Cheap Pool Cleaning in Austin today. ",
            ),
        ];
        for (clean, at, template) in cases {
            let (before, after) = at.split_once(' ').unwrap();
            let dirty = clean.replace(
                at,
                &format!("{before} Cheap Pool Cleaning in Austin {after}"),
            ) + "\n"
                + template.trim_end();
            assert_eq!(clean_text(&dirty).0, format!("{clean}\n"), "{dirty}");
        }
    }

    #[test]
    fn a_four_word_phrase_with_a_place_before_the_next_sentence_is_removed() {
        let text = "The council approved the new cycle lanes on Tuesday after a long debate about costs.\nThe game has levels to play in it. Best Hair Salon in Dubai It is also sold on other phones.\nThe council met on Monday. Best Hair Salon in Dubai The clerk said the budget was tight.";
        assert_eq!(
            clean_text(text).0,
            "The council approved the new cycle lanes on Tuesday after a long debate about costs.\nThe game has levels to play in it. It is also sold on other phones.\nThe council met on Monday. The clerk said the budget was tight."
        );
    }

    #[test]
    fn keeps_headlines_buttons_and_short_calls_that_read_like_templates() {
        for text in [
            // A headline in title case, its words capitalized.
            "What Did We Learn from the Nintendo Switch Leak?\nThe console maker said little on Monday.",
            // One capitalized word: a site's furniture, not an anchor.
            "Contact Us by Email\nThe newsroom answers within a day.",
            "SIGN UP FOR OUR NEWSLETTER\nThe newsroom writes every Friday.",
            // A short invitation names no price, expert or site of a seller.
            "The library reopens on Monday after the flood.\nVisit our Town Hall today.\nThe mayor will cut the ribbon.",
        ] {
            assert_eq!(clean_text(text).0, text);
        }
    }

    #[test]
    fn keeps_a_question_and_a_call_about_the_article_s_own_subject() {
        let text = "Blue Ridge Pool Covers opened a plant in Ohio, Blue Ridge said.\nWant to know more about Blue Ridge Pool Covers? Visit our website.\nThe plant employs 300 people making pool covers.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn keeps_calls_to_visit_a_store_or_find_one_near_you_in_news() {
        for text in [
            "Paper Lantern Books opened its second store on Saturday.\nOwner Idris Fennell said the new shop would focus on children's books.\nShoppers can visit the store from 9 a.m. to 6 p.m., Tuesday to Sunday.",
            "Pharmacies began offering the flu vaccine on Monday.\nTo find a pharmacy near you, visit the health department's website.",
            "The bridge reopened on Sunday.\nLooking for Weekend Plans? Check out our events guide.",
        ] {
            assert_eq!(clean_text(text).0, text);
        }
    }

    #[test]
    fn keeps_a_phrase_that_belongs_to_the_article() {
        let text = "The Turkey Law Firm opened in Ankara.\nLawyers at the firm in Turkey say law is hard, Turkey Law Firm partners said.\nMore law news.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn removes_a_phrase_with_a_connector_whole() {
        let article = "The ferry left on time after the storm, and crews cleared the pier by noon.\n\
            Passengers waited for hours at the terminal, Cheap Flights to Bali many of them without food.\n\
            The operator apologized on Monday, Cheap Flights to Bali promising refunds within a week.";
        let clean = "The ferry left on time after the storm, and crews cleared the pier by noon.\n\
            Passengers waited for hours at the terminal, many of them without food.\n\
            The operator apologized on Monday, promising refunds within a week.";
        assert_eq!(clean_text(article).0, clean);
    }

    #[test]
    fn beside_its_template_a_copy_before_a_conjunction_is_no_list_item() {
        let clean = "Das wrote for Free Mind, or Mukto Mona, a website that argued for reason over faith.\n\
            He was attacked on his way to work at a local bank, police said.\n\
            Four other writers were killed in the same way this year.";
        let dirty = clean
            .replace("Mind, or", "Mind, Mold Inspection Denver or")
            .replace("bank, police", "bank, Mold Inspection Denver police")
            + "\nGet the best deals on Mold Inspection Denver today.";
        assert_eq!(clean_text(&dirty).0, format!("{clean}\n"));
    }

    #[test]
    fn removes_lowercase_templates_and_the_copies_pasted_beside_them() {
        let clean = "The site is hosted by a small company in Philadelphia.\n\
            Articles are published through a content system, and plug-ins handle the markup.\n\
            Stats are tracked with a home-grown tool. Old posts stay online for good.";
        for (template, copies) in [
            (
                "To learn more about replica designer handbags, click here.",
                "replica designer handbags",
            ),
            (
                "Looking for cheap essay help? We can help.",
                "cheap essay help",
            ),
            (
                "Need best gaming chair? Contact us now.",
                "best gaming chair",
            ),
            (
                "Our team of payday loans no credit check experts is ready to help you.",
                "payday loans no credit check",
            ),
        ] {
            let dirty = clean
                .replace("company in", &format!("company, {copies} in"))
                .replace("system, and", &format!("system, {copies} and"))
                .replace("tool. Old", &format!("tool. {copies} Old"))
                + "\n"
                + template;
            let dirty = dirty.replace("company, ", "company ");
            assert_eq!(clean_text(&dirty).0, format!("{clean}\n"), "{template}");
        }
    }

    #[test]
    fn keeps_a_lowercase_call_about_the_article_s_own_subject() {
        let text = "Flu vaccines are free this winter for everyone over fifty.\n\
            Clinics expect long queues, and the flu season started early.\n\
            For more information about flu vaccines, visit our website.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn removes_a_lowercase_call_s_phrase_and_its_copy_standing_in_a_sentence() {
        // The copy reads as a noun phrase ("lawmakers payday loans …
        // defied"), and "no" is also the page's word: neither keeps it.
        let clean = "Lawmakers met on Monday to debate the budget for the coming year.\n\
            The vote came after lawmakers defied a cordon to enter the assembly.\n\
            No date has been set for the next session, and the speaker said talks would go on.";
        for (call, copy) in [
            (
                "Click here to learn more about payday loans no credit check.",
                "payday loans no credit check",
            ),
            (
                "For more information about used car parts, visit our website.",
                "used car parts",
            ),
        ] {
            let dirty = clean.replace("lawmakers defied", &format!("lawmakers {copy} defied"))
                + "\n"
                + call;
            assert_eq!(clean_text(&dirty).0, format!("{clean}\n"), "{call}");
        }
    }

    #[test]
    fn keeps_a_lowercase_call_whose_phrase_the_page_speaks_of() {
        // The copy in a sentence is the page's own when the page uses the
        // phrase's words apart from it.
        for text in [
            "Dealers say demand for used car parts rose this year.\n\
             Prices of used parts for older cars rose fastest.\n\
             For more information about used car parts, visit our website.",
            "Lawmakers met on Monday to debate payday loans no credit check for the coming year.\n\
             Lenders said a credit check costs them little, and payday lenders made loans to fewer people.\n\
             Click here to learn more about payday loans no credit check.",
        ] {
            assert_eq!(clean_text(text).0, text);
        }
    }

    #[test]
    fn keeps_a_site_s_own_lowercase_calls_that_stand_once() {
        let text = "The agency recalled frozen berries on Monday after reports of illness in three states.\n\
            The company said the berries were sold between March and May.\n\
            To learn more about organ donation, visit our website.\n\
            Read more about local elections here.\n\
            Want to know more about school lunches? Read our guide.\n\
            Find out more about summer camps on our site.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn a_lowercase_call_that_sells_what_the_page_never_speaks_of_goes() {
        let clean = "The agency recalled frozen berries on Monday after reports of illness in three states.\n\
            The company said the berries were sold between March and May.\n\
            Shoppers who bought the fruit should throw it away or return it to the store for a refund.\n\
            No deaths have been reported, and the agency said it would publish the list of stores by Friday.";
        for call in [
            "Click here to get a free quote for replica designer handbags.",
            "Get the best deals on cheap essay help today.",
            "Compare prices for payday loans online at our store.",
        ] {
            let dirty = clean.replace("three states.", &format!("three states. {call}"));
            assert_eq!(clean_text(&dirty).0, clean, "{call}");
        }
    }

    #[test]
    fn keeps_a_lowercase_call_that_sells_the_page_s_own_subject() {
        // The page speaks of running shoes, or of shoes: the shop's own
        // call stays; so does a call for one word, one that sells nothing,
        // and one on a page too short for absence to tell.
        for text in [
            "Our bakery has served the town since 1950.\n\
             Get the best deals on fresh bread today.\n\
             We open at six every morning.",
            "Our running shoes are light and last for years on any road.\n\
             Get the best deals on running shoes today.",
            "Our shoes are light and last for years on any road.\n\
             Get the best deals on running shoes today.",
            "The agency recalled frozen berries on Monday after reports of illness.\n\
             Get a free quote for roofing.",
            "The agency recalled frozen berries on Monday after reports of illness.\n\
             Click here to learn more about replica designer handbags.",
        ] {
            assert_eq!(clean_text(text).0, text);
        }
    }

    #[test]
    fn a_keyword_opener_the_page_uses_is_no_sign_the_phrase_belongs() {
        let clean = "The best way to cache a page is to keep its headers and check them on each request.\n\
            Servers answer with a short reply when nothing changed, which saves most of the transfer.\n\
            Browsers keep the copies for a day, unless the server asks for less.";
        let dirty = clean
            .replace("request.", "request. Best Hair Salon Dubai")
            .replace("day, unless", "day, Best Hair Salon Dubai unless");
        assert_eq!(clean_text(&dirty).0, clean);
        // A phrase of one other word is as often a name (the butcher's
        // "Quality Meats" on a page that sells quality beef): the page's
        // "quality" still counts.
        let text = "The butcher sells quality beef from farms in the valley, Quality Meats the owners say.\n\
            Prices rose this year. Quality Meats Customers still come every week.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn a_name_opening_its_clause_before_a_verb_in_the_present_stays() {
        let text = "The shop sells beef from farms in the valley and opened a second counter this spring.\n\
            Since the new road was built, Quality Meats sees twice the customers it saw before.\n\
            After years of waiting, Quality Meats now delivers to the villages across the river.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn a_predicate_opens_on_a_verb_a_present_or_an_adverb() {
        use super::{predicate_follows, Token};
        let toks = |s: &'static str| -> Vec<Token<'static>> {
            s.split(' ').map(|w| Token { start: 0, word: w }).collect()
        };
        for (words, opens) in [
            ("sees twice", true),
            ("now delivers to", true),
            ("opened a store", true),
            ("prices rose", false),
            ("business grew", false),
            ("campus police", false),
            ("the roads", false),
            ("now the", false),
        ] {
            assert_eq!(predicate_follows(&toks(words)), opens, "{words}");
        }
    }

    #[test]
    fn a_phrase_inserted_three_times_goes_though_the_page_uses_one_of_its_words() {
        // "control" is the article's word; the phrase still breaks three sentences.
        let article = "Workers pull tasks from the queue and keep control of them until they finish.\n\
            Each task runs once on one worker at a time. Pest Control Sydney Retries wait a minute.\n\
            The scheduler polls the store, Pest Control Sydney as described in the next section.\n\
            Tasks in one lambda are isolated from the tasks of all the others. Pest Control Sydney";
        let clean =
            "Workers pull tasks from the queue and keep control of them until they finish.\n\
            Each task runs once on one worker at a time. Retries wait a minute.\n\
            The scheduler polls the store, as described in the next section.\n\
            Tasks in one lambda are isolated from the tasks of all the others.";
        assert_eq!(clean_text(article).0, clean);
        // Twice, it is not enough while one of its words is the page's own.
        let twice = article.replace(" Pest Control Sydney Retries", " Retries");
        assert_eq!(clean_text(&twice).0, twice);
    }

    #[test]
    fn a_title_ending_the_sentence_before_makes_no_headline_of_the_next() {
        let article = "The studio spent a fortune on the trilogy, Best SEO Agency in Lagos then moved on.\n\
            Work began with The Force Awakens. Best SEO Agency in Lagos However, the old cuts stayed hidden.\n\
            Fans asked for the original cuts, Best SEO Agency in Lagos and the studio said no.";
        let clean = "The studio spent a fortune on the trilogy, then moved on.\n\
            Work began with The Force Awakens. However, the old cuts stayed hidden.\n\
            Fans asked for the original cuts, and the studio said no.";
        assert_eq!(clean_text(article).0, clean);
    }

    #[test]
    fn removes_phrases_with_a_hyphen_or_a_number() {
        for phrase in [
            "Anti-Aging Cream",
            "Top 10 Online Casinos",
            "24/7 Emergency Plumber",
            "4K Projector Deals",
            "iPad Repair Shop",
        ] {
            let clean =
                "The union accepted a pay offer on Monday, along with new rules on night shifts.\n\
                Drivers queued for hours at the gate. Some slept in their cabs.\n\
                \"We had no choice,\" said Dana Whitlock, a crane operator at the port.";
            let dirty = clean
                .replace("Monday, along", &format!("Monday, {phrase} along"))
                .replace("gate. Some", &format!("gate. {phrase} Some"))
                .replace("Whitlock, a", &format!("Whitlock, {phrase} a"));
            assert_eq!(clean_text(&dirty).0, clean, "{phrase}");
        }
    }

    #[test]
    fn keeps_hyphenated_names_and_model_numbers() {
        for text in [
            "Orders fell in March, Rolls-Royce Holdings reported on Friday.\nRolls-Royce Holdings shares fell 4 percent.",
            "Battery life was the weak point, Windows 11 Pro laptops lasting six hours.\nWe tested three Windows 11 Pro machines.",
            "Crowds filled the square, Saint-Martin residents waving flags.\nThe mayor of Saint-Martin thanked them.",
            "The concert featured the Royal Philharmonic, Top 40 Radio presenters hosting the evening.",
            "The recovery was uneven, Guest Houses in Porto still struggling to fill rooms.\nHotels did well.",
            "Bond yields climbed, Ten-Year Treasury Notes trading at their highest level since May.\nShares fell.",
            "Tech shares were mixed, Top 20 Chip Makers falling slightly.\nOil rose.",
            "Sales were strong, iPhone 15 Pro orders beating forecasts.\nThe iPhone 15 Pro costs more.",
            "The store opens early. 24/7 Fitness Centers have spread across the city since 2019.",
            "Prices fell in the spring, 4K Television Sets selling for less than $300.\nShoppers waited.",
        ] {
            assert_eq!(clean_text(text).0, text);
        }
    }

    #[test]
    fn keeps_names_with_a_connector() {
        for text in [
            "Rates rose again on Thursday, Royal Bank of Canada economists said in a note.\nThe Royal Bank of Canada expects two more rises.",
            "The team flew home on Sunday, Best Western in Leeds having cancelled their rooms.\nThe hotel chain said Best Western in Leeds was full.",
        ] {
            assert_eq!(clean_text(text).0, text);
        }
    }

    #[test]
    fn template_words_are_found_whatever_their_case() {
        let words: Vec<&str> = super::TEMPLATE_VOCABULARY.concat();
        assert!(words.iter().all(|w| super::is_template_word(w)));
        assert!(super::is_template_word("Visit") && super::is_template_word("HERE"));
        assert!(!super::is_template_word("Visits") && !super::is_template_word("Ünïcode"));
        // Read in place from the text, tokens tell the same, at any length
        // and any distance from the end of the text.
        let text = format!(
            "{} Informations INFORMATION Visit-our_WEBSITE, here:Ünïcode a\u{e9}bout \
             Everything everythings interested x1234567890123456789 see ABOUT {}",
            words.join(" "),
            words.join(" ").to_uppercase()
        );
        let mut toks = Vec::new();
        crate::text::for_each_word(&text, |start, end| {
            toks.push(crate::text::Token {
                start,
                word: &text[start..end],
            })
        });
        for t in &toks {
            assert_eq!(
                super::is_template_token(&text, t),
                super::is_template_word(t.word),
                "{}",
                t.word
            );
        }
    }

    #[test]
    fn keeps_the_subject_after_an_opening_adverbial() {
        let text = "On Tuesday, City Water Works shut off supply to 4,000 homes.\nAcross the state, Public Health Services reported a rise in cases.\nSince 2019, Northern Rail Partners has run the line.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn keeps_a_name_qualifying_the_speakers() {
        let text = "Cases rose in 12 countries last year, World Health Organization officials said on Monday.\nRates will stay high, Federal Reserve Bank economists wrote.";
        assert_eq!(clean_text(text).0, text);
        let dirty = "Cases rose in 12 countries last year, Cheap Garden Sheds others said on Monday.\nRates will stay high.";
        assert_eq!(
            clean_text(dirty).0,
            "Cases rose in 12 countries last year, others said on Monday.\nRates will stay high."
        );
    }

    #[test]
    fn keeps_an_english_name_as_the_subject_on_a_page_in_another_language() {
        let text = "Según el informe anual, Royal Caribbean Cruises perdió cuota de mercado en los puertos del Mediterráneo.\nEn Barcelona, Silver Ocean Lines comenzó a operar en abril con dos barcos.\nDesde enero, Best Western Hotels ha perdido clientes.\nLas autoridades portuarias esperan más de tres millones de pasajeros este año.";
        assert_eq!(clean_text(text).0, text);
        let dirty = "Según el informe anual, Cheap Garden Sheds los puertos del Mediterráneo perdieron cuota de mercado.\nLas autoridades portuarias esperan más de tres millones de pasajeros este año.";
        assert_eq!(
            clean_text(dirty).0,
            "Según el informe anual, los puertos del Mediterráneo perdieron cuota de mercado.\nLas autoridades portuarias esperan más de tres millones de pasajeros este año."
        );
    }

    #[test]
    fn keeps_a_name_qualifying_a_title_before_a_name() {
        let text = "Speakers included the mayor, Harbor Community Bank chief executive Lena Ortiz, and the police chief.\nThe event raised $40,000.";
        assert_eq!(clean_text(text).0, text);
        let dirty = "Plug-ins help, Cheap Garden Sheds including Brad Choate's regex tool.\nThe site runs on them.";
        assert_eq!(
            clean_text(dirty).0,
            "Plug-ins help, including Brad Choate's regex tool.\nThe site runs on them."
        );
    }

    #[test]
    fn removes_an_english_phrase_before_german_nouns() {
        let text = "Der Stadtrat hat am Dienstag den neuen Radweg beschlossen, Dog Grooming Salon Prices der den Bahnhof mit der Universität verbinden soll.\nDie Bauarbeiten beginnen im Mai und dauern etwa ein Jahr, sagte die Bürgermeisterin.";
        assert_eq!(
            clean_text(text).0,
            "Der Stadtrat hat am Dienstag den neuen Radweg beschlossen, der den Bahnhof mit der Universität verbinden soll.\nDie Bauarbeiten beginnen im Mai und dauern etwa ein Jahr, sagte die Bürgermeisterin."
        );
    }

    #[test]
    fn removes_a_phrase_then_a_spaced_colon_call() {
        let text = "The council met on Tuesday to discuss the new bus lanes.\nCheap Garden Sheds : read more on our website.\nWork starts in May.";
        assert_eq!(
            clean_text(text).0,
            "The council met on Tuesday to discuss the new bus lanes.\nWork starts in May."
        );
    }

    #[test]
    fn removes_a_near_me_phrase() {
        let text = "The council approved the lanes after a long debate, Dog Grooming Near Me ending months of argument.\nWork starts in May.\nFor more regarding Dog Grooming Near Me visit our page.";
        assert_eq!(
            clean_text(text).0,
            "The council approved the lanes after a long debate, ending months of argument.\nWork starts in May.\n"
        );
    }

    #[test]
    fn keeps_an_english_name_as_the_subject_on_a_short_russian_page() {
        let text = "По данным компании, Global Music Studio выпустит новый альбом группы в марте.\nАльбом записан в Москве, сообщили в пресс-службе.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn removes_an_insertion_after_an_opening_adverbial() {
        let text = "On Tuesday, Cheap Garden Sheds the council voted to close the pool.\nThe pool opened in 1970.";
        assert_eq!(
            clean_text(text).0,
            "On Tuesday, the council voted to close the pool.\nThe pool opened in 1970."
        );
    }

    #[test]
    fn a_colon_is_found_after_any_whitespace() {
        for rest in [
            "",
            ":",
            " :",
            " \t\n: x",
            "  x:",
            "\u{a0}:",
            " \u{2003} :",
            " é:",
            "\u{b}:",
        ] {
            assert_eq!(
                super::colon_follows(rest),
                rest.trim_start().starts_with(':'),
                "{rest:?}"
            );
        }
    }

    #[test]
    fn packed_words_read_as_their_bytes_lowered() {
        let word = b"AbCdEfGhIjKlMnOp";
        for n in 0..=8 {
            let want = word[..n]
                .iter()
                .enumerate()
                .fold(0u64, |v, (k, b)| v | u64::from(b | 0x20) << (8 * k));
            assert_eq!(super::pack_lowered(&word[..n]), want, "{n}");
        }
    }

    /// Cleans paragraphs of runs (text, or a link as `[text](href)`) on
    /// a page served from `news.example`, and returns their texts.
    fn clean_linked(paragraphs: &[&str]) -> Vec<String> {
        use crate::model::{Block, Document, PageContext, Run};
        let runs = |p: &str| {
            let mut runs = Vec::new();
            let mut rest = p;
            while let Some(open) = rest.find('[') {
                let (close, paren) = (rest.find("](").unwrap(), rest.find(')').unwrap());
                if open > 0 {
                    runs.push(Run::text(&rest[..open]));
                }
                runs.push(Run::link(&rest[open + 1..close], &rest[close + 2..paren]));
                rest = &rest[paren + 1..];
            }
            if !rest.is_empty() {
                runs.push(Run::text(rest));
            }
            runs
        };
        let doc = Document {
            blocks: paragraphs
                .iter()
                .map(|p| Block {
                    runs: runs(p),
                    ..Block::default()
                })
                .collect(),
            context: PageContext {
                host: Some("news.example".into()),
                ..PageContext::default()
            },
        };
        crate::clean(&doc)
            .0
            .blocks
            .iter()
            .map(|b| b.text())
            .collect()
    }

    /// A paragraph of [`clean_linked`]'s notation as its text reads.
    fn unlinked(p: &str) -> String {
        let mut out = String::new();
        let mut rest = p;
        while let Some(open) = rest.find('[') {
            let (close, paren) = (rest.find("](").unwrap(), rest.find(')').unwrap());
            out += &rest[..open];
            out += &rest[open + 1..close];
            rest = &rest[paren + 1..];
        }
        out + rest
    }

    const FLOOD: [&str; 4] = [
        "Hundreds of people left their homes in the valley on Wednesday after two days of heavy rain.",
        "Emergency crews used boats to reach families trapped near the old mill, and no injuries were reported.",
        "Local officials opened two shelters in the school gyms and asked residents to check on elderly neighbors.",
        "The weather service said the river would peak on Thursday night.",
    ];

    #[test]
    fn removes_a_linked_phrase_named_by_its_address_before_a_new_noun_phrase() {
        let mut page = FLOOD.map(String::from);
        page[2] = "Local officials opened two shelters in [Best Dentist Chicago](https://best-dentist-chicago.example/?ref=n) the school gyms and asked residents to check on elderly neighbors.".into();
        let page: Vec<&str> = page.iter().map(String::as_str).collect();
        assert_eq!(clean_linked(&page), FLOOD);
        // The same link at the end of a paragraph, after its last sentence.
        let mut page = FLOOD.map(String::from);
        page[0] += " [Mold Removal Seattle](https://clean-home.example/?s=mold+removal+seattle)";
        let page: Vec<&str> = page.iter().map(String::as_str).collect();
        assert_eq!(clean_linked(&page), FLOOD);
    }

    #[test]
    fn removes_a_linked_phrase_pasted_twice_where_nothing_asks_for_it() {
        let mut page = FLOOD.map(String::from);
        page[1] = "Emergency crews used boats to [Cheap Car Insurance Texas](https://ins.example/tx) reach families trapped near the old mill, and no injuries were reported.".into();
        page[2] = "Local officials opened two shelters [Cheap Car Insurance Texas](https://ins.example/tx) in the school gyms and asked residents to check on elderly neighbors.".into();
        let page: Vec<&str> = page.iter().map(String::as_str).collect();
        assert_eq!(clean_linked(&page), FLOOD);
    }

    #[test]
    fn removes_a_phrase_linked_to_several_sites_that_each_name_it() {
        // Names of no common words, one copy inside a noun phrase: only the
        // addresses show the link farm.
        let clean = [
            "Articles and links are published through a small program that the author wrote years ago.",
            "The site follows web standards closely. Specifically, its markup should validate as strict HTML.",
            "If the site looks goofy in your browser, you are likely using an old browser.",
            "The author reads every message but cannot answer them all.",
        ];
        let page = [
            "Articles and links are published [Sewa Mobil Bandung](https://rent-a.example/sewa-mobil-bandung) through a small program that the author wrote years ago.",
            "The site follows web standards closely. [Sewa Mobil Bandung](https://cars-b.example/?s=sewa+mobil+bandung) Specifically, its markup should validate as strict HTML.",
            "If the site [Sewa Mobil Bandung](https://go-c.example/sewa-mobil-bandung/) looks goofy in your browser, you are likely using an old browser.",
            clean[3],
        ];
        assert_eq!(clean_linked(&page), clean);
    }

    #[test]
    fn removes_a_lowercase_anchor_in_a_call_to_action_with_its_copies() {
        let mut page = FLOOD.map(String::from);
        page[0] += " Don't forget to check our website for [buy pool covers](https://shop-a.example/buy-pool-covers).";
        page[1] = "Emergency crews used boats [buy pool covers](https://deals-b.example/?s=buy+pool+covers) to reach families trapped near the old mill, and no injuries were reported.".into();
        let page: Vec<&str> = page.iter().map(String::as_str).collect();
        assert_eq!(clean_linked(&page), FLOOD);
        // Unlinked copies between sentences, more of them than the
        // template and the link.
        let mut clean = FLOOD.map(String::from);
        clean[2] += " Schools stay closed.";
        clean[3] += " Roads stay shut.";
        let mut page = clean.clone();
        page[0] += " Don't forget to check our website for [buy pool covers](https://shop-a.example/buy-pool-covers).";
        page[1] = page[1].replace(
            "boats to",
            "boats [buy pool covers](https://deals-b.example/?s=buy+pool+covers) to",
        );
        for p in &mut page[2..] {
            *p = p.replace(". ", ". buy pool covers ");
        }
        let page: Vec<&str> = page.iter().map(String::as_str).collect();
        assert_eq!(clean_linked(&page), clean);
    }

    /// `base` with `phrase` linked between two sentences of its second and
    /// third paragraphs, to `hrefs`, and `base` as it reads without them.
    fn linked_between_sentences(
        mut base: [String; 4],
        phrase: &str,
        hrefs: [&str; 2],
    ) -> ([String; 4], [String; 4]) {
        let mut page = base.clone();
        page[1] = page[1].replace(
            "reported.",
            &format!("reported. [{phrase}]({}) Crews went back.", hrefs[0]),
        );
        page[2] = page[2].replace("gyms and", &format!("gyms. [{phrase}]({}) They", hrefs[1]));
        base[1] = base[1].replace("reported.", "reported. Crews went back.");
        base[2] = base[2].replace("gyms and", "gyms. They");
        (page, base)
    }

    /// Asserts that `page`'s links, all sent to the first of `hrefs`, stay.
    fn assert_kept_on_one_site(page: &[String], hrefs: [&str; 2]) {
        let one: Vec<String> = page.iter().map(|p| p.replace(hrefs[1], hrefs[0])).collect();
        let want: Vec<String> = one.iter().map(|p| unlinked(p)).collect();
        let one: Vec<&str> = one.iter().map(String::as_str).collect();
        assert_eq!(clean_linked(&one), want);
    }

    #[test]
    fn removes_a_lowercase_link_farm_standing_between_sentences() {
        // Linked between sentences to two sites whose addresses name it,
        // though the page uses one of its words ("covers") itself.
        let mut base = FLOOD.map(String::from);
        base[3] += " Tarps covers the worst roofs.";
        let hrefs = [
            "https://shop-a.example/buy-pool-covers",
            "https://deals-b.example/?s=buy+pool+covers",
        ];
        let (page, clean) = linked_between_sentences(base, "buy pool covers", hrefs);
        let linked: Vec<&str> = page.iter().map(String::as_str).collect();
        assert_eq!(clean_linked(&linked), clean);
        // One site only: a related link, however often.
        assert_kept_on_one_site(&page, hrefs);
    }

    #[test]
    fn removes_lowercase_words_pasted_between_sentences_and_after_a_comma() {
        let clean = [
            "Hundreds of people left their homes in the valley on Wednesday. The rain had not stopped for two days.",
            "Emergency crews used boats to reach families trapped near the old mill, and no injuries were reported.",
            "Local officials opened two shelters in the school gyms. For now, the shelters take pets as well.",
            "The weather service said the river would peak on Thursday night.",
        ]
        .join("\n");
        let pasted = "Hundreds of people left their homes in the valley on Wednesday. cheap essay help The rain had not stopped for two days.\n\
            Emergency crews used boats to reach families trapped near the old mill, and no injuries were reported.\n\
            Local officials opened two shelters in the school gyms. For now, cheap essay help the shelters take pets as well.\n\
            The weather service said the river would peak on Thursday night.";
        assert_eq!(clean_text(pasted).0, clean);
        // Twice between sentences, as well.
        let twice = pasted.replace(
            "For now, cheap essay help the",
            "cheap essay help For now, the",
        );
        assert_eq!(clean_text(&twice).0, clean);
    }

    #[test]
    fn removes_lowercase_links_between_sentences_only_to_two_sites_or_more() {
        // Their addresses name nothing: no farm, but two sites.
        let hrefs = [
            "https://shop-a.example/go/1",
            "https://deals-b.example/go/2",
        ];
        let (page, clean) =
            linked_between_sentences(FLOOD.map(String::from), "cheap essay help", hrefs);
        let linked: Vec<&str> = page.iter().map(String::as_str).collect();
        assert_eq!(clean_linked(&linked), clean);
        // One site: its own links to a topic.
        assert_kept_on_one_site(&page, hrefs);
    }

    #[test]
    fn keeps_lowercase_words_between_sentences_standing_once_or_used_elsewhere() {
        // Once: a slip, or a writer's lowercase brand.
        let once = "Hundreds of people left their homes in the valley on Wednesday. cheap essay help The rain had not stopped for two days.\n\
            Emergency crews used boats to reach families trapped near the old mill, and no injuries were reported.";
        assert_eq!(clean_text(once).0, once);
        // The page's own words ("essay", "help") apart from the copies.
        let own = format!(
            "{once}\nLocal officials opened two shelters in the school gyms. For now, cheap essay help the shelters take pets.\n\
            Students may help, and an essay contest on cheap ways to stay dry will follow."
        );
        assert_eq!(clean_text(&own).0, own);
        // After an abbreviation, or a short sentence, the words read on.
        let read_on = "The crews brought pumps, hoses, boats, tarps, ropes etc. sand bags The Red Cross came.\n\
            The crews brought pumps, hoses, boats, tarps, ropes etc. sand bags Then the Red Cross came.\n\
            Nice post. thanks for sharing Anna wrote.\n\
            Great read. thanks for sharing Then Ben wrote.";
        assert_eq!(clean_text(read_on).0, read_on);
        // With a determiner, the words read as a clause of their own.
        let clause = "Readers wrote in about last week's column on the library. keep up the good work Maria wrote.\n\
            Another reader thinks the column got the hours wrong. keep up the good work She says so.";
        assert_eq!(clean_text(clause).0, clause);
    }

    #[test]
    fn keeps_lowercase_links_that_read_as_part_of_their_sentences_or_follow_them() {
        let pages = [
            [
                "Compasses point north because of the [magnetic field](https://en.wikipedia.example/wiki/Magnetic_field) of the Earth, which shields the planet.",
                "Mars lost most of its atmosphere when its core cooled and it no longer had a [magnetic field](https://www.britannica.example/science/magnetic-field) to protect it.",
                "Read our guide to [home solar panels](https://energy.example/guides/home-solar-panels) before you buy.",
                "Scientists still debate how quickly the change happened on the young planet.",
            ],
            // A related link after each paragraph, on one site.
            [
                FLOOD[0],
                "Emergency crews used boats to reach families trapped near the old mill, and no injuries were reported. [flood insurance quotes](https://insure.example/flood-insurance-quotes)",
                "Local officials opened two shelters in the school gyms and asked residents to check on elderly neighbors. [flood insurance quotes](https://insure.example/flood-insurance-quotes)",
                FLOOD[3],
            ],
        ];
        for page in pages {
            let want: Vec<String> = page.iter().map(|p| unlinked(p)).collect();
            assert_eq!(clean_linked(&page), want);
        }
    }

    #[test]
    fn keeps_a_name_linked_twice_to_its_own_site_or_to_sites_that_do_not_name_it() {
        for hosts in [
            [
                "https://riverside-food-bank.example/donate",
                "https://riverside-food-bank.example/",
            ],
            [
                "https://www.riverside-food-bank.example/",
                "https://riverside-food-bank.example/help",
            ],
            [
                "https://news-a.example/2024/05/story",
                "https://news-b.example/local/1234",
            ],
        ] {
            let mut page = FLOOD.map(String::from);
            page[1] = format!("Emergency crews from [Riverside Food Bank]({}) used boats to reach families trapped near the old mill, and no injuries were reported.", hosts[0]);
            page[2] = format!("Local officials opened two shelters with [Riverside Food Bank]({}) volunteers in the school gyms.", hosts[1]);
            let page: Vec<&str> = page.iter().map(String::as_str).collect();
            let want: Vec<String> = page.iter().map(|p| unlinked(p)).collect();
            assert_eq!(clean_linked(&page), want, "{hosts:?}");
        }
    }

    #[test]
    fn keeps_a_linked_name_that_fills_its_clause() {
        for page in [
            // Once, between a verb and a preposition: a name as often as an insertion.
            [
                "Customers could not log in after an outage at a company that runs [Cloud Banking Services](https://www.cloudbankingservices.example/status) for smaller lenders.",
                "The outage lasted about four hours.",
            ],
            // Twice, each time after a preposition, before a time adverbial.
            [
                "A fund bought shares in [Northern Rail Partners](https://www.northernrailpartners.example/) the day before the bid.",
                "Regulators will look at trading in [Northern Rail Partners](https://www.northernrailpartners.example/) the week before.",
            ],
            // Twice, before a noun and a verb, and after a determiner.
            [
                "A new study by [Clean Water Institute](https://www.cleanwaterinstitute.example/) researchers found high levels downstream.",
                "Scientists said the [Clean Water Institute](https://www.cleanwaterinstitute.example/) report was alarming.",
            ],
            // Twice inside a noun phrase, after an adjective.
            [
                "The panel included a former [Supreme Court](https://www.supremecourt.example/) justice and a lawyer.",
                "It was led by a former [Supreme Court](https://www.supremecourt.example/) chief justice.",
            ],
            // After a comma and before a verb: a name as the subject.
            [
                "Whole Foods lowered its prices, [Yahoo Finance](https://www.yahoofinance.example/) reported earlier this year.",
                "Shares rose on the news.",
            ],
            // A footer's link after a short sentence.
            [
                "Town News. All rights reserved. [Manage Cookie Preferences](https://www.parentgroup.example/manage-cookie-preferences)",
                "The festival ends on Sunday.",
            ],
            // After a verb, before a clause of its own.
            [
                "The city warned [Northside Car Wash Company](https://www.northsidecarwashcompany.example/) its permit would lapse in May.",
                "The owner said he would appeal.",
            ],
            // A credit after the last sentence.
            [
                "About 30,000 people watched the parade. [Coast Photo Agency](https://www.coastphotoagency.example/)",
                "The festival ends on Sunday.",
            ],
            // Before a two-object verb's second object.
            [
                "The council gave [Riverstone Construction Group](https://www.riverstone.example/riverstone-construction-group) the contract on Tuesday.",
                "Work will take two years.",
            ],
            // A link to the page's own site.
            [
                "Officials opened [Best Dentist Chicago](https://news.example/best-dentist-chicago) two shelters in gyms.",
                "Rain fell all day.",
            ],
        ] {
            let want: Vec<String> = clean_linked(&page.map(|p| {
                // The texts as the page shows them.
                let mut out = String::new();
                let mut rest = p;
                while let Some(open) = rest.find('[') {
                    let close = rest.find("](").unwrap();
                    let paren = rest.find(')').unwrap();
                    out += &rest[..open];
                    out += &rest[open + 1..close];
                    rest = &rest[paren + 1..];
                }
                Box::leak((out + rest).into_boxed_str()) as &str
            }));
            assert_eq!(clean_linked(&page), want, "{page:?}");
        }
    }

    #[test]
    fn reads_where_a_phrase_stands() {
        use super::{inline_place, Inline};
        let text = "Turnout was X higher. Lines at X several stations. It rained. X";
        let at = |n: usize| {
            let start = text.match_indices('X').nth(n).unwrap().0;
            inline_place(text, start, start + 1)
        };
        assert_eq!(
            at(0),
            Some(Inline::MidClause {
                prev: "was",
                next: "higher",
                then: None,
                in_noun_phrase: false,
            })
        );
        let judge = "He met a former X justice.";
        assert!(matches!(
            inline_place(judge, 16, 17),
            Some(Inline::MidClause {
                in_noun_phrase: true,
                ..
            })
        ));
        assert!(matches!(
            at(1),
            Some(Inline::MidClause {
                prev: "at",
                next: "several",
                ..
            })
        ));
        assert_eq!(at(2), Some(Inline::BlockEnd));
        assert!(super::interrupts("at", "several", Some("stations")));
        assert!(!super::interrupts("gave", "the", Some("contract")));
        assert!(!super::interrupts("in", "the", Some("day")));
        assert!(super::fills_a_slot("the", "report", Some("was")));
        assert!(super::fills_a_slot("by", "researchers", Some("found")));
        assert!(!super::fills_a_slot("shelters", "in", Some("school")));
    }

    #[test]
    fn keeps_a_linked_name_before_a_name_particle() {
        let page = [
            "Charges were brought against the president, [Omar Hassan](https://www.omarhassan.example/) al-Bashir, and his allies.",
            "Officials said the demand had not changed.",
        ];
        assert_eq!(
            clean_linked(&page),
            [
                "Charges were brought against the president, Omar Hassan al-Bashir, and his allies.",
                "Officials said the demand had not changed.",
            ]
        );
    }

    #[test]
    fn keeps_names_after_a_comma() {
        let text = "In a statement on Monday, Prime Minister Jane Doe said the vote would go ahead.\nDoe spoke for the Prime Minister.";
        assert_eq!(clean_text(text).0, text);
    }
}
