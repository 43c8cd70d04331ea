//! Light language identification: the script of the letters, and for the
//! alphabetic scripts shared by many languages (Latin, Cyrillic) a profile of
//! very frequent function words. Enough to tell whether a short passage is in
//! another language than the page around it; not a general-purpose detector.

use std::sync::OnceLock;

use crate::text::{high_bits_gathered, FastMap};

/// A writing system, as far as telling languages apart needs it. Chinese
/// (Han alone) and Japanese (Han with kana) are told apart here, because a
/// Chinese notice on a Japanese page is foreign although both use Han.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Armenian,
    Georgian,
    Hebrew,
    Arabic,
    Devanagari,
    Bengali,
    Tamil,
    Thai,
    Hangul,
    Kana,
    Han,
    Other,
}

const SCRIPTS: usize = 15;

impl Script {
    fn index(self) -> usize {
        self as usize
    }

    fn from_index(i: usize) -> Script {
        use Script::*;
        [
            Latin, Cyrillic, Greek, Armenian, Georgian, Hebrew, Arabic, Devanagari, Bengali, Tamil,
            Thai, Hangul, Kana, Han, Other,
        ][i]
    }

    /// Whether words in this script are separated by spaces (so a word
    /// boundary means something).
    pub fn spaced(self) -> bool {
        !matches!(self, Script::Han | Script::Kana | Script::Thai)
    }
}

/// The script of a letter; `None` for digits, punctuation, symbols and spaces.
pub fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    if !crate::text::is_letter(c) {
        return None;
    }
    Some(match u {
        0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0530..=0x058F => Script::Armenian,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0900..=0x097F => Script::Devanagari,
        0x0980..=0x09FF => Script::Bengali,
        0x0B80..=0x0BFF => Script::Tamil,
        0x0E00..=0x0E7F => Script::Thai,
        0x10A0..=0x10FF => Script::Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => Script::Han,
        _ => Script::Other,
    })
}

/// Function words per language: the most frequent short words, which any
/// running text is full of and which differ between languages. A word may
/// belong to several languages; it then counts for each.
const STOPWORDS: &[(&str, &str)] = &[
    ("en", "the in a and of to is was that for with it on are be this have from by at they you he she we an or not but his her which would has had been will their what there can more about if who as our my your one all also than these when so do out up its into just were them"),
    ("de", "der die das und in am an ist nicht ein eine einen einem sie ich wir ihr es zu mit auf für von den dem des im auch sich als bei nach wie aus noch wird werden wurde sind hat haben oder aber nur ihnen ihrem ihre dass über vor zum zur kann so"),
    ("fr", "de un à y ont comme on lui même aussi entre sans sous le la les et est une des du que qui pas pour dans sur au aux avec ce cette ces il elle nous vous ils sont être été avait mais ou plus par en sa son ses leur se ne qu c'est n'est a été était très tout"),
    ("es", "a el la los las y es un una que de del en por con para se no su sus al lo como más pero ha han fue son está este esta esto le les sin sobre entre también muy ya o hay era"),
    ("it", "a i il lo la gli le e è un una che di del della dei delle in per con non si sono al alla nel nella come più ma anche ha hanno questo questa da dal dalla ci ne essere stato era"),
    ("pt", "o a os as e é um uma que de do da dos das em no na nos nas por para com não se seu sua ao à mais mas foi são está este esta isso como ou também muito já pelo pela"),
    ("nl", "de het een en is van dat die niet in op te met voor zijn er aan ook als bij maar om dan nog wordt werd hebben heeft was of door naar ze je hij wij uit deze dit"),
    ("pl", "i w z na się nie jest to że do o jak jako lub oraz ale po od przez dla są być czy tak tylko już który która które jego jej ich przy a co go tym ten ta też także może było był była"),
    ("cs", "a v se na je že to s z do o k i jako ale by jsou jsme jsem není být který která které jeho jejich pro podle po při také už jen tak nebo však když ještě bylo byl byla může než"),
    ("sk", "a v sa na je že to s z do o k i ako ale by sú sme som nie byť ktorý ktorá ktoré jeho ich pre podľa po pri tiež už len tak alebo však keď ešte bolo bol bola môže než"),
    ("ro", "să vă mă îi dacă după despre însă foarte fie și în de la a cu pe nu este un o care din ca se mai sau dar pentru sunt au fost ce fi acest această prin lui ei le al ale"),
    ("hu", "a az és hogy nem is egy van volt meg csak de el ez azt mint még már ki be vagy pedig kell lesz nagyon után szerint minden"),
    ("tr", "ve bir bu da de için ile olarak çok daha gibi olan en ne var ki ama o şu her değil sonra kadar göre olduğu oldu"),
    ("sv", "och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan eller hon du dig"),
    ("da", "og i at det som en på er af for med til den har de ikke om et han men var jeg sig fra vi så kan eller hun du dig"),
    ("no", "og i at det som en på er av for med til den har de ikke om et han men var jeg seg fra vi så kan eller hun du deg"),
    ("fi", "ja on ei se että hän oli ovat mutta kuin tai myös niin kun joka mitä jos vain ole olla sen hänen"),
    ("id", "dan yang di ke dari ini itu dengan untuk tidak ada dalam akan pada juga atau saya kami anda mereka sudah karena oleh"),
    ("vi", "và của là có không được cho một những trong với các người này đã đó khi để từ như thì cũng"),
    ("hr", "i u je se na da za od su ne to kao što ili ali sa iz po bio bila biti koji koja koje će"),
    ("sl", "in je se na da za od so ne to kot ali pa z iz po bil bila biti ki tudi"),
    ("la", "et in est non ut sed ad cum qui quae quod ex eu id enim nisi quis sunt esse atque"),
    ("ca", "el la els les i és un una que de del en per amb no es als al com més però ha han va són aquest aquesta"),
    ("ru", "и в не на что он с я как а по это к но она они мы из у за вы так же от было все его для был до ее или бы уже только если есть быть их когда тоже может этот которые который при"),
    ("uk", "і в не на що він з я як а по це до але вона вони ми із у за ви так ж від було все його для був її або б вже тільки якщо є бути їх коли теж може цей які який при та й"),
    ("bg", "и в не на че той с аз как а по това към но тя те ние от за вие така са е да се беше всички неговото за бил до или вече само ако има"),
    ("sr", "и у је се на да за од су не то као што или али са из по био била бити који која које ће"),
];

/// The language codes, and each function word with the set of languages
/// it belongs to (by its [`SetId`]).
struct StopwordTable {
    codes: Vec<&'static str>,
    /// The script of each language, by code index.
    scripts: Vec<Script>,
    /// Each set of languages some function word belongs to (bits by code
    /// index), by [`SetId`].
    sets: Vec<u32>,
    words: FastMap<&'static str, SetId>,
    /// Per first byte, a bit per length (in bytes) of the function words
    /// that start with it: most other words need no lookup.
    shapes: Vec<u64>,
    /// The function words of ASCII letters, packed (see [`pack_ascii`]), in
    /// an open-addressed table of [`ASCII_SLOTS`] by [`ascii_slot`]: a word
    /// is found in a probe or two (a list per first letter and length held
    /// a dozen words to compare for the common openings of English words).
    /// An empty slot is 0, which no word packs to.
    ascii: Vec<(u128, SetId)>,
}

/// Slots of [`StopwordTable::ascii`], a power of two: a few times the words.
const ASCII_SLOTS: usize = 2048;

/// The first slot to probe for a packed word.
fn ascii_slot(packed: u128) -> usize {
    let mixed = (packed as u64) ^ ((packed >> 64) as u64).rotate_left(29);
    (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - ASCII_SLOTS.trailing_zeros())) as usize
}

/// The index of a set of languages in [`StopwordTable::sets`]: a profile
/// tallies a text's function words by it, in an array, and turns the
/// tallies into counts per language once per text, not once per word.
type SetId = u8;

/// Room for the sets of languages in a [`Tally`] (the lists make 113).
const SETS: usize = 128;

/// Longest word kept in [`StopwordTable::ascii`].
const PACKED: usize = 16;

/// Up to [`PACKED`] bytes as one integer.
fn pack_ascii(bytes: &[u8]) -> u128 {
    let mut buf = [0u8; PACKED];
    buf[..bytes.len()].copy_from_slice(bytes);
    u128::from_le_bytes(buf)
}

/// The first `len` bytes of `bytes`, all ASCII letters (`len` at most
/// [`PACKED`]), lower-cased and packed as [`pack_ascii`] packs them.
fn pack_lowercase(bytes: &[u8], len: usize) -> u128 {
    // With 16 bytes at hand they are read at once: a letter's case bit is
    // 0x20, and the bytes past the word are masked off.
    if let Some(chunk) = bytes.get(..PACKED) {
        let all = u128::from_le_bytes(chunk.try_into().unwrap_or([0; PACKED]));
        let word = u128::MAX >> (8 * (PACKED - len));
        return (all | u128::from_le_bytes([0x20; PACKED])) & word;
    }
    // Near the end of the text, shifted in a byte at a time.
    bytes[..len]
        .iter()
        .rev()
        .fold(0u128, |v, &b| (v << 8) | u128::from(b.to_ascii_lowercase()))
}

impl StopwordTable {
    /// The languages `word` (lower-cased) is a function word of, as bits.
    fn languages(&self, word: &str) -> Option<u32> {
        self.set_of(word).map(|id| self.sets[usize::from(id)])
    }

    /// The [`SetId`] of the languages `word` (lower-cased) is a function word of.
    fn set_of(&self, word: &str) -> Option<SetId> {
        let first = usize::from(*word.as_bytes().first()?);
        let len = word.len();
        if len >= 64 || self.shapes[first] & (1 << len) == 0 {
            return None;
        }
        self.words.get(word).copied()
    }

    /// [`StopwordTable::set_of`] the word of the first `len` bytes
    /// of `bytes` (ASCII letters in any case), lower-cased on the stack
    /// only when its first letter and length are those of some function word.
    #[inline(always)]
    fn ascii_set_of(&self, bytes: &[u8], len: usize) -> Option<SetId> {
        let first = bytes[0].to_ascii_lowercase();
        if len >= 64 || self.shapes[usize::from(first)] & (1 << len) == 0 {
            return None;
        }
        match bytes.get(..8) {
            Some(chunk) if len <= 8 => self.short_set_of(chunk, len),
            _ => self.long_set_of(bytes, len),
        }
    }

    /// [`StopwordTable::ascii_set_of`] a word of at most eight letters,
    /// with eight bytes at hand: packed with one load and a mask.
    #[inline(always)]
    fn short_set_of(&self, chunk: &[u8], len: usize) -> Option<SetId> {
        let all = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let packed = (all | 0x2020_2020_2020_2020) & (u64::MAX >> (8 * (8 - len)));
        self.probe(u128::from(packed))
    }

    /// [`StopwordTable::ascii_set_of`] a longer word, or one near the end of the text.
    #[inline(never)]
    fn long_set_of(&self, bytes: &[u8], len: usize) -> Option<SetId> {
        let first = bytes[0].to_ascii_lowercase();
        let rest = &bytes[1..len];
        if len > PACKED {
            let mut buf = [0u8; 64];
            buf[0] = first;
            buf[1..len].copy_from_slice(rest);
            buf[1..len].make_ascii_lowercase();
            return self
                .words
                .get(std::str::from_utf8(&buf[..len]).ok()?)
                .copied();
        }
        self.probe(pack_lowercase(bytes, len))
    }

    /// The [`SetId`] of a word packed by [`pack_ascii`], from [`StopwordTable::ascii`].
    #[inline(always)]
    fn probe(&self, packed: u128) -> Option<SetId> {
        let mut slot = ascii_slot(packed);
        loop {
            match self.ascii[slot] {
                (0, _) => return None,
                (word, id) if word == packed => return Some(id),
                _ => slot = (slot + 1) % ASCII_SLOTS,
            }
        }
    }
}

/// Whether the lowercase `word` is one of the function words of the language `code`.
pub fn is_function_word(word: &str, code: &str) -> bool {
    let table = stopword_table();
    match table.codes.iter().position(|c| *c == code) {
        Some(i) => table
            .languages(word)
            .is_some_and(|mask| mask & (1 << i) != 0),
        None => false,
    }
}

/// Whether the lowercase `word` is a function word of any language known here.
pub fn is_any_function_word(word: &str) -> bool {
    stopword_table().languages(word).is_some()
}

fn stopword_table() -> &'static StopwordTable {
    static TABLE: OnceLock<StopwordTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut masks: FastMap<&'static str, u32> = FastMap::default();
        let codes: Vec<&'static str> = STOPWORDS.iter().map(|(code, _)| *code).collect();
        for (i, (_, list)) in STOPWORDS.iter().enumerate() {
            for w in list.split_whitespace() {
                *masks.entry(w).or_default() |= 1 << i;
            }
        }
        let mut sets: Vec<u32> = masks.values().copied().collect();
        sets.sort_unstable();
        sets.dedup();
        assert!(sets.len() <= SETS);
        let words: FastMap<&'static str, SetId> = masks
            .iter()
            .map(|(&w, mask)| (w, sets.binary_search(mask).unwrap_or(0) as SetId))
            .collect();
        let mut shapes = vec![0u64; 256];
        for w in words.keys() {
            assert!(w.len() < 64);
            shapes[usize::from(w.as_bytes()[0])] |= 1 << w.len();
        }
        let mut ascii = vec![(0u128, 0); ASCII_SLOTS];
        for (w, &id) in &words {
            let b = w.as_bytes();
            if b.len() <= PACKED && b.iter().all(u8::is_ascii_lowercase) {
                let packed = pack_ascii(b);
                let mut slot = ascii_slot(packed);
                while ascii[slot].0 != 0 {
                    slot = (slot + 1) % ASCII_SLOTS;
                }
                ascii[slot] = (packed, id);
            }
        }
        StopwordTable {
            scripts: codes.iter().map(|c| lang_script(c)).collect(),
            codes,
            sets,
            words,
            shapes,
            ascii,
        }
    })
}

const LANGS: usize = 27;

/// Letter counts per script and function-word counts per language of a text.
#[derive(Clone, Debug)]
pub struct Profile {
    letters: [u32; SCRIPTS],
    /// Han letters seen alongside kana count toward Japanese, see [`Profile::script`].
    words: u32,
    hits: [u32; LANGS],
    /// Hits per set of languages a word belongs to (by [`SetId`]), to
    /// compare two close languages on the words they do not share. An
    /// array, not a list of the sets seen: a page's profile is merged from
    /// its blocks', and a list was searched once per set for each block.
    by_set: [u32; SETS],
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            letters: [0; SCRIPTS],
            words: 0,
            hits: [0; LANGS],
            by_set: [0; SETS],
        }
    }
}

/// What [`Profile::language`] concludes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Guess {
    pub script: Script,
    /// A language code when the function words point to one clearly.
    pub lang: Option<&'static str>,
}

/// A text's function words, counted by their [`SetId`] while the text is
/// read: a count in an array, where each word found its set among the
/// profile's and counted each of its languages.
struct Tally {
    counts: [u32; SETS],
    /// A bit per [`SetId`] counted.
    used: u128,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            counts: [0; SETS],
            used: 0,
        }
    }
}

impl Tally {
    fn add(&mut self, id: SetId) {
        self.counts[usize::from(id)] += 1;
        self.used |= 1 << id;
    }
}

impl Profile {
    pub fn of(text: &str) -> Profile {
        let mut p = Profile::default();
        p.add(text);
        p
    }

    /// Adds a text's letters and words to the profile.
    pub fn add(&mut self, text: &str) {
        let table = stopword_table();
        let mut tally = Tally::default();
        let mut word = String::new();
        let mut latin = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // ASCII first: most letters of most pages, with no table to
            // consult, read a stretch of words at a time.
            if word.is_empty() && bytes[i].is_ascii() {
                let (end, letters) = self.ascii_words(table, &mut tally, bytes, i);
                latin += letters;
                if end > i {
                    i = end;
                    continue;
                }
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if c.is_ascii() {
                if c.is_ascii_alphabetic() {
                    latin += 1;
                    word.push(c.to_ascii_lowercase());
                } else if c == '\'' && !word.is_empty() {
                    word.push('\'');
                } else {
                    // The separators after it are skipped with the next words.
                    self.count_word(table, &mut tally, &mut word);
                }
                continue;
            }
            match script_of(c) {
                Some(s) => {
                    self.letters[s.index()] += 1;
                    if s.spaced() {
                        word.extend(c.to_lowercase());
                    } else {
                        self.count_word(table, &mut tally, &mut word);
                    }
                }
                // An apostrophe inside a word keeps it whole (c'est, n'est).
                None if c == '’' && !word.is_empty() => word.push('\''),
                None => self.count_word(table, &mut tally, &mut word),
            }
        }
        self.count_word(table, &mut tally, &mut word);
        self.letters[Script::Latin.index()] += latin;
        self.count_tally(table, &tally);
    }

    /// Counts the words of ASCII letters from `i` on, between ASCII
    /// separators (no word is open at `i`): most words of most pages, read
    /// without copying them letter by letter. Stops at the end of the
    /// text, at a non-ASCII byte, or at a word that goes on past its ASCII
    /// letters (an apostrophe or a non-ASCII byte after them), which is
    /// read a character at a time. Returns where it stopped and the
    /// letters it counted.
    ///
    /// The text is read 64 bytes at a time into a bit per letter and per
    /// byte past ASCII, and words are found by scanning bits: a search for
    /// each word's start and end, with its own exits, was most of
    /// profiling a page.
    fn ascii_words(
        &mut self,
        table: &StopwordTable,
        tally: &mut Tally,
        bytes: &[u8],
        mut i: usize,
    ) -> (usize, u32) {
        let mut letters = 0;
        while i < bytes.len() {
            // The last stretch, padded with zeros (no letters, nothing past
            // ASCII), is read as a block too: a word ends at the padding as
            // at the end of the text, and none runs past it.
            let padded;
            let block = match bytes.get(i..i + 64) {
                Some(block) => block,
                None => {
                    let mut zeros = [0u8; 64];
                    zeros[..bytes.len() - i].copy_from_slice(&bytes[i..]);
                    padded = zeros;
                    &padded
                }
            };
            let (alpha, high) = letter_masks(block);
            // Where reading goes on in the block, never inside a word.
            let mut at = 0;
            loop {
                let solid = (alpha | high) & (u64::MAX << at);
                if solid == 0 {
                    at = 64;
                    break;
                }
                let start = solid.trailing_zeros() as usize;
                if high & (1 << start) != 0 {
                    return (i + start, letters);
                }
                let ends = !alpha & (u64::MAX << start);
                if ends == 0 {
                    // The word runs past the block: read from its start on.
                    at = start;
                    break;
                }
                let end = ends.trailing_zeros() as usize;
                if block[end] == b'\'' || block[end] >= 0x80 {
                    return (i + start, letters);
                }
                let len = end - start;
                self.words += 1;
                if let Some(id) = table.ascii_set_of(&bytes[i + start..], len) {
                    tally.add(id);
                }
                letters += len as u32;
                at = end;
            }
            if at == 0 {
                // A word of 64 letters or more.
                break;
            }
            i += at;
        }
        // Past a padded block, reading stopped at the end of the text.
        let i = i.min(bytes.len());
        let (end, rest) = self.ascii_words_one_by_one(table, tally, bytes, i);
        (end, letters + rest)
    }

    /// [`Profile::ascii_words`] a word at a time: for a word of 64 letters
    /// or more, which no block holds.
    fn ascii_words_one_by_one(
        &mut self,
        table: &StopwordTable,
        tally: &mut Tally,
        bytes: &[u8],
        mut i: usize,
    ) -> (usize, u32) {
        let mut letters = 0;
        loop {
            i += leading_ascii_separators(&bytes[i..]);
            if i == bytes.len() || !bytes[i].is_ascii() {
                return (i, letters);
            }
            let len = leading_ascii_letters(&bytes[i..]);
            if bytes.get(i + len).is_some_and(|&b| b == b'\'' || b >= 0x80) {
                return (i, letters);
            }
            self.words += 1;
            if let Some(id) = table.ascii_set_of(&bytes[i..], len) {
                tally.add(id);
            }
            letters += len as u32;
            i += len;
        }
    }

    /// Counts a finished word (lower-cased) and empties it.
    fn count_word(&mut self, table: &StopwordTable, tally: &mut Tally, word: &mut String) {
        if word.is_empty() {
            return;
        }
        self.words += 1;
        if let Some(id) = table.set_of(word) {
            tally.add(id);
        }
        word.clear();
    }

    /// Counts the function words of a text, tallied by [`SetId`].
    fn count_tally(&mut self, table: &StopwordTable, tally: &Tally) {
        let mut used = tally.used;
        while used != 0 {
            let id = used.trailing_zeros() as usize;
            used &= used - 1;
            self.count_set(table, id, tally.counts[id]);
        }
    }

    /// Counts `n` function words of the set `id` of languages.
    fn count_set(&mut self, table: &StopwordTable, id: usize, n: u32) {
        self.by_set[id] += n;
        // Hits for each language of the words: their bits, not all 27.
        let mut bits = table.sets[id];
        while bits != 0 {
            self.hits[bits.trailing_zeros() as usize] += n;
            bits &= bits - 1;
        }
    }

    /// Adds (`sign` > 0) or takes away another profile's counts.
    pub fn merge(&mut self, other: &Profile, sign: i32) {
        // One loop per sign, so each is a plain vector add or subtract.
        fn fold(a: &mut [u32], b: &[u32], sign: i32) {
            if sign > 0 {
                a.iter_mut().zip(b).for_each(|(a, &b)| *a += b);
            } else {
                a.iter_mut()
                    .zip(b)
                    .for_each(|(a, &b)| *a = a.saturating_sub(b));
            }
        }
        fold(&mut self.letters, &other.letters, sign);
        fold(std::slice::from_mut(&mut self.words), &[other.words], sign);
        fold(&mut self.hits, &other.hits, sign);
        fold(&mut self.by_set, &other.by_set, sign);
    }

    pub fn letters(&self) -> u32 {
        self.letters.iter().sum()
    }

    pub fn words(&self) -> u32 {
        self.words
    }

    /// The share of letters in `script`, with Japanese counting its Han too.
    pub fn share(&self, script: Script) -> f32 {
        let total = self.letters().max(1) as f32;
        let n = match script {
            Script::Kana if self.is_japanese() => {
                self.letters[Script::Kana.index()] + self.letters[Script::Han.index()]
            }
            Script::Han if self.is_japanese() => 0,
            s => self.letters[s.index()],
        };
        n as f32 / total
    }

    fn is_japanese(&self) -> bool {
        let kana = self.letters[Script::Kana.index()];
        let han = self.letters[Script::Han.index()];
        kana > 0 && kana * 10 >= (kana + han)
    }

    /// The dominant writing system; Japanese reports as [`Script::Kana`].
    pub fn script(&self) -> Option<Script> {
        let mut counts = self.letters;
        if self.is_japanese() {
            counts[Script::Kana.index()] += counts[Script::Han.index()];
            counts[Script::Han.index()] = 0;
        } else {
            // Kana sprinkled in Chinese text is not Japanese; Hangul text may carry Han.
            counts[Script::Han.index()] += counts[Script::Kana.index()];
            counts[Script::Kana.index()] = 0;
        }
        let (i, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
        (n > 0).then(|| Script::from_index(i))
    }

    /// Function-word hits per 100 words for the language `code`.
    pub fn rate(&self, code: &str) -> f32 {
        let codes = &stopword_table().codes;
        match codes.iter().position(|c| *c == code) {
            Some(i) => 100.0 * self.hits[i] as f32 / self.words.max(1) as f32,
            None => 0.0,
        }
    }

    /// The language whose function words are clearly the most frequent in the
    /// dominant script, if any: at least `min_hits` and ahead of the next one.
    pub fn best_lang(&self, min_hits: u32) -> Option<&'static str> {
        let table = stopword_table();
        let script = self.script()?;
        // The greatest (hits, index) of the script's languages, and the
        // most hits among the others: the first two of them ranked.
        let mut first: Option<(u32, usize)> = None;
        let mut second = 0;
        for (i, &h) in self.hits.iter().enumerate() {
            if table.scripts[i] != script {
                continue;
            }
            match first {
                Some(top) if (h, i) < top => second = second.max(h),
                Some(top) => {
                    second = second.max(top.0);
                    first = Some((h, i));
                }
                None => first = Some((h, i)),
            }
        }
        let (best, i) = first?;
        // Any lead will do: shared words count for both, so a lead is a lead
        // in the words the two languages do not share.
        (best >= min_hits && best > second).then(|| table.codes[i])
    }

    /// The language of the dominant script with the most function words,
    /// however slight its lead, and its rate.
    pub fn top_lang(&self) -> Option<(&'static str, f32)> {
        let table = stopword_table();
        let codes = &table.codes;
        let script = self.script()?;
        let (i, &hits) = self
            .hits
            .iter()
            .enumerate()
            .filter(|(i, _)| table.scripts[*i] == script)
            .max_by_key(|(i, h)| (**h, std::cmp::Reverse(*i)))?;
        (hits > 0).then(|| (codes[i], self.rate(codes[i])))
    }

    /// Function-word hits for the language `code`.
    pub fn hits(&self, code: &str) -> u32 {
        let codes = &stopword_table().codes;
        codes
            .iter()
            .position(|c| *c == code)
            .map_or(0, |i| self.hits[i])
    }

    /// Hits of words that belong to `lang` but not to `other`.
    pub fn exclusive_hits(&self, lang: &str, other: &str) -> u32 {
        let codes = &stopword_table().codes;
        let bit = |code: &str| {
            codes
                .iter()
                .position(|c| *c == code)
                .map_or(0, |i| 1u32 << i)
        };
        let (a, b) = (bit(lang), bit(other));
        let sets = &stopword_table().sets;
        sets.iter()
            .zip(&self.by_set)
            .filter(|(m, _)| *m & a != 0 && *m & b == 0)
            .map(|(_, n)| n)
            .sum()
    }

    /// Whether `code` has more function-word hits than any other language.
    pub fn leads(&self, code: &str) -> bool {
        let codes = &stopword_table().codes;
        let Some(at) = codes.iter().position(|c| *c == code) else {
            return false;
        };
        let own = self.hits[at];
        own > 0
            && self
                .hits
                .iter()
                .enumerate()
                .all(|(i, &h)| i == at || h < own)
    }

    /// The most function-word hits of any language.
    pub fn max_hits(&self) -> u32 {
        self.hits.iter().copied().max().unwrap_or(0)
    }

    pub fn guess(&self) -> Option<Guess> {
        Some(Guess {
            script: self.script()?,
            lang: self.best_lang(3),
        })
    }
}

/// How many ASCII letters `bytes` starts with, read eight bytes at a time:
/// a byte at a time, the loop's exit at each word's end is mispredicted
/// and the scan was a good part of profiling a page.
fn leading_ascii_letters(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let others = non_letters(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        if others != 0 {
            return n + (others.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let tail = &bytes[n..];
    n + tail
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(tail.len())
}

/// A bit per byte of a 64-byte `block` (the first lowest): its ASCII
/// letters, and its bytes past ASCII.
fn letter_masks(block: &[u8]) -> (u64, u64) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (mut alpha, mut high) = (0, 0);
    for (k, chunk) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        alpha |= high_bits_gathered(!non_letters(x) & HIGH) << (8 * k);
        high |= high_bits_gathered(x & HIGH) << (8 * k);
    }
    (alpha, high)
}

/// The high bit of each byte of `x` (eight bytes, the first lowest) that
/// is no ASCII letter, all other bits clear.
fn non_letters(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // Each byte on its low seven bits, a letter folded to lowercase; adding
    // to a byte below 0x80 what takes `a` (or past `z`) to 0x80 carries
    // into no other byte.
    let low = (x | (ONES * 0x20)) & !HIGH;
    let from_a = low + ONES * (0x80 - u64::from(b'a'));
    let past_z = low + ONES * (0x80 - u64::from(b'z') - 1);
    // A letter: from `a`, not past `z`, and ASCII (its own high bit clear).
    !(from_a & !past_z & !x) & HIGH
}

/// How many ASCII bytes that are no letters `bytes` starts with (spaces
/// and punctuation, which end a word and start none), read eight at a time.
fn leading_ascii_separators(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // A letter, or a byte past ASCII, ends the run.
        let stops = (!non_letters(x) & HIGH) | (x & HIGH);
        if stops != 0 {
            return n + (stops.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let tail = &bytes[n..];
    n + tail
        .iter()
        .position(|&b| b >= 0x80 || b.is_ascii_alphabetic())
        .unwrap_or(tail.len())
}

/// The script a stopword language is written in.
fn lang_script(code: &str) -> Script {
    match code {
        "ru" | "uk" | "bg" | "sr" => Script::Cyrillic,
        _ => Script::Latin,
    }
}

/// Whether `code` is one of the languages [`Profile`] can recognize.
pub fn known(code: &str) -> bool {
    code_of(code).is_some()
}

/// The recognized language code equal to `code`, with a static lifetime.
pub fn code_of(code: &str) -> Option<&'static str> {
    stopword_table().codes.iter().copied().find(|c| *c == code)
}

/// The primary subtag of a BCP 47 tag, lowercased: `pt-BR` → `pt`.
pub fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The script a declared language is normally written in, when known.
pub fn script_of_lang(code: &str) -> Option<Script> {
    Some(match code {
        "ru" | "uk" | "bg" | "sr" | "mk" | "be" | "kk" | "mn" => Script::Cyrillic,
        "el" => Script::Greek,
        "he" | "yi" => Script::Hebrew,
        "ar" | "fa" | "ur" | "ps" => Script::Arabic,
        "hi" | "mr" | "ne" => Script::Devanagari,
        "bn" => Script::Bengali,
        "ta" => Script::Tamil,
        "th" => Script::Thai,
        "ko" => Script::Hangul,
        "ja" => Script::Kana,
        "zh" => Script::Han,
        "hy" => Script::Armenian,
        "ka" => Script::Georgian,
        c if known(c) => Script::Latin,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_packed_lowercase_whatever_follows() {
        let text = b"ThE quick BROWN foxes jumpedOverTheLazyDog";
        for start in 0..text.len() {
            for len in 1..=PACKED.min(text.len() - start) {
                let word = &text[start..start + len];
                if !word.iter().all(u8::is_ascii_alphabetic) {
                    continue;
                }
                let lower = word.to_ascii_lowercase();
                assert_eq!(pack_lowercase(&text[start..], len), pack_ascii(&lower));
            }
        }
    }

    #[test]
    fn the_ascii_table_finds_every_function_word_of_ascii_letters() {
        let table = stopword_table();
        for (word, &id) in &table.words {
            if !word.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let upper = word.to_ascii_uppercase();
            for w in [
                word.to_string(),
                upper,
                format!("{word}x"),
                format!("x{word}"),
            ] {
                let want = table.set_of(&w.to_ascii_lowercase());
                assert_eq!(table.ascii_set_of(w.as_bytes(), w.len()), want, "{w}");
            }
            assert_eq!(table.ascii_set_of(word.as_bytes(), word.len()), Some(id));
        }
    }

    #[test]
    fn ascii_letters_are_counted_as_a_byte_scan_counts_them() {
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut bytes = b"abcdefghijKLMNOPQRstuvwxyz".to_vec();
                bytes.insert(at, b);
                let want = bytes.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                assert_eq!(leading_ascii_letters(&bytes), want, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn ascii_separators_are_counted_as_a_byte_scan_counts_them() {
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut bytes = b" ,.;:!?'\"()-0123456789 \t\n".to_vec();
                bytes.insert(at, b);
                let want = bytes
                    .iter()
                    .take_while(|c| c.is_ascii() && !c.is_ascii_alphabetic())
                    .count();
                assert_eq!(leading_ascii_separators(&bytes), want, "{b:#x} at {at}");
            }
        }
    }

    /// [`Profile::add`] a character at a time, with a hashed lookup of
    /// every word: what the shortcuts must agree with.
    fn reference(text: &str) -> Profile {
        let mut p = Profile::default();
        let mut word = String::new();
        let flush = |p: &mut Profile, word: &mut String| {
            if !word.is_empty() {
                p.words += 1;
                let table = stopword_table();
                if let Some(id) = table.set_of(word) {
                    p.count_set(table, usize::from(id), 1);
                }
                word.clear();
            }
        };
        for c in text.chars() {
            match script_of(c) {
                Some(s) if s.spaced() => {
                    p.letters[s.index()] += 1;
                    word.extend(c.to_lowercase());
                }
                Some(s) => {
                    p.letters[s.index()] += 1;
                    flush(&mut p, &mut word);
                }
                None if matches!(c, '\'' | '’') && !word.is_empty() => word.push('\''),
                None => flush(&mut p, &mut word),
            }
        }
        flush(&mut p, &mut word);
        p
    }

    #[test]
    fn profiles_count_as_a_character_by_character_reading() {
        let texts = [
            "The committee said that it would NOT change the rules, and THE end.",
            "don't it's c'est l'homme n’est O'Brien's 'quoted' rock'n'roll",
            "Mixed: l'été, naïve café; Он сказал, что это было не так. 您好 abc",
            "averyveryverylongwordthatgoesonandonwithoutendingatallreallylongerthan64letters the",
            "a1b2 x42y The-end... trailing'",
        ];
        for text in texts {
            for cut in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let t = &text[cut..];
                let (got, want) = (Profile::of(t), reference(t));
                assert_eq!(
                    (got.letters, got.words, got.hits),
                    (want.letters, want.words, want.hits),
                    "{t:?}"
                );
                assert_eq!(got.by_set, want.by_set, "{t:?}");
            }
        }
    }

    #[test]
    fn the_best_language_is_the_first_ranked_with_a_lead() {
        // Ranked as sorting (hits, index) from the greatest would rank them.
        fn ranked_best(p: &Profile, min_hits: u32) -> Option<&'static str> {
            let codes = &stopword_table().codes;
            let script = p.script()?;
            let mut ranked: Vec<(u32, usize)> = (0..LANGS)
                .filter(|&i| lang_script(codes[i]) == script)
                .map(|i| (p.hits[i], i))
                .collect();
            ranked.sort_by(|a, b| b.cmp(a));
            let (best, i) = *ranked.first()?;
            let second = ranked.get(1).map_or(0, |r| r.0);
            (best >= min_hits && best > second).then(|| codes[i])
        }
        let texts = [
            "The committee said that it would not change the rules this year.",
            "de la en el a o e i y",
            "Он сказал, что это было не так, и мы уже знаем.",
            "Він сказав, що це було не так, і ми вже знаємо.",
            "og i at det som en på er",
            "a",
            "",
            "您好",
        ];
        for text in texts {
            let p = Profile::of(text);
            for min_hits in 0..4 {
                assert_eq!(p.best_lang(min_hits), ranked_best(&p, min_hits), "{text:?}");
            }
        }
    }

    fn guess(text: &str) -> (Script, Option<&'static str>) {
        let g = Profile::of(text).guess().unwrap();
        (g.script, g.lang)
    }

    #[test]
    fn tells_scripts_apart() {
        assert_eq!(guess("Привет, как дела?").0, Script::Cyrillic);
        assert_eq!(guess("您好，游客！").0, Script::Han);
        assert_eq!(
            guess("フリーWi-Fiプロテクションインフラと連携する").0,
            Script::Kana
        );
        assert_eq!(guess("مرحبا بك في الموقع").0, Script::Arabic);
        assert_eq!(guess("안녕하세요 방문자님").0, Script::Hangul);
    }

    #[test]
    fn tells_latin_languages_apart() {
        assert_eq!(
            guess("The committee said that it would not change the rules this year.").1,
            Some("en")
        );
        assert_eq!(
            guess("Die Regierung hat gesagt, dass sie die Regeln nicht ändern wird.").1,
            Some("de")
        );
        assert_eq!(
            guess("Le gouvernement a dit qu'il ne changera pas les règles cette année.").1,
            Some("fr")
        );
        assert_eq!(
            guess("El gobierno dijo que no cambiará las reglas este año, pero hay dudas.").1,
            Some("es")
        );
        assert_eq!(
            guess("Rząd powiedział, że nie zmieni zasad w tym roku, ale są wątpliwości.").1,
            Some("pl")
        );
        assert_eq!(
            guess("Vláda uvedla, že pravidla letos nezmění, ale jsou tu pochybnosti, které jsme čekali.").1,
            Some("cs")
        );
    }

    #[test]
    fn tells_russian_from_ukrainian() {
        assert_eq!(
            guess("Он сказал, что это было не так, и мы уже знаем, как это было.").1,
            Some("ru")
        );
        assert_eq!(
            guess("Він сказав, що це було не так, і ми вже знаємо, як це було.").1,
            Some("uk")
        );
    }
}

#[cfg(test)]
mod scan_tests {
    use super::*;
    use proptest::prelude::*;

    /// What reading a text's ASCII words from its start leaves: where it
    /// stopped, the letters and words counted, and the function words.
    fn read(text: &str, at_once: bool) -> (usize, u32, u32, Vec<u32>) {
        let table = stopword_table();
        let mut profile = Profile::default();
        let mut tally = Tally::default();
        let (end, letters) = if at_once {
            profile.ascii_words(table, &mut tally, text.as_bytes(), 0)
        } else {
            profile.ascii_words_one_by_one(table, &mut tally, text.as_bytes(), 0)
        };
        (end, letters, profile.words, tally.counts.to_vec())
    }

    proptest! {
        /// Reading 64 bytes at a time finds what reading a word at a time
        /// finds, wherever the words and the blocks' ends fall.
        #[test]
        fn words_read_by_the_block_are_the_words_read_one_by_one(
            text in "([a-zA-Z]{1,12}|[ ,.0-9]{1,3}|the |and |in |'|’|é){0,60}( [a-z]{60,80})?"
        ) {
            prop_assert_eq!(read(&text, true), read(&text, false));
        }
    }

    #[test]
    fn a_word_across_a_block_end_and_a_long_word_are_read_whole() {
        let long = "x".repeat(70);
        for text in [
            format!("{} the end", "a ".repeat(31) + "word"),
            format!("the {long} and the rest of it, read one by one"),
            format!("{} the café", "in ".repeat(30)),
        ] {
            assert_eq!(read(&text, true), read(&text, false), "{text}");
        }
    }
}
