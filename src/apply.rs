//! Applies findings to a document model: the same plan the content script
//! replays on a DOM, so the CLI and the extension give the same text.

use crate::finding::{Action, ByteCursor, Finding};
use crate::model::{Document, Run};

/// The document with `findings` applied. Edits whose `old` text no longer
/// matches are skipped, never half-applied.
pub fn apply(doc: &Document, findings: &[Finding]) -> Document {
    let mut out = doc.clone();
    apply_in_place(&mut out, findings);
    out
}

/// [`apply`] on the document itself, without copying its unchanged blocks.
/// `None` when the document came out as it was; else, for each block of
/// the result, the block it was if the findings left it untouched (what a
/// [`crate::detect::Memo`] carries to the next pass).
pub(crate) fn apply_in_place(
    doc: &mut Document,
    findings: &[Finding],
) -> Option<Vec<Option<usize>>> {
    let blocks = doc.blocks.len();
    let mut removed = vec![false; blocks];
    let mut touched = vec![false; blocks];
    let mut joins: Vec<(usize, String)> = Vec::new();
    let mut splices: Vec<Splice> = Vec::new();
    // Findings come in order of their place: offsets are counted on.
    let mut cursor = ByteCursor::default();
    for f in findings {
        if f.block >= blocks {
            continue;
        }
        match f.action {
            Action::Edit => splices.extend(valid_splices(doc, f, &mut cursor)),
            Action::RemoveBlock => removed[f.block] = true,
            Action::JoinNext => joins.push((f.block, f.joiner.clone().unwrap_or_default())),
        }
    }
    // All offsets refer to the original text: splice from the end of each run back.
    splices.sort_by_key(|s| std::cmp::Reverse((s.block, s.run, s.range.start)));
    // The runs the splices change, as they were (a run's splices are next
    // to each other): whether the document changed is told by them, as a
    // splice may put back the same text.
    let mut before: Vec<(usize, usize, String)> = Vec::new();
    for s in &splices {
        if before.last().is_none_or(|b| (b.0, b.1) != (s.block, s.run)) {
            let text = doc.blocks[s.block].runs[s.run].text.clone();
            before.push((s.block, s.run, text));
        }
    }
    for run in splices.chunk_by(|a, b| (a.block, a.run) == (b.block, b.run)) {
        let text = &mut doc.blocks[run[0].block].runs[run[0].run].text;
        *text = spliced(text, run);
    }
    for (block, run, text) in before {
        if doc.blocks[block].runs[run].text != text {
            touched[block] = true;
        }
    }

    // Joins run from the last block back, so a chain a+b+c folds into a.
    joins.sort_by_key(|(block, _)| std::cmp::Reverse(*block));
    for (block, joiner) in joins {
        let next = block + 1;
        if next >= blocks || removed[block] || removed[next] {
            continue;
        }
        let moved = std::mem::take(&mut doc.blocks[next].runs);
        let target = &mut doc.blocks[block].runs;
        if !joiner.is_empty() {
            target.push(Run::text(joiner));
        }
        target.extend(moved);
        removed[next] = true;
        touched[block] = true;
    }

    // A removed block always changes the document: it has fewer blocks.
    if !removed.contains(&true) && !touched.contains(&true) {
        return None;
    }
    let origin = (0..blocks)
        .filter(|&b| !removed[b])
        .map(|b| (!touched[b]).then_some(b))
        .collect();
    let mut index = 0;
    doc.blocks.retain(|_| {
        let keep = !removed[index];
        index += 1;
        keep
    });
    Some(origin)
}

/// `text` with `splices` (of one run, from the last back) made: copied
/// once, piece by piece. Replacing each range in place moved the rest of
/// the text each time, which on a long line with thousands of repairs cost
/// more than finding them.
fn spliced(text: &str, splices: &[Splice]) -> String {
    // Ranges that overlap or share a start are made one after another, as
    // given, each on the text the one before left.
    let apart = splices
        .windows(2)
        .all(|w| w[1].range.end <= w[0].range.start && w[1].range.start < w[0].range.start);
    if !apart {
        let mut out = text.to_string();
        for s in splices {
            out.replace_range(s.range.clone(), &s.new);
        }
        return out;
    }
    let grown: usize = splices.iter().map(|s| s.new.len()).sum();
    let mut out = String::with_capacity(text.len() + grown);
    let mut at = 0;
    for s in splices.iter().rev() {
        out.push_str(&text[at..s.range.start]);
        out.push_str(&s.new);
        at = s.range.end;
    }
    out.push_str(&text[at..]);
    out
}

struct Splice {
    block: usize,
    run: usize,
    range: std::ops::Range<usize>,
    new: String,
}

/// The finding's edits as byte splices of the original text, or none at all
/// if any of them no longer matches: a finding is applied whole or not at all.
fn valid_splices(doc: &Document, f: &Finding, cursor: &mut ByteCursor) -> Vec<Splice> {
    let block = &doc.blocks[f.block];
    let splices: Option<Vec<Splice>> = f
        .edits
        .iter()
        .map(|e| {
            let run = block.runs.get(e.run)?;
            Some(Splice {
                block: f.block,
                run: e.run,
                range: e.byte_range_at(cursor, (f.block, e.run), &run.text)?,
                new: e.new.clone(),
            })
        })
        .collect();
    splices.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Edit, Kind};
    use crate::model::{Block, BlockKind};

    fn finding(block: usize, action: Action, edits: Vec<Edit>) -> Finding {
        let mut f = Finding::planned(Kind::Punctuation, "test", block, action, edits);
        f.joiner = Some(" ".into());
        f
    }

    #[test]
    fn a_run_spliced_at_once_reads_as_spliced_range_by_range() {
        let text = "abcdefghij";
        let at = |start, end, new: &str| Splice {
            block: 0,
            run: 0,
            range: start..end,
            new: new.into(),
        };
        // From the last back, as apply_in_place sorts them: apart,
        // touching, two insertions at one point, overlapping.
        for splices in [
            vec![at(8, 9, "XY"), at(2, 4, ""), at(0, 0, "<")],
            vec![at(5, 7, "-"), at(3, 5, "+")],
            vec![at(4, 4, "a"), at(4, 4, "b")],
            vec![at(4, 8, "1"), at(2, 6, "2")],
        ] {
            let mut one_by_one = text.to_string();
            for s in &splices {
                one_by_one.replace_range(s.range.clone(), &s.new);
            }
            assert_eq!(spliced(text, &splices), one_by_one);
        }
    }

    #[test]
    fn edits_removals_and_joins_compose() {
        let doc = Document::from_text("Feb.\n16, don_t\nbanner");
        let edit = Edit::replace(0, "16, don_t", 7, 8, "’");
        let out = apply(
            &doc,
            &[
                finding(1, Action::Edit, vec![edit]),
                finding(0, Action::JoinNext, vec![]),
                finding(2, Action::RemoveBlock, vec![]),
            ],
        );
        assert_eq!(out.to_text(), "Feb. 16, don’t");
    }

    #[test]
    fn edits_of_several_findings_in_one_run_use_original_offsets() {
        let doc = Document::from_text("a_b c_d");
        let first = Edit::replace(0, "a_b c_d", 0, 2, "");
        let second = Edit::replace(0, "a_b c_d", 5, 6, "’");
        let out = apply(
            &doc,
            &[
                finding(0, Action::Edit, vec![first]),
                finding(0, Action::Edit, vec![second]),
            ],
        );
        assert_eq!(out.to_text(), "b c’d");
    }

    #[test]
    fn two_findings_in_one_run_both_apply() {
        let doc = Document::from_text("don_t and won_t");
        let a = Edit::replace(0, "don_t and won_t", 3, 4, "’");
        let b = Edit::replace(0, "don_t and won_t", 13, 14, "’");
        let out = apply(
            &doc,
            &[
                finding(0, Action::Edit, vec![a]),
                finding(0, Action::Edit, vec![b]),
            ],
        );
        assert_eq!(out.to_text(), "don’t and won’t");
    }

    #[test]
    fn in_place_application_pairs_the_untouched_blocks() {
        let mut doc = Document::from_text("a\ndon_t\nb\nc\nd");
        let edit = Edit::replace(0, "don_t", 3, 4, "’");
        let findings = [
            finding(1, Action::Edit, vec![edit]),
            finding(3, Action::RemoveBlock, vec![]),
        ];
        let origin = apply_in_place(&mut doc, &findings);
        assert_eq!(doc.to_text(), "a\ndon’t\nb\nd");
        assert_eq!(origin, Some(vec![Some(0), None, Some(2), Some(4)]));
        // Findings that change nothing leave nothing to pair.
        let same = Edit::replace(0, "don’t", 3, 6, "’");
        assert_eq!(
            apply_in_place(&mut doc, &[finding(1, Action::Edit, vec![same])]),
            None
        );
    }

    #[test]
    fn a_stale_finding_is_not_applied_in_part() {
        let doc = Document {
            blocks: vec![Block::new(
                BlockKind::Paragraph,
                vec![Run::text("a_b"), Run::text("c_d")],
            )],
            ..Document::default()
        };
        let good = Edit::replace(0, "a_b", 1, 2, "’");
        let stale = Edit::replace(1, "cxd", 1, 2, "’");
        let out = apply(&doc, &[finding(0, Action::Edit, vec![good, stale])]);
        assert_eq!(out, doc);
    }
}
