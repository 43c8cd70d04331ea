//! HTML adapter: builds the document model from HTML and writes the findings
//! back into it, leaving every byte outside the changes as it was.
//!
//! Pass 1 runs lol_html (a real HTML5 tokenizer with a tree-builder
//! simulation, so script and style bodies, RCDATA and foreign content are
//! recognised) over the page and records, with their byte spans in the
//! source, the elements it opens and closes and the text nodes it sees. From
//! that flat record we cut blocks at the start and end tags of block-level
//! elements (the rule `shared/tools/textify.py` uses, so implicitly closed
//! `<p>`s still split) and make one run per visible text node, its character
//! references decoded.
//!
//! Pass 2 never re-serializes: it splices replacement text into the source at
//! the spans the parser reported. Doctype, scripts, attributes, comments,
//! entity spellings and whitespace outside a change stay byte for byte, and a
//! page with no findings comes out identical.

mod entities;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use lol_html::html_content::TextType;
use lol_html::{doc_text, element, end_tag, HtmlRewriter, Settings};

use crate::finding::{Action, Finding, Report};
use crate::model::{Block, BlockKind, Document, Format, PageContext, Run};

/// Elements whose start or end tag ends a block (as in `textify.py`).
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];
/// Elements whose text a reader never sees as article text.
const HIDDEN_TAGS: &[&str] = &[
    "head", "iframe", "noscript", "object", "script", "style", "svg", "template", "textarea",
    "title",
];
/// Code and preformatted text: the detectors see it as context but never edit it.
const VERBATIM_TAGS: &[&str] = &["code", "kbd", "pre", "samp"];
const EMPHASIS_TAGS: &[&str] = &["b", "em", "i", "strong"];

/// Cleans an HTML document: analyzes the page's text and writes the fixes
/// back into the source, changing nothing else.
pub fn clean_html(html: &str) -> Result<(String, Report), String> {
    let mut out = html.to_string();
    let mut all = Vec::new();
    // Pass after pass, as `crate::clean` does, each on the last pass's output.
    for pass in 0..crate::MAX_PASSES {
        let page = Page::parse(&out)?;
        let mut findings = crate::analyze_pass(&page.doc, crate::writes_fffd(&all));
        if findings.is_empty() {
            break;
        }
        let next = page.rewrite(&findings);
        if next == out {
            break;
        }
        findings.iter_mut().for_each(|f| f.pass = pass);
        all.extend(findings);
        out = next;
    }
    Ok((out, Report::new(all)))
}

/// The document model of an HTML page, as the detectors see it.
pub fn to_document(html: &str) -> Result<Document, String> {
    Ok(Page::parse(html)?.doc)
}

/// `html` with `findings` (made against [`to_document`]'s model of it)
/// applied. Findings whose `old` text does not match are skipped whole.
pub fn apply_html(html: &str, findings: &[Finding]) -> Result<String, String> {
    Ok(Page::parse(html)?.rewrite(findings))
}

// ---------------------------------------------------------------------------
// Pass 1: what the parser saw.

struct Element {
    tag: String,
    /// The start tag's bytes.
    start: Range<usize>,
    /// The element's own end tag (`</a>` for an `<a>`), if the source has one.
    end: Option<Range<usize>>,
    /// Can hold content (not a void element); only those are on the stack.
    container: bool,
    href: Option<String>,
}

struct TextNode {
    raw: Range<usize>,
    /// Ordinary character data: the only text type a reader sees as prose.
    data: bool,
}

enum Event {
    Open(usize),
    /// An end tag closed this element; several can close at one end tag.
    Close {
        el: usize,
        tag: Range<usize>,
    },
    Text(usize),
}

#[derive(Default)]
struct Record {
    elements: Vec<Element>,
    nodes: Vec<TextNode>,
    events: Vec<Event>,
    pending: Option<(Range<usize>, bool)>,
    lang: Option<String>,
    /// A language the head declares otherwise (`content-language`,
    /// `og:locale`), used when `<html>` has no `lang`.
    meta_lang: Option<String>,
    host: Option<String>,
}

fn record(html: &str) -> Result<Record, String> {
    let rec = Rc::new(RefCell::new(Record::default()));
    let on_element = rec.clone();
    let on_text = rec.clone();
    let settings = Settings {
        element_content_handlers: vec![element!("*", move |el| {
            let tag = el.tag_name();
            let mut r = on_element.borrow_mut();
            note_page_context(&mut r, &tag, el);
            let id = r.elements.len();
            r.elements.push(Element {
                href: (tag == "a")
                    .then(|| el.get_attribute("href"))
                    .flatten()
                    .map(|h| decode_attribute(&h)),
                start: el.source_location().bytes(),
                end: None,
                container: el.can_have_content(),
                tag,
            });
            r.events.push(Event::Open(id));
            drop(r);
            if el.can_have_content() {
                let on_end = on_element.clone();
                el.on_end_tag(end_tag!(move |end| {
                    let at = end.source_location().bytes();
                    let mut r = on_end.borrow_mut();
                    if end.name() == r.elements[id].tag {
                        r.elements[id].end = Some(at.clone());
                    }
                    r.events.push(Event::Close { el: id, tag: at });
                    Ok(())
                }))?;
            }
            Ok(())
        })],
        document_content_handlers: vec![doc_text!(move |chunk| {
            let at = chunk.source_location().bytes();
            let mut r = on_text.borrow_mut();
            match &mut r.pending {
                Some((raw, _)) => raw.end = at.end,
                None => r.pending = Some((at, chunk.text_type() == TextType::Data)),
            }
            if chunk.last_in_text_node() {
                if let Some((raw, data)) = r.pending.take() {
                    if !raw.is_empty() {
                        let id = r.nodes.len();
                        r.nodes.push(TextNode { raw, data });
                        r.events.push(Event::Text(id));
                    }
                }
            }
            Ok(())
        })],
        // Pages in the wild are full of markup a strict rewriter refuses.
        strict: false,
        ..Settings::new()
    };
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter
        .write(html.as_bytes())
        .and_then(|()| rewriter.end())
        .map_err(|e| format!("cannot parse the HTML: {e}"))?;
    let taken = std::mem::take(&mut *rec.borrow_mut());
    Ok(taken)
}

/// Picks up the page's language (`<html lang>`, else a `<meta>` one) and its
/// own address (canonical link or `og:url`), which detectors use as weak
/// signals.
fn note_page_context(r: &mut Record, tag: &str, el: &lol_html::html_content::Element) {
    match tag {
        "html" if r.lang.is_none() => {
            r.lang = el
                .get_attribute("lang")
                .map(|l| decode_attribute(&l))
                .filter(|l| !l.trim().is_empty());
        }
        "link" if r.host.is_none() => {
            let canonical = el.get_attribute("rel").is_some_and(|rel| {
                rel.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            });
            if canonical {
                r.host = el
                    .get_attribute("href")
                    .and_then(|u| url_host(&decode_attribute(&u)));
            }
        }
        "meta" => note_meta(r, el),
        _ => {}
    }
}

fn note_meta(r: &mut Record, el: &lol_html::html_content::Element) {
    let is = |attr: &str, value: &str| {
        el.get_attribute(attr)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(value))
    };
    let content = || el.get_attribute("content").map(|c| decode_attribute(&c));
    if r.host.is_none() && is("property", "og:url") {
        r.host = content().and_then(|u| url_host(&u));
    }
    let declares_lang = is("http-equiv", "content-language") || is("property", "og:locale");
    if r.meta_lang.is_none() && declares_lang {
        // `en_US` (og:locale) is `en-US`; a list takes its first entry.
        r.meta_lang = content()
            .and_then(|c| c.split(',').next().map(|l| l.trim().replace('_', "-")))
            .filter(|l| !l.is_empty());
    }
}

/// The host of an absolute `http(s)` URL, lower-cased.
fn url_host(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .split_once("://")
        .filter(|(scheme, _)| {
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        })?
        .1;
    crate::text::authority_host(rest).map(str::to_ascii_lowercase)
}

// ---------------------------------------------------------------------------
// Character references.

/// The text of one node with its character references decoded, and where
/// each decoded stretch that is not a literal copy came from.
struct Decoded {
    text: String,
    /// Non-literal stretches (references, CR LF) in order; between them the
    /// decoded text is a byte-for-byte copy of the source.
    pieces: Vec<Piece>,
}

struct Piece {
    dec: Range<usize>,
    raw: Range<usize>,
}

fn decode_text(raw: &str) -> Decoded {
    let bytes = raw.as_bytes();
    let mut text = String::with_capacity(raw.len());
    let mut pieces = Vec::new();
    let (mut i, mut literal) = (0, 0);
    while i < bytes.len() {
        let found = match bytes[i] {
            b'&' => char_ref(&raw[i..]),
            // The parser turns CR LF and lone CR into LF.
            b'\r' => Some((
                if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                },
                '\n',
            )),
            _ => None,
        };
        match found {
            Some((len, c)) => {
                text.push_str(&raw[literal..i]);
                let start = text.len();
                text.push(c);
                pieces.push(Piece {
                    dec: start..text.len(),
                    raw: i..i + len,
                });
                i += len;
                literal = i;
            }
            None => i += 1,
        }
    }
    text.push_str(&raw[literal..]);
    Decoded { text, pieces }
}

/// An attribute value with its character references decoded (lol_html
/// hands attributes over as written). Unlike text, a legacy name without `;`
/// before a letter, digit or `=` stays as written: `?a=1&copy=2` is a query.
fn decode_attribute(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let legacy_in_query = |len: usize| {
            !tail.starts_with("&#")
                && tail.as_bytes()[len - 1] != b';'
                && tail
                    .as_bytes()
                    .get(len)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'=')
        };
        match char_ref(tail) {
            Some((len, c)) if !legacy_in_query(len) => {
                out.push(c);
                rest = &tail[len..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character reference at the start of `s` (which starts with `&`):
/// its length in bytes and the character it stands for, decoded as an HTML5
/// parser does in text content.
fn char_ref(s: &str) -> Option<(usize, char)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        return numeric_ref(s);
    }
    let name_len = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &s[1..1 + name_len];
    if b.get(1 + name_len) == Some(&b';') {
        if let Some((cp, _)) = named(name) {
            return Some((name_len + 2, char::from_u32(cp)?));
        }
    }
    // Legacy names decode without `;`, longest match first: `&copy2020` is `©2020`.
    (2..=name_len.min(6))
        .rev()
        .find_map(|n| match named(&name[..n]) {
            Some((cp, true)) => char::from_u32(cp).map(|c| (n + 1, c)),
            _ => None,
        })
}

fn named(name: &str) -> Option<(u32, bool)> {
    let table = entities::NAMED;
    let i = table.binary_search_by(|(n, _, _)| (*n).cmp(name)).ok()?;
    Some((table[i].1, table[i].2))
}

fn numeric_ref(s: &str) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let hex = matches!(b.get(2), Some(b'x' | b'X'));
    let digits_at = if hex { 3 } else { 2 };
    let digits = b[digits_at..]
        .iter()
        .take_while(|c| {
            if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        })
        .count();
    if digits == 0 {
        return None;
    }
    let mut len = digits_at + digits;
    if b.get(len) == Some(&b';') {
        len += 1;
    }
    let value = u32::from_str_radix(&s[digits_at..digits_at + digits], if hex { 16 } else { 10 })
        .unwrap_or(u32::MAX);
    Some((len, numeric_char(value)))
}

/// What a numeric reference means in HTML5: C1 codes are read as
/// Windows-1252 (so `&#146;` is `’`), invalid ones become U+FFFD.
fn numeric_char(value: u32) -> char {
    const C1: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let value = match value {
        0x80..=0x9F => C1[(value - 0x80) as usize],
        0 => 0xFFFD,
        v => v,
    };
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

impl Decoded {
    /// Source offset of the decoded offset `d`, moved back to the start of a
    /// reference it falls inside; also returns the decoded offset it maps.
    fn raw_start(&self, d: usize) -> (usize, usize) {
        match self.piece_before(d) {
            Some(p) if d < p.dec.end => (p.raw.start, p.dec.start),
            Some(p) => (p.raw.end + (d - p.dec.end), d),
            None => (d, d),
        }
    }

    /// Like [`Decoded::raw_start`], moving forward to the end of a reference.
    fn raw_end(&self, d: usize) -> (usize, usize) {
        match self.piece_before(d) {
            Some(p) if d > p.dec.start && d < p.dec.end => (p.raw.end, p.dec.end),
            Some(p) if d == p.dec.start => (p.raw.start, d),
            Some(p) => (p.raw.end + (d - p.dec.end), d),
            None => (d, d),
        }
    }

    /// The last piece starting at or before `d`.
    fn piece_before(&self, d: usize) -> Option<&Piece> {
        let n = self.pieces.partition_point(|p| p.dec.start <= d);
        n.checked_sub(1).map(|i| &self.pieces[i])
    }

    /// The source text with `edits` (decoded ranges, sorted, disjoint)
    /// written in; everything between them is copied from `raw` as it was.
    fn splice(&self, raw: &str, edits: &[(Range<usize>, String)]) -> (String, String) {
        let mut out_raw = String::with_capacity(raw.len());
        let mut out_text = String::with_capacity(self.text.len());
        let (mut raw_at, mut dec_at) = (0, 0);
        for (range, new) in edits {
            let (rs, ds) = self.raw_start(range.start);
            let (re, de) = self.raw_end(range.end);
            if rs < raw_at || ds < dec_at {
                continue; // Two edits inside one reference: keep the first.
            }
            let replacement = format!(
                "{}{new}{}",
                &self.text[ds..range.start],
                &self.text[range.end..de]
            );
            out_raw.push_str(&raw[raw_at..rs]);
            out_raw.push_str(&escape_text(&replacement));
            out_text.push_str(&self.text[dec_at..ds]);
            out_text.push_str(&replacement);
            (raw_at, dec_at) = (re, de);
        }
        out_raw.push_str(&raw[raw_at..]);
        out_text.push_str(&self.text[dec_at..]);
        (out_raw, out_text)
    }
}

/// Whether `raw`, as character data, reads as `text` and opens no markup.
fn reads_back_as(raw: &str, text: &str) -> bool {
    let opens_markup = raw.as_bytes().windows(2).any(|w| {
        w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?'))
    });
    !opens_markup && decode_text(raw).text == text
}

/// Text made safe to place in HTML character data.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Blocks.

/// Where a block sits in the source.
struct Span {
    /// Source bytes between the tags that open and close the block.
    inner: Range<usize>,
    /// The element whose start tag opens the block and whose own end tag
    /// closes it, when the block is exactly one element.
    element: Option<usize>,
    /// Text node of each run, in run order.
    nodes: Vec<usize>,
}

struct Segment {
    start: usize,
    opened_by: Option<usize>,
    nodes: Vec<usize>,
    runs: Vec<Run>,
    kind: BlockKind,
    has_text: bool,
}

struct Page<'a> {
    html: &'a str,
    rec: Record,
    doc: Document,
    spans: Vec<Span>,
    decoded: HashMap<usize, Decoded>,
    /// Each `<a href>` with its own end tag, and the visible text nodes inside it.
    links: Vec<(usize, Vec<usize>)>,
    /// The elements that have an end tag, by where it stands, made when
    /// first asked for (see [`Page::balanced`]).
    end_tags: std::cell::OnceCell<Vec<(Range<usize>, usize)>>,
}

impl Segment {
    fn new(start: usize, opened_by: Option<usize>) -> Self {
        Segment {
            start,
            opened_by,
            nodes: Vec::new(),
            runs: Vec::new(),
            kind: BlockKind::Other,
            has_text: false,
        }
    }
}

fn tag_in(tag: &str, set: &[&str]) -> bool {
    set.contains(&tag)
}

fn block_kind(tag: &str) -> BlockKind {
    match tag {
        "p" => BlockKind::Paragraph,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" => BlockKind::ListItem,
        "figcaption" | "caption" => BlockKind::Caption,
        "blockquote" => BlockKind::Quote,
        "td" | "th" => BlockKind::Cell,
        _ => BlockKind::Other,
    }
}

impl<'a> Page<'a> {
    fn parse(html: &'a str) -> Result<Self, String> {
        let rec = record(html)?;
        let mut page = Page {
            html,
            doc: Document {
                blocks: Vec::new(),
                context: PageContext {
                    host: rec.host.clone(),
                    lang: rec.lang.clone().or_else(|| rec.meta_lang.clone()),
                    format: Format::Html,
                },
            },
            rec,
            spans: Vec::new(),
            end_tags: std::cell::OnceCell::new(),
            decoded: HashMap::new(),
            links: Vec::new(),
        };
        page.cut_blocks();
        Ok(page)
    }

    /// Walks the parser's record, cutting blocks at block-level tags.
    fn cut_blocks(&mut self) {
        let mut stack: Vec<usize> = Vec::new();
        let mut links: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut seg = Segment::new(0, None);
        for i in 0..self.rec.events.len() {
            match self.rec.events[i] {
                Event::Open(id) => {
                    let el = &self.rec.elements[id];
                    if tag_in(&el.tag, BLOCK_TAGS) {
                        let (at, next) = (el.start.start, el.start.end);
                        self.finish(
                            std::mem::replace(&mut seg, Segment::new(next, Some(id))),
                            at,
                            None,
                        );
                    }
                    if self.rec.elements[id].container {
                        stack.push(id);
                    }
                }
                Event::Close { el: id, ref tag } => {
                    let tag = tag.clone();
                    if let Some(pos) = stack.iter().rposition(|&x| x == id) {
                        stack.remove(pos);
                    }
                    let el = &self.rec.elements[id];
                    if tag_in(&el.tag, BLOCK_TAGS) {
                        let own = (el.end.as_ref() == Some(&tag)).then_some(id);
                        self.finish(
                            std::mem::replace(&mut seg, Segment::new(tag.end, None)),
                            tag.start,
                            own,
                        );
                    }
                }
                Event::Text(node) => self.add_text(&mut seg, &stack, &mut links, node),
            }
        }
        self.finish(seg, self.html.len(), None);
        let mut links: Vec<_> = links.into_iter().collect();
        links.sort_unstable();
        self.links = links;
    }

    fn add_text(
        &mut self,
        seg: &mut Segment,
        stack: &[usize],
        links: &mut HashMap<usize, Vec<usize>>,
        node: usize,
    ) {
        let els = &self.rec.elements;
        let n = &self.rec.nodes[node];
        if !n.data || stack.iter().any(|&e| tag_in(&els[e].tag, HIDDEN_TAGS)) {
            return;
        }
        let decoded = decode_text(&self.html[n.raw.clone()]);
        let link = stack
            .iter()
            .rev()
            .find(|&&e| els[e].tag == "a" && els[e].href.is_some());
        let run = match link {
            Some(&a) => Run::link(
                decoded.text.clone(),
                els[a].href.clone().unwrap_or_default(),
            ),
            None if stack.iter().any(|&e| tag_in(&els[e].tag, EMPHASIS_TAGS)) => {
                Run::emphasis(decoded.text.clone())
            }
            None => Run::text(decoded.text.clone()),
        };
        let run = if stack.iter().any(|&e| tag_in(&els[e].tag, VERBATIM_TAGS)) {
            run.verbatim()
        } else {
            run
        };
        for &e in stack
            .iter()
            .filter(|&&e| els[e].tag == "a" && els[e].href.is_some() && els[e].end.is_some())
        {
            links.entry(e).or_default().push(node);
        }
        if !seg.has_text {
            seg.kind = context_kind(els, stack);
        }
        seg.has_text |= !decoded.text.trim().is_empty();
        seg.runs.push(run);
        seg.nodes.push(node);
        self.decoded.insert(node, decoded);
    }

    /// Ends a segment at `end`; it becomes a block if it has visible text.
    fn finish(&mut self, seg: Segment, end: usize, closed_by: Option<usize>) {
        // Blank stretches are no block (their nodes stay decoded: a link
        // can span a blank stretch and a block).
        if !seg.has_text {
            return;
        }
        let element = seg.opened_by.filter(|&id| closed_by == Some(id));
        self.doc.blocks.push(Block {
            kind: seg.kind,
            verbatim: all_verbatim(&seg.runs),
            runs: seg.runs,
        });
        self.spans.push(Span {
            inner: seg.start..end.max(seg.start),
            element,
            nodes: seg.nodes,
        });
    }
}

/// Whether every run with visible text is code: such a block (`<pre>`) is
/// verbatim as a whole; prose with inline code keeps only those runs.
fn all_verbatim(runs: &[Run]) -> bool {
    runs.iter()
        .filter(|r| !r.text.trim().is_empty())
        .all(|r| r.verbatim)
}

/// The block kind of text at this point: the innermost block element's,
/// except that a quotation or caption around it says more.
fn context_kind(els: &[Element], stack: &[usize]) -> BlockKind {
    let outer = stack
        .iter()
        .rev()
        .map(|&e| block_kind(&els[e].tag))
        .find(|k| matches!(k, BlockKind::Quote | BlockKind::Caption));
    let inner = stack
        .iter()
        .rev()
        .find(|&&e| tag_in(&els[e].tag, BLOCK_TAGS))
        .map(|&e| block_kind(&els[e].tag));
    match (inner, outer) {
        (Some(BlockKind::Paragraph | BlockKind::Other) | None, Some(k)) => k,
        (Some(k), _) => k,
        (None, None) => BlockKind::Other,
    }
}

// ---------------------------------------------------------------------------
// Pass 2: splicing the plan into the source.

/// A replacement of source bytes. `swallow_end` makes an insertion at the
/// very end of the range part of it (a moved block takes what was appended
/// to it along).
struct Op {
    range: Range<usize>,
    text: String,
    swallow_end: bool,
}

/// The structural edits of a plan (removals, joins, emptied links), with
/// an index by where each starts: a join renders or takes the text of the
/// next block and asks for the edits in that block's range, which on a
/// page of many joins was a walk over them all for each.
#[derive(Default)]
struct Ops {
    list: Vec<Op>,
    /// (start, index in `list`) of each edit.
    by_start: std::collections::BTreeSet<(usize, usize)>,
}

impl Ops {
    fn push(&mut self, op: Op) {
        self.by_start.insert((op.range.start, self.list.len()));
        self.list.push(op);
    }

    /// The indices of the edits that start in `from..=to`, by start, and
    /// in the order they were made among those that start at one place.
    fn starting_in(&self, from: usize, to: usize) -> Vec<usize> {
        (self.by_start.range((from, 0)..=(to, usize::MAX)))
            .map(|&(_, i)| i)
            .collect()
    }
}

struct Rewritten {
    html: String,
    /// Some tags were removed or moved.
    ops_on_markup: bool,
}

struct Plan {
    /// New source text of each changed text node.
    nodes: HashMap<usize, String>,
    /// New decoded text of each changed text node.
    texts: HashMap<usize, String>,
    ops: Ops,
    /// Whether removals and joins may take tags along (elements, inline
    /// markup); without it only text moves, which cannot change structure.
    markup: bool,
}

impl Page<'_> {
    fn rewrite(&self, findings: &[Finding]) -> String {
        if findings.is_empty() {
            return self.html.to_string();
        }
        let out = self.rewrite_with(findings, true);
        if out.ops_on_markup && !self.reads_as_applied(&out.html, findings) {
            // Moving tags changed the page's structure in a way the plan did
            // not mean (stray end tags, odd nesting): move text only.
            return self.rewrite_with(findings, false).html;
        }
        out.html
    }

    fn rewrite_with(&self, findings: &[Finding], markup: bool) -> Rewritten {
        let mut plan = Plan {
            nodes: HashMap::new(),
            texts: HashMap::new(),
            ops: Ops::default(),
            markup,
        };
        self.plan_edits(findings, &mut plan);
        for f in findings.iter().filter(|f| f.action == Action::RemoveBlock) {
            self.plan_removal(f.block, &mut plan);
        }
        self.plan_emptied_links(&mut plan);
        let mut joins: Vec<_> = findings
            .iter()
            .filter(|f| f.action == Action::JoinNext)
            .collect();
        joins.sort_by_key(|f| std::cmp::Reverse(f.block));
        for f in joins {
            self.plan_join(f.block, f.joiner.as_deref().unwrap_or(""), &mut plan);
        }
        Rewritten {
            html: self.render(0..self.html.len(), &plan),
            ops_on_markup: plan.ops.list.iter().any(|op| !op.range.is_empty()),
        }
    }

    /// Whether `html` reads back as the model with `findings` applied.
    fn reads_as_applied(&self, html: &str, findings: &[Finding]) -> bool {
        let texts = |doc: &Document| -> Vec<String> {
            doc.blocks
                .iter()
                .map(Block::text)
                .filter(|t| !t.trim().is_empty())
                .collect()
        };
        let expected = crate::apply::apply(&self.doc, findings);
        Page::parse(html).is_ok_and(|page| texts(&page.doc) == texts(&expected))
    }

    fn plan_edits(&self, findings: &[Finding], plan: &mut Plan) {
        let mut per_node: HashMap<usize, Vec<(Range<usize>, String)>> = HashMap::new();
        // Findings come in order of their place: offsets are counted on.
        let mut cursor = crate::finding::ByteCursor::default();
        for f in findings.iter().filter(|f| f.action == Action::Edit) {
            let (Some(block), Some(span)) = (self.doc.blocks.get(f.block), self.spans.get(f.block))
            else {
                continue;
            };
            let located: Option<Vec<_>> = f
                .edits
                .iter()
                .map(|e| {
                    let text = &block.runs.get(e.run)?.text;
                    let range = e.byte_range_at(&mut cursor, (f.block, e.run), text)?;
                    Some((*span.nodes.get(e.run)?, range, e.new.clone()))
                })
                .collect();
            // A finding is applied whole or not at all.
            for (node, range, new) in located.unwrap_or_default() {
                per_node.entry(node).or_default().push((range, new));
            }
        }
        for (node, mut edits) in per_node {
            edits.sort_by_key(|(r, _)| (r.start, r.end));
            let raw = &self.html[self.rec.nodes[node].raw.clone()];
            let (mut new_raw, new_text) = self.decoded[&node].splice(raw, &edits);
            if !reads_back_as(&new_raw, &new_text) {
                // The splice joined source bytes into something new (`&` +
                // `amp;`, `<` + `b`): write the whole node's text escaped.
                new_raw = escape_text(&new_text);
            }
            plan.nodes.insert(node, new_raw);
            plan.texts.insert(node, new_text);
        }
    }

    /// Removes a block: the whole element when the block is exactly one,
    /// else the text of its runs (inline elements emptied of text go later).
    fn plan_removal(&self, block: usize, plan: &mut Plan) {
        let Some(span) = self.spans.get(block) else {
            return;
        };
        if let Some(whole) = self.removable_element(block, true).filter(|_| plan.markup) {
            plan.ops.push(Op {
                range: whole,
                text: String::new(),
                swallow_end: true,
            });
            return;
        }
        for &node in &span.nodes {
            plan.nodes.insert(node, String::new());
            plan.texts.insert(node, String::new());
        }
    }

    /// A link whose text was all taken out goes as an element, so no empty
    /// `<a href>` to the spammer's page is left behind. What whitespace
    /// remained in it stays in its place.
    fn plan_emptied_links(&self, plan: &mut Plan) {
        if !plan.markup {
            return;
        }
        for (a, nodes) in &self.links {
            let changed = nodes.iter().any(|n| plan.texts.contains_key(n));
            let empty = nodes
                .iter()
                .all(|n| self.current_text(*n, plan).trim().is_empty());
            let el = &self.rec.elements[*a];
            let (true, true, Some(end)) = (changed, empty, &el.end) else {
                continue;
            };
            let kept: String = nodes.iter().map(|n| self.current_raw(*n, plan)).collect();
            plan.ops.push(Op {
                range: el.start.start..end.end,
                text: kept,
                swallow_end: false,
            });
        }
    }

    /// Joins block `block` with the next: the next block's content moves to
    /// the end of this one (before its closing tag) after `joiner`.
    fn plan_join(&self, block: usize, joiner: &str, plan: &mut Plan) {
        let (Some(this), Some(next)) = (self.spans.get(block), self.spans.get(block + 1)) else {
            return;
        };
        let with_markup = plan.markup && self.balanced(next.inner.clone());
        let moved = if with_markup {
            self.render(next.inner.clone(), plan)
        } else {
            self.take_text(next, plan)
        };
        let whole = self
            .removable_element(block + 1, false)
            .filter(|_| plan.markup);
        let emptied = match whole {
            Some(range) => Some(range),
            None if with_markup => Some(next.inner.clone()),
            None => None,
        };
        if let Some(range) = emptied {
            plan.ops.push(Op {
                range,
                text: String::new(),
                swallow_end: true,
            });
        }
        let at = this.inner.end;
        plan.ops.push(Op {
            range: at..at,
            text: format!("{}{moved}", escape_text(joiner)),
            swallow_end: false,
        });
        // Two lines of one element cut by `<br>`: the break goes with the
        // join, as the extension takes it, or it would stay behind after the
        // joined line and leave an empty line there.
        let gap = at..next.inner.start;
        if plan.markup && self.only_breaks(gap.clone()) {
            plan.ops.push(Op {
                range: gap,
                text: String::new(),
                swallow_end: false,
            });
        }
    }

    /// Takes a block's text out of its nodes, escaped, with what a later
    /// join already appended to the block; its tags stay where they are.
    fn take_text(&self, span: &Span, plan: &mut Plan) -> String {
        let inner = span.inner.clone();
        let mut pieces: Vec<(usize, bool, String)> = span
            .nodes
            .iter()
            .map(|&n| {
                let at = self.rec.nodes[n].raw.start;
                (at, true, escape_text(self.current_text(n, plan)))
            })
            .collect();
        for i in plan.ops.starting_in(inner.start, inner.end) {
            let op = &mut plan.ops.list[i];
            let at = op.range.start;
            if op.range.is_empty() && at > inner.start && at <= inner.end {
                pieces.push((at, false, std::mem::take(&mut op.text)));
            }
        }
        for &node in &span.nodes {
            plan.nodes.insert(node, String::new());
            plan.texts.insert(node, String::new());
        }
        pieces.sort_by_key(|(at, is_node, _)| (*at, *is_node));
        pieces.into_iter().map(|(_, _, text)| text).collect()
    }

    /// The source bytes of the element that is exactly block `block`, when
    /// taking it out with its tags merges no neighbours: its end tag (and,
    /// with `check_before`, its start tag) must not be the only thing that
    /// separates it from the next (previous) block.
    fn removable_element(&self, block: usize, check_before: bool) -> Option<Range<usize>> {
        let el = &self.rec.elements[self.spans.get(block)?.element?];
        let end = el.end.as_ref()?;
        let glued_before =
            check_before && block > 0 && self.spans[block - 1].inner.end == el.start.start;
        let glued_after = self
            .spans
            .get(block + 1)
            .is_some_and(|s| s.inner.start == end.end);
        (!glued_before && !glued_after).then_some(el.start.start..end.end)
    }

    /// The elements whose start tag starts in `range`, in source order.
    fn elements_starting_in(&self, range: Range<usize>) -> impl Iterator<Item = &Element> {
        let elements = &self.rec.elements;
        let first = elements.partition_point(|el| el.start.start < range.start);
        elements[first..]
            .iter()
            .take_while(move |el| el.start.start < range.end)
    }

    /// Whether `range` of the source holds `<br>` tags (as the parser read
    /// them) and white space, and nothing else.
    fn only_breaks(&self, range: Range<usize>) -> bool {
        let blank = |from: usize, to: usize| self.html[from..to].trim_ascii().is_empty();
        let mut at = range.start;
        for el in self.elements_starting_in(range.clone()) {
            if el.tag != "br" || el.start.end > range.end || !blank(at, el.start.start) {
                return false;
            }
            at = el.start.end;
        }
        at > range.start && blank(at, range.end)
    }

    /// Whether the markup in `range` can move as a whole: every element
    /// opened in it is closed in it, nothing opened before it is closed in
    /// it, and it holds no end tag the parser matched to nothing (a stray
    /// `</ul>` would close something else where it lands).
    ///
    /// The elements and end tags near `range` are found by search (elements
    /// are recorded in the order of their start tags): a page of many
    /// joins went over all its elements for each.
    fn balanced(&self, range: Range<usize>) -> bool {
        let inside = |r: &Range<usize>| r.start >= range.start && r.end <= range.end;
        let elements = &self.rec.elements;
        let opened_ok = self
            .elements_starting_in(range.clone())
            .filter(|el| inside(&el.start))
            .all(|el| !el.container || el.end.as_ref().is_some_and(&inside));
        let end_tags = self.end_tags.get_or_init(|| {
            let mut ends: Vec<_> = (elements.iter().enumerate())
                .filter_map(|(i, el)| Some((el.end.clone()?, i)))
                .collect();
            ends.sort_by_key(|(end, i)| (end.start, *i));
            ends
        });
        let from = end_tags.partition_point(|(end, _)| end.start < range.start);
        let own: Vec<&(Range<usize>, usize)> = end_tags[from..]
            .iter()
            .take_while(|(end, _)| end.start <= range.end)
            .filter(|(end, _)| inside(end))
            .collect();
        let closed_ok = own.iter().all(|(_, i)| inside(&elements[*i].start));
        let own_ends: Vec<usize> = own.iter().map(|(end, _)| end.start).collect();
        let text = &self.html.as_bytes()[range.clone()];
        opened_ok
            && closed_ok
            && text
                .windows(2)
                .enumerate()
                .filter(|(_, w)| w == b"</")
                .all(|(i, _)| own_ends.binary_search(&(range.start + i)).is_ok())
    }

    fn current_text<'p>(&'p self, node: usize, plan: &'p Plan) -> &'p str {
        plan.texts
            .get(&node)
            .map_or_else(|| self.decoded[&node].text.as_str(), String::as_str)
    }

    fn current_raw<'p>(&'p self, node: usize, plan: &'p Plan) -> &'p str {
        plan.nodes.get(&node).map_or_else(
            || &self.html[self.rec.nodes[node].raw.clone()],
            String::as_str,
        )
    }

    /// The source bytes of `range` with the plan's replacements inside it
    /// applied; a replacement inside another one is dropped with it.
    fn render(&self, range: Range<usize>, plan: &Plan) -> String {
        // Text nodes lie in the source in order: those in the range are
        // found by search, not by going over every changed node of the
        // page (a join renders the next block, and a page of many joins
        // and repairs went over them all for each).
        let nodes = &self.rec.nodes;
        let first = nodes.partition_point(|n| n.raw.end < range.start);
        let node_ops = (first..nodes.len())
            .take_while(|&n| nodes[n].raw.start <= range.end)
            .filter_map(|n| Some((nodes[n].raw.clone(), plan.nodes.get(&n)?.as_str(), false)));
        let ops = (plan.ops.starting_in(range.start, range.end).into_iter())
            .map(|i| &plan.ops.list[i])
            .map(|op| (op.range.clone(), op.text.as_str(), op.swallow_end));
        // Structural replacements first: on the same range they win over a
        // text node's (the stable sort below keeps this order on ties).
        let mut ops: Vec<_> = ops
            .chain(node_ops)
            .filter(|(r, _, _)| {
                if r.is_empty() {
                    r.start > range.start && r.start <= range.end
                } else {
                    r.start >= range.start && r.end <= range.end
                }
            })
            .collect();
        // Insertions first at a point, then the widest replacement.
        ops.sort_by_key(|(r, _, _)| (r.start, !r.is_empty(), std::cmp::Reverse(r.end)));
        let mut out = String::with_capacity(range.len());
        let mut at = range.start;
        let mut swallowed_at = None;
        for (r, text, swallow_end) in ops {
            if r.start < at || (r.is_empty() && swallowed_at == Some(r.start)) {
                continue;
            }
            out.push_str(&self.html[at..r.start]);
            out.push_str(text);
            at = r.end;
            if swallow_end {
                swallowed_at = Some(r.end);
            }
        }
        out.push_str(&self.html[at..range.end]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Draft;
    use crate::finding::Kind;
    use crate::model::RunKind;

    fn draft() -> Draft {
        Draft {
            kind: Kind::Spam,
            rule: "test",
            summary: String::new(),
            signals: vec![],
            confidence: 1.0,
        }
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.blocks.iter().map(Block::text).collect()
    }

    #[test]
    fn blocks_split_at_block_tags_even_when_p_is_not_closed() {
        let doc = to_document("<body><p>One <b>two</b><p>Three<br>four<div>five</div>six</body>")
            .unwrap();
        assert_eq!(texts(&doc), ["One two", "Three", "four", "five", "six"]);
        assert_eq!(doc.blocks[0].runs[1].kind, RunKind::Emphasis);
        assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn hidden_text_is_not_in_any_block() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body><p>a<script>var x='<p>no';</script>b</p><noscript>n</noscript><svg><text>s</text></svg></body></html>";
        assert_eq!(texts(&to_document(html).unwrap()), ["ab"]);
    }

    #[test]
    fn prose_around_inline_code_is_cleaned_and_the_code_is_not() {
        let html = "<p>I don_t know, it_s <code>don_t_s</code> here, that_s the donâ€™t case.</p><pre>x = it_s</pre>";
        let (out, _) = clean_html(html).unwrap();
        assert_eq!(
            out,
            "<p>I don’t know, it’s <code>don_t_s</code> here, that’s the don’t case.</p><pre>x = it_s</pre>"
        );
    }

    #[test]
    fn links_carry_their_href_and_code_is_verbatim() {
        let doc = to_document("<p>see <a href='https://x.example/'>this <i>page</i></a></p><pre>my_var</pre><p>use <code>a_b</code></p>").unwrap();
        let runs = &doc.blocks[0].runs;
        assert_eq!(
            (runs[1].kind, runs[1].href.as_deref()),
            (RunKind::Link, Some("https://x.example/"))
        );
        assert_eq!(runs[2].kind, RunKind::Link);
        assert!(!doc.blocks[0].verbatim);
        assert!(doc.blocks[1].verbatim && !doc.blocks[2].verbatim);
        let code = &doc.blocks[2].runs;
        assert!(!code[0].verbatim && code[1].verbatim);
    }

    #[test]
    fn page_context_comes_from_the_markup() {
        let doc = to_document("<html lang='pt-BR'><head><link rel='canonical' href='https://News.Example.com:443/a?b'></head><body><p>x</p>").unwrap();
        assert_eq!(doc.context.lang.as_deref(), Some("pt-BR"));
        assert_eq!(doc.context.host.as_deref(), Some("news.example.com"));
        assert_eq!(doc.context.format, Format::Html);
    }

    #[test]
    fn a_meta_language_stands_in_for_a_missing_html_lang() {
        let doc =
            to_document("<html><head><meta property='og:locale' content='en_GB'></head><p>x</p>")
                .unwrap();
        assert_eq!(doc.context.lang.as_deref(), Some("en-GB"));
        let doc = to_document(
            "<html lang=de><head><meta http-equiv=content-language content=fr></head><p>x</p>",
        )
        .unwrap();
        assert_eq!(doc.context.lang.as_deref(), Some("de"));
    }

    #[test]
    fn quotes_and_captions_are_marked_through_inner_paragraphs() {
        let doc = to_document("<blockquote><p>quoted</p></blockquote><figure><figcaption>cap</figcaption></figure><ul><li>item</li></ul>").unwrap();
        let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [BlockKind::Quote, BlockKind::Caption, BlockKind::ListItem]
        );
    }

    #[test]
    fn references_decode_and_the_visible_ones_stay_text() {
        let d = decode_text("a &amp;#8217; b&nbsp;&#x2019;&#146;&copy2020 AT&T &bogus; &lt\r\nx");
        assert_eq!(d.text, "a &#8217; b\u{a0}’’©2020 AT&T &bogus; <\nx");
    }

    #[test]
    fn hrefs_are_decoded_like_a_browser_does() {
        let doc = to_document("<p><a href='/a?x=1&amp;y=2&copy=3&amp'>l</a></p>").unwrap();
        assert_eq!(
            doc.blocks[0].runs[0].href.as_deref(),
            Some("/a?x=1&y=2&copy=3&")
        );
    }

    #[test]
    fn no_findings_means_identical_bytes() {
        let html = "<!DOCTYPE html>\n<!-- c --><p class=x>caf&eacute; &#8217; <a href=y>z</a>\r\n<script>if(a<b){}</script>";
        let page = Page::parse(html).unwrap();
        assert_eq!(page.rewrite(&[]), html);
        // A finding that changes nothing still splices the same bytes back.
        let f = draft().edit(&page.doc, 0, 0, 0, "");
        assert_eq!(page.rewrite(&[f]), html);
    }

    #[test]
    fn an_edit_replaces_exactly_the_raw_bytes_it_covers() {
        let html = "<p>Tom&amp;Jerry&#8217;s don&amp;#8217;t &lt;3</p>";
        let doc = to_document(html).unwrap();
        assert_eq!(doc.blocks[0].text(), "Tom&Jerry’s don&#8217;t <3");
        let text = doc.blocks[0].text();
        let at = text.find("&#8217;").unwrap();
        let f = draft().edit(&doc, 0, at, at + "&#8217;".len(), "’");
        assert_eq!(
            apply_html(html, &[f]).unwrap(),
            "<p>Tom&amp;Jerry&#8217;s don’t &lt;3</p>"
        );
    }

    #[test]
    fn new_text_is_escaped_and_partly_covered_references_are_kept() {
        let html = "<p>a&nbsp;b</p>";
        let doc = to_document(html).unwrap();
        // Replace "\u{a0}b" partially: only "b", keeping the &nbsp; spelling.
        let at = doc.blocks[0].text().find('b').unwrap();
        let f = draft().edit(&doc, 0, at, at + 1, "<c&d>");
        assert_eq!(
            apply_html(html, &[f]).unwrap(),
            "<p>a&nbsp;&lt;c&amp;d&gt;</p>"
        );
    }

    #[test]
    fn a_splice_that_would_make_a_reference_or_a_tag_is_escaped_whole() {
        // A literal `&` (not a reference) followed by inserted `amp;`.
        let html = "<p>AT&T &amp; co</p>";
        let doc = to_document(html).unwrap();
        let f = draft().edit(&doc, 0, 3, 4, "amp;");
        assert_eq!(
            apply_html(html, &[f]).unwrap(),
            "<p>AT&amp;amp; &amp; co</p>"
        );
        // A literal `<` brought next to a letter.
        let html = "<p>a < b</p>";
        let doc = to_document(html).unwrap();
        let f = draft().edit(&doc, 0, 3, 4, "");
        assert_eq!(apply_html(html, &[f]).unwrap(), "<p>a &lt;b</p>");
    }

    #[test]
    fn a_link_whose_text_is_removed_goes_as_an_element() {
        let html = "<p>data, <a href=\"https://spam.example/\">Spam Phrase</a> because</p>";
        let doc = to_document(html).unwrap();
        let text = doc.blocks[0].text();
        let at = text.find("Spam").unwrap();
        let f = draft().edit(&doc, 0, at, at + "Spam Phrase ".len(), "");
        assert_eq!(apply_html(html, &[f]).unwrap(), "<p>data, because</p>");
    }

    #[test]
    fn removing_a_block_that_is_one_element_removes_the_element() {
        let html = "<body><p>keep</p>\n<p class=info>Guests cannot <a href=/reg>register</a>.</p>\n</body>";
        let doc = to_document(html).unwrap();
        let f = draft().remove_block(&doc, 1);
        assert_eq!(
            apply_html(html, &[f]).unwrap(),
            "<body><p>keep</p>\n\n</body>"
        );
    }

    #[test]
    fn removing_a_block_that_is_not_one_element_removes_its_text() {
        let html = "<div>keep<br>banner <a href=/r>here</a></div>";
        let doc = to_document(html).unwrap();
        assert_eq!(texts(&doc), ["keep", "banner here"]);
        let f = draft().remove_block(&doc, 1);
        assert_eq!(apply_html(html, &[f]).unwrap(), "<div>keep<br></div>");
    }

    #[test]
    fn an_element_whose_tags_separate_its_neighbours_keeps_them() {
        let html = "before<p>banner</p>after";
        let doc = to_document(html).unwrap();
        assert_eq!(texts(&doc), ["before", "banner", "after"]);
        let f = draft().remove_block(&doc, 1);
        assert_eq!(apply_html(html, &[f]).unwrap(), "before<p></p>after");
        let f = draft().join_next(&doc, 0, " ");
        assert_eq!(apply_html(html, &[f]).unwrap(), "before banner<p></p>after");
    }

    #[test]
    fn joining_moves_the_next_block_with_its_markup() {
        let html = "<p>Wednesday, <em>Feb.</em></p>\n<p>16, <a href=x>2022</a>.</p><p>after</p>";
        let doc = to_document(html).unwrap();
        let f = draft().join_next(&doc, 0, " ");
        assert_eq!(
            apply_html(html, &[f]).unwrap(),
            "<p>Wednesday, <em>Feb.</em> 16, <a href=x>2022</a>.</p>\n<p>after</p>"
        );
    }

    #[test]
    fn chained_joins_fold_into_the_first_block() {
        let html = "<div>a<br>b<br>c</div>";
        let doc = to_document(html).unwrap();
        let j0 = draft().join_next(&doc, 0, " ");
        let j1 = draft().join_next(&doc, 1, " ");
        let out = apply_html(html, &[j0, j1]).unwrap();
        assert_eq!(out, "<div>a b c</div>");
        assert_eq!(texts(&to_document(&out).unwrap()), ["a b c"]);
    }

    #[test]
    fn a_join_across_a_break_takes_the_break_along() {
        let html = "<p>Line one, on Feb.<BR/>\n16, 2022.<br>Next line.</p>";
        let doc = to_document(html).unwrap();
        let f = draft().join_next(&doc, 0, " ");
        assert_eq!(
            apply_html(html, &[f]).unwrap(),
            "<p>Line one, on Feb. \n16, 2022.<br>Next line.</p>"
        );
        // An image that opens the next line moves with it.
        let html = "<p>Feb.<br><img src=x>16, 2022.</p>";
        let doc = to_document(html).unwrap();
        let f = draft().join_next(&doc, 0, " ");
        assert_eq!(
            apply_html(html, &[f]).unwrap(),
            "<p>Feb. <img src=x>16, 2022.</p>"
        );
        // Only breaks and white space are taken.
        let page = Page::parse("<p>a <br>\n<BR class=x /> b<span>c</span> <wbr> d</p>").unwrap();
        let at = |s: &str| page.html.find(s).unwrap();
        assert!(page.only_breaks(at(" <br>")..at(" b")));
        assert!(!page.only_breaks(at("a ")..at("a ") + 1));
        assert!(!page.only_breaks(at("c</span>") + 1..at(" d")));
    }

    #[test]
    fn edits_inside_a_moved_block_move_with_it() {
        let html = "<p>Feb.</p><p>16, don_t</p>";
        let doc = to_document(html).unwrap();
        let join = draft().join_next(&doc, 0, " ");
        let fix = draft().edit(&doc, 1, 7, 8, "’");
        assert_eq!(
            apply_html(html, &[join, fix]).unwrap(),
            "<p>Feb. 16, don’t</p>"
        );
    }

    #[test]
    fn a_link_spanning_a_blank_stretch_and_a_block_can_be_emptied() {
        let html = "<p>keep</p><a href=x>\n<div>Spam</div></a>";
        let doc = to_document(html).unwrap();
        assert_eq!(texts(&doc), ["keep", "Spam"]);
        let f = draft().edit(&doc, 1, 0, 4, "");
        assert_eq!(apply_html(html, &[f]).unwrap(), "<p>keep</p>\n");
    }

    #[test]
    fn stale_findings_change_nothing() {
        let html = "<p>don_t</p>";
        let doc = to_document("<p>don't</p>").unwrap();
        let f = draft().edit(&doc, 0, 3, 4, "’");
        assert_eq!(apply_html(html, &[f]).unwrap(), html);
    }
}
