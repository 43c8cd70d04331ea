//! Apostrophes, quotes and dashes lost to `_`, `?`, U+FFFD or a backtick.
//!
//! The lost mark is read from its neighbours: letters on both sides with a
//! contraction tail (`don_t`, `it?s`) make an apostrophe; a mark at the start
//! of a word opens a quote and one at its end closes it; digits on both sides
//! make a range dash; spaces on both sides make a dash. U+FFFD is never
//! meant, so every one is repaired; `?` is often meant, so the weak readings
//! of it need the page to show lost `?` elsewhere; `_` and the backtick only
//! ever stand for apostrophes.

use super::{Fix, Style};
use crate::finding::Signal;

/// What the page shows about `?`: whether some `?` on it can only be a lost mark.
#[derive(Clone, Copy, Default)]
pub(crate) struct Evidence {
    pub lost_question_marks: bool,
}

const REPLACEMENT: char = '\u{FFFD}';

fn is_lost_candidate(c: char) -> bool {
    matches!(c, '_' | '?' | '`' | REPLACEMENT)
}

/// Scans every run with a `?` for a use that is certainly not a question mark.
pub(crate) fn evidence<'a>(texts: impl Iterator<Item = &'a str>) -> Evidence {
    for text in texts {
        if !text.contains('?') {
            continue;
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for i in 0..chars.len() {
            if chars[i].1 == '?'
                && !in_url_or_code(text, &chars, i)
                && strong_question_mark(&chars, i)
            {
                return Evidence {
                    lost_question_marks: true,
                };
            }
        }
    }
    Evidence::default()
}

fn strong_question_mark(chars: &[(usize, char)], i: usize) -> bool {
    let ctx = Context::at(chars, i);
    ctx.contraction().is_some()
        || ctx.digits_around()
        || ctx.cjk_around()
        || (ctx.opens() && ctx.next.is_some_and(char::is_alphabetic))
}

/// The neighbourhood of one candidate mark.
struct Context {
    prev: Option<char>,
    next: Option<char>,
    /// The letters right before and right after the mark.
    before: String,
    after: String,
    /// The character after `after`.
    after_next: Option<char>,
    /// The character before `before`.
    before_prev: Option<char>,
    /// Two digits then no digit follow the mark (`’78`, `’00s`).
    year_digits: bool,
    /// The next word, after spaces, starts with a lowercase letter.
    after_next_word_lower: bool,
}

impl Context {
    fn at(chars: &[(usize, char)], i: usize) -> Context {
        let mut b = i;
        while b > 0 && chars[b - 1].1.is_alphabetic() {
            b -= 1;
        }
        let mut a = i + 1;
        while a < chars.len() && chars[a].1.is_alphabetic() {
            a += 1;
        }
        Context {
            prev: i.checked_sub(1).map(|k| chars[k].1),
            next: chars.get(i + 1).map(|p| p.1),
            before: chars[b..i].iter().map(|p| p.1).collect(),
            after: chars[i + 1..a].iter().map(|p| p.1).collect(),
            after_next: chars.get(a).map(|p| p.1),
            before_prev: b.checked_sub(1).map(|k| chars[k].1),
            year_digits: {
                let d = |k: usize| chars.get(i + k).is_some_and(|p| p.1.is_ascii_digit());
                d(1) && d(2) && !d(3)
            },
            after_next_word_lower: chars[i + 1..]
                .iter()
                .map(|p| p.1)
                .find(|c| !c.is_whitespace())
                .is_some_and(char::is_lowercase),
        }
    }

    /// The apostrophe reading: `don_t`, `Ukraine's`, `l'agent`.
    fn contraction(&self) -> Option<&'static str> {
        if self.before.is_empty() || self.after.is_empty() {
            return None;
        }
        if self
            .after_next
            .is_some_and(|c| c.is_alphanumeric() || is_lost_candidate(c))
        {
            return None;
        }
        let before = self.before.to_lowercase();
        let after = self.after.to_lowercase();
        let pronoun = |words: &[&str]| words.contains(&before.as_str());
        let english = match after.as_str() {
            "s" => self.before.chars().count() >= 2 || self.before == "I",
            "t" => pronoun(&[
                "don", "can", "won", "isn", "aren", "wasn", "weren", "didn", "doesn", "hasn",
                "haven", "hadn", "couldn", "wouldn", "shouldn", "mustn", "needn", "ain", "shan",
                "mightn",
            ]),
            "re" => pronoun(&[
                "you", "we", "they", "who", "what", "there", "where", "here", "why", "how",
            ]),
            "ve" => pronoun(&[
                "i", "you", "we", "they", "who", "could", "would", "should", "might", "must",
                "what",
            ]),
            "ll" | "d" => pronoun(&[
                "i", "you", "he", "she", "it", "we", "they", "who", "that", "there", "what",
            ]),
            "m" => before == "i",
            _ => false,
        };
        if english {
            return Some("contraction");
        }
        let elided = [
            "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
            "dell", "all", "nell", "sull", "dall", "un", "quest", "po",
        ];
        let vowel_next = self
            .after
            .chars()
            .next()
            .is_some_and(|c| "aeiouhyàâäéèêëîïôöûüœAEIOUHYÀÂÉÈÊÎÔÛ".contains(c));
        (elided.contains(&before.as_str()) && vowel_next && self.after.chars().count() >= 2)
            .then_some("elision")
    }

    fn digits_around(&self) -> bool {
        self.prev.is_some_and(|c| c.is_ascii_digit())
            && self.next.is_some_and(|c| c.is_ascii_digit())
    }

    fn cjk_around(&self) -> bool {
        let cjk = |c: Option<char>| c.is_some_and(is_cjk);
        (cjk(self.prev) || self.prev.is_some_and(is_cjk_punct)) && cjk(self.next)
    }

    /// At the start of a word: after a space, an opening bracket or the start.
    fn opens(&self) -> bool {
        let open_before = self
            .prev
            .is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c) || is_cjk_punct(c));
        open_before
            && self
                .next
                .is_some_and(|c| c.is_alphanumeric() || "(['‘“".contains(c))
    }

    /// At the end of a word: after a letter, digit or closing punctuation, before a space, punctuation or the end.
    fn closes(&self) -> bool {
        let after_word = self
            .prev
            .is_some_and(|c| c.is_alphanumeric() || ".,!)]’”".contains(c));
        after_word
            && self
                .next
                .is_none_or(|c| c.is_whitespace() || ",.;:!)]—–".contains(c))
    }

    fn spaced(&self) -> bool {
        self.prev.is_some_and(char::is_whitespace) && self.next.is_some_and(char::is_whitespace)
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20)
}

/// Whether the candidate sits in a URL, an e-mail address or a code-like token.
fn in_url_or_code(text: &str, chars: &[(usize, char)], i: usize) -> bool {
    let mut s = i;
    while s > 0 && !chars[s - 1].1.is_whitespace() {
        s -= 1;
    }
    let mut e = i + 1;
    while e < chars.len() && !chars[e].1.is_whitespace() {
        e += 1;
    }
    let start = chars[s].0;
    let end = chars.get(e).map_or(text.len(), |p| p.0);
    let token = &text[start..end];
    token.contains("://")
        || token.starts_with("www.")
        || token.contains(['@', '=', '/', '\\', '{', '}', '<', '>', '|', '$', '#'])
}

/// Whether the run as a whole reads like code, where weak readings of `?` are off.
fn looks_like_code(text: &str) -> bool {
    text.contains(" = ")
        || text.contains("==")
        || text.contains("()")
        || text.trim_end().ends_with(';')
        || text.contains('{')
}

/// An underscore stands for an apostrophe only between two words in prose,
/// never inside an identifier (`snake_case`, `__init__`, `size_t`, `my_var_s`).
fn identifier_like(ctx: &Context) -> bool {
    ctx.before_prev
        .is_some_and(|c| c.is_alphanumeric() || "_.@#$/\\:`".contains(c))
        || ctx.after_next.is_some_and(|c| "_([".contains(c))
}

pub(crate) fn fixes(text: &str, style: Style, evidence: Evidence) -> Vec<Fix> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let code = looks_like_code(text);
    let mut out = Vec::new();
    let mut open_pending = false;
    for i in 0..chars.len() {
        let (at, c) = chars[i];
        if !is_lost_candidate(c) {
            continue;
        }
        if in_url_or_code(text, &chars, i) {
            continue;
        }
        let ctx = Context::at(&chars, i);
        let Some((new, rule, why, weight)) =
            reading(c, &ctx, style, evidence, code, &mut open_pending)
        else {
            continue;
        };
        out.push(make_fix(text, at, c, new, rule, why, weight));
    }
    out
}

type Reading = (&'static str, &'static str, &'static str, f32);

/// What a lost mark stood for, if its context says so clearly enough.
fn reading(
    c: char,
    ctx: &Context,
    style: Style,
    ev: Evidence,
    code: bool,
    open: &mut bool,
) -> Option<Reading> {
    let apostrophe = style.apostrophe();
    match c {
        '_' => {
            if identifier_like(ctx) {
                return None;
            }
            let kind = ctx.contraction().filter(|k| *k == "contraction")?;
            Some((apostrophe, "lost-apostrophe", kind, 0.9))
        }
        '`' => {
            let kind = ctx.contraction()?;
            Some((apostrophe, "lost-apostrophe", kind, 0.9))
        }
        _ => {
            let sure = c == REPLACEMENT;
            // `?` readings that no question mark can have are taken on their own;
            // the others need the page to show lost `?` marks elsewhere.
            let weak_ok = sure || (ev.lost_question_marks && !code);
            if let Some(kind) = ctx.contraction() {
                return Some((apostrophe, "lost-apostrophe", kind, 0.9));
            }
            if ctx.digits_around() {
                return Some(("–", "lost-dash", "between digits: a range", 0.8));
            }
            if ctx.cjk_around() {
                let (mark, why) = if *open {
                    (style.close_quote(), "closes a quote")
                } else {
                    (style.open_quote(), "opens a quote")
                };
                *open = !*open;
                return Some((mark, "lost-quote", why, 0.75));
            }
            if ctx.opens() {
                if year_abbreviation(ctx) {
                    return Some((
                        apostrophe,
                        "lost-apostrophe",
                        "before a two-digit year",
                        0.8,
                    ));
                }
                if !sure && !ctx.next.is_some_and(char::is_alphabetic) && !weak_ok {
                    return None;
                }
                *open = true;
                return Some((
                    style.open_quote(),
                    "lost-quote",
                    "at the start of a word",
                    0.8,
                ));
            }
            if ctx.closes() {
                let after_punct = ctx.prev.is_some_and(|p| ".,!".contains(p));
                let lower_next =
                    ctx.next.is_some_and(char::is_whitespace) && ctx.after_next_word_lower;
                if !(sure || *open || after_punct || (weak_ok && lower_next)) {
                    return None;
                }
                let was_open = std::mem::replace(open, false);
                if !was_open && ctx.before.ends_with(['s', 'S']) {
                    return Some((apostrophe, "lost-apostrophe", "after a plural", 0.7));
                }
                return Some((
                    style.close_quote(),
                    "lost-quote",
                    "at the end of a word",
                    0.75,
                ));
            }
            if ctx.spaced() && weak_ok {
                return Some(("—", "lost-dash", "between two spaces", 0.75));
            }
            let letters = ctx.prev.is_some_and(char::is_alphabetic)
                && ctx.next.is_some_and(char::is_alphabetic);
            if letters && (sure || (weak_ok && ctx.next.is_some_and(char::is_lowercase))) {
                return Some(("—", "lost-dash", "between two words", 0.7));
            }
            None
        }
    }
}

fn year_abbreviation(ctx: &Context) -> bool {
    ctx.year_digits
}

fn make_fix(
    text: &str,
    at: usize,
    c: char,
    new: &str,
    rule: &'static str,
    why: &str,
    weight: f32,
) -> Fix {
    let lost = match c {
        '_' => "an underscore",
        '?' => "a question mark",
        '`' => "a backtick",
        _ => "the replacement character �",
    };
    let what = match rule {
        "lost-apostrophe" => "apostrophe",
        "lost-quote" => "quotation mark",
        _ => "dash",
    };
    let _ = text;
    Fix {
        start: at,
        end: at + c.len_utf8(),
        new: new.to_string(),
        rule,
        summary: format!(
            "A{} {what} shown as {lost}: “{c}” → “{new}”",
            if what == "apostrophe" { "n" } else { "" }
        ),
        signals: vec![
            Signal::new(
                "lost-mark",
                0.5,
                format!("{lost} where punctuation belongs"),
            ),
            Signal::new("context", weight, why.to_string()),
        ],
        confidence: weight,
    }
}
