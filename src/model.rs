//! The document model every adapter builds and every detector reads.
//!
//! A page is an ordered list of blocks; a block is a sequence of inline runs.
//! The DOM (content script, playground) and the CLI (HTML and text modes) both
//! build this model, so the detectors never see markup.

use serde::{Deserialize, Serialize};

/// Where the document came from; detectors use it as a weak signal only.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Html,
    Text,
}

/// What is known about the page as a whole.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct PageContext {
    /// Host the page was served from, e.g. `news.example.com`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Declared language (`<html lang>`), e.g. `en` or `pt-BR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default)]
    pub format: Format,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    #[default]
    Paragraph,
    Heading,
    ListItem,
    Caption,
    Quote,
    Cell,
    /// A line of plain text (text mode).
    Line,
    Other,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum RunKind {
    #[default]
    Text,
    Link,
    Emphasis,
}

/// A stretch of text with one inline role; in a DOM it is one text node.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Run {
    #[serde(default)]
    pub kind: RunKind,
    pub text: String,
    /// Target of a link run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// Inline code (`<code>` in prose): context for detectors, never edited.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verbatim: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Block {
    #[serde(default)]
    pub kind: BlockKind,
    pub runs: Vec<Run>,
    /// All code, preformatted or editable text: context for detectors, never
    /// edited. A block with code only in some runs marks those runs instead.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verbatim: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub context: PageContext,
}

impl Run {
    pub fn text(text: impl Into<String>) -> Self {
        Run {
            kind: RunKind::Text,
            text: text.into(),
            href: None,
            verbatim: false,
        }
    }

    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Self {
        Run {
            kind: RunKind::Link,
            text: text.into(),
            href: Some(href.into()),
            verbatim: false,
        }
    }

    pub fn emphasis(text: impl Into<String>) -> Self {
        Run {
            kind: RunKind::Emphasis,
            text: text.into(),
            href: None,
            verbatim: false,
        }
    }

    /// The same run, marked as code that is never edited.
    pub fn verbatim(self) -> Self {
        Run {
            verbatim: true,
            ..self
        }
    }
}

impl Block {
    pub fn new(kind: BlockKind, runs: Vec<Run>) -> Self {
        Block {
            kind,
            runs,
            verbatim: false,
        }
    }

    /// The block's text: its runs joined.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// [`Block::text`] without a copy when the block has a single run, as
    /// every line of plain text does: detectors read each block's text
    /// often, and a copy per read is most of the cost on clean text.
    pub fn joined(&self) -> std::borrow::Cow<'_, str> {
        match self.runs.as_slice() {
            [] => std::borrow::Cow::Borrowed(""),
            [run] => std::borrow::Cow::Borrowed(run.text.as_str()),
            _ => std::borrow::Cow::Owned(self.text()),
        }
    }

    /// Byte offset of each run's start in [`Block::text`], plus the total length.
    pub fn run_starts(&self) -> Vec<usize> {
        let mut starts = Vec::with_capacity(self.runs.len() + 1);
        let mut at = 0;
        for run in &self.runs {
            starts.push(at);
            at += run.text.len();
        }
        starts.push(at);
        starts
    }

    /// Whether some run is inline code (never edited).
    pub fn has_verbatim_run(&self) -> bool {
        self.runs.iter().any(|r| r.verbatim)
    }

    pub fn is_blank(&self) -> bool {
        self.runs.iter().all(|r| is_whitespace_only(&r.text))
    }
}

/// Whether `s` is empty or all whitespace (`s.trim().is_empty()`),
/// answered at the first byte for most texts: an ASCII byte other than
/// whitespace (as [`char::is_whitespace`] reads it) is a character that
/// is none.
pub(crate) fn is_whitespace_only(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(&b) if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') => false,
        _ => s.trim_start().is_empty(),
    }
}

/// The length of `s.trim()`, without the trim for a text that starts and
/// ends in an ASCII byte other than whitespace (most lines): it is the
/// text's own length then.
pub(crate) fn trimmed_len(s: &str) -> usize {
    let solid = |b: &u8| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = s.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(a), Some(z)) if solid(a) && solid(z) => s.len(),
        _ => s.trim().len(),
    }
}

impl Document {
    /// A plain-text document: one `Line` block per line, line structure kept.
    pub fn from_text(text: &str) -> Self {
        // Sized up front: growing the list line by line copied it over and over.
        let mut blocks =
            Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
        // Code fenced as in Markdown (``` or ~~~ lines) is read, never edited.
        let mut fence: Option<Fence> = None;
        let mut line = |start: usize, end: usize| {
            let text = &text[start..end];
            let marker = Fence::of(text);
            let verbatim = match (fence, marker) {
                (Some(open), Some(close)) if close.closes(open) => {
                    fence = None;
                    true
                }
                (Some(_), _) => true,
                (None, Some(open)) => {
                    fence = Some(open);
                    true
                }
                (None, None) => false,
            };
            let mut block = Block::new(BlockKind::Line, vec![Run::text(text)]);
            block.verbatim = verbatim;
            block
        };
        // The lines between newlines found by memchr: `str::split` searched
        // for each newline with a slower scan of its own.
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
            blocks.push(line(start, end));
            start = end + 1;
        }
        blocks.push(line(start, text.len()));
        Document {
            blocks,
            context: PageContext {
                format: Format::Text,
                ..PageContext::default()
            },
        }
    }

    /// Inverse of [`Document::from_text`]: the blocks' text, one a line.
    /// (A line's `verbatim` mark is not text: it is not written.)
    pub fn to_text(&self) -> String {
        let len: usize = self
            .blocks
            .iter()
            .flat_map(|b| &b.runs)
            .map(|r| r.text.len() + 1)
            .sum();
        let mut out = String::with_capacity(len);
        for (i, block) in self.blocks.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            block.runs.iter().for_each(|r| out.push_str(&r.text));
        }
        out
    }
}

/// A Markdown code fence line: three or more backticks or tildes, indented
/// three spaces at most.
#[derive(Clone, Copy)]
struct Fence {
    mark: u8,
    len: usize,
}

impl Fence {
    fn of(line: &str) -> Option<Fence> {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let mark = *bytes.get(indent)?;
        if indent > 3 || !matches!(mark, b'`' | b'~') {
            return None;
        }
        let len = bytes[indent..].iter().take_while(|&&b| b == mark).count();
        (len >= 3).then_some(Fence { mark, len })
    }

    /// Whether this fence closes `open`: the same mark, as long or longer.
    fn closes(self, open: Fence) -> bool {
        self.mark == open.mark && self.len >= open.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The first- and last-byte answers agree with trimming.
        #[test]
        fn trimming_shortcuts_agree_with_trim(s in "[ a.\t\n\u{b}\u{c}\r\u{1}\u{7f}\u{85}\u{a0}é\u{2003}\u{3000}]{0,6}") {
            proptest::prop_assert_eq!(is_whitespace_only(&s), s.trim().is_empty());
            proptest::prop_assert_eq!(trimmed_len(&s), s.trim().len());
        }
    }

    fn verbatim_lines(text: &str) -> Vec<bool> {
        Document::from_text(text)
            .blocks
            .iter()
            .map(|b| b.verbatim)
            .collect()
    }

    #[test]
    fn lines_fenced_as_code_are_verbatim() {
        let text = "Intro\n```js\nlet s = 'tÃ©st';\n~~~\n```\nAfter\n  ~~~~\ncode\n~~~~~\nEnd";
        assert_eq!(
            verbatim_lines(text),
            [false, true, true, true, true, false, true, true, true, false]
        );
        // An unclosed fence runs to the end; two backticks are no fence.
        assert_eq!(verbatim_lines("a\n```\nb"), [false, true, true]);
        assert_eq!(verbatim_lines("a\n``b``\nc"), [false, false, false]);
        assert_eq!(Document::from_text(text).to_text(), text);
    }
}
