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

use crate::detect::Draft;
use crate::finding::{Finding, Kind, Signal};
use crate::model::Document;

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
        for block in &doc.blocks {
            for run in &block.runs {
                for c in run.text.chars() {
                    match c {
                        '\'' => straight1 += 1,
                        '’' | '‘' => curly1 += 1,
                        '"' => straight2 += 1,
                        '“' | '”' => curly2 += 1,
                        _ => {}
                    }
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
}

/// Whether a run holds anything this detector could act on.
fn suspicious(text: &str) -> bool {
    text.bytes()
        .any(|b| b >= 0x80 || matches!(b, b'_' | b'?' | b'`' | b'&'))
}

pub fn detect(doc: &Document) -> Vec<Finding> {
    let mut style = None;
    let mut evidence = None;
    let mut found = Vec::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        if block.verbatim {
            continue;
        }
        let starts = block.run_starts();
        for (ri, run) in block.runs.iter().enumerate() {
            if !suspicious(&run.text) {
                continue;
            }
            let style = *style.get_or_insert_with(|| Style::of(doc));
            let evidence = *evidence.get_or_insert_with(|| {
                let texts = doc
                    .blocks
                    .iter()
                    .filter(|b| !b.verbatim)
                    .flat_map(|b| b.runs.iter().map(|r| r.text.as_str()));
                apostrophe::evidence(texts)
            });
            for fix in fixes_in_run(&run.text, style, evidence) {
                let draft = Draft {
                    kind: Kind::Punctuation,
                    rule: fix.rule,
                    summary: fix.summary,
                    signals: fix.signals,
                    confidence: fix.confidence,
                };
                found.push(draft.edit(
                    doc,
                    bi,
                    starts[ri] + fix.start,
                    starts[ri] + fix.end,
                    &fix.new,
                ));
            }
        }
    }
    found
}

/// All repairs in one run's text, non-overlapping, in text order.
pub(crate) fn fixes_in_run(text: &str, style: Style, evidence: apostrophe::Evidence) -> Vec<Fix> {
    let mut fixes = Vec::new();
    if !text.is_ascii() {
        fixes.extend(mojibake_fixes(text));
    }
    for fix in entity::fixes(text)
        .into_iter()
        .chain(apostrophe::fixes(text, style, evidence))
    {
        if !fixes.iter().any(|f: &Fix| {
            f.start < fix.end.max(fix.start + 1) && fix.start < f.end.max(f.start + 1)
        }) {
            fixes.push(fix);
        }
    }
    fixes.sort_by_key(|f| f.start);
    fixes
}

fn mojibake_fixes(text: &str) -> Vec<Fix> {
    let (fixed, how) = mojibake::fix_encoding(text);
    if fixed == text {
        return Vec::new();
    }
    mojibake::spots(text, &fixed)
        .into_iter()
        .map(|spot| {
            let old = &text[spot.start..spot.end];
            Fix {
                summary: format!("UTF-8 read as {how}: “{old}” → “{}”", spot.new),
                signals: vec![
                    Signal::new(
                        "mojibake-sequence",
                        0.6,
                        format!("“{old}” is how UTF-8 looks in {how}"),
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
