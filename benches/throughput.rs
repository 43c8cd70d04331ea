//! Throughput (MB/s) of text mode (`rinse::clean_text`) and HTML mode
//! (`rinse::html::clean_html`), on clean and dirty input.
//!
//! Inputs ship in `tests/samples/`, so the bench runs in a fresh clone:
//! one news-article-sized document (clean and dirty), and about 1 MB made by
//! repeating it, which shows how the cost scales with size. When the shared
//! corpus sits beside the repository, all its pages (HTML) and their article
//! texts (text mode) are timed too, each as its own document.
//!
//! The ~1 MB inputs repeat one article hundreds of times, which is the worst
//! case for detectors that count repeated phrases: they show scaling, not
//! typical speed (the corpus groups show that).
//!
//! `text/jsonl-dirty-…-all-cores` times the dirty texts as one `--jsonl`
//! batch, which cleans documents on every core (JSON read and written
//! included); every other row uses one core.
//!
//! Throughput is printed in MB/s (10^6 bytes a second), the unit of the
//! targets in README.md, and timed with the allocator the `rinse` command
//! uses (mimalloc); `--features system-alloc` times both with the
//! system's malloc instead.
//!
//! Run: `cargo bench --bench throughput` (a few minutes on two cores).

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sample(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/samples")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// About `size` bytes of `text` repeated whole.
fn repeat_to(text: &str, size: usize) -> String {
    text.repeat(size.div_ceil(text.len()))
}

/// The page with its article repeated until the page is about `size` bytes.
fn repeat_article(html: &str, size: usize) -> String {
    let start = html.find("<article>").expect("sample has <article>");
    let end = html.find("</article>").expect("sample has </article>") + "</article>".len();
    let article = &html[start..end];
    let times = size.div_ceil(article.len());
    format!(
        "{}{}{}",
        &html[..start],
        article.repeat(times),
        &html[end..]
    )
}

/// The files ending in `.ext` of a folder of the shared corpus, sorted, when
/// the corpus sits beside the repository.
fn shared_files(folder: &str, ext: &str) -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(folder);
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    paths.sort();
    Some(
        paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect(),
    )
}

fn corpus_pages(ext: &str) -> Option<Vec<String>> {
    shared_files("pages", ext)
}

fn configure<M: criterion::measurement::Measurement>(group: &mut BenchmarkGroup<'_, M>) {
    // Two shared cores: enough samples for a stable MB/s, not more.
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
}

fn text_mode(c: &mut Criterion) {
    let clean = sample("sample-article.clean.txt");
    let dirty = sample("sample-article.txt");
    let big = repeat_to(&dirty, 1 << 20);
    // One line of about 1 MB (a dataset's document with no line breaks):
    // thousands of repairs in one block, where a cost per repair that
    // grows with the line shows at once.
    let one_line = repeat_to(&dirty.replace('\n', " "), 1 << 20);
    // Chinese with its marks lost to `?` and no spaces: the whole line is
    // one token to the checks that read a mark's token.
    let cjk_line = repeat_to("他说?我们明天走?然后离开。", 1 << 18);
    // One lowercase template repeated thousands of times: each is fitted
    // to its phrase's copies on the page, which must not cost the page
    // again per template.
    let templates = repeat_to(
        "The council met on Tuesday to discuss the budget, and members spoke at length.\n\
         Looking for cheap essay help? We can help.\n",
        1 << 20,
    );
    // One title-cased template on every line, 2 MB (about 16,000 copies):
    // each copy is set against the phrase's sightings and its template
    // sentences, which must not cost the page again per copy.
    let title_templates = repeat_to(
        "The council met on Tuesday to discuss the budget for the coming year. \
         For more regarding Moving Company Toronto visit our page.\n",
        2 << 20,
    );
    let mut group = c.benchmark_group("text");
    configure(&mut group);
    for (name, input) in [
        ("clean-article", &clean),
        ("dirty-article", &dirty),
        ("dirty-1MB", &big),
        ("dirty-one-line-1MB", &one_line),
        ("cjk-one-line-256KB", &cjk_line),
        ("lowercase-templates-1MB", &templates),
        ("title-templates-2MB", &title_templates),
    ] {
        group.throughput(Throughput::BytesDecimal(input.len() as u64));
        group.bench_function(name, |b| b.iter(|| rinse::clean_text(black_box(input))));
    }
    if let Some(texts) = corpus_pages("txt") {
        let total: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::BytesDecimal(total as u64));
        group.bench_function(format!("corpus-{}-texts", texts.len()), |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(rinse::clean_text(black_box(text)));
                }
            })
        });
        // Baseline in the same run: one lower-casing pass over the same text,
        // the least any word-level cleaner must do. Read MB/s against it.
        group.bench_function(format!("baseline-lowercase-{}-texts", texts.len()), |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(black_box(text).to_lowercase());
                }
            })
        });
    }
    if let Some(dirty) = dev_dirty_texts() {
        let total: usize = dirty.iter().map(String::len).sum();
        group.throughput(Throughput::BytesDecimal(total as u64));
        group.bench_function(format!("corpus-dirty-{}-texts", dirty.len()), |b| {
            b.iter(|| {
                for text in &dirty {
                    black_box(rinse::clean_text(black_box(text)));
                }
            })
        });
        // The same texts as a `--jsonl` batch, cleaned on every core.
        let batch: String = dirty
            .iter()
            .enumerate()
            .map(|(id, text)| {
                serde_json::json!({"id": id, "format": "text", "content": text}).to_string() + "\n"
            })
            .collect();
        group.bench_function(
            format!("jsonl-dirty-{}-texts-all-cores", dirty.len()),
            |b| {
                b.iter(|| {
                    black_box(rinse::batch::clean_jsonl(
                        black_box(batch.as_bytes()),
                        rinse::model::Format::Text,
                    ))
                })
            },
        );
    }
    group.finish();
}

/// Each detector alone on the corpus texts (documents built beforehand),
/// to show where text-mode time goes. Read against `text/corpus-130-texts`.
fn detectors(c: &mut Criterion) {
    let Some(texts) = corpus_pages("txt") else {
        return;
    };
    let total: usize = texts.iter().map(String::len).sum();
    let docs: Vec<rinse::Document> = texts
        .iter()
        .map(|t| rinse::Document::from_text(t))
        .collect();
    let mut group = c.benchmark_group("detect");
    configure(&mut group);
    group.throughput(Throughput::BytesDecimal(total as u64));
    type Detector = fn(&rinse::Document) -> Vec<rinse::Finding>;
    let all: [(&str, Detector); 5] = [
        ("banner", rinse::detect::banner::detect),
        ("spam", rinse::detect::spam::detect),
        ("linebreak", rinse::detect::linebreak::detect),
        ("punctuation", rinse::detect::punctuation::detect),
        ("analyze", rinse::detect::analyze),
    ];
    for (name, detect) in all {
        group.bench_function(format!("{name}-{}-texts", docs.len()), |b| {
            b.iter(|| {
                for doc in &docs {
                    black_box(detect(black_box(doc)));
                }
            })
        });
    }
    group.bench_function(format!("from-text-{}-texts", texts.len()), |b| {
        b.iter(|| {
            for text in &texts {
                black_box(rinse::Document::from_text(black_box(text)));
            }
        })
    });
    group.finish();
}

/// The dirty text cases of the shared dev set.
fn dev_dirty_texts() -> Option<Vec<String>> {
    shared_files("dev/cases", "txt")
}

fn html_mode(c: &mut Criterion) {
    let clean = sample("sample-article.clean.html");
    let dirty = sample("sample-article.html");
    let big = repeat_article(&dirty, 1 << 20);
    // One paragraph of about 1 MB: lines broken by `<br>` after an
    // abbreviation (each a join that moves the next line's markup) among
    // links and repairs.
    let line = "It wasn_t clear why <a href=\"https://example.org/\">Gen.</a><br>Smith left the city_s council.<br>";
    let breaks = format!(
        "<!doctype html><html lang=\"en\"><body><p>{}</p></body></html>",
        repeat_to(line, 1 << 20)
    );
    let mut group = c.benchmark_group("html");
    configure(&mut group);
    for (name, input) in [
        ("clean-article", &clean),
        ("dirty-article", &dirty),
        ("dirty-1MB", &big),
        ("one-paragraph-of-breaks-1MB", &breaks),
    ] {
        group.throughput(Throughput::BytesDecimal(input.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| rinse::html::clean_html(black_box(input)).unwrap())
        });
    }
    if let Some(pages) = corpus_pages("html") {
        let total: usize = pages.iter().map(String::len).sum();
        group.throughput(Throughput::BytesDecimal(total as u64));
        group.bench_function(format!("corpus-{}-pages", pages.len()), |b| {
            b.iter(|| {
                for page in &pages {
                    black_box(rinse::html::clean_html(black_box(page)).unwrap());
                }
            })
        });
    } else {
        eprintln!("no ../shared/corpus/pages: skipping the corpus benchmark");
    }
    group.finish();
}

criterion_group!(benches, text_mode, detectors, html_mode);
criterion_main!(benches);
