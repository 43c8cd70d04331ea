//! The punctuation detector: mojibake (UTF-8 read in a single-byte
//! charmap), apostrophes, quotes and dashes lost to `_`, `?`, U+FFFD or a
//! backtick, and HTML entities shown as text.
//!
//! Every run is scanned for a suspicious byte first; a run of plain ASCII
//! letters and spaces costs one pass and nothing else.

mod apostrophe;
mod badness;
mod charmap;
mod entity;
mod mojibake;
mod tables;

use std::borrow::Cow;

use crate::detect::{BlockCursor, Draft};
use crate::finding::{Finding, Kind, Signal};
use crate::model::{Block, Document};

/// One repair inside one run: a byte range of the run's text.
pub(crate) struct Fix {
    pub start: usize,
    pub end: usize,
    pub new: String,
    pub rule: &'static str,
    pub summary: String,
    pub signals: Vec<Signal>,
    pub confidence: f32,
}

/// Which apostrophe and quote marks the page itself uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Style {
    pub straight_apostrophe: bool,
    pub straight_quotes: bool,
}

impl Style {
    /// Counts straight and curly marks over the page; ties go to curly,
    /// the typographic default.
    pub fn of(doc: &Document) -> Style {
        let (mut straight1, mut curly1, mut straight2, mut curly2) = (0, 0, 0, 0);
        for run in doc.blocks.iter().flat_map(|b| &b.runs) {
            let bytes = run.text.as_bytes();
            // All the marks are rare: only the bytes that may be one are
            // visited (the curly marks, E2 80 98/99/9C/9D, by their lead byte).
            for at in memchr::memchr2_iter(b'\'', b'"', bytes) {
                match bytes[at] {
                    b'\'' => straight1 += 1,
                    _ => straight2 += 1,
                }
            }
            for at in memchr::memchr_iter(0xE2, bytes) {
                match bytes.get(at + 1..at + 3) {
                    Some([0x80, 0x98 | 0x99]) => curly1 += 1,
                    Some([0x80, 0x9C | 0x9D]) => curly2 += 1,
                    _ => {}
                }
            }
        }
        Style {
            straight_apostrophe: straight1 > curly1,
            straight_quotes: straight2 > curly2 || (straight2 == curly2 && straight1 > curly1),
        }
    }

    pub fn apostrophe(self) -> &'static str {
        if self.straight_apostrophe {
            "'"
        } else {
            "’"
        }
    }

    pub fn open_quote(self) -> &'static str {
        if self.straight_quotes {
            "\""
        } else {
            "“"
        }
    }

    pub fn close_quote(self) -> &'static str {
        if self.straight_quotes {
            "\""
        } else {
            "”"
        }
    }

    /// The marks of a quote inside a quote: `“… ‘term’ …”`.
    pub fn inner_quotes(self) -> (&'static str, &'static str) {
        if self.straight_quotes {
            ("'", "'")
        } else {
            ("‘", "’")
        }
    }
}

/// Whether a run holds anything this detector could act on: a byte past
/// ASCII (mojibake, U+FFFD), a character a lost mark may have become, or
/// an `&` (an entity). One scan, 32 bytes at a time with no branch per
/// byte, where a search for each cost four scans and four calls a run.
fn suspicious(text: &str) -> bool {
    let hit = |b: u8| (b >= 0x80) | (b == b'_') | (b == b'?') | (b == b'`') | (b == b'&');
    let mut chunks = text.as_bytes().chunks_exact(32);
    chunks.any(|chunk| chunk.iter().fold(false, |any, &b| any | hit(b)))
        || chunks.remainder().iter().any(|&b| hit(b))
}

/// Whether `text` has a character a lost mark may have become.
fn may_have_lost_marks(text: &str) -> bool {
    memchr::memchr3(b'_', b'?', b'`', text.as_bytes()).is_some() || has_replacement(text)
}

/// Whether `text` holds a U+FFFD. Searched by its lead byte, which little
/// text has: a search for the character goes by its last byte, which
/// Cyrillic and CJK text are full of, and compares at each.
pub(crate) fn has_replacement(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xEF, bytes).any(|at| bytes.get(at + 1..at + 3) == Some(&[0xBF, 0xBD]))
}

pub fn detect(doc: &Document) -> Vec<Finding> {
    detect_with(doc, &mut crate::detect::Memo::default())
}

/// Per block of a pass's document, whether reading it found nothing
/// without asking what the rest of the page shows (its style or evidence):
/// a block equal to it finds nothing on any page.
pub(crate) type QuietBlocks = Vec<bool>;

/// [`detect`], skipping the blocks equal to a block that `memo` kept as
/// quiet from the previous pass (most blocks of a pass after the first).
pub(crate) fn detect_with(doc: &Document, memo: &mut crate::detect::Memo) -> Vec<Finding> {
    let earlier = std::mem::take(&mut memo.punctuation_quiet);
    let mut quiet: QuietBlocks = vec![true; doc.blocks.len()];
    let mut page = Page {
        doc,
        facts: None,
        french: None,
        shows_mojibake: None,
        entities: None,
        asked: 0,
    };
    let mut found = Vec::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        let was_quiet = memo
            .earlier(bi)
            .is_some_and(|e| earlier.get(e).copied().unwrap_or(false));
        if was_quiet || block.verbatim || !block.runs.iter().any(|r| suspicious(&r.text)) {
            continue;
        }
        let asked = page.asked;
        let fixes = fixes_in_block(block, &mut page);
        quiet[bi] = fixes.is_empty() && page.asked == asked;
        // The fixes come in order of place: their UTF-16 offsets are counted on.
        let mut cursor = BlockCursor::new(block);
        for fix in fixes {
            let draft = Draft {
                kind: Kind::Punctuation,
                rule: fix.rule,
                summary: fix.summary,
                signals: fix.signals,
                confidence: fix.confidence,
            };
            found.push(draft.edit_at(&mut cursor, bi, fix.start, fix.end, &fix.new));
        }
    }
    memo.punctuation_quiet = quiet;
    found
}

/// All repairs in one block, as byte ranges of the block's text, each inside
/// one run. Mojibake is read run by run (a sequence split by markup is left
/// alone); lost marks and entities are read on the whole block, so a quote
/// opened in one run can be closed in the next.
fn fixes_in_block(block: &Block, page: &mut Page) -> Vec<Fix> {
    let mut fixes = Vec::new();
    let mut run_start = 0;
    for run in &block.runs {
        if !run.text.is_ascii() {
            fixes.extend(mojibake_fixes(&run.text).into_iter().map(|mut f| {
                f.start += run_start;
                f.end += run_start;
                f
            }));
        }
        run_start += run.text.len();
    }
    let original = block.joined();
    if !fixes.is_empty() && page.shows_mojibake() {
        // Every sequence on the page is a mere mention (it stands alone, or,
        // on a page about encodings, sits in quotes or beside its repaired
        // form), and the page writes its other characters right: it shows
        // mojibake, it is not broken by it ("a message shows â€™ instead of
        // an apostrophe").
        fixes.clear();
    }
    // Most blocks are suspicious for their non-ASCII letters alone: with no
    // mojibake, no entity and no lost mark, nothing else is read.
    if fixes.is_empty() && !original.contains('&') && !may_have_lost_marks(&original) {
        return fixes;
    }
    let starts = block.run_starts();
    let within_one_run = |f: &Fix| starts.windows(2).any(|w| w[0] <= f.start && f.end <= w[1]);
    // A lost mark that is a whole run and touches no word (`,<sup>?</sup>`
    // in a grammar) was set apart by its author: a character lost to
    // encoding sits in running text.
    let set_apart = |f: &Fix| {
        let touches_word = original[..f.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || original[f.end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        f.rule != "entity"
            && !touches_word
            && starts.windows(2).any(|w| (w[0], w[1]) == (f.start, f.end))
    };
    fixes.sort_by_key(|f| f.start);
    // Lost marks are read on the text as it will be once the mojibake is
    // repaired, so `has?â€\u{9d}` sees the closing quote after the `?`.
    let (text, kept) = with_fixes(&original, &fixes);
    let mut others = entity::fixes(&text);
    if !others.is_empty() {
        let (about_entities, bare_ampersand) = page.entities();
        // A page that writes about entities shows them on purpose; a page
        // that writes its ampersands bare was not escaped twice, so a lone
        // `&amp;` on it is one more mention.
        others.retain(|f| !(about_entities || (bare_ampersand && f.new == "&")));
    }
    if may_have_lost_marks(&text) {
        others.extend(apostrophe::fixes(&text, &mut || page.facts(&text)));
    }
    for mut fix in others {
        // Back to offsets of the original text; a fix inside a repaired spot is dropped.
        let Some(&(fixed_at, orig_at, len)) = kept
            .iter()
            .find(|k| k.0 <= fix.start && fix.end <= k.0 + k.2)
        else {
            continue;
        };
        fix.start = fix.start - fixed_at + orig_at;
        fix.end = fix.end - fixed_at + orig_at;
        debug_assert!(fix.end <= orig_at + len);
        if within_one_run(&fix) && !set_apart(&fix) {
            fixes.push(fix);
        }
    }
    fixes.sort_by_key(|f| f.start);
    fixes
}

/// `text` with the (sorted, disjoint) fixes applied, and the stretches it
/// kept as (offset in the new text, offset in `text`, length). Without
/// fixes (most blocks) it is `text` itself, not a copy.
fn with_fixes<'t>(text: &'t str, fixes: &[Fix]) -> (Cow<'t, str>, Vec<(usize, usize, usize)>) {
    if fixes.is_empty() {
        return (Cow::Borrowed(text), vec![(0, 0, text.len())]);
    }
    let mut out = String::with_capacity(text.len());
    let mut kept = Vec::with_capacity(fixes.len() + 1);
    let mut at = 0;
    for f in fixes {
        kept.push((out.len(), at, f.start - at));
        out.push_str(&text[at..f.start]);
        out.push_str(&f.new);
        at = f.end;
    }
    kept.push((out.len(), at, text.len() - at));
    out.push_str(&text[at..]);
    (Cow::Owned(out), kept)
}

/// What the lost-mark rules need to know about the whole page, worked out
/// the first time a run needs it (most runs never do).
pub(crate) struct Page<'a> {
    doc: &'a Document,
    facts: Option<(Style, apostrophe::Evidence)>,
    french: Option<bool>,
    shows_mojibake: Option<bool>,
    entities: Option<(bool, bool)>,
    /// How many times a reading asked for the facts (a block whose reading
    /// asked depends on the rest of the page).
    asked: usize,
}

impl Page<'_> {
    fn texts(&self) -> impl Iterator<Item = &str> + Clone {
        self.doc
            .blocks
            .iter()
            .filter(|b| !b.verbatim)
            .flat_map(|b| b.runs.iter().map(|r| r.text.as_str()))
    }

    fn facts(&mut self, text: &str) -> (Style, apostrophe::Evidence) {
        self.asked += 1;
        if self.facts.is_none() {
            self.facts = Some((Style::of(self.doc), apostrophe::evidence(self.texts())));
        }
        let (style, mut evidence) = self.facts.unwrap();
        // Only a spaced `?` asks whether the page spaces its marks the French way.
        if apostrophe::has_spaced_question_mark(text) {
            if self.french.is_none() {
                self.french = Some(apostrophe::french_spacing(self.texts()));
            }
            // A French paragraph spaces its `?` even on a page that does not.
            evidence.french_spacing = self.french == Some(true)
                || crate::lang::Profile::of(text).best_lang(3) == Some("fr");
        } else {
            evidence.french_spacing = true;
        }
        (style, evidence)
    }
}

impl Page<'_> {
    /// Whether the page writes about HTML entities, and whether it writes
    /// an ampersand bare (see [`entity::page_facts`]).
    fn entities(&mut self) -> (bool, bool) {
        self.asked += 1;
        let doc = self.doc;
        *self.entities.get_or_insert_with(|| {
            entity::page_facts(doc.blocks.iter().flat_map(|b| {
                b.runs
                    .iter()
                    .map(move |r| (r.text.as_str(), b.verbatim || r.verbatim))
            }))
        })
    }

    /// Whether the page only shows mojibake rather than suffers from it:
    /// every sequence on it is a mere mention (see [`is_mention`]), and it
    /// writes other characters past ASCII correctly (`turns é into Ã©`).
    /// A sequence inside a word (`donâ€™t`, `â‚¬5`), a whole word or a lone
    /// dash is text really read in the wrong charmap, and on a page with
    /// one, or with no correct character to show, every sequence is repaired.
    fn shows_mojibake(&mut self) -> bool {
        self.asked += 1;
        if self.shows_mojibake.is_none() {
            let (mut broken, mut correct) = (false, false);
            let mut about_encodings = None;
            let doc = self.doc;
            for block in self.doc.blocks.iter().filter(|b| !b.verbatim) {
                let text = block.joined();
                let mut at = 0;
                for run in &block.runs {
                    let run_at = at;
                    at += run.text.len();
                    if run.text.is_ascii() {
                        continue;
                    }
                    let fixes = mojibake_fixes(&run.text);
                    broken |= fixes.iter().any(|f| {
                        let (start, end) = (run_at + f.start, run_at + f.end);
                        !is_mention_at(&text, start, end, &f.new, f.rule)
                            && !((stands_alone(&text, start, end)
                                || quoted_or_beside_its_repair(&text, start, end, &f.new))
                                && *about_encodings
                                    .get_or_insert_with(|| writes_about_encodings(doc)))
                    });
                    correct |= run.text.char_indices().any(|(i, c)| {
                        !c.is_ascii()
                            && !c.is_whitespace()
                            && !fixes.iter().any(|f| f.start <= i && i < f.end)
                    });
                }
                if broken {
                    break;
                }
            }
            self.shows_mojibake = Some(!broken && correct);
        }
        self.shows_mojibake == Some(true)
    }
}

/// Whether the page names a character encoding or the damage itself
/// (`UTF-8`, `Windows-1252`, `mojibake`, `charset`): an article about
/// mojibake does, a page broken by it has no reason to. Verbatim blocks
/// count (a `<meta charset>` shown in code).
fn writes_about_encodings(doc: &Document) -> bool {
    const TERMS: [&str; 12] = [
        "mojibake",
        "utf-8",
        "utf8",
        "windows-1252",
        "cp1252",
        "latin-1",
        "latin1",
        "iso-8859",
        "macroman",
        "charset",
        "encoding",
        "encoded",
    ];
    doc.blocks.iter().flat_map(|b| &b.runs).any(|r| {
        let bytes = r.text.as_bytes();
        // Asked once a page, and only of a page with quoted mojibake.
        (0..bytes.len()).any(|at| {
            matches!(
                bytes[at].to_ascii_lowercase(),
                b'm' | b'u' | b'w' | b'c' | b'l' | b'i' | b'e'
            ) && TERMS.iter().any(|t| {
                bytes
                    .get(at..at + t.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(t.as_bytes()))
            })
        })
    })
}

/// Whether the word holding `text[start..end]` is set in quotes
/// (`“CafÃ©”`), or the block also writes it repaired (`Zoë, appeared as
/// ZoÃ«`): the way an article about mojibake shows an example.
fn quoted_or_beside_its_repair(text: &str, start: usize, end: usize, new: &str) -> bool {
    let open = |c: char| c.is_whitespace() || "\"'“‘«„([{<`".contains(c);
    let close = |c: char| c.is_whitespace() || "\"'”’»“)]}>.,;:!?`".contains(c);
    let ws = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| open(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let we = text[end..]
        .char_indices()
        .find(|&(_, c)| close(c))
        .map_or(text.len(), |(i, _)| end + i);
    let before = text[..ws].chars().next_back();
    let after = text[we..].chars().next();
    let quoted = before.is_some_and(|c| "\"'“‘«„".contains(c))
        && after.is_some_and(|c| "\"'”’»“".contains(c));
    if quoted {
        return true;
    }
    let repaired = format!("{}{new}{}", &text[ws..start], &text[end..we]);
    repaired.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !repaired.is_ascii()
        && text.match_indices(&repaired).any(|(i, _)| {
            let ok_before = text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let ok_after = text[i + repaired.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            ok_before && ok_after
        })
}

/// Whether `text[start..end]` is a token of its own: nothing but spaces,
/// quotes, brackets or sentence punctuation between it and the words around.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let open = |c: char| c.is_whitespace() || "\"'“‘«„([{<`".contains(c);
    let close = |c: char| c.is_whitespace() || "\"'”’»)]}>.,;:!?`".contains(c);
    text[..start].chars().next_back().is_none_or(open)
        && text[end..].chars().next().is_none_or(close)
}

/// A repaired sequence that stands alone and would not read as text even
/// once repaired: a lone letter (`Ã©` → `é`), a lone apostrophe (`â€™` →
/// `’`) or a currency sign with no amount beside it. An article about
/// mojibake quotes such sequences; a broken page has them inside words
/// (`donâ€™t`, `â‚¬5`), and a lone dash or quote is repaired either way.
fn is_mention_at(text: &str, start: usize, end: usize, new: &str, rule: &str) -> bool {
    if rule != "mojibake" || !stands_alone(text, start, end) {
        return false;
    }
    let mut chars = new.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    let digit_beside = || {
        let before = text[..start].trim_end().chars().next_back();
        let after = text[end..].trim_start().chars().next();
        before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit())
    };
    c.is_alphabetic()
        || matches!(c, '’' | '‘' | '´')
        || (matches!(c, '€' | '£' | '¥' | '¢') && !digit_beside())
}

fn mojibake_fixes(text: &str) -> Vec<Fix> {
    if !badness::is_bad(text) && !mojibake::has_mac_roman_sequence(text) {
        return Vec::new();
    }
    let (fixed, how) = mojibake::fix_encoding_of(text, mojibake::Badness::Bad);
    if fixed == text {
        return Vec::new();
    }
    mojibake::spots(text, &fixed)
        .into_iter()
        .map(|spot| {
            let old = &text[spot.start..spot.end];
            Fix {
                // Joined, not formatted: a dirty page has thousands of these.
                summary: ["UTF-8 read as ", how, ": “", old, "” → “", &spot.new, "”"].concat(),
                signals: vec![
                    Signal::new(
                        "mojibake-sequence",
                        0.6,
                        ["“", old, "” is how UTF-8 looks in ", how].concat(),
                    ),
                    Signal::new("reencodes-cleanly", 0.4, "re-encoding gives valid UTF-8"),
                ],
                confidence: 0.95,
                rule: "mojibake",
                start: spot.start,
                end: spot.end,
                new: spot.new,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::clean_text;
    use crate::model::{Block, BlockKind, Document, Run};

    #[test]
    fn a_mark_set_apart_in_its_own_element_stays() {
        // `Params → Expr ( , Expr )* ,<sup>?</sup>`: a grammar's optional comma.
        let doc = Document {
            blocks: vec![Block::new(
                BlockKind::Paragraph,
                vec![Run::text("Params → Expr ( , Expr )* ,"), Run::text("?")],
            )],
            ..Document::default()
        };
        assert!(super::detect(&doc).is_empty());
        // The same mark inside the text around it is read.
        let doc = Document {
            blocks: vec![Block::new(
                BlockKind::Paragraph,
                vec![Run::text("He said it wasn?t so.")],
            )],
            ..Document::default()
        };
        assert_eq!(super::detect(&doc).len(), 1);
    }

    #[test]
    fn an_article_that_quotes_mojibake_is_left_alone() {
        let text = "Why old forms garble names\nA form that stores “Zoë” may print Ã« instead of ë, and a price in yen as Â¥ or an apostrophe as â€™ alone.\nThe fix is to read the bytes as UTF-8.";
        assert_eq!(clean_text(text).0, text);
    }

    #[test]
    fn an_article_about_encodings_keeps_its_quoted_and_paired_examples() {
        // Inside words, but quoted, or beside the word written right, on a
        // page that names the encodings.
        let text = "Why “NiÃ±o” Shows Up Instead of “Niño”\nA file saved as UTF-8 and opened as Windows-1252 turns ñ into Ã± and an en dash into â€“.\nOur client Łukasz saw his city, Kraków, printed as KrakÃ³w on every label.";
        assert_eq!(clean_text(text).0, text);
        // The same lines on a page that never names an encoding are repaired.
        let plain = "Why “NiÃ±o” Shows Up Instead of “Niño”\nOur client Łukasz saw his city, Kraków, printed as KrakÃ³w on every label.";
        assert_eq!(
            clean_text(plain).0,
            "Why “Niño” Shows Up Instead of “Niño”\nOur client Łukasz saw his city, Kraków, printed as Kraków on every label."
        );
        // A page about encodings broken inside its own words is repaired.
        let broken = "The cityâ€™s system stores names in Latin-1, not UTF-8.\nIt prints KrakÃ³w, not Kraków.";
        assert_eq!(
            clean_text(broken).0,
            "The city’s system stores names in Latin-1, not UTF-8.\nIt prints Kraków, not Kraków."
        );
    }

    #[test]
    fn a_page_about_entities_keeps_them() {
        // A quote entity set apart as a word of its own: every entity stays.
        let text = "A double escape shows &#8217; where an apostrophe was.\nSearch the source for &amp; and fix the template.";
        assert_eq!(clean_text(text).0, text);
        // Inside words they are decoded.
        assert_eq!(
            clean_text("It&#8217;s here.\nSearch for Q &amp; A.").0,
            "It’s here.\nSearch for Q & A."
        );
        // A page that writes its ampersands bare keeps a lone `&amp;`, and
        // still decodes its other entities.
        assert_eq!(
            clean_text("Marks & Spencer rose.\nUse &amp; in HTML; it&#8217;s easy.").0,
            "Marks & Spencer rose.\nUse &amp; in HTML; it’s easy."
        );
    }

    #[test]
    fn lone_sequences_are_repaired_on_a_page_broken_by_mojibake() {
        // The same shapes, on a page whose words are broken too.
        let text = "A form that stores “Zoë” may print Ã« instead of ë.\nItâ€™s a price in Â¥ or an apostrophe as â€™ alone.";
        let want = "A form that stores “Zoë” may print ë instead of ë.\nIt’s a price in ¥ or an apostrophe as ’ alone.";
        assert_eq!(clean_text(text).0, want);
        // No character past ASCII written right: the lone word is broken.
        assert_eq!(clean_text("Ele Ã© o melhor.").0, "Ele é o melhor.");
        // A lone dash reads as text once repaired.
        assert_eq!(
            clean_text("It goes further â€” and faster, says “Zoë”.").0,
            "It goes further — and faster, says “Zoë”."
        );
    }
}
