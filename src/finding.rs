//! Findings and the report: the one schema shared by the core, the CLI, the
//! extension and the playground. README.md ("Report schema") documents it;
//! change it here and there together, and bump [`SCHEMA_VERSION`].

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Text of a finding that is mostly a fixed name or phrase of the code:
/// borrowed then, so a page with two thousand repairs does not copy them
/// two thousand times; read from JSON, it is owned.
pub type Label = Cow<'static, str>;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Spam,
    Punctuation,
    Banner,
    Linebreak,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Spam, Kind::Punctuation, Kind::Banner, Kind::Linebreak];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Spam => "spam",
            Kind::Punctuation => "punctuation",
            Kind::Banner => "banner",
            Kind::Linebreak => "linebreak",
        }
    }
}

/// What applying a finding does to its block.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Replace text inside runs of the block (the edits).
    Edit,
    /// Remove the whole block.
    RemoveBlock,
    /// Append the next block's runs to this block, separated by `joiner`, and remove the next block.
    JoinNext,
}

/// One text replacement inside one run.
///
/// `start` and `end` count UTF-16 code units, the unit of DOM strings, so the
/// content script can apply an edit without converting; the core converts.
/// `old` is the text being replaced: appliers check it before they write.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub run: usize,
    pub start: usize,
    pub end: usize,
    pub old: String,
    pub new: String,
}

/// One signal that contributed to a finding.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Signal {
    /// Stable machine name, e.g. `repeated-phrase`.
    pub name: Label,
    /// How much it weighed, 0..1.
    pub weight: f32,
    /// Human-readable detail, e.g. `appears 3 times`.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub detail: Label,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Reason {
    /// One sentence a user can read in the popup.
    pub summary: String,
    pub signals: Vec<Signal>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Finding {
    /// Index in the report's list.
    pub id: usize,
    pub kind: Kind,
    /// The fixer that made it, e.g. `mojibake`, `lost-apostrophe`, `injected-anchor`.
    pub rule: Label,
    pub block: usize,
    pub action: Action,
    #[serde(default)]
    pub edits: Vec<Edit>,
    /// For `join-next`: the text put between the two blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joiner: Option<String>,
    /// The changed stretch of text with a little context, as it was and as it becomes.
    pub before: String,
    pub after: String,
    pub reason: Reason,
    /// 0..1.
    pub confidence: f32,
    /// Which cleaning pass made it. A fix can reveal another (a template
    /// sentence reads whole only once a broken line is joined), so cleaning
    /// repeats until nothing changes; `block` and the edits of a finding of
    /// pass n refer to the document as passes 0..n left it.
    #[serde(default)]
    pub pass: usize,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Counts {
    pub spam: usize,
    pub punctuation: usize,
    pub banner: usize,
    pub linebreak: usize,
    pub total: usize,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Report {
    pub schema: u32,
    pub counts: Counts,
    pub findings: Vec<Finding>,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Self {
        let mut counts = Counts::default();
        for f in findings {
            match f.kind {
                Kind::Spam => counts.spam += 1,
                Kind::Punctuation => counts.punctuation += 1,
                Kind::Banner => counts.banner += 1,
                Kind::Linebreak => counts.linebreak += 1,
            }
        }
        counts.total = findings.len();
        counts
    }
}

impl Finding {
    /// A finding planned by hand rather than by a detector (tests, replays):
    /// no reason, full confidence, pass 0.
    pub fn planned(kind: Kind, rule: &str, block: usize, action: Action, edits: Vec<Edit>) -> Self {
        Finding {
            id: 0,
            kind,
            rule: Cow::Owned(rule.to_string()),
            block,
            action,
            edits,
            joiner: None,
            before: String::new(),
            after: String::new(),
            reason: Reason {
                summary: String::new(),
                signals: vec![],
            },
            confidence: 1.0,
            pass: 0,
        }
    }
}

impl Report {
    /// The report of `findings`, numbered in order.
    pub fn new(mut findings: Vec<Finding>) -> Self {
        for (id, f) in findings.iter_mut().enumerate() {
            f.id = id;
        }
        Report {
            schema: SCHEMA_VERSION,
            counts: Counts::of(&findings),
            findings,
        }
    }
}

impl Signal {
    pub fn new(name: &'static str, weight: f32, detail: impl Into<Label>) -> Self {
        Signal {
            name: Cow::Borrowed(name),
            weight,
            detail: detail.into(),
        }
    }
}

/// Number of UTF-16 code units in `s`.
pub fn utf16_len(s: &str) -> usize {
    // One unit per character (per byte that is no continuation byte), two
    // for a four-byte one: byte counts that vectorise, unlike decoding.
    let chars = s.bytes().filter(|&b| (b as i8) >= -0x40).count();
    let astral = s.bytes().filter(|&b| b >= 0xF0).count();
    chars + astral
}

/// Byte offset in `s` of the UTF-16 offset `units`, or `None` if it falls
/// inside a character or past the end.
pub fn byte_offset(s: &str, units: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    // Over ASCII, units are bytes.
    if bytes.get(..units).is_some_and(<[u8]>::is_ascii) {
        return Some(units);
    }
    // Whole eight-byte chunks that end short of the offset are counted, not
    // decoded (as in `utf16_len`); the rest is read byte by byte: a
    // character starts at each byte that is no continuation byte, and takes
    // two units when it takes four bytes.
    let mut seen = 0;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let n = utf16_len_of_bytes(chunk);
        if seen + n >= units {
            break;
        }
        seen += n;
        at += 8;
    }
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        if (b as i8) < -0x40 {
            continue; // a continuation byte
        }
        if seen == units {
            return Some(i);
        }
        if seen > units {
            return None;
        }
        seen += 1 + usize::from(b >= 0xF0);
    }
    (seen == units).then_some(s.len())
}

/// [`utf16_len`] of bytes that may start or end inside a character: its
/// lead bytes, and one more for each lead of a four-byte character.
fn utf16_len_of_bytes(bytes: &[u8]) -> usize {
    let chars = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    let astral = bytes.iter().filter(|&&b| b >= 0xF0).count();
    chars + astral
}

/// UTF-16 offsets of byte offsets in the runs of one block, each counted on
/// from the offset asked for before it when that one lies in the same run
/// and not past it: a line with fifty repairs is read once, not fifty times.
#[derive(Default)]
pub struct Utf16Cursor {
    run: usize,
    byte: usize,
    units: usize,
}

impl Utf16Cursor {
    /// The UTF-16 offset of the byte offset `byte` of `text`, the text of `run`.
    pub fn units(&mut self, run: usize, text: &str, byte: usize) -> usize {
        if run != self.run || byte < self.byte {
            *self = Utf16Cursor {
                run,
                byte: 0,
                units: 0,
            };
        }
        self.units += utf16_len(&text[self.byte..byte]);
        self.byte = byte;
        self.units
    }
}

impl Edit {
    /// An edit of `run` replacing the bytes `start..end` of `text` (the run's text) with `new`.
    pub fn replace(
        run: usize,
        text: &str,
        start: usize,
        end: usize,
        new: impl Into<String>,
    ) -> Self {
        Edit::replace_at(&mut Utf16Cursor::default(), run, text, start, end, new)
    }

    /// [`Edit::replace`], counting UTF-16 offsets on from where `cursor`
    /// last stood (edits of one block made in order of their place).
    pub fn replace_at(
        cursor: &mut Utf16Cursor,
        run: usize,
        text: &str,
        start: usize,
        end: usize,
        new: impl Into<String>,
    ) -> Self {
        Edit {
            run,
            start: cursor.units(run, text, start),
            end: cursor.units(run, text, end),
            old: text[start..end].to_string(),
            new: new.into(),
        }
    }

    /// The byte range this edit covers in `text`, if `text` still holds `old` there.
    pub fn byte_range(&self, text: &str) -> Option<std::ops::Range<usize>> {
        self.byte_range_at(&mut ByteCursor::default(), (0, 0), text)
    }

    /// [`Edit::byte_range`], counting on from where `cursor` last stood in
    /// `text`, the text `key` names (edits of one text read in order of
    /// their place).
    pub fn byte_range_at(
        &self,
        cursor: &mut ByteCursor,
        key: (usize, usize),
        text: &str,
    ) -> Option<std::ops::Range<usize>> {
        let start = cursor.byte(key, text, self.start)?;
        let end = cursor.byte(key, text, self.end)?;
        (start <= end && text.get(start..end) == Some(self.old.as_str())).then_some(start..end)
    }
}

/// Byte offsets of UTF-16 offsets in a text, each counted on from the one
/// asked for before it when that one is of the same text and not past it:
/// the converse of [`Utf16Cursor`], for appliers that meet a line's many
/// edits in order.
#[derive(Default)]
pub struct ByteCursor {
    /// Which text the cursor stands in: a block and a run, say.
    key: (usize, usize),
    units: usize,
    byte: usize,
}

impl ByteCursor {
    /// The byte offset in `text` (the text `key` names) of the UTF-16
    /// offset `units`; `None` inside a character or past the end.
    pub fn byte(&mut self, key: (usize, usize), text: &str, units: usize) -> Option<usize> {
        if key != self.key || units < self.units || self.byte > text.len() {
            *self = ByteCursor {
                key,
                units: 0,
                byte: 0,
            };
        }
        let byte = self.byte + byte_offset(text.get(self.byte..)?, units - self.units)?;
        (self.units, self.byte) = (units, byte);
        Some(byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_counted_on_by_one_cursor_equal_edits_counted_alone() {
        let text = "a😀b’c d_e 😀 f_g";
        let spots = [(6, 9), (11, 12), (19, 20), (11, 12), (0, 1)];
        let mut cursor = Utf16Cursor::default();
        for (start, end) in spots {
            let alone = Edit::replace(0, text, start, end, "x");
            assert_eq!(
                Edit::replace_at(&mut cursor, 0, text, start, end, "x"),
                alone
            );
        }
        // Another run starts the count again.
        let other = "é_h";
        assert_eq!(
            Edit::replace_at(&mut cursor, 1, other, 2, 3, "x"),
            Edit::replace(1, other, 2, 3, "x")
        );
    }

    #[test]
    fn byte_offsets_counted_on_by_one_cursor_equal_offsets_found_alone() {
        let text = "a😀b’c d_e 😀 f_g";
        let other = "é_h";
        let mut cursor = ByteCursor::default();
        // In order, back, past the end, inside a character, in another text.
        let asks = [
            ((0, 0), text, 4),
            ((0, 0), text, 5),
            ((0, 0), text, 9),
            ((0, 0), text, 2),
            ((0, 0), text, 2),
            ((0, 0), text, 40),
            ((0, 0), text, 10),
            ((0, 0), text, 1),
            ((0, 1), other, 2),
            ((0, 0), text, 3),
        ];
        for (key, t, units) in asks {
            assert_eq!(
                cursor.byte(key, t, units),
                byte_offset(t, units),
                "{units} in {t}"
            );
        }
    }

    #[test]
    fn utf16_offsets_round_trip_through_astral_characters() {
        let text = "a😀b’c";
        let e = Edit::replace(0, text, 6, 9, "'");
        assert_eq!((e.start, e.end), (4, 5));
        assert_eq!(e.old, "’");
        assert_eq!(e.byte_range(text), Some(6..9));
    }

    #[test]
    fn utf16_offsets_agree_with_decoding() {
        let text = "ab’c😀d é\u{FFFD}x";
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let units: usize = text[..i].chars().map(char::len_utf16).sum();
            assert_eq!(utf16_len(&text[..i]), units);
            assert_eq!(byte_offset(text, units), Some(i));
        }
        assert_eq!(byte_offset(text, 5), None); // inside 😀
        assert_eq!(byte_offset("abc", 4), None);
    }

    #[test]
    fn utf16_offsets_past_whole_chunks_agree_with_decoding() {
        let text = "ab’c😀d é\u{FFFD}x and some plain words, 😀😀 then ’quotes’ éé end";
        let mut units = 0;
        for (i, c) in text.char_indices() {
            assert_eq!(byte_offset(text, units), Some(i));
            if c.len_utf16() == 2 {
                assert_eq!(byte_offset(text, units + 1), None, "inside {c:?}");
            }
            units += c.len_utf16();
        }
        assert_eq!(byte_offset(text, units), Some(text.len()));
        assert_eq!(byte_offset(text, units + 1), None);
    }

    #[test]
    fn edit_refuses_text_that_changed() {
        let e = Edit::replace(0, "don_t", 3, 4, "’");
        assert_eq!(e.byte_range("don't"), None);
        assert_eq!(e.byte_range("don_t"), Some(3..4));
    }
}
