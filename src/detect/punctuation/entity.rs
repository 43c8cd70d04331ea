//! HTML entities shown as text: `&rsquo;`, `&#8217;`, `&amp;#8217;` left in
//! the visible text by a double escape. Only punctuation and spaces are
//! decoded, so text that writes about entities (`&frac14;`, `&lt;p&gt;`)
//! keeps them.

use super::Fix;
use crate::finding::Signal;

const NAMED: [(&str, char); 18] = [
    ("rsquo", '’'),
    ("lsquo", '‘'),
    ("rdquo", '”'),
    ("ldquo", '“'),
    ("sbquo", '‚'),
    ("bdquo", '„'),
    ("quot", '"'),
    ("apos", '\''),
    ("mdash", '—'),
    ("ndash", '–'),
    ("hellip", '…'),
    ("nbsp", '\u{a0}'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("prime", '′'),
    ("amp", '&'),
];

/// Punctuation a numeric entity may stand for here.
fn decodable(c: char) -> bool {
    matches!(c, '\'' | '"' | '&' | '\u{a0}' | '«' | '»')
        || ('\u{2010}'..='\u{2027}').contains(&c)
        || ('\u{2032}'..='\u{203A}').contains(&c)
}

/// The entity at the start of `s` (after any `&amp;` prefixes) and its length.
fn entity_at(s: &str) -> Option<(char, usize)> {
    // Each "&amp;" before an entity is one more round of escaping.
    let mut prefix = 0;
    let mut body = s.strip_prefix('&')?;
    while let Some(r) = body.strip_prefix("amp;") {
        if !r.starts_with('#')
            && !NAMED
                .iter()
                .any(|(n, _)| r.starts_with(n) && r[n.len()..].starts_with(';'))
        {
            break;
        }
        prefix += 4;
        body = r;
    }
    let len = prefix;
    // A name is at most eight bytes: the search stops there, so text with
    // many `&` and no `;` after them is not read to its end for each.
    let semi = body.bytes().take(9).position(|b| b == b';')?;
    if semi == 0 {
        return None;
    }
    let name = &body[..semi];
    let c = if let Some(num) = name.strip_prefix('#') {
        let cp = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(cp).filter(|&c| decodable(c))?
    } else {
        NAMED.iter().find(|(n, _)| *n == name)?.1
    };
    // A lone "&amp;" is only decoded between spaces, as in "Q &amp; A".
    if name == "amp" && len == 0 {
        let before_ok = s.len() > 5 && s.as_bytes()[5] == b' ';
        if !before_ok {
            return None;
        }
    }
    Some((c, len + 1 + semi + 1))
}

/// Whether `text` shows the entity of `<` or `>`, which prose has no use
/// for: it writes about markup ("replacing &amp;, &lt;, &gt;, &quot; and
/// &#x27;"), and its other entities are named, not double escaped.
fn names_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'&', bytes).any(|at| {
        let rest = &bytes[at + 1..];
        ["lt;", "gt;", "#60;", "#62;", "#x3c;", "#x3e;"]
            .iter()
            .any(|name| {
                rest.get(..name.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(name.as_bytes()))
            })
    })
}

/// What a page's entities and ampersands tell, over its runs (text, and
/// whether it is code): whether it writes about entities, and whether it
/// writes an ampersand bare.
///
/// A page writes about entities when its code shows one (`<code>&amp;rsquo;
/// </code>`), or when its prose sets a quote or apostrophe entity apart as a
/// word of its own ("for example &#8217; in a word"): a double escape leaves
/// them where the marks were, inside and beside words. A bare ampersand
/// (`AT&T`, `Marks & Spencer`) means the page's ampersands were not escaped
/// twice: a lone `&amp;` on it is written on purpose.
pub(crate) fn page_facts<'t>(runs: impl Iterator<Item = (&'t str, bool)>) -> (bool, bool) {
    let (mut about, mut bare) = (false, false);
    for (text, code) in runs {
        let bytes = text.as_bytes();
        for at in memchr::memchr_iter(b'&', bytes) {
            match entity_at(&text[at..]) {
                Some(_) if code => about = true,
                Some((c, len)) => {
                    let alone = |c: Option<char>| c.is_none_or(|c| c.is_whitespace());
                    let after = text[at + len..].chars().next();
                    if matches!(c, '’' | '‘' | '\'' | '"' | '“' | '”' | '„' | '‚')
                        && alone(text[..at].chars().next_back())
                        && (alone(after) || after.is_some_and(|c| ",.;:".contains(c)))
                    {
                        about = true;
                    }
                }
                None if !code => bare |= !looks_like_entity(&bytes[at + 1..]),
                None => {}
            }
        }
        if about {
            break;
        }
    }
    (about, bare)
}

/// Whether `rest` (what follows an `&`) reads as some entity, decoded here
/// or not (`&frac14;`, `&#233;`, `&lt;`).
fn looks_like_entity(rest: &[u8]) -> bool {
    let name = rest
        .iter()
        .take(12)
        .position(|&b| b == b';')
        .map(|n| &rest[..n]);
    name.is_some_and(|n| {
        !n.is_empty()
            && (n.iter().all(u8::is_ascii_alphanumeric)
                || (n[0] == b'#' && n.len() > 1 && n[1..].iter().all(u8::is_ascii_alphanumeric)))
    })
}

pub(crate) fn fixes(text: &str) -> Vec<Fix> {
    let mut out = Vec::new();
    if !text.contains('&') || names_markup(text) {
        return out;
    }
    let mut i = 0;
    while let Some(off) = text[i..].find('&') {
        let at = i + off;
        if let Some((c, len)) = entity_at(&text[at..]) {
            let spaced_amp = c != '&' || (at > 0 && text.as_bytes()[at - 1] == b' ');
            if spaced_amp {
                let old = &text[at..at + len];
                out.push(Fix {
                    start: at,
                    end: at + len,
                    new: c.to_string(),
                    rule: "entity",
                    summary: format!("An HTML entity shown as text: “{old}” → “{c}”"),
                    signals: vec![Signal::new(
                        "visible-entity",
                        0.9,
                        format!("“{old}” is markup, not text"),
                    )],
                    confidence: 0.9,
                });
                i = at + len;
                continue;
            }
        }
        i = at + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str) -> String {
        let mut out = text.to_string();
        for f in fixes(text).iter().rev() {
            out.replace_range(f.start..f.end, &f.new);
        }
        out
    }

    #[test]
    fn punctuation_entities_are_decoded() {
        assert_eq!(apply("it&rsquo;s &#8220;here&#8221;"), "it’s “here”");
        assert_eq!(apply("don&amp;#8217;t and &amp;rsquo;"), "don’t and ’");
        assert_eq!(apply("a &quot;b&quot; &#x2014; c"), "a \"b\" — c");
        assert_eq!(apply("Q &amp; A"), "Q & A");
    }

    #[test]
    fn text_that_names_markup_keeps_its_entities() {
        let s =
            "Escapes a string, replacing &amp;, &lt;, &gt;, &quot;, &#x60; and &#x27; characters.";
        assert_eq!(apply(s), s);
        // Without markup named, the same quote entities are decoded.
        assert_eq!(
            apply("replacing &quot;these&quot; too"),
            "replacing \"these\" too"
        );
    }

    #[test]
    fn page_facts_tell_a_page_about_entities_and_bare_ampersands() {
        let facts = |runs: &[(&str, bool)]| page_facts(runs.iter().copied());
        assert_eq!(
            facts(&[("for example &#8217; in a word", false)]),
            (true, false)
        );
        assert_eq!(
            facts(&[("write ", false), ("&rsquo;", true)]),
            (true, false)
        );
        assert_eq!(
            facts(&[("don&#8217;t and &#8220;this&#8221;", false)]),
            (false, false)
        );
        assert_eq!(
            facts(&[("AT&T and R&D, &frac14; cup", false)]),
            (false, true)
        );
        assert_eq!(facts(&[("a &mdash; b &amp; c", false)]), (false, false));
    }

    #[test]
    fn other_entities_and_ampersands_stay() {
        for s in [
            "10Î&frac14;s",
            "S&P 500",
            "AT&T",
            "&lt;p&gt;",
            "a &#233; b",
            "x&amp;y",
            "R&amp;D",
        ] {
            assert_eq!(apply(s), s);
        }
    }
}
