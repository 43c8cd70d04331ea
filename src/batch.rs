//! The batch mode for datasets (`rinse clean --jsonl`): lines of
//! `{"id", "format", "content"}` in, lines of `{"id", "content",
//! "findings"}` out, in the same order, cleaned on every core.

use crate::finding::Finding;
use crate::model::Format;
use serde::{Deserialize, Serialize};

/// One document cleaned as `format` says; text keeps its line ends.
pub fn clean_str(text: &str, format: Format) -> Result<(String, crate::Report), String> {
    match format {
        Format::Text => Ok(clean_text_keeping_crlf(text)),
        Format::Html => crate::html::clean_html(text),
    }
}

/// Text mode on CRLF text: the detectors see lines without their `\r` (so a
/// line joined after `Feb.` does not carry a stray `\r` inside), and the
/// output gets its CRLF line ends back. Text with any bare LF is cleaned as
/// it is, so no line end changes.
fn clean_text_keeping_crlf(text: &str) -> (String, crate::Report) {
    let crlf = text.contains("\r\n") && text.matches('\n').count() == text.matches("\r\n").count();
    if !crlf {
        return crate::clean_text(text);
    }
    let (cleaned, report) = crate::clean_text(&text.replace("\r\n", "\n"));
    (cleaned.replace('\n', "\r\n"), report)
}

#[derive(Deserialize)]
struct BatchLine {
    id: serde_json::Value,
    #[serde(default)]
    format: Option<Format>,
    content: String,
}

#[derive(Serialize)]
struct BatchResult<'a> {
    id: &'a serde_json::Value,
    content: String,
    findings: Vec<Finding>,
}

/// Cleans every line of a JSONL batch; the first bad line fails the batch.
/// Lines are cleaned on every core and written in their order.
pub fn clean_jsonl(bytes: &[u8], default_format: Format) -> Result<Vec<u8>, String> {
    let lines: Vec<(usize, &[u8])> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(index, line)| (index + 1, line.strip_suffix(b"\r").unwrap_or(line)))
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .collect();
    let cleaned = in_parallel(&lines, |&(number, line)| {
        clean_batch_line(number, line, default_format)
    });
    let mut out = Vec::with_capacity(cleaned.iter().map(|c| c.as_ref().map_or(0, Vec::len)).sum());
    for line in cleaned {
        out.extend_from_slice(&line?);
    }
    Ok(out)
}

/// One line of a batch, cleaned and serialized with its newline.
fn clean_batch_line(number: usize, line: &[u8], default_format: Format) -> Result<Vec<u8>, String> {
    let line = std::str::from_utf8(line)
        .map_err(|e| format!("line {number}: not UTF-8 ({e}); JSONL input must be UTF-8"))?;
    let item: BatchLine = serde_json::from_str(line).map_err(|e| {
        format!("line {number}: not a valid {{\"id\", \"format\", \"content\"}} object: {e}")
    })?;
    let format = item.format.unwrap_or(default_format);
    let (content, report) = clean_str(&item.content, format)
        .map_err(|e| format!("line {number} (id {}): {e}", item.id))?;
    let result = BatchResult {
        id: &item.id,
        content,
        findings: report.findings,
    };
    let mut out = serde_json::to_vec(&result).map_err(|e| format!("line {number}: {e}"))?;
    out.push(b'\n');
    Ok(out)
}

/// `work` done on each item by as many threads as there are cores, the
/// results in the items' order. Items are handed out one at a time, so a
/// few long documents do not leave a core idle.
fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break mine };
                        mine.push((i, work(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, r)| r).collect()
}
