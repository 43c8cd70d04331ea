//! The single-byte charmaps UTF-8 gets misread as, and a UTF-8 decoder that
//! also takes the variants (CESU-8 surrogate pairs, Java's `C0 80`) that
//! re-encoded mojibake can produce.

use std::sync::OnceLock;

use super::tables;

pub struct Charmap {
    /// What a user reads in a finding, e.g. `Windows-1252`.
    pub name: &'static str,
    pub upper: &'static [char; 128],
    /// Undefined bytes pass through as C1 controls, and U+FFFD stands for a
    /// lost byte (written as 0x1A, like ftfy's "sloppy" codecs).
    pub sloppy: bool,
}

/// In the order a fix is tried: the most common confusions first.
pub static CHARMAPS: [Charmap; 10] = [
    Charmap {
        name: "Latin-1",
        upper: &tables::LATIN_1,
        sloppy: false,
    },
    Charmap {
        name: "Windows-1252",
        upper: &tables::WINDOWS_1252,
        sloppy: true,
    },
    Charmap {
        name: "Windows-1251",
        upper: &tables::WINDOWS_1251,
        sloppy: true,
    },
    Charmap {
        name: "Windows-1250",
        upper: &tables::WINDOWS_1250,
        sloppy: true,
    },
    Charmap {
        name: "Windows-1253",
        upper: &tables::WINDOWS_1253,
        sloppy: true,
    },
    Charmap {
        name: "Windows-1254",
        upper: &tables::WINDOWS_1254,
        sloppy: true,
    },
    Charmap {
        name: "Windows-1257",
        upper: &tables::WINDOWS_1257,
        sloppy: true,
    },
    Charmap {
        name: "ISO-8859-2",
        upper: &tables::ISO_8859_2,
        sloppy: false,
    },
    Charmap {
        name: "MacRoman",
        upper: &tables::MAC_ROMAN,
        sloppy: false,
    },
    Charmap {
        name: "CP437",
        upper: &tables::CP437,
        sloppy: false,
    },
];

pub const LATIN_1: usize = 0;
pub const WINDOWS_1252: usize = 1;
pub const MAC_ROMAN: usize = 8;

/// The byte used for a character that stands for a lost byte.
pub const LOST: u8 = 0x1A;

impl Charmap {
    /// The byte that shows the non-ASCII `c`, with the charmap's
    /// [`Charmap::sorted_upper`] at hand.
    fn encode_upper(&self, c: char, sorted: &[(char, u8)]) -> Option<u8> {
        if self.sloppy && c == '\u{FFFD}' {
            return Some(LOST);
        }
        // The lowest byte that shows `c`, as a scan of `upper` would find.
        let at = sorted.partition_point(|&(u, _)| u < c);
        sorted.get(at).filter(|&&(u, _)| u == c).map(|&(_, b)| b)
    }

    /// The upper half as (character, byte), sorted by character then byte:
    /// searched, not scanned (a scan of all 128 for each character made
    /// encoding most of the cost of a mojibake repair).
    fn sorted_upper(&self) -> &'static [(char, u8)] {
        static SORTED: OnceLock<Vec<Vec<(char, u8)>>> = OnceLock::new();
        let all = SORTED.get_or_init(|| {
            CHARMAPS
                .iter()
                .map(|map| {
                    let mut pairs: Vec<(char, u8)> = (0..128u8)
                        .map(|i| (map.upper[usize::from(i)], 0x80 + i))
                        .collect();
                    pairs.sort_unstable();
                    pairs
                })
                .collect()
        });
        let at = CHARMAPS
            .iter()
            .position(|m| std::ptr::eq(m.upper, self.upper))
            .expect("a charmap of CHARMAPS");
        &all[at]
    }

    /// The bytes `text` would have been read from, if it can have been.
    pub fn encode(&self, text: &str) -> Option<Vec<u8>> {
        let sorted = self.sorted_upper();
        let mut out = Vec::with_capacity(text.len());
        let mut rest = text;
        while !rest.is_empty() {
            // A stretch of ASCII encodes as itself, unless it holds a sloppy
            // charmap's lost byte, which no character may stand for.
            let ascii = rest.bytes().take_while(u8::is_ascii).count();
            let (plain, tail) = rest.split_at(ascii);
            if self.sloppy && plain.as_bytes().contains(&LOST) {
                return None;
            }
            out.extend_from_slice(plain.as_bytes());
            let mut chars = tail.chars();
            if let Some(c) = chars.next() {
                out.push(self.encode_upper(c, sorted)?);
            }
            rest = chars.as_str();
        }
        Some(out)
    }

    /// The byte that shows the non-ASCII `c`, if the charmap has one.
    pub fn byte_of(&self, c: char) -> Option<u8> {
        self.encode_upper(c, self.sorted_upper())
    }

    pub fn decode_byte(&self, b: u8) -> char {
        if b < 0x80 {
            b as char
        } else {
            self.upper[(b - 0x80) as usize]
        }
    }
}

/// Decodes UTF-8, also accepting CESU-8 surrogate pairs and `C0 80` for NUL.
pub fn decode_utf8_variants(bytes: &[u8]) -> Option<String> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    if !bytes.iter().any(|&b| b == 0xED || b == 0xC0) {
        return None;
    }
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.len() >= 2 && rest[0] == 0xC0 && rest[1] == 0x80 {
            out.push('\0');
            i += 2;
            continue;
        }
        if rest.len() >= 6
            && rest[0] == 0xED
            && (0xA0..=0xAF).contains(&rest[1])
            && is_cont(rest[2])
            && rest[3] == 0xED
            && (0xB0..=0xBF).contains(&rest[4])
            && is_cont(rest[5])
        {
            let hi = 0xD000 + (((rest[1] & 0x3F) as u32) << 6) + (rest[2] & 0x3F) as u32;
            let lo = 0xD000 + (((rest[4] & 0x3F) as u32) << 6) + (rest[5] & 0x3F) as u32;
            let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            out.push(char::from_u32(cp)?);
            i += 6;
            continue;
        }
        let len = utf8_len(rest[0])?;
        let s = std::str::from_utf8(rest.get(..len)?).ok()?;
        out.push_str(s);
        i += len;
    }
    Some(out)
}

fn is_cont(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

pub(super) fn utf8_len(lead: u8) -> Option<usize> {
    match lead {
        0x00..=0x7F => Some(1),
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_round_trips_curly_quote_mojibake() {
        let bytes = CHARMAPS[WINDOWS_1252].encode("â€™").unwrap();
        assert_eq!(bytes, vec![0xE2, 0x80, 0x99]);
        assert_eq!(decode_utf8_variants(&bytes).as_deref(), Some("’"));
    }

    #[test]
    fn latin_1_cannot_encode_a_euro_sign() {
        assert!(CHARMAPS[LATIN_1].encode("€").is_none());
    }

    #[test]
    fn cesu_8_pairs_decode_to_astral_characters() {
        let bytes = [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80];
        assert_eq!(decode_utf8_variants(&bytes).as_deref(), Some("😀"));
    }
}
