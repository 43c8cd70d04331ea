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
pub mod charset;
#[cfg(feature = "cli")]
pub mod html;

pub use detect::analyze;
pub use finding::{Finding, Kind, Report};
pub use model::Document;

/// Most cleaning passes: one fix may reveal another (a spam sentence reads
/// whole only once its broken line is joined), so passes repeat until the
/// text stops changing; real pages settle in one or two.
pub const MAX_PASSES: usize = 4;

/// Analyzes and rewrites a document model, pass after pass until nothing
/// changes, so cleaning the result again changes nothing.
pub fn clean(doc: &Document) -> (Document, Report) {
    let mut current = doc.clone();
    let mut all = Vec::new();
    for pass in 0..MAX_PASSES {
        let mut findings = analyze(&current);
        if findings.is_empty() {
            break;
        }
        let next = apply::apply(&current, &findings);
        if next == current {
            break;
        }
        findings.iter_mut().for_each(|f| f.pass = pass);
        all.extend(findings);
        current = next;
    }
    (current, Report::new(all))
}

/// Cleans plain text, keeping its line structure.
pub fn clean_text(text: &str) -> (String, Report) {
    let (cleaned, report) = clean(&Document::from_text(text));
    (cleaned.to_text(), report)
}
