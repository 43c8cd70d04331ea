//! The audit set (tests/audit): hard negatives that must come out
//! byte-identical (`neg/`), and damaged inputs with their clean versions
//! (`pos/X.in.*` → `pos/X.clean.*`), none of them from the dev corpus.
//! Cases Rinse still gets wrong are listed with the reason in
//! `tests/audit/known.txt`; one of them starting to pass fails too, so the
//! list stays true.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn audit_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/audit")
}

/// The known failures: file (relative to tests/audit) → reason.
fn known() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(audit_dir().join("known.txt")).expect("known.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (file, why) = l.split_once('\t').expect("file<TAB>reason");
            (file.to_string(), why.to_string())
        })
        .collect()
}

fn clean(path: &Path, input: &str) -> String {
    if path.extension().is_some_and(|e| e == "html") {
        rinse::html::clean_html(input).expect("clean_html").0
    } else {
        rinse::clean_text(input).0
    }
}

/// `(case, input, wanted)` for every audit file.
fn cases() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for sub in ["neg", "pos"] {
        let mut paths: Vec<_> = std::fs::read_dir(audit_dir().join(sub))
            .expect("audit folder")
            .map(|e| e.expect("entry").path())
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let wanted = match sub {
                "neg" => path.clone(),
                _ if name.contains(".in.") => path.with_file_name(name.replace(".in.", ".clean.")),
                _ => continue,
            };
            let input = std::fs::read_to_string(&path).expect("input");
            let want = std::fs::read_to_string(&wanted).expect("clean version");
            out.push((format!("{sub}/{name}"), clean(&path, &input), want));
        }
    }
    out
}

#[test]
fn audit_cases_come_out_as_expected_except_the_known_failures() {
    let known = known();
    let mut wrong = Vec::new();
    let mut now_pass = Vec::new();
    let all = cases();
    assert!(all.len() >= 80, "audit set read ({} cases)", all.len());
    for (case, got, want) in &all {
        match (got == want, known.contains_key(case)) {
            (false, false) => wrong.push(case.clone()),
            (true, true) => now_pass.push(case.clone()),
            _ => {}
        }
    }
    for file in known.keys() {
        assert!(
            all.iter().any(|(c, ..)| c == file),
            "known.txt names a missing case {file}"
        );
    }
    assert!(wrong.is_empty(), "audit cases wrong: {wrong:?}");
    assert!(
        now_pass.is_empty(),
        "now pass, take them off known.txt: {now_pass:?}"
    );
}
