//! Peak memory of cleaning, against the input's size: the issue asks that
//! memory grow linearly with the input. Each input is the sample article
//! (damaged) repeated to about 1, 2, 4 and 8 MB, cleaned as text and as
//! HTML; the peak of the bytes held by the allocator while cleaning it is
//! printed with its ratio to the input's size. Linear growth shows as a
//! ratio that stays flat as the size doubles.
//!
//! Run: `cargo bench --bench memory` (about a minute).

use std::alloc::{GlobalAlloc, Layout};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The command's allocator, counting the bytes it holds and their peak.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn held(grow: usize) {
    let now = HELD.fetch_add(grow, Relaxed) + grow;
    PEAK.fetch_max(now, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        held(layout.size());
        mimalloc::MiMalloc.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Relaxed);
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        held(new_size);
        HELD.fetch_sub(layout.size(), Relaxed);
        mimalloc::MiMalloc.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn sample(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/samples")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bytes held at the peak of `f`, past those held before it.
fn peak_of(f: impl FnOnce()) -> usize {
    let before = HELD.load(Relaxed);
    PEAK.store(before, Relaxed);
    f();
    PEAK.load(Relaxed) - before
}

fn main() {
    // `cargo test --benches` runs bench targets with `--test`: nothing to test here.
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let text = sample("sample-article.txt");
    let html = sample("sample-article.html");
    let (start, end) = (html.find("<article>"), html.find("</article>"));
    let (Some(start), Some(end)) = (start, end) else {
        panic!("the HTML sample has no <article>");
    };
    let article = &html[start..end + "</article>".len()];
    println!("mode  input MB  peak MB  peak / input");
    for mb in [1usize, 2, 4, 8] {
        let size = mb << 20;
        let input = text.repeat(size.div_ceil(text.len()));
        let peak = peak_of(|| drop(rinse::clean_text(&input)));
        report("text", input.len(), peak);
        let times = size.div_ceil(article.len());
        let page = format!(
            "{}{}{}",
            &html[..start],
            article.repeat(times),
            &html[end + 10..]
        );
        let peak = peak_of(|| drop(rinse::html::clean_html(&page).expect("cleans")));
        report("html", page.len(), peak);
    }
}

fn report(mode: &str, input: usize, peak: usize) {
    let mb = |b: usize| b as f64 / (1 << 20) as f64;
    println!(
        "{mode}  {:8.1}  {:7.1}  {:6.1}",
        mb(input),
        mb(peak),
        peak as f64 / input as f64
    );
}
