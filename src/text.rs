//! Small text helpers shared by the detectors.

/// Whether `c` is a letter or digit of any script.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `s` (maximal runs of letters and digits) with their byte offsets.
pub fn words(s: &str) -> Words<'_> {
    Words { s, at: 0 }
}

/// Iterator of [`words`]; ASCII text takes a byte fast path.
pub struct Words<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.find_edge(false)?;
        self.at = start;
        let end = self.find_edge(true).unwrap_or(self.s.len());
        self.at = end;
        Some((start, &self.s[start..end]))
    }
}

impl Words<'_> {
    /// Offset of the next character that is (`word` false) or is not (`word` true) a word character.
    fn find_edge(&self, word: bool) -> Option<usize> {
        let bytes = self.s.as_bytes();
        let mut i = self.at;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() != word {
                    return Some(i);
                }
                i += 1;
            } else {
                let c = self.s[i..].chars().next()?;
                if is_word_char(c) != word {
                    return Some(i);
                }
                i += c.len_utf8();
            }
        }
        None
    }
}

/// A fast hasher for short string keys (FxHash); the maps it serves hold
/// page words, not attacker-chosen keys that need SipHash's protection.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// Frequent English words (the 5,000 most frequent, from wordfreq): anchor
/// phrases are built of them ("Cheap Flights Deals"), personal names mostly
/// not; nor are the names after an initial (`N'kren`, unlike `X_train`).
pub fn is_common_english(word: &str) -> bool {
    static COMMON: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    COMMON
        .get_or_init(|| include_str!("common_en.txt").lines().collect())
        .contains(word.to_lowercase().as_str())
}

/// Words that commonly open a sentence; after one of these, a break is real.
pub const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "Since",
    "For",
    "With",
    "Without",
    "By",
    "From",
    "To",
    "Of",
    "Our",
    "His",
    "Her",
    "Its",
    "Their",
    "My",
    "Your",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Not",
    "One",
    "Two",
    "Now",
    "Then",
    "Still",
    "However",
    "Meanwhile",
    "Also",
    "Even",
    "Only",
    "Under",
    "Over",
    "During",
    "Although",
    "Though",
    "Because",
    "Despite",
    "According",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Today",
    "Yesterday",
    "Here",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        let got: Vec<_> = words("Don’t stop—Ünïcode 42x, ok").collect();
        assert_eq!(
            got,
            vec![
                (0, "Don"),
                (6, "t"),
                (8, "stop"),
                (15, "Ünïcode"),
                (25, "42x"),
                (30, "ok")
            ]
        );
    }
}
