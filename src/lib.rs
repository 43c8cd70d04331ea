//! Rinse: finds and repairs injected spam, broken punctuation and trailing
//! foreign banners in news pages.
//!
//! The core works on a [`model::Document`] (blocks of inline runs) and returns
//! [`finding::Finding`]s; one list of findings drives the rewrite
//! ([`apply::apply`]), the report and the undo. It has no browser, file or
//! process code: the CLI (`src/main.rs`, with the `cli` feature's adapters)
//! and the WebAssembly binding (`src/wasm/`) are thin layers over it.

pub mod apply;
pub mod detect;
pub mod finding;
pub mod lang;
pub mod model;
pub mod text;

#[cfg(feature = "cli")]
pub mod batch;
#[cfg(feature = "cli")]
pub mod charset;
#[cfg(feature = "cli")]
pub mod html;

use std::borrow::Cow;

pub use detect::analyze;
pub use finding::{Finding, Kind, Report};
pub use model::Document;

/// Most cleaning passes: one fix may reveal another (a spam sentence reads
/// whole only once its broken line is joined), so passes repeat until the
/// text stops changing; real pages settle in one or two.
pub const MAX_PASSES: usize = 8;

/// The findings of one cleaning pass. When an earlier pass wrote a U+FFFD
/// (a mojibake fix for a byte that was lost: "SlovenÄ�ina" → "Sloven�ina"),
/// later passes leave U+FFFD alone: reading that one as a lost quote or dash
/// would invent a character. `wrote_fffd` says whether an earlier pass did.
pub fn analyze_pass(doc: &Document, wrote_fffd: bool) -> Vec<Finding> {
    analyze_pass_with(doc, wrote_fffd, &mut detect::Memo::default())
}

/// [`analyze_pass`], reusing what the previous pass left in `memo` (see
/// [`detect::Memo`]).
pub fn analyze_pass_with(
    doc: &Document,
    wrote_fffd: bool,
    memo: &mut detect::Memo,
) -> Vec<Finding> {
    let mut findings = detect::analyze_with(doc, memo);
    if wrote_fffd {
        findings.retain(|f| f.edits.iter().all(|e| !e.old.contains('\u{FFFD}')));
    }
    findings
}

/// Whether any of `findings` writes a U+FFFD.
pub fn writes_fffd(findings: &[Finding]) -> bool {
    findings
        .iter()
        .any(|f| f.edits.iter().any(|e| e.new.contains('\u{FFFD}')))
}

/// Analyzes and rewrites a document model, pass after pass until nothing
/// changes, so cleaning the result again changes nothing.
pub fn clean(doc: &Document) -> (Document, Report) {
    let (cleaned, report) = clean_passes(Cow::Borrowed(doc));
    // A clean page is returned as it came, without rewriting it.
    (cleaned.unwrap_or_else(|| doc.clone()), report)
}

/// [`clean`], with `None` for a page that needed no change, so callers that
/// hold the input already need not copy it. Each pass rewrites the document
/// in place: a borrowed one is copied once, when the first pass changes it.
fn clean_passes(doc: Cow<'_, Document>) -> (Option<Document>, Report) {
    let mut current = doc;
    let mut changed = false;
    let mut all = Vec::new();
    let mut memo = detect::Memo::default();
    for pass in 0..MAX_PASSES {
        let mut findings = analyze_pass_with(&current, writes_fffd(&all), &mut memo);
        if findings.is_empty() {
            break;
        }
        // Unchanged, the document is as the pass read it: cleaning ends.
        let Some(origin) = apply::apply_in_place(current.to_mut(), &findings) else {
            break;
        };
        memo.carry_pairs(origin);
        findings.iter_mut().for_each(|f| f.pass = pass);
        all.extend(findings);
        changed = true;
    }
    (changed.then(|| current.into_owned()), Report::new(all))
}

/// Cleans plain text, keeping its line structure.
pub fn clean_text(text: &str) -> (String, Report) {
    let doc = Document::from_text(text);
    let lines = doc.blocks.len();
    let (cleaned, report) = clean_passes(Cow::Owned(doc));
    // Unchanged text is the input itself: its lines joined back are the same bytes.
    let Some(cleaned) = cleaned else {
        return (text.to_string(), report);
    };
    let mut out = cleaned.to_text();
    // Every line but an unterminated last one ends in a newline; removing
    // that last line leaves the line before it with its newline.
    if !text.ends_with('\n') && !out.is_empty() && last_line_removed(lines, &report) {
        out.push('\n');
    }
    (out, report)
}

/// Whether the findings, pass by pass, removed the last of `lines` blocks.
fn last_line_removed(lines: usize, report: &Report) -> bool {
    use finding::Action;
    let mut last = lines.saturating_sub(1);
    let mut pass = 0;
    let mut shift = 0;
    for f in &report.findings {
        if f.pass != pass {
            last -= shift;
            shift = 0;
            pass = f.pass;
        }
        match f.action {
            Action::RemoveBlock if f.block == last => return true,
            Action::RemoveBlock if f.block < last => shift += 1,
            // The last line joined onto the one before stays the (unterminated) last line.
            Action::JoinNext if f.block < last => shift += 1,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_an_unterminated_last_line_keeps_the_newline_before_it() {
        let article = "The council voted on Tuesday to expand the bus network, adding three routes that will connect the northern suburbs with the hospital.\n\
            Officials said the new routes would be funded by a regional grant and would start running in the spring, once drivers have been hired.\n";
        let banner = "Уважаемый посетитель, Вы зашли на сайт newsland.example как незарегистрированный пользователь. Мы рекомендуем Вам зарегистрироваться либо войти на сайт под своим именем.";
        assert_eq!(clean_text(&format!("{article}{banner}")).0, article);
    }

    #[test]
    fn line_endings_are_kept_when_nothing_is_removed() {
        for text in ["a\nb\nc", "a\nb\nc\n", ""] {
            assert_eq!(clean_text(text).0, text);
        }
    }
}
