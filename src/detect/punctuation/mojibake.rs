//! Mojibake: UTF-8 that was decoded in a single-byte charmap, once or more,
//! across a whole run or in isolated sequences. The fix follows ftfy's
//! `fix_encoding`: re-encode in each charmap and decode as UTF-8 while the
//! text looks bad, else fix bad-looking sequences on their own, else read
//! stray C1 controls as Windows-1252.

use super::badness::{class, is_bad, is_bad_chars};
use super::charmap::{
    decode_utf8_variants, utf8_len, Charmap, CHARMAPS, LATIN_1, LOST, MAC_ROMAN, WINDOWS_1252,
};
use super::tables::{CONT, CONT_STRICT, FIRST2, FIRST3, FIRST4};

/// The repaired text and the name of the first charmap it was read in (or
/// the kind of repair when no single charmap explains it).
pub fn fix_encoding(text: &str) -> (String, &'static str) {
    fix_encoding_of(text, Badness::Unknown)
}

/// Whether a text is known to look like mojibake.
#[derive(Clone, Copy, PartialEq)]
pub enum Badness {
    /// Checked by the caller: it does (the first step need not look again).
    Bad,
    Unknown,
}

/// [`fix_encoding`] of a text whose badness the caller may have checked.
pub fn fix_encoding_of(text: &str, badness: Badness) -> (String, &'static str) {
    let Some((mut text, how)) = fix_one_step(text, badness) else {
        return (text.to_string(), "");
    };
    // Each step makes the text shorter or leaves it; a few rounds cover
    // mojibake of mojibake.
    for _ in 1..6 {
        match fix_one_step(&text, Badness::Unknown) {
            Some((next, _)) => text = next,
            None => break,
        }
    }
    (text, how)
}

/// One step of repair, or `None` when it leaves the text as it is.
fn fix_one_step(text: &str, badness: Badness) -> Option<(String, &'static str)> {
    if text.is_ascii() || (badness == Badness::Unknown && !is_bad(text)) {
        return None;
    }
    let changed = |fixed: String, how| (fixed != text).then_some((fixed, how));
    let mut encodable = [false; 10];
    for (k, map) in CHARMAPS.iter().enumerate() {
        let Some(bytes) = map.encode(text) else {
            continue;
        };
        encodable[k] = true;
        if let Some(fixed) = reread_as_utf8(map, bytes) {
            return changed(fixed, map.name);
        }
    }
    let mixed = decode_inconsistent_utf8(text);
    // MacRoman sequences in correct text, when reading them leaves nothing
    // that looks bad (their leads are common in a garble of other
    // charmaps) and the sequences of the other charmaps do not (`Ä‡` of
    // `‡ßÄ‡¶Ø` is both).
    if mixed == text || is_bad(&mixed) {
        let fixed = decode_inconsistent_mac_roman(text);
        if fixed != text && !is_bad(&fixed) {
            return Some((fixed, "MacRoman"));
        }
    }
    if mixed != text {
        return Some((mixed, "mixed charmaps"));
    }
    if encodable[LATIN_1] {
        if encodable[WINDOWS_1252] {
            // Text both charmaps can hold is most likely what it says.
            return None;
        }
        let fixed = latin_1_as_windows_1252(text);
        if fixed != text {
            return Some((fixed, "Latin-1"));
        }
    }
    if text.chars().any(is_c1) {
        return changed(latin_1_as_windows_1252(text), "Latin-1");
    }
    None
}

/// Decodes the bytes a charmap gave as UTF-8, after putting back bytes that
/// were turned into spaces or lost on the way.
fn reread_as_utf8(map: &Charmap, mut bytes: Vec<u8>) -> Option<String> {
    if map.sloppy {
        restore_lost_closing_quote(&mut bytes);
    }
    // In MacRoman an en dash is 0xD0, so "– " would pass for a UTF-8 lead
    // byte and a lost 0xA0.
    if map.name != "MacRoman" && has_altered_utf8(&bytes) {
        bytes = restore_byte_a0(&bytes);
    }
    if map.sloppy {
        bytes = replace_lossy_sequences(&bytes);
    }
    decode_utf8_variants(&bytes).or_else(|| {
        // A no-break space the page wrote as `&nbsp;` beside the garble was
        // never UTF-8: alone between characters, its 0xA0 stays one (in
        // MacRoman it is 0xCA, no such byte).
        if map.name == "MacRoman" {
            return None;
        }
        decode_utf8_variants(&keep_stray_no_break_spaces(&bytes)?)
    })
}

/// The bytes with each 0xA0 that stands where a character starts (not
/// inside a UTF-8 sequence) written as the UTF-8 of U+00A0; `None` when
/// there is none, or when another byte stands so.
fn keep_stray_no_break_spaces(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() + 4);
    let mut stray = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = match b {
            0xA0 => {
                out.extend_from_slice(&[0xC2, 0xA0]);
                stray = true;
                i += 1;
                continue;
            }
            // `C0 80` is a NUL in the variants read below.
            0xC0 => 2,
            _ => utf8_len(b)?,
        };
        let end = (i + len).min(bytes.len());
        out.extend_from_slice(&bytes[i..end]);
        i = end;
    }
    stray.then_some(out)
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// C1 controls are almost never meant: read them as Windows-1252 does.
fn latin_1_as_windows_1252(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_c1(c) {
                CHARMAPS[WINDOWS_1252].decode_byte(c as u32 as u8)
            } else {
                c
            }
        })
        .collect()
}

/// `E2 80` then a byte Windows-1252 cannot show (lost, or written as `?` or
/// U+FFFD) is almost always `”` (`E2 80 9D`): of the undefined bytes only
/// 0x9D makes a common character after `E2 80`.
fn restore_lost_closing_quote(bytes: &mut Vec<u8>) {
    let mut i = 0;
    // Only an E2 byte starts the sequence: the bytes between are skipped.
    while let Some(skip) = memchr::memchr(0xE2, &bytes[i..]) {
        i += skip;
        if i + 1 >= bytes.len() {
            break;
        }
        if bytes[i + 1] == 0x80 {
            match bytes.get(i + 2) {
                None => bytes.push(0x9D),
                Some(&b) if b == LOST || b == b'?' => bytes[i + 2] = 0x9D,
                Some(&b) if b.is_ascii() && b != b' ' => bytes.insert(i + 2, 0x9D),
                Some(b' ') if !matches!(bytes.get(i + 3), Some(0x80..=0xBF)) => {
                    bytes.insert(i + 2, 0x9D)
                }
                _ => {}
            }
        }
        i += 1;
    }
}

fn is_cont_a0(b: u8) -> bool {
    matches!(b, 0x80..=0x84 | 0x86..=0x9F | 0xA1..=0xBF)
}

fn is_cont(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

/// Length of a UTF-8 sequence at `i` whose 0xA0 byte became a space, if any.
fn altered_utf8_at(b: &[u8], i: usize) -> Option<usize> {
    let at = |k: usize| b.get(i + k).copied();
    let lead = b[i];
    if matches!(lead, 0xC2 | 0xC3 | 0xC5 | 0xCE | 0xD0 | 0xD9) && at(1) == Some(b' ') {
        return Some(2);
    }
    if matches!(lead, 0xE2 | 0xE3) && at(1) == Some(b' ') && at(2).is_some_and(is_cont_a0) {
        return Some(3);
    }
    if (0xE0..=0xE3).contains(&lead) && at(1).is_some_and(is_cont_a0) && at(2) == Some(b' ') {
        return Some(3);
    }
    if lead == 0xF0 {
        let rest = [at(1), at(2), at(3)];
        let spaces = rest.iter().filter(|&&x| x == Some(b' ')).count();
        let conts = rest.iter().filter(|&&x| x.is_some_and(is_cont)).count();
        if spaces == 1 && conts == 2 {
            return Some(4);
        }
    }
    None
}

fn has_altered_utf8(b: &[u8]) -> bool {
    // Only a lead byte from C2 up starts one: the others are passed at a glance.
    b.iter()
        .enumerate()
        .any(|(i, &lead)| lead >= 0xC2 && altered_utf8_at(b, i).is_some())
}

fn restore_byte_a0(b: &[u8]) -> Vec<u8> {
    // " Ã " is nearly always the word "à", so keep the space after it
    // (Portuguese "às", "àquele"... excepted).
    let mut out = Vec::with_capacity(b.len() + 4);
    let mut i = 0;
    while i < b.len() {
        if b[i] == 0xC3 && b.get(i + 1) == Some(&b' ') {
            let rest = &b[i + 2..];
            let joined = [&b" "[..], b"quele", b"quela", b"quilo", b"s "]
                .iter()
                .any(|p| rest.starts_with(p));
            if !joined {
                out.extend_from_slice(&[0xC3, 0xA0, b' ']);
                i += 2;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    let b = out;
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if let Some(len) = altered_utf8_at(&b, i) {
            out.extend(
                b[i..i + len]
                    .iter()
                    .map(|&x| if x == b' ' { 0xA0 } else { x }),
            );
            i += len;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// Length of a UTF-8 sequence at `i` that lost a byte (0x1A, or one `?`).
fn lossy_at(b: &[u8], i: usize) -> Option<usize> {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    let lost = |x: u8| x == LOST;
    let lost_q = |x: u8| x == LOST || x == b'?';
    let lost_c = |x: u8| x == LOST || is_cont(x);
    let lead = b[i];
    match lead {
        LOST => Some(1),
        0xC2..=0xDF if lost(at(1)) || (lead <= 0xC3 && at(1) == b'?') => Some(2),
        0xED if (0xA0..=0xAF).contains(&at(1))
            && at(3) == 0xED
            && (0xB0..=0xBF).contains(&at(4))
            && ((lost_q(at(2)) && (lost_q(at(5)) || is_cont(at(5))))
                || ((lost_q(at(2)) || is_cont(at(2))) && lost_q(at(5)))) =>
        {
            Some(6)
        }
        0xE0..=0xEF if (lost_q(at(1)) && lost_c(at(2))) || (lost_c(at(1)) && lost_q(at(2))) => {
            Some(3)
        }
        0xF0..=0xF4
            if (lost_q(at(1)) && lost_c(at(2)) && lost_c(at(3)))
                || (lost_c(at(1)) && lost_q(at(2)) && lost_c(at(3)))
                || (lost_c(at(1)) && lost_c(at(2)) && lost_q(at(3))) =>
        {
            Some(4)
        }
        _ => None,
    }
}

fn replace_lossy_sequences(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        // Only the lost byte or a lead byte from C2 up starts a lossy
        // sequence: the bytes before the next one are copied at once.
        let plain = b[i..]
            .iter()
            .position(|&x| x == LOST || x >= 0xC2)
            .unwrap_or(b.len() - i);
        out.extend_from_slice(&b[i..i + plain]);
        i += plain;
        if i == b.len() {
            break;
        }
        if let Some(len) = lossy_at(b, i) {
            out.extend_from_slice("\u{FFFD}".as_bytes());
            i += len;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn clue(c: char) -> u32 {
    if c == ' ' {
        CONT
    } else {
        class(c)
    }
}

/// Length in chars of a run of UTF-8-looking sequences at `i`, if one starts there.
fn utf8_run_at(chars: &[char], i: usize) -> usize {
    // Do not start inside a garble; a no-break space after an ordinary
    // character is just a space (French puts one before a dash).
    let nbsp_as_space = i > 0
        && chars[i - 1] == '\u{a0}'
        && (i < 2 || clue(chars[i - 2]) & (FIRST2 | FIRST3 | FIRST4) == 0);
    // A continuation right after a character that neither leads nor
    // continues a sequence stands alone: a letter of the text (`š` of
    // `dalš` before a garble), not the inside of one.
    let alone = i >= 2 && clue(chars[i - 2]) & (FIRST2 | FIRST3 | FIRST4 | CONT) == 0;
    if i > 0 && clue(chars[i - 1]) & CONT_STRICT != 0 && !nbsp_as_space && !alone {
        return 0;
    }
    let mut at = i;
    loop {
        let lead = chars.get(at).map_or(0, |&c| clue(c));
        let conts =
            |n: usize| (1..=n).all(|k| chars.get(at + k).is_some_and(|&c| clue(c) & CONT != 0));
        let len = if lead & FIRST2 != 0 && conts(1) {
            2
        } else if lead & FIRST3 != 0 && conts(2) {
            3
        } else if lead & FIRST4 != 0 && conts(3) {
            4
        } else {
            break;
        };
        at += len;
    }
    at - i
}

/// Fixes bad-looking UTF-8 sequences inside otherwise consistent text, e.g.
/// `â€œ` quotes around Chinese text. Once two sequences of a text look bad,
/// the text shows how it was garbled, and a sequence that looks harmless
/// alone but reads as letters inside a word is garbled too (`mÄ›l` beside
/// `DÅ¯m` is `měl`, where a correct `má` kept the line from being reread
/// whole).
fn decode_inconsistent_utf8(text: &str) -> String {
    let chars = crate::text::chars_of(text);
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let len = utf8_run_at(&chars, i);
        if len == 0 {
            i += 1;
            continue;
        }
        let piece = &chars[i..i + len];
        let bad = len < chars.len() && is_bad_chars(piece);
        pieces.push((i, len, bad));
        i += len;
    }
    let convicted = pieces.iter().filter(|p| p.2).count() >= 2;
    let in_word = |k: Option<usize>| {
        k.and_then(|k| chars.get(k))
            .is_some_and(|c| c.is_alphabetic())
    };
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (i, len, bad) in pieces {
        out.extend(&chars[done..i]);
        done = i + len;
        let piece = &chars[i..i + len];
        if bad {
            out.push_str(&read_inner_layer(
                fix_encoding(&piece.iter().collect::<String>()).0,
            ));
        } else if convicted && (in_word(i.checked_sub(1)) || in_word(Some(i + len))) {
            out.push_str(&read_as_letters(piece));
        } else {
            out.extend(piece);
        }
    }
    out.extend(&chars[done..]);
    out
}

/// A bad sequence read once that gives one whole sequence again is
/// mojibake of mojibake whose inner layer looks harmless alone (`Ã„â€º` →
/// `Ä›` → `ě`): read on as letters.
fn read_inner_layer(once: String) -> String {
    let chars = crate::text::chars_of(&once);
    if !chars.is_empty() && utf8_run_at(&chars, 0) == chars.len() {
        read_as_letters(&chars)
    } else {
        once
    }
}

/// A sequence that looks harmless, read as UTF-8 when that gives letters
/// only (`Ä›` → `ě`); as it is otherwise.
fn read_as_letters(piece: &[char]) -> String {
    let piece: String = piece.iter().collect();
    let fixed = fix_encoding_of(&piece, Badness::Bad).0;
    if fixed != piece && fixed.chars().all(char::is_alphabetic) {
        fixed
    } else {
        piece
    }
}

/// The UTF-8 sequence MacRoman shows at `chars[i..]`, as (its length in
/// chars, the character it stands for, whether its lead alone convicts
/// it), if one starts there. A lead that is a math sign or a rare letter
/// (`√©`, `¬£`, `‚Ä¢`, `Œ±`) does; one that is a dash, a quote or a
/// guillemet (`–ü`, `«Ç`) only does beside another sequence, since `«Ça`
/// may be written so.
fn mac_roman_sequence_at(chars: &[char], i: usize) -> Option<(usize, char, bool)> {
    let map = &CHARMAPS[MAC_ROMAN];
    let byte = |c: char| if c.is_ascii() { None } else { map.byte_of(c) };
    let lead = byte(chars[i])?;
    let len = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    for (k, slot) in bytes.iter_mut().enumerate().take(len).skip(1) {
        let b = byte(*chars.get(i + k)?)?;
        if !is_cont(b) {
            return None;
        }
        *slot = b;
    }
    let c = std::str::from_utf8(&bytes[..len]).ok()?.chars().next()?;
    // What a pair stands for must be a letter or a sign, not a combining
    // mark or a control (`Ã` before a vowel makes one).
    let plausible = c.is_alphabetic()
        || ('\u{a0}'..='\u{bf}').contains(&c)
        || ('\u{2000}'..='\u{2bff}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || c == '\u{feff}'
        || c as u32 >= 0x1F000;
    // (Three characters are specific enough for a vowel sign or a nukta.)
    let private = ('\u{e000}'..='\u{f8ff}').contains(&c) || c as u32 >= 0xF0000;
    if (len == 2 && !plausible) || c.is_control() || private {
        return None;
    }
    let strong = len > 2 || matches!(lead, 0xC2..=0xC6 | 0xCB..=0xCF | 0xD7..=0xD9);
    Some((len, c, strong))
}

/// Whether `text` holds a UTF-8 sequence as MacRoman shows it that
/// [`decode_inconsistent_mac_roman`] would repair.
pub fn has_mac_roman_sequence(text: &str) -> bool {
    // Every sequence is a lead (from U+00AC up, never Greek, Cyrillic,
    // Hebrew, Arabic, Indic or CJK) right before another character past
    // ASCII: most text, English or not, is passed at a glance, 32 bytes at
    // a time, by the lead bytes the leads are written with.
    let bytes = text.as_bytes();
    let opens = |b: u8| (b.wrapping_sub(0xC2) < 6) | (b == 0xE2) | (b == 0xEF);
    let candidate = crate::text::picked_bytes(bytes, opens)
        .any(|at| lead_before_non_ascii(bytes, at) && sequence_starts(&text[at..]));
    candidate && decode_inconsistent_mac_roman(text) != text
}

/// Whether a MacRoman sequence starts `text` (read from its first four
/// characters, not the whole text).
fn sequence_starts(text: &str) -> bool {
    let mut window = ['\0'; 4];
    let mut n = 0;
    for (slot, c) in window.iter_mut().zip(text.chars()) {
        *slot = c;
        n += 1;
    }
    mac_roman_sequence_at(&window[..n], 0).is_some()
}

/// Whether `bytes[i..]` opens a character a MacRoman sequence may lead
/// with (U+00AC..U+01FF, U+2000..U+25CA, U+F8FF, U+FB01, U+FB02) and the
/// character after it is past ASCII.
fn lead_before_non_ascii(bytes: &[u8], i: usize) -> bool {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    let (len, lead) = match bytes[i] {
        0xC2 => (2, at(1) >= 0xAC),
        0xC3..=0xC7 => (2, true),
        0xE2 => (3, at(1) <= 0x96 || (at(1) == 0x97 && at(2) <= 0x8A)),
        0xEF => (
            3,
            (at(1) == 0xA3 && at(2) == 0xBF) || (at(1) == 0xAC && matches!(at(2), 0x81 | 0x82)),
        ),
        _ => return false,
    };
    lead && at(len) >= 0x80
}

/// Fixes UTF-8 sequences as MacRoman shows them inside otherwise correct
/// text (`cet √©t√© d’Arles`, `41°17‚Ä≤S`), which no single charmap can
/// re-encode. A stretch of them convicts itself when it holds two, or one
/// of three or four characters, or one whose lead convicts it (see
/// [`mac_roman_sequence_at`]) inside a word or a number (`pi√π`,
/// `¬£250`): a lone pair between spaces may be what it says (`√π`, a
/// kaomoji's `¬´`), and is repaired only beside a stretch that convicts
/// itself.
fn decode_inconsistent_mac_roman(text: &str) -> String {
    let chars = crate::text::chars_of(text);
    // (start, end, what it stands for, convicts itself)
    let mut stretches: Vec<(usize, usize, Vec<char>, bool)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut at = i;
        let mut found = Vec::new();
        let (mut strong, mut long) = (false, false);
        while at < chars.len() {
            let Some((len, c, s)) = mac_roman_sequence_at(&chars, at) else {
                break;
            };
            found.push(c);
            strong |= s;
            long |= len > 2;
            at += len;
        }
        if found.len() >= 2 || (strong && !found.is_empty()) {
            let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
            let in_word = word(i.checked_sub(1).and_then(|k| chars.get(k))) || word(chars.get(at));
            let convicts = found.len() >= 2 || long || in_word;
            stretches.push((i, at, found, convicts));
            i = at;
        } else {
            i += 1;
        }
    }
    let any_convicts = stretches.iter().any(|s| s.3);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, found, convicts) in stretches {
        if !(convicts || any_convicts) {
            continue;
        }
        out.extend(&chars[at..start]);
        out.extend(found);
        at = end;
    }
    out.extend(&chars[at..]);
    out
}

/// One repaired spot: the char range of the original and its replacement.
#[derive(Debug, PartialEq)]
pub struct Spot {
    pub start: usize,
    pub end: usize,
    pub new: String,
}

/// The spots where `old` and `new` differ, each widened to whole clusters of
/// non-ASCII characters so a finding reads `â€™` → `’`, not `€™` → ``.
/// Offsets are byte offsets into `old`.
pub fn spots(old: &str, new: &str) -> Vec<Spot> {
    spots_by_stretch(old, new).unwrap_or_else(|| spots_of_whole(old, new))
}

/// [`spots`] when both texts hold the same ASCII characters in the same
/// order (`None` otherwise), read one stretch between them at a time and
/// only where the stretches differ: what [`spots_of_whole`] finds, since
/// it aligns the ASCII characters with their twins (see [`anchored_diff`])
/// and widens spots over non-ASCII characters only, so no spot reaches
/// past the stretch it is in. Reading the whole line into characters,
/// pairs and spans for a few repairs was most of the cost of a mojibake
/// repair.
fn spots_by_stretch(old: &str, new: &str) -> Option<Vec<Spot>> {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    loop {
        // Equal bytes are passed at once, back to the start of the
        // stretch of non-ASCII characters the first difference is in.
        let same = common_prefix_len(&a[i..], &b[j..]);
        let back = a[i..i + same]
            .iter()
            .rev()
            .take_while(|x| !x.is_ascii())
            .count();
        (i, j) = (i + same - back, j + same - back);
        let ni = a[i..]
            .iter()
            .position(u8::is_ascii)
            .map_or(a.len(), |k| i + k);
        let nj = b[j..]
            .iter()
            .position(u8::is_ascii)
            .map_or(b.len(), |k| j + k);
        let (was, is) = (&old[i..ni], &new[j..nj]);
        if was != is {
            out.extend(stretch_spots(was, is).into_iter().map(|spot| Spot {
                start: spot.start + i,
                end: spot.end + i,
                ..spot
            }));
        }
        match (a.get(ni), b.get(nj)) {
            (Some(x), Some(y)) if x == y => (i, j) = (ni + 1, nj + 1),
            (None, None) => return Some(out),
            _ => return None,
        }
    }
}

/// The spots of one stretch between ASCII characters that differs. A
/// repair shares no character with the garble it replaces (`â€™` → `’`)
/// more often than not: then no alignment can pair any, and the stretch
/// is one spot.
fn stretch_spots(old: &str, new: &str) -> Vec<Spot> {
    if new.chars().any(|c| old.contains(c)) {
        return spots_of_whole(old, new);
    }
    vec![Spot {
        start: 0,
        end: old.len(),
        new: new.to_string(),
    }]
}

/// How many bytes `a` and `b` start with alike, compared 16 at a time.
fn common_prefix_len(a: &[u8], b: &[u8]) -> usize {
    let wide = |x: &[u8]| u128::from_le_bytes(x.try_into().expect("16 bytes"));
    let chunks = a
        .chunks_exact(16)
        .zip(b.chunks_exact(16))
        .take_while(|(x, y)| wide(x) == wide(y))
        .count()
        * 16;
    chunks
        + a[chunks..]
            .iter()
            .zip(&b[chunks..])
            .take_while(|(x, y)| x == y)
            .count()
}

/// [`spots`] by one alignment of the whole texts.
fn spots_of_whole(old: &str, new: &str) -> Vec<Spot> {
    let a = crate::text::char_offsets(old);
    let b = crate::text::chars_of(new);
    let a_chars: Vec<char> = a.iter().map(|p| p.1).collect();
    let ops = anchored_diff(&a_chars, &b).unwrap_or_else(|| diff(&a_chars, &b));
    // ops: for each equal pair (i, j); gaps between them are changes.
    let mut raw: Vec<(usize, usize, usize, usize)> = Vec::new(); // a0, a1, b0, b1 in chars
    let (mut pi, mut pj) = (0, 0);
    for &(i, j) in ops.iter().chain(std::iter::once(&(a.len(), b.len()))) {
        if i > pi || j > pj {
            raw.push((pi, i, pj, j));
        }
        pi = i + 1;
        pj = j + 1;
    }
    // Widen over neighbouring non-ASCII, non-space characters (equal on both sides).
    let widen = |c: char| !c.is_ascii() && !c.is_whitespace();
    let mut merged: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (mut a0, mut a1, mut b0, mut b1) in raw {
        while a0 > 0 && b0 > 0 && widen(a[a0 - 1].1) && a[a0 - 1].1 == b[b0 - 1] {
            a0 -= 1;
            b0 -= 1;
        }
        while a1 < a.len() && b1 < b.len() && widen(a[a1].1) && a[a1].1 == b[b1] {
            a1 += 1;
            b1 += 1;
        }
        match merged.last_mut() {
            Some(last) if last.1 >= a0 => {
                last.1 = last.1.max(a1);
                last.3 = last.3.max(b1);
            }
            _ => merged.push((a0, a1, b0, b1)),
        }
    }
    let byte = |i: usize| if i < a.len() { a[i].0 } else { old.len() };
    merged
        .into_iter()
        .map(|(a0, a1, b0, b1)| Spot {
            start: byte(a0),
            end: byte(a1),
            new: b[b0..b1].iter().collect(),
        })
        .collect()
}

/// The matched pairs of [`diff`], found between the ASCII characters the
/// two texts share: a repair changes only characters past ASCII, so when
/// both hold the same ASCII characters in the same order, each is matched
/// with its twin and only the stretches between them are aligned. A long
/// line with many repairs costs a diff of each short stretch, where one
/// diff of the whole line grows with its length times its repairs. `None`
/// when the ASCII characters differ (a repair that took a space, say).
fn anchored_diff(a: &[char], b: &[char]) -> Option<Vec<(usize, usize)>> {
    let ascii = |s: &[char]| s.iter().filter(|c| c.is_ascii()).count();
    if ascii(a) != ascii(b) {
        return None;
    }
    let mut pairs = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    loop {
        // The stretches up to the next ASCII character on each side.
        let ni = a[i..]
            .iter()
            .position(char::is_ascii)
            .map_or(a.len(), |k| i + k);
        let nj = b[j..]
            .iter()
            .position(char::is_ascii)
            .map_or(b.len(), |k| j + k);
        if a[i..ni] == b[j..nj] {
            pairs.extend((0..ni - i).map(|k| (i + k, j + k)));
        } else {
            pairs.extend(
                diff(&a[i..ni], &b[j..nj])
                    .into_iter()
                    .map(|(x, y)| (i + x, j + y)),
            );
        }
        match (a.get(ni), b.get(nj)) {
            (Some(x), Some(y)) if x == y => pairs.push((ni, nj)),
            (None, None) => return Some(pairs),
            _ => return None,
        }
        (i, j) = (ni + 1, nj + 1);
    }
}

/// The matched pairs (i, j) of a shortest edit script between `a` and `b`
/// (Myers' algorithm, after trimming the common ends). Falls back to no inner
/// matches when the texts differ too much to be worth aligning.
fn diff(a: &[char], b: &[char]) -> Vec<(usize, usize)> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut pairs: Vec<(usize, usize)> = (0..pre).map(|i| (i, i)).collect();
    pairs.extend(myers(ma, mb).into_iter().map(|(i, j)| (i + pre, j + pre)));
    pairs.extend((0..suf).map(|k| (a.len() - suf + k, b.len() - suf + k)));
    pairs
}

fn myers(a: &[char], b: &[char]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    if max == 0 || n == 0 || m == 0 || max > 20_000 {
        return Vec::new();
    }
    let off = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    // The frontier before each round d, diagonals -d-1..=d+1, one round
    // after the other in one list: round d starts at d * (d + 2).
    let mut trace: Vec<isize> = Vec::new();
    let mut found = None;
    'outer: for d in 0..=max as isize {
        trace.extend_from_slice(&v[(off - d - 1) as usize..=(off + d + 1) as usize]);
        if trace.len() > 4_000_000 {
            return Vec::new();
        }
        let mut k = -d;
        while k <= d {
            let mut x =
                if k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]) {
                    v[(off + k + 1) as usize]
                } else {
                    v[(off + k - 1) as usize] + 1
                };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(off + k) as usize] = x;
            if x >= n && y >= m {
                found = Some(d);
                break 'outer;
            }
            k += 2;
        }
    }
    let Some(dmax) = found else { return Vec::new() };
    // Walk back through the saved frontiers.
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=dmax).rev() {
        let du = d as usize;
        let row = &trace[du * (du + 2)..(du + 1) * (du + 3)];
        let at = |k: isize| row[(k + d + 1) as usize];
        let k = x - y;
        let prev_k = if k == -d || (k != d && at(k - 1) < at(k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = at(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            pairs.push((x as usize, y as usize));
        }
        x = prev_x;
        y = prev_y;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        pairs.push((x as usize, y as usize));
    }
    pairs.reverse();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`lead_before_non_ascii`] read character by character.
    fn has_lead_one_by_one(text: &str) -> bool {
        let may_lead =
            |c: char| matches!(c as u32, 0xAC..=0x1FF | 0x2000..=0x25CA | 0xF8FF | 0xFB01 | 0xFB02);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if may_lead(c) && chars.peek().is_some_and(|n| !n.is_ascii()) {
                return true;
            }
        }
        false
    }

    #[test]
    fn leads_found_by_their_bytes_are_those_found_by_characters() {
        let alphabet: Vec<char> =
            "a ¬«¬¥é√ü’\u{2000}\u{25CA}\u{25CB}\u{1FF}\u{200}\u{AB}\u{F8FF}\u{FB01}\u{FB03}жあ€∆"
                .chars()
                .collect();
        // Every string of up to three of these characters, and long ones
        // that put a lead across the 32-byte chunks.
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        for pad in 25..40 {
            for pair in ["√©", "é’", "’é", "¬´x", "a\u{25CB}é"] {
                texts.push(format!("{}{pair}", "x".repeat(pad)));
            }
        }
        for text in &texts {
            let bytes = text.as_bytes();
            let by_bytes = (0..bytes.len()).any(|i| lead_before_non_ascii(bytes, i));
            assert_eq!(by_bytes, has_lead_one_by_one(text), "{text:?}");
        }
    }

    fn fix(s: &str) -> String {
        fix_encoding(s).0
    }

    #[test]
    fn whole_runs_of_windows_1252_mojibake_are_reread() {
        assert_eq!(fix("Itâ€™s a â€œtestâ€\u{9d}"), "It’s a “test”");
        assert_eq!(fix("IslÃ¡mico KurdistÃ¡n"), "Islámico Kurdistán");
    }

    #[test]
    fn isolated_sequences_are_fixed_inside_correct_text() {
        assert_eq!(
            fix("â€œ百花齐放的局面固然可喜â€\u{9d}"),
            "“百花齐放的局面固然可喜”"
        );
        assert_eq!(fix("Islámico, donâ€™t"), "Islámico, don’t");
    }

    #[test]
    fn a_harmless_looking_sequence_in_a_word_is_read_beside_two_garbled_ones() {
        // `Ä›` (ě) looks harmless alone; `Å¯` and `Ã©` show how the line was
        // garbled, and a correct `má` kept it from being reread whole.
        assert_eq!(
            fix("DÅ¯m na RadlickÃ© by mÄ›l být, se má"),
            "Dům na Radlické by měl být, se má"
        );
        // One garbled sequence shows too little; outside a word, or read
        // as no letter (a combining mark alone), the sequence stays.
        for (s, want) in [
            (
                "RadlickÃ© by mÄ›l být, se má",
                "Radlické by mÄ›l být, se má",
            ),
            (
                "DÅ¯m a RadlickÃ© — Ä› — se má",
                "Dům a Radlické — Ä› — se má",
            ),
            ("DÅ¯m a RadlickÃ©, cÌ€d se má", "Dům a Radlické, cÌ€d se má"),
        ] {
            assert_eq!(fix(s), want);
        }
    }

    #[test]
    fn a_sequence_garbled_twice_is_read_to_its_letter_beside_correct_ones() {
        // Read once, `Ã„â€º` gives `Ä›`, which looks harmless alone; the
        // correct `á` and `ě` keep the line from being reread whole.
        assert_eq!(
            fix("pádnější odpovÃ„â€ºdi a svÃ„â€ºt"),
            "pádnější odpovědi a svět"
        );
        // Read once into something that is no sequence, it stays read once.
        assert_eq!(fix("pádnější odpovÃ¤di"), "pádnější odpovädi");
    }

    #[test]
    fn a_lost_closing_quote_byte_is_restored() {
        assert_eq!(fix("â€œbody text.â€ More"), "“body text.” More");
        assert_eq!(fix("â€œbodyâ€"), "“body”");
        assert_eq!(fix("â€œbbâ€?"), "“bb”");
    }

    #[test]
    fn mac_roman_sequences_inside_correct_text_are_fixed() {
        assert_eq!(fix("cet √©t√© d’Arles"), "cet été d’Arles");
        assert_eq!(fix("41°17‚Ä≤S ‚Ä¢ 5¬∑6"), "41°17′S • 5·6");
        assert_eq!(
            fix("a ‚Äòsignificant‚Äô sum, ¬£250 – d’Arles"),
            "a ‘significant’ sum, £250 – d’Arles"
        );
        // Two sequences in a row convict even a dash lead.
        // (Text that does not look bad to `is_bad` is let in by
        // `has_mac_roman_sequence`, as the detector does.)
        assert!(has_mac_roman_sequence("«–ü—Ä–∏–≤–µ—Ç» d’Arles"));
        assert_eq!(
            crate::clean_text("«–ü—Ä–∏–≤–µ—Ç» d’Arles").0,
            "«Привет» d’Arles"
        );
        assert_eq!(fix("অস‡¶Æ‡ßÄ‡¶Ø‡¶º‡¶æ"), "অসমীয়া");
        // A lone pair is repaired beside one that convicts itself.
        assert_eq!(
            fix("Home ¬∑ News ¬∑ ¬£5 d’Arles"),
            "Home · News · £5 d’Arles"
        );
        assert_eq!(
            crate::clean_text("Sarai ricontattato al pi√π presto.").0,
            "Sarai ricontattato al più presto."
        );
    }

    #[test]
    fn text_that_merely_has_mac_roman_characters_stays() {
        for s in [
            "«Ça va», dit-il — à Paris, d’accord",
            "√2 ≈ 1.414, ∆x ≥ 0, ƒ(x) = π",
            "Œuvres complètes, cœur, Ÿ",
            "–É et —à, “Éric” ‘Ébène’",
            "À Éze, Ãé?",
            "OK??:(   `¬´    ):",
            "∆°",
            "(-1/2)! = √π",
            "Ôôô VIDA MINHA",
        ] {
            assert_eq!(fix(s), s);
            assert!(!has_mac_roman_sequence(s), "{s}");
        }
    }

    #[test]
    fn nbsp_mojibake_is_fixed() {
        assert_eq!(fix("toÂ\u{a0}facilitate"), "to\u{a0}facilitate");
    }

    #[test]
    fn correct_text_is_left_alone() {
        for s in [
            "Bremer/Mccoy – DrÃ¥ber",
            "4288×…",
            "Η ¨ανατροφή¨ δυστυχώς",
            "¿Qué?",
        ] {
            assert_eq!(fix(s), s);
        }
    }

    #[test]
    fn neighbouring_repairs_split_by_a_space_are_two_spots() {
        // One diff of the whole text matched the `€` of `â€”` with the
        // closing quote's and reported "â€\u{9d} â€”" → "” —" as one spot.
        let old = "stakesâ€\u{9d} â€” and";
        let sp = spots(old, "stakes” — and");
        let olds: Vec<&str> = sp.iter().map(|s| &old[s.start..s.end]).collect();
        assert_eq!(olds, ["â€\u{9d}", "â€”"]);
        assert_eq!(sp[1].new, "—");
    }

    #[test]
    fn anchored_diff_matches_what_a_whole_diff_matches_between_anchors() {
        let pairs = [
            (
                "Itâ€™s a â€œtestâ€\u{9d} of 5 â‚¬.",
                "It’s a “test” of 5 €.",
            ),
            ("â€œ百花齐放â€\u{9d}", "“百花齐放”"),
            ("Â·x Ã©t Ã©", "·x ét é"),
        ];
        for (old, new) in pairs {
            let (a, b): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
            let anchored = anchored_diff(&a, &b).expect("same ASCII characters");
            assert_eq!(anchored.len(), diff(&a, &b).len(), "{old}");
        }
        // A repair that takes an ASCII character (a lost byte read as `?`)
        // is aligned by one diff.
        let (a, b): (Vec<char>, Vec<char>) =
            ("â€œbbâ€?".chars().collect(), "“bb”".chars().collect());
        assert!(anchored_diff(&a, &b).is_none());
    }

    proptest::proptest! {
        /// Read stretch by stretch, the spots are those one alignment of
        /// the whole texts finds, wherever the texts differ.
        #[test]
        fn spots_by_stretch_are_the_spots_of_the_whole(
            pieces in proptest::collection::vec(
                ("[ab .]{0,4}", "[éâ€™Ã©Â·”—“\u{a0}]{0,3}", "[éâ€™Ã©Â·”—“\u{a0}]{0,3}"),
                0..12,
            ),
        ) {
            // The same ASCII characters, anything past ASCII between them.
            let old: String = pieces.iter().map(|p| format!("{}{}", p.0, p.1)).collect();
            let new: String = pieces.iter().map(|p| format!("{}{}", p.0, p.2)).collect();
            let by_stretch = spots_by_stretch(&old, &new);
            proptest::prop_assert_eq!(by_stretch, Some(spots_of_whole(&old, &new)));
            // And a stretch alone, whether or not it shares a character.
            if let Some((_, was, is)) = pieces.first().filter(|p| p.1 != p.2) {
                proptest::prop_assert_eq!(stretch_spots(was, is), spots_of_whole(was, is));
            }
        }

        /// The same, for a text and its repair, which differ in few places.
        #[test]
        fn spots_of_a_repair_by_stretch_are_the_spots_of_the_whole(
            words in proptest::collection::vec("[ab.]{0,6}|â€™|Ã©|Â·|â€\u{9d}|é", 0..16),
        ) {
            let old = words.join(" ");
            let new = fix(&old);
            let by_stretch = spots_by_stretch(&old, &new);
            if let Some(by_stretch) = by_stretch {
                proptest::prop_assert_eq!(by_stretch, spots_of_whole(&old, &new));
            }
        }
    }

    #[test]
    fn spots_cover_whole_mojibake_clusters() {
        let old = "Itâ€™s Â·x";
        let sp = spots(old, "It’s ·x");
        assert_eq!(sp.len(), 2);
        assert_eq!(&old[sp[0].start..sp[0].end], "â€™");
        assert_eq!(sp[0].new, "’");
        assert_eq!(&old[sp[1].start..sp[1].end], "Â·");
        assert_eq!(sp[1].new, "·");
    }

    #[test]
    fn a_no_break_space_written_beside_the_garble_stays_one() {
        // The page's own `&nbsp;` after text garbled twice: the whole line
        // is read again, both times, keeping the space.
        let clean = "Jsou to důležité věci, které je snadné přehlédnout.\u{a0}";
        let once = garble(clean);
        let twice = garble(&once);
        assert_eq!(fix_encoding(&twice).0, clean);
        assert_eq!(fix_encoding(&once).0, clean);
        // Between words too.
        let inside = format!("{}\u{a0}{}", garble("měl řekl"), garble("dům šel"));
        assert_eq!(fix_encoding(&inside).0, "měl řekl\u{a0}dům šel");
        // Correct text with no-break spaces is left as it is.
        for text in ["Prix\u{a0}: 10\u{a0}€", "Jsou to důležité\u{a0}věci."] {
            assert_eq!(fix_encoding(text).0, text);
        }
    }

    #[test]
    fn a_garble_after_a_letter_that_could_continue_one_is_read() {
        // `š` is 0x9A in Windows-1252, a UTF-8 continuation byte; after `l`
        // it is a letter of the text, and the garble after it is read.
        let text = format!("Vláda chystá dalš{}ch opatření.", garble(&garble("í")));
        assert_eq!(fix_encoding(&text).0, "Vláda chystá dalších opatření.");
    }

    /// `text`'s UTF-8 read as Windows-1252, its no-break spaces kept.
    fn garble(text: &str) -> String {
        text.split('\u{a0}')
            .map(|part| {
                part.bytes()
                    .map(|b| CHARMAPS[WINDOWS_1252].decode_byte(b))
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\u{a0}")
    }
}
