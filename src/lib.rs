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

/// Analyzes and rewrites a document model.
pub fn clean(doc: &Document) -> (Document, Report) {
    let findings = analyze(doc);
    let cleaned = apply::apply(doc, &findings);
    (cleaned, Report::new(findings))
}

/// Cleans plain text, keeping its line structure.
pub fn clean_text(text: &str) -> (String, Report) {
    let (cleaned, report) = clean(&Document::from_text(text));
    (cleaned.to_text(), report)
}
