//! Small text helpers shared by the detectors.

/// Whether `c` is a letter or digit of any script ([`char::is_alphanumeric`]).
pub fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Curly quotes, dashes and spaces; box drawing, blocks and
        // geometric shapes; CJK and fullwidth punctuation: no letters, no
        // digits (the tables are searched for anything not listed).
        0x2000..=0x206F
        | 0x2500..=0x25FF
        | 0x3000..=0x3004
        | 0x3008..=0x3020
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20 => false,
        _ => is_letter(c) || c.is_numeric(),
    }
}

/// Whether `c` is a letter ([`char::is_alphabetic`]), answered without the
/// Unicode tables for the characters most pages are written in: the tables
/// are searched, and every word of a page asks.
pub fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        // Latin-1 Supplement and Latin Extended-A/B letters, but × and ÷.
        0xC0..=0x24F => !matches!(c, '×' | '÷'),
        // Cyrillic letters (not the signs and marks at 0x482..0x489), CJK
        // ideographs, Hangul syllables.
        0x400..=0x481 | 0x48A..=0x52F | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => true,
        // General Punctuation: curly quotes, dashes, spaces.
        0x2000..=0x206F => false,
        // Hiragana and katakana letters.
        0x3041..=0x3096 | 0x30A1..=0x30FA => true,
        _ => c.is_alphabetic(),
    }
}

/// The words of `s` (maximal runs of letters and digits) with their byte offsets.
pub fn words(s: &str) -> Words<'_> {
    Words { s, at: 0 }
}

/// Calls `f(start, end)` with the byte range of every word of `text`, in
/// order: the same words as [`words`], found in one pass that reads the
/// text 64 bytes at a time (for tokenizing whole pages).
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        // A block's word bytes as one mask: a branch per stretch of words,
        // where a byte or eight at a time mispredicted on most words.
        let block = bytes.get(i..i + BLOCK).map_or_else(
            || {
                // The last block, padded with zeros: no word bytes.
                let mut padded = [0u8; BLOCK];
                padded[..bytes.len() - i].copy_from_slice(&bytes[i..]);
                padded
            },
            |block| block.try_into().expect("a block"),
        );
        let (mut alnum, any_high) = ascii_word_bytes(&block);
        if any_high {
            alnum = with_other_word_chars(text, i, &block, alnum, open.is_some());
        }
        open = block_words(alnum, i, open, &mut f);
        i += BLOCK;
    }
    if let Some(start) = open {
        f(start, bytes.len());
    }
}

/// Bytes [`for_each_word`] reads as one mask.
const BLOCK: usize = 64;

/// A bit per byte of `block` (first byte lowest), set for an ASCII letter
/// or digit, and whether any byte is past ASCII. Each byte's answer is
/// found on its own first (a loop the compiler vectorises), then gathered
/// eight bytes at a time.
#[inline(always)]
fn ascii_word_bytes(block: &[u8; BLOCK]) -> (u64, bool) {
    let mut flags = [0u8; BLOCK];
    let mut any = 0u8;
    for (flag, &b) in flags.iter_mut().zip(block) {
        // No byte past ASCII reads as a letter or digit here.
        let word = (b.wrapping_sub(b'0') < 10) | ((b | 0x20).wrapping_sub(b'a') < 26);
        *flag = u8::from(word) << 7;
        any |= b;
    }
    let mut alnum = 0u64;
    for (k, eight) in flags.chunks_exact(8).enumerate() {
        let high = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        alnum |= high_bits_gathered(high) << (8 * k);
    }
    (alnum, any >= 0x80)
}

/// `alnum` (see [`ascii_word_bytes`]) with the bits of every byte of the
/// characters past ASCII that are letters or digits. The block at `i` of
/// `text` may open inside a character: its bytes before the first
/// character that starts in the block are a word's when one was `open`.
#[cold]
fn with_other_word_chars(text: &str, i: usize, block: &[u8; BLOCK], alnum: u64, open: bool) -> u64 {
    let (mut high, mut continuation) = (0u64, 0u64);
    for (k, eight) in block.chunks_exact(8).enumerate() {
        let chunk = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        high |= high_bits_gathered(chunk & HIGH_BITS) << (8 * k);
        // 10xxxxxx: the high bit set, the next one (moved up to it) clear.
        continuation |= high_bits_gathered(chunk & !(chunk << 1) & HIGH_BITS) << (8 * k);
    }
    let mut alnum = alnum;
    if open {
        // The continuation bytes the block opens with (its low run of ones).
        alnum |= continuation & !continuation.wrapping_add(1);
    }
    let mut leads = high & !continuation;
    while leads != 0 {
        let at = leads.trailing_zeros() as usize;
        leads &= leads - 1;
        let c = text[i + at..].chars().next().unwrap_or(' ');
        if is_word_char(c) {
            // A character running past the block leaves its word open.
            alnum |= ((1u64 << c.len_utf8()) - 1) << at;
        }
    }
    alnum
}

/// The offsets of the bytes of `bytes` for which `pick` holds, in order:
/// 32 bytes are screened at once with no branch per byte (most hold none
/// of the rare bytes this looks for), then the few are visited by their bits.
pub(crate) fn picked_bytes<'a>(
    bytes: &'a [u8],
    pick: impl Fn(u8) -> bool + 'a,
) -> impl Iterator<Item = usize> + 'a {
    let mut at = 0;
    let mut mask = 0u32;
    std::iter::from_fn(move || {
        while mask == 0 {
            let chunk = bytes.get(at..)?;
            if chunk.is_empty() {
                return None;
            }
            mask = picked_mask(chunk, &pick);
            at += 32;
        }
        let bit = mask.trailing_zeros() as usize;
        mask &= mask - 1;
        Some(at - 32 + bit)
    })
}

/// A bit per byte of the first 32 of `bytes` (first lowest) for which
/// `pick` holds (a byte past the end counts as a zero). Each byte's answer
/// is found on its own first (a loop the compiler vectorises), then
/// gathered eight bytes at a time: a mask built bit by bit was not
/// vectorised, and cost more than reading the bytes one by one.
#[inline(always)]
fn picked_mask(bytes: &[u8], pick: &impl Fn(u8) -> bool) -> u32 {
    let mut chunk = [0u8; 32];
    let n = bytes.len().min(32);
    chunk[..n].copy_from_slice(&bytes[..n]);
    let mut flags = [0u8; 32];
    for (flag, &b) in flags.iter_mut().zip(&chunk) {
        *flag = u8::from(pick(b)) << 7;
    }
    let mut mask = 0u32;
    for (k, eight) in flags.chunks_exact(8).enumerate() {
        let high = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        mask |= (high_bits_gathered(high) as u32) << (8 * k);
    }
    // The padding is no byte of the text, whatever `pick` says of a zero.
    let valid = if n >= 32 { u32::MAX } else { (1u32 << n) - 1 };
    mask & valid
}

/// The high bit of each of eight bytes (the only bits set), as eight bits,
/// first byte lowest.
#[inline(always)]
pub(crate) fn high_bits_gathered(high: u64) -> u64 {
    high.wrapping_mul(0x0002_0408_1020_4081) >> 56
}

/// The words of a block whose word bytes are the bits of `alnum` (byte
/// `i` lowest), given where a word left open before it started; returns
/// where the word left open after it starts. Starts and ends alternate, so
/// each start pairs with the next end, without a branch per edge on which
/// kind it is.
#[inline(always)]
fn block_words(
    alnum: u64,
    i: usize,
    open: Option<usize>,
    f: &mut impl FnMut(usize, usize),
) -> Option<usize> {
    let before = (alnum << 1) | u64::from(open.is_some());
    let mut starts = alnum & !before;
    let mut ends = !alnum & before;
    let byte = |edges: u64| i + edges.trailing_zeros() as usize;
    if let Some(start) = open {
        // No end: the word runs on through the block.
        if ends == 0 {
            return open;
        }
        f(start, byte(ends));
        ends &= ends - 1;
    }
    while starts != 0 {
        let at = byte(starts);
        starts &= starts - 1;
        if ends == 0 {
            return Some(at);
        }
        f(at, byte(ends));
        ends &= ends - 1;
    }
    None
}

/// The words of every block in one buffer: one allocation per page, not
/// one per block. A first cleaning pass reads a page's words once, for
/// both the banner and the spam detectors.
pub(crate) struct PageTokens<'a> {
    pub(crate) toks: Vec<Token<'a>>,
    /// Block `b`'s tokens are `toks[bounds[b]..bounds[b + 1]]`.
    bounds: Vec<usize>,
}

impl<'a> PageTokens<'a> {
    pub(crate) fn of(texts: &'a [std::borrow::Cow<'a, str>]) -> Self {
        Self::of_each(texts, |_, _| {})
    }

    /// [`PageTokens::of`], handing each block's text and words to `each`
    /// as soon as they are found, while they are in cache.
    pub(crate) fn of_each(
        texts: &'a [std::borrow::Cow<'a, str>],
        mut each: impl FnMut(&str, &[Token]),
    ) -> Self {
        let mut page = PageTokens::for_texts(texts);
        for (b, text) in texts.iter().enumerate() {
            page.push(text);
            each(text, page.block(b));
        }
        page
    }

    /// No tokens yet, with room for the words of `texts`.
    pub(crate) fn for_texts(texts: &[std::borrow::Cow<str>]) -> Self {
        // English prose has a word in five to seven bytes: room for the
        // densest at once (growing copies every token made so far).
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let mut bounds = Vec::with_capacity(texts.len() + 1);
        bounds.push(0);
        PageTokens {
            toks: Vec::with_capacity(bytes / 5),
            bounds,
        }
    }

    /// Adds the words of the next block's text.
    pub(crate) fn push(&mut self, text: &'a str) {
        for_each_word(text, |start, end| {
            self.toks.push(Token {
                start,
                word: &text[start..end],
            })
        });
        self.bounds.push(self.toks.len());
    }

    /// Adds the next block's words, known as (start, length) byte spans
    /// of its text (kept from an equal text).
    pub(crate) fn push_spans(&mut self, text: &'a str, spans: &[(u32, u32)]) {
        self.toks.extend(spans.iter().map(|&(start, len)| {
            let start = start as usize;
            Token {
                start,
                word: &text[start..start + len as usize],
            }
        }));
        self.bounds.push(self.toks.len());
    }

    pub(crate) fn block(&self, b: usize) -> &[Token<'a>] {
        &self.toks[self.bounds[b]..self.bounds[b + 1]]
    }

    /// How many blocks' words there are.
    pub(crate) fn blocks(&self) -> usize {
        self.bounds.len() - 1
    }

    /// Where block `b`'s words end in [`PageTokens::toks`].
    pub(crate) fn block_end(&self, b: usize) -> usize {
        self.bounds[b + 1]
    }
}

/// A word as it stands in running text: where it starts and the word
/// (its end follows; three fields took a third more memory to write and
/// read back, on every word of the page).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    pub(crate) start: usize,
    pub(crate) word: &'a str,
}

impl Token<'_> {
    pub(crate) fn end(&self) -> usize {
        self.start + self.word.len()
    }

    /// Whether the word opens with a capital: asked of every word of the
    /// page, so an ASCII first byte is read as it is, without decoding.
    pub(crate) fn capitalized(&self) -> bool {
        match self.word.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self.word.chars().next().is_some_and(char::is_uppercase),
        }
    }

    pub(crate) fn lowercase(&self) -> bool {
        match self.word.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_lowercase(),
            _ => self.word.chars().next().is_some_and(char::is_lowercase),
        }
    }
}

/// The host named by what follows a URL's `//` (`user@host:port/path?q`):
/// the link rules of the core and the CLI's page context read it alike.
pub(crate) fn authority_host(rest: &str) -> Option<&str> {
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// The characters of `text` with their byte offsets, in a list allocated
/// once: collecting them sized the list for a quarter of the bytes and
/// grew it, copying, on any text of more than a few bytes.
pub(crate) fn char_offsets(text: &str) -> Vec<(usize, char)> {
    let mut out = Vec::with_capacity(text.chars().count());
    out.extend(text.char_indices());
    out
}

/// The characters of `text`, in a list allocated once (see [`char_offsets`]).
pub(crate) fn chars_of(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.chars().count());
    out.extend(text.chars());
    out
}

/// Words before a noun: a phrase after one of them is that noun.
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
    "those", "every", "each", "some", "any", "no", "whose",
];

/// Prepositions, which take an object: a phrase between one of them (or a
/// conjunction) and a conjunction is an item of a list ("at X and Y"); a
/// mark right after one is no dash ("handling of ? in URLs").
pub(crate) const PREPOSITIONS: &[&str] = &[
    "of",
    "from",
    "by",
    "with",
    "at",
    "in",
    "on",
    "for",
    "about",
    "including",
    "like",
    "via",
    "into",
    "onto",
    "through",
    "between",
    "among",
    "against",
    "toward",
    "towards",
    "without",
    "within",
    "near",
    "over",
    "under",
    "than",
    "as",
    "behind",
    "across",
    "after",
    "before",
    "during",
    "since",
    "until",
    "upon",
    "beside",
    "besides",
    "plus",
    "per",
];

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
            // Eight ASCII bytes at a time: most text is ASCII, and a byte
            // loop spent most of its time on the branch per byte.
            if let Some(chunk) = ascii_chunk(bytes, i) {
                let alnum = ascii_alphanumeric_bytes(chunk);
                let edges = if word { !alnum & HIGH_BITS } else { alnum };
                if edges != 0 {
                    return Some(i + edges.trailing_zeros() as usize / 8);
                }
                i += 8;
                continue;
            }
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

/// The eight bytes at `i` as one integer (first byte lowest), when there
/// are eight and all are ASCII.
pub(crate) fn ascii_chunk(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
    let chunk = u64::from_le_bytes(chunk);
    (chunk & HIGH_BITS == 0).then_some(chunk)
}

pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
const LOW_BITS: u64 = 0x0101_0101_0101_0101;

/// For eight ASCII bytes, the high bit of each byte that is at least `lo`.
fn bytes_at_least(chunk: u64, lo: u8) -> u64 {
    ((chunk | HIGH_BITS) - LOW_BITS * u64::from(lo)) & HIGH_BITS
}

/// For eight ASCII bytes, the high bit of each byte that is a letter or digit.
pub(crate) fn ascii_alphanumeric_bytes(chunk: u64) -> u64 {
    let in_range = |x: u64, lo: u8, hi: u8| bytes_at_least(x, lo) & !bytes_at_least(x, hi + 1);
    // Setting bit 5 folds upper case onto lower case and moves no other
    // byte into a..z ('@' → '`', '[' → '{').
    in_range(chunk, b'0', b'9') | in_range(chunk | 0x2020_2020_2020_2020, b'a', b'z')
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
    static COMMON: std::sync::OnceLock<FastMap<&'static str, ()>> = std::sync::OnceLock::new();
    let common = COMMON.get_or_init(|| {
        include_str!("common_en.txt")
            .lines()
            .map(|w| (w, ()))
            .collect()
    });
    // The list's words are of ASCII letters and short: an ASCII word is
    // lowercased on the stack, with no string made; others (`K` KELVIN
    // SIGN lowercases to `k`) as before.
    let mut buf = [0u8; COMMON_LONGEST];
    match buf.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(|w| common.contains_key(w))
        }
        _ if word.is_ascii() => false,
        _ => common.contains_key(word.to_lowercase().as_str()),
    }
}

/// The length of the longest word of `common_en.txt`, checked by a test.
const COMMON_LONGEST: usize = 15;

/// Whether `word` is one of [`SENTENCE_OPENERS`], looked up among the few
/// of its first letter and length instead of compared with all of them:
/// the spam detector asks at capitalized runs, the linebreak detector at
/// broken lines.
pub fn is_sentence_opener(word: &str) -> bool {
    // Every opener is capitalized and shorter than `LONGEST`.
    const LONGEST: usize = 12;
    let shape = |w: &str| {
        let first = *w.as_bytes().first()?;
        (first.is_ascii_uppercase() && w.len() < LONGEST)
            .then(|| usize::from(first - b'A') * LONGEST + w.len())
    };
    static BY_SHAPE: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    let table = BY_SHAPE.get_or_init(|| {
        let mut table = vec![Vec::new(); 26 * LONGEST];
        for &w in SENTENCE_OPENERS {
            table[shape(w).expect("openers are capitalized and short")].push(w);
        }
        table
    });
    shape(word).is_some_and(|at| table[at].contains(&word))
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

/// The length in bytes of the longest word in `lists`, worked out at compile
/// time for the word tables that bound a lookup by length.
pub(crate) const fn longest_in(lists: &[&[&str]]) -> usize {
    let (mut longest, mut k) = (0, 0);
    while k < lists.len() {
        let mut i = 0;
        while i < lists[k].len() {
            if lists[k][i].len() > longest {
                longest = lists[k][i].len();
            }
            i += 1;
        }
        k += 1;
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_english_words_fit_the_lowercasing_buffer() {
        let longest = include_str!("common_en.txt").lines().map(str::len).max();
        assert_eq!(longest, Some(COMMON_LONGEST));
        assert!(include_str!("common_en.txt")
            .lines()
            .all(|w| w.bytes().all(|b| b.is_ascii_lowercase())));
    }

    proptest::proptest! {
        /// The stack-lowercased lookup answers as a lookup of the word
        /// lowercased into a string.
        #[test]
        fn common_english_reads_as_the_lowercased_word(
            word in "[a-zA-Z]{0,17}|[A-Za-z]{1,4}[\u{212A}\u{130}é]?[a-z]{0,4}|(The|OF|Your|Company|Information)"
        ) {
            let list: std::collections::HashSet<&str> = include_str!("common_en.txt").lines().collect();
            proptest::prop_assert_eq!(is_common_english(&word), list.contains(word.to_lowercase().as_str()));
        }
    }

    #[test]
    fn the_eight_byte_scan_agrees_with_the_byte_scan() {
        for b in 0u8..0x80 {
            let chunk = u64::from_le_bytes([b, b' ', b'a', b'Z', b'0', b'9', b'@', b'[']);
            let mask = ascii_alphanumeric_bytes(chunk);
            let want =
                [b, b' ', b'a', b'Z', b'0', b'9', b'@', b'['].map(|x| x.is_ascii_alphanumeric());
            for (k, &w) in want.iter().enumerate() {
                assert_eq!(mask & (0x80 << (8 * k)) != 0, w, "byte {b:#x} at {k}");
            }
        }
        let text = "Plain ASCII text, long enough for chunks: don’t stop—Ünïcode 42x ok_then";
        let slow: Vec<_> = text
            .char_indices()
            .filter(|&(i, c)| {
                is_word_char(c) && !text[..i].chars().next_back().is_some_and(is_word_char)
            })
            .map(|(i, _)| i)
            .collect();
        let fast: Vec<_> = words(text).map(|(i, _)| i).collect();
        assert_eq!(fast, slow);
    }

    #[test]
    fn the_letter_shortcuts_agree_with_the_unicode_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn for_each_word_finds_the_same_words() {
        let text = "Plain ASCII text, long enough for chunks: don’t stop—Ünïcode 42x ok_then. \
            Уважаемый посетитель, 評論 x";
        // Long enough for several 64-byte blocks, ASCII or not, and
        // padded so that words and characters straddle their edges.
        let text = format!("{text} {}{text}", "Word, and digits 1234567890. ".repeat(9));
        for pad in 0..70 {
            let padded = format!("{}{text}{}", "a ".repeat(pad), "z".repeat(pad));
            let want: Vec<_> = words(&padded).map(|(i, w)| (i, i + w.len())).collect();
            let mut got = Vec::new();
            for_each_word(&padded, |s, e| got.push((s, e)));
            assert_eq!(got, want, "padded by {pad}");
        }
        // Every length of text, so the last block ends at every byte of one.
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            let cut = &text[..end];
            let want: Vec<_> = words(cut).map(|(i, w)| (i, i + w.len())).collect();
            let mut got = Vec::new();
            for_each_word(cut, |s, e| got.push((s, e)));
            assert_eq!(got, want, "cut at {end}");
        }
    }

    proptest::proptest! {
        /// The 64-byte blocks find the words the character scan finds,
        /// whatever characters straddle the blocks' edges.
        #[test]
        fn blocks_find_the_words_characters_do(text in "[ a-zA-Z0-9.,'éüßİЖжщ’—\u{212A}\u{1F600}評]{0,400}|\\PC{0,200}") {
            let want: Vec<_> = words(&text).map(|(i, w)| (i, i + w.len())).collect();
            let mut got = Vec::new();
            for_each_word(&text, |s, e| got.push((s, e)));
            proptest::prop_assert_eq!(got, want);
        }
    }

    proptest::proptest! {
        /// The bytes picked 32 at a time are those a byte-by-byte filter picks.
        #[test]
        fn picked_bytes_are_the_filtered_ones(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            for pick in [|b: u8| b >= 0xC2, |b: u8| b == 0, |b: u8| b.is_multiple_of(3)] {
                let want: Vec<usize> = (0..bytes.len()).filter(|&i| pick(bytes[i])).collect();
                let got: Vec<usize> = picked_bytes(&bytes, pick).collect();
                proptest::prop_assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn sentence_openers_are_told_by_their_shape() {
        for w in SENTENCE_OPENERS {
            assert!(is_sentence_opener(w), "{w}");
            for other in [w.to_lowercase(), w.to_uppercase(), format!("{w}s")] {
                let listed = SENTENCE_OPENERS.contains(&other.as_str());
                assert_eq!(is_sentence_opener(&other), listed, "{other}");
            }
        }
        for w in [
            "",
            "Thee",
            "Zebra",
            "Ünïcode",
            "Meanwhiles",
            "Notwithstanding",
        ] {
            assert!(!is_sentence_opener(w), "{w}");
        }
    }

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
