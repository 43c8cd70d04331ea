//! The corpus pages (`../shared/corpus/pages`, beside the repository when it
//! is there) through HTML and text mode: with no findings the output is the
//! input byte for byte. Skipped with a message when the corpus is absent.

use rinse::Finding;
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

/// A finding that removes link run `run` of `block` and the space after it,
/// as the spam detector does for an injected anchor.
fn remove_link(doc: &rinse::Document, block: usize, run: usize) -> rinse::Finding {
    use rinse::finding::{Action, Edit, Kind};
    let runs = &doc.blocks[block].runs;
    let edits = vec![
        Edit::replace(run, &runs[run].text, 0, runs[run].text.len(), ""),
        Edit::replace(run + 1, &runs[run + 1].text, 0, 1, ""),
    ];
    Finding::planned(Kind::Spam, "test", block, Action::Edit, edits)
}

/// On the real dirty pages of the dev set, removing each planted spam anchor
/// (a plan made here from the answers, not by the detectors) takes out
/// exactly `<a …>PHRASE</a> ` and changes no other byte.
#[test]
fn planted_anchors_are_removed_as_elements_and_nothing_else_changes() {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let Ok(cases) = std::fs::read_to_string(dev.join("cases.jsonl")) else {
        eprintln!("SKIPPED: no dev set at {}", dev.display());
        return;
    };
    let mut checked = 0;
    for line in cases.lines() {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        if case["format"] != "html" {
            continue;
        }
        let html = std::fs::read_to_string(dev.join(case["input"].as_str().unwrap())).unwrap();
        let doc = rinse::html::to_document(&html).unwrap();
        for artifact in case["artifacts"].as_array().unwrap() {
            let phrase = artifact["bad"].as_str().unwrap();
            if artifact["kind"] != "spam" {
                continue;
            }
            let mut findings = Vec::new();
            for (b, block) in doc.blocks.iter().enumerate() {
                for (r, run) in block.runs.iter().enumerate() {
                    let followed_by_space = block
                        .runs
                        .get(r + 1)
                        .is_some_and(|n| n.text.starts_with(' '));
                    if run.kind == rinse::model::RunKind::Link
                        && run.text == phrase
                        && followed_by_space
                    {
                        findings.push(remove_link(&doc, b, r));
                    }
                }
            }
            if findings.is_empty() {
                continue;
            }
            // What the output must be: the source with each `<a …>PHRASE</a> ` cut out.
            let mut expected = html.clone();
            let needle = format!(">{phrase}</a> ");
            while let Some(at) = expected.find(&needle) {
                let start = expected[..at].rfind("<a ").unwrap();
                expected.replace_range(start..at + needle.len(), "");
            }
            let out = rinse::html::apply_html(&html, &findings).unwrap();
            assert!(
                out == expected,
                "{}: removing {phrase:?} changed other bytes",
                case["id"]
            );
            checked += 1;
        }
    }
    eprintln!("{checked} planted anchors removed exactly");
    assert!(checked >= 20, "only {checked} anchors checked");
}
