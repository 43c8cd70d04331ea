//! Whether text looks like mojibake: unlikely neighbours among the few
//! hundred characters that misread UTF-8 is made of (after ftfy's badness
//! heuristic). Checked by hand over a window of characters, no regex.

use super::tables::*;

/// The class flags of `c` (0 for ASCII and for characters mojibake never uses).
pub fn class(c: char) -> u32 {
    let cp = c as u32;
    if cp < 0x80 {
        return 0;
    }
    match CLASSES.binary_search_by_key(&cp, |&(k, _)| k) {
        Ok(i) => CLASSES[i].1,
        Err(_) => 0,
    }
}

const LA: u32 = LOWER_ACCENTED;
const UA: u32 = UPPER_ACCENTED;
const LC: u32 = LOWER_COMMON;
const UC: u32 = UPPER_COMMON;
const CUR: u32 = CURRENCY;
const NUM: u32 = NUMERIC;

pub fn is_bad(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    is_bad_chars(&chars)
}

pub fn is_bad_chars(chars: &[char]) -> bool {
    let classes: Vec<u32> = chars.iter().map(|&c| class(c)).collect();
    (0..chars.len()).any(|i| bad_at(chars, &classes, i))
}

fn in_set(c: Option<char>, set: &str) -> bool {
    c.is_some_and(|c| set.contains(c))
}

/// Whether one of the unlikely sequences starts at `i`.
fn bad_at(chars: &[char], classes: &[u32], i: usize) -> bool {
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
        || (i == 0 && in_set(Some(c0), "ÃÂ") && ch(1) == Some(' '))
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
}
