//! Whether text looks like mojibake: unlikely neighbours among the few
//! hundred characters that misread UTF-8 is made of (after ftfy's badness
//! heuristic). Checked by hand over a window of characters, no regex.

use super::tables::*;

/// The class flags of `c` (0 for ASCII and for characters mojibake never uses).
pub fn class(c: char) -> u32 {
    let cp = c as u32;
    // Most text outside Latin, Greek and Cyrillic (CJK, Hangul, Arabic...) has
    // no class: skip the table for it.
    if cp < 0x80 || (0x0492..0x2013).contains(&cp) || (0x2600..0xF8FF).contains(&cp) {
        return 0;
    }
    // The two stretches mojibake is made of are read off at their index.
    match cp {
        0x80..=0x0491 => LOW_CLASSES[(cp - 0x80) as usize],
        0x2013..=0x25FF => HIGH_CLASSES[(cp - 0x2013) as usize],
        _ => listed_class(cp),
    }
}

/// The class of `cp` as [`CLASSES`] lists it (0 if it is not listed).
fn listed_class(cp: u32) -> u32 {
    match CLASSES.binary_search_by_key(&cp, |&(k, _)| k) {
        Ok(i) => CLASSES[i].1,
        Err(_) => 0,
    }
}

/// [`CLASSES`] of U+0080..U+0491 and U+2013..U+25FF, one entry per code
/// point, so that [`class`] needs no search there.
static LOW_CLASSES: [u32; 0x0492 - 0x80] = dense_classes(0x80);
static HIGH_CLASSES: [u32; 0x2600 - 0x2013] = dense_classes(0x2013);

const fn dense_classes<const N: usize>(from: u32) -> [u32; N] {
    let mut out = [0u32; N];
    let mut k = 0;
    while k < CLASSES.len() {
        let (cp, flags) = CLASSES[k];
        if cp >= from && cp < from + N as u32 {
            out[(cp - from) as usize] = flags;
        }
        k += 1;
    }
    out
}

/// The classes every unlikely sequence has at least one of.
const ANCHORS: u32 = C1
    | BAD
    | LAW
    | CURRENCY
    | START
    | END
    | NUMERIC
    | KAOMOJI
    | UPPER_ACCENTED
    | LOWER_ACCENTED
    | UPPER_COMMON
    | LOWER_COMMON
    | BOX;

const LA: u32 = LOWER_ACCENTED;
const UA: u32 = UPPER_ACCENTED;
const LC: u32 = LOWER_COMMON;
const UC: u32 = UPPER_COMMON;
const CUR: u32 = CURRENCY;
const NUM: u32 = NUMERIC;

pub fn is_bad(text: &str) -> bool {
    // Every unlikely sequence has an anchor character, starts at most two
    // characters before it and spans at most seven, so only small windows
    // around anchors are decoded, on the stack. Anchors all start with one
    // of these UTF-8 lead bytes (Latin-1, Latin Extended-A, spacing
    // modifiers, Greek, Cyrillic, punctuation and symbols, U+F8FF..U+FFFD).
    const BACK: usize = 2;
    const SPAN: usize = 10;
    let bytes = text.as_bytes();
    let mut checked = 0usize; // windows starting before this byte were looked at
                              // Only the characters that open with one of those bytes are read: lead
                              // bytes, so each starts a character, found 32 bytes at a time.
    for i in crate::text::picked_bytes(bytes, may_lead_anchor) {
        let c = text[i..].chars().next().unwrap_or('\0');
        let len = c.len_utf8().max(1);
        let flags = class(c);
        if flags & ANCHORS == 0 {
            continue;
        }
        // Most anchors are an accented letter among ASCII ones ("café au"):
        // no sequence starts around those (see `lone_anchor_is_fine`).
        if lone_anchor_is_fine(c, flags) && ascii_around(bytes, i, len) {
            checked = i + len;
            continue;
        }
        let mut from = i;
        let mut back = 0;
        while back < BACK && from > 0 {
            from -= 1;
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            back += 1;
        }
        let mut chars = ['\0'; SPAN];
        let mut classes = [0u32; SPAN];
        let mut offsets = [0usize; SPAN];
        let mut n = 0;
        for (off, c) in text[from..].char_indices().take(SPAN) {
            chars[n] = c;
            classes[n] = class(c);
            offsets[n] = from + off;
            n += 1;
        }
        for (k, &offset) in offsets.iter().enumerate().take(back + 1) {
            if offset >= checked && bad_at(&chars[..n], &classes[..n], k, offset == 0) {
                return true;
            }
        }
        checked = i + len;
    }
    false
}

/// Whether `b` is a UTF-8 lead byte an anchor may open with (see [`is_bad`]).
fn may_lead_anchor(b: u8) -> bool {
    (b.wrapping_sub(0xC2) < 5)
        | (b == 0xCB)
        | (b.wrapping_sub(0xCE) < 5)
        | (b == 0xE2)
        | (b == 0xEF)
}

/// Whether the two characters before the one at `bytes[i..i + len]` and
/// the two after it are ASCII (or the text ends first).
fn ascii_around(bytes: &[u8], i: usize, len: usize) -> bool {
    let after = i + len;
    bytes[i.saturating_sub(2)..i].is_ascii()
        && bytes[after..(after + 2).min(bytes.len())].is_ascii()
}

/// Whether no unlikely sequence can start at the anchor `c` (of class
/// `flags`) or in the two characters before it, when those two and the
/// two after it are ASCII (see [`ascii_around`]). ASCII characters have no
/// class, so in [`bad_at`]:
/// - at an ASCII character two before, every rule asks for a class of the
///   next character, or for it to be `Â`/`Ã`/`°`, or (a space then `Ã`/`Â`
///   then a space) for the anchor to be `Ã` or `Â`;
/// - at the ASCII character right before, the rules that read the
///   anchor's class also ask for a class of the character after it, which
///   is ASCII; the others ask for the anchor to be `Ã` or `Â`;
/// - at the anchor, every rule but `C1` asks for a class, or a character
///   past ASCII, one or two characters on, except a text opening on `Ã`
///   or `Â` then a space and `literal_at`'s `Œ`/`œ` before a non-letter.
///
/// So only `C1` characters, `Ã`, `Â`, `Œ` and `œ` need their window read.
fn lone_anchor_is_fine(c: char, flags: u32) -> bool {
    flags & C1 == 0 && !matches!(c, 'Ã' | 'Â' | 'Œ' | 'œ')
}

pub fn is_bad_chars(chars: &[char]) -> bool {
    let classes: Vec<u32> = chars.iter().map(|&c| class(c)).collect();
    // A sequence starts at most two characters before a classed one.
    let near_classed = |i: usize| (i..(i + 3).min(chars.len())).any(|k| classes[k] != 0);
    (0..chars.len()).any(|i| near_classed(i) && bad_at(chars, &classes, i, i == 0))
}

fn in_set(c: Option<char>, set: &str) -> bool {
    c.is_some_and(|c| set.contains(c))
}

/// Whether one of the unlikely sequences starts at `i`.
fn bad_at(chars: &[char], classes: &[u32], i: usize, at_start: bool) -> bool {
    let ch = |k: usize| chars.get(i + k).copied();
    let cl = |k: usize| classes.get(i + k).copied().unwrap_or(0);
    let (c0, x, y, z) = (chars[i], cl(0), cl(1), cl(2));
    let has = |flags: u32, set: u32| flags & set != 0;
    let lower_ascii = c0.is_ascii_lowercase();

    if x == 0 && !c0.is_ascii() {
        // Neither a classed character nor an ASCII context character: only
        // the literal sequences below can start here.
        return literal_at(chars, classes, i);
    }
    has(x, C1)
        || (has(x, BAD | LA | UA | BOX | START | END | CUR | NUM | LAW) && has(y, BAD))
        || (c0.is_ascii_alphabetic() && has(y, LC | UC) && has(z, BAD))
        || (has(x, BAD) && has(y, LA | UA | BOX | START | END | CUR | NUM | LAW))
        || (has(x, LA | LC | BOX | END | CUR | NUM) && has(y, UA))
        || (has(x, BOX | END | CUR | NUM) && has(y, LA))
        || (has(x, LA | BOX | END) && has(y, CUR))
        || (c0.is_whitespace() && has(y, UA) && has(z, CUR))
        || (has(x, UA | BOX) && has(y, NUM | LAW))
        || (has(x, LA | UA | BOX | CUR | END) && has(y, START) && has(z, NUM))
        || (has(x, LA | UA | CUR | NUM | BOX | LAW) && has(y, END) && has(z, START))
        || (has(x, CUR | NUM | BOX) && has(y, START))
        || (lower_ascii && has(y, UA) && has(z, START | CUR))
        || (has(x, BOX) && has(y, KAOMOJI))
        || (has(x, LA | UA | CUR | NUM | START | END | LAW) && has(y, BOX))
        || (has(x, BOX) && has(y, END))
        || (has(x, LA | UA) && has(y, START | END) && ch(2).is_some_and(is_word))
        || (has(x, UA) && ch(1) == Some('°'))
        || (lower_ascii
            && ch(1).is_some_and(char::is_whitespace)
            && in_set(ch(2), "ÃÂ")
            && ch(3) == Some(' '))
        || (lower_ascii && in_set(ch(1), "ÃÂ") && ch(2) == Some(' '))
        || (at_start && in_set(Some(c0), "ÃÂ") && ch(1) == Some(' '))
        || (((lower_ascii || ".,?!".contains(c0)) || has(x, END))
            && ch(1) == Some('Â')
            && (ch(2) == Some(' ') || has(z, START | END)))
        || literal_at(chars, classes, i)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The sequences the heuristic names character by character.
fn literal_at(chars: &[char], classes: &[u32], i: usize) -> bool {
    let ch = |k: usize| chars.get(i + k).copied();
    let cl = |k: usize| classes.get(i + k).copied().unwrap_or(0);
    let c0 = chars[i];
    let c1 = ch(1);
    let arabic_follow = |k: usize| {
        cl(k) & (COMMON | CURRENCY | BAD | NUMERIC | START) != 0 || in_set(ch(k), "ŸŠ®°µ»")
    };
    match c0 {
        'Œ' | 'œ' => c1.is_some_and(|c| !c.is_ascii_alphabetic()),
        'Â' | 'Ã' | 'Î' | 'Ð' => {
            in_set(c1, "€œŠš¢£Ÿž\u{a0}\u{ad}®©°·»–—´")
                || cl(1) & (START | END) != 0
                || (c0 == 'Ã' && in_set(c1, "\u{a0}¡"))
        }
        '×' => in_set(c1, "²³"),
        'Ø' | 'Ù' => arabic_follow(1) && in_set(ch(2), "ØÙ") && arabic_follow(3),
        'à' => in_set(c1, "²µ¹¼½¾"),
        // Letterlike symbols (U+2100..) read as Windows-1252: "â„¢" for "™".
        'â' => c1 == Some('„') && cl(2) & CONT != 0,
        '√' => in_set(c1, "±∂†≠®™´≤≥¥µø"),
        '≈' => in_set(c1, "°¢"),
        '‚' => {
            (c1 == Some('Ä') && in_set(ch(2), "ìîïòôúùû†°¢π"))
                || (in_set(c1, "âó") && in_set(ch(2), "àä°ê"))
        }
        'в' => c1 == Some('Ђ'),
        'В' | 'Г' | 'Р' | 'С' => {
            ((cl(1) & (C1 | BAD | START | END | CURRENCY) != 0 || in_set(c1, "°µ"))
                && in_set(ch(2), "ВГРС"))
                || (c0 == 'Г'
                    && c1 == Some('ў')
                    && ch(2) == Some('В')
                    && ch(3) == Some('Ђ')
                    && ch(4) == Some('В')
                    && ch(5).is_some_and(|c| c != '\n')
                    && ch(6).is_some_and(|c| c.is_ascii_alphabetic() || c == ' '))
        }
        'β' => c1 == Some('€') && in_set(ch(2), "™\u{a0}Ά\u{ad}®°"),
        'Β' | 'Γ' | 'Ξ' | 'Ο' => {
            (cl(1) & (C1 | BAD | START | END | CURRENCY) != 0 || c1 == Some('°'))
                && in_set(ch(2), "ΒΓΞΟ")
        }
        'ā' => c1 == Some('€'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_read_off_the_dense_tables_are_those_listed() {
        assert!(CLASSES.windows(2).all(|w| w[0].0 < w[1].0));
        for cp in 0x80..0x11_0000u32 {
            if let Some(c) = char::from_u32(cp) {
                let skipped = (0x0492..0x2013).contains(&cp) || (0x2600..0xF8FF).contains(&cp);
                let want = if skipped { 0 } else { listed_class(cp) };
                assert_eq!(class(c), want, "{cp:#x}");
            }
        }
    }

    #[test]
    fn curly_quote_mojibake_is_bad() {
        assert!(is_bad("donâ€™t"));
        assert!(is_bad("It’s â€œgreatâ€\u{9d}"));
        assert!(is_bad("CafÃ©"));
    }

    #[test]
    fn correct_text_in_many_languages_is_not_bad() {
        for s in [
            "Café crème, naïve façade",
            "Η ¨ανατροφή¨ δυστυχώς",
            "¿Dónde está el baño?",
            "Привет, как дела?",
            "百花齐放的局面固然可喜",
            "It’s “quoted” — and… fine",
            "4288×…",
            "Straße in München",
        ] {
            assert!(!is_bad(s), "{s}");
        }
    }

    /// Every position read, with no windows and no shortcut.
    fn bad_anywhere(text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let classes: Vec<u32> = chars.iter().map(|&c| class(c)).collect();
        (0..chars.len()).any(|i| bad_at(&chars, &classes, i, i == 0))
    }

    proptest::proptest! {
        /// Anchors read alone among ASCII and anchors read in their window
        /// find what reading every position finds.
        #[test]
        fn anchor_windows_find_what_every_position_finds(
            text in "([a-z A-Z.,?!0-9]|[éÉüÜàâÃÂŒœ€™’“”°²³×ØÙ√≈‚ÄвВЂГўРСβΒΟāŠš¢£¥µ»«±¿¡\u{80}\u{9d}\u{a0}\u{ad}╗▓∞√ΩΑ]){0,24}"
        ) {
            proptest::prop_assert_eq!(is_bad(&text), bad_anywhere(&text), "{:?}", text);
        }
    }
}
