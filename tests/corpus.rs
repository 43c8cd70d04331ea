//! The corpus pages (`../shared/corpus/pages`, beside the repository when it
//! is there) through HTML and text mode: with no findings the output is the
//! input byte for byte. Skipped with a message when the corpus is absent.

use std::path::{Path, PathBuf};

fn pages() -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pages");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("SKIPPED: no corpus at {}", dir.display());
        return None;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    Some(paths)
}

fn with_ext(paths: &[PathBuf], ext: &str) -> Vec<PathBuf> {
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .cloned()
        .collect()
}

#[test]
fn every_page_round_trips_byte_for_byte_without_findings() {
    let Some(paths) = pages() else { return };
    let html_pages = with_ext(&paths, "html");
    assert!(html_pages.len() >= 100, "only {} pages", html_pages.len());
    let mut changed_by_findings = Vec::new();
    for path in &html_pages {
        let bytes = std::fs::read(path).unwrap();
        let decoded = rinse::charset::decode(&bytes, true).unwrap();
        let html = decoded.text;
        // The rewrite itself: no plan, no change.
        assert!(
            rinse::html::apply_html(&html, &[]).unwrap() == html,
            "{} changed with no findings",
            path.display()
        );
        // The whole pipeline: a page the detectors leave alone is untouched.
        let (out, report) = rinse::html::clean_html(&html).unwrap();
        if report.findings.is_empty() {
            assert!(
                out == html,
                "{} changed although nothing was found",
                path.display()
            );
        } else {
            changed_by_findings.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
        // Every page has some article text in the model.
        let doc = rinse::html::to_document(&html).unwrap();
        assert!(!doc.blocks.is_empty(), "{} has no blocks", path.display());
    }
    if !changed_by_findings.is_empty() {
        eprintln!("clean pages with findings (possible harm): {changed_by_findings:?}");
    }
}

#[test]
fn every_text_page_round_trips_without_findings() {
    let Some(paths) = pages() else { return };
    for path in with_ext(&paths, "txt") {
        let text = std::fs::read_to_string(&path).unwrap();
        let (out, report) = rinse::clean_text(&text);
        if report.findings.is_empty() {
            assert!(
                out == text,
                "{} changed although nothing was found",
                path.display()
            );
        }
    }
}
