//! The banner detector: guest and registration notices that a CMS (DataLife
//! Engine, uCoz, Discuz, phpBB, vBulletin, WordPress, Joomla, Bitrix, ...)
//! left at the end of a republished article, in another language than the
//! article ("Dear visitor, you entered the site as an unregistered user...").
//!
//! No single signal decides. A stretch of text is a banner when it is
//! (a) in another language or script than the page, (b) full of the concepts
//! of such notices (guest, register, log in, user, comment, site, a greeting)
//! in any language, and (c) at the end of a block, near the end of the page,
//! short, and often naming a site (`kopirki.net`). A foreign closing quote has
//! no registration vocabulary; a footer menu of language names has neither
//! the vocabulary nor one language; an English article about signing up to a
//! website is not foreign: all three stay. In the page's own language only
//! a notice that greets the reader as a guest ("Dear visitor,") and asks
//! them to register or log in goes: no article paragraph opens that way.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::Draft;
use crate::finding::{Finding, Kind, Signal};
use crate::lang::{self, Profile, Script};
use crate::model::{Block, BlockKind, Document};
use crate::text::Token;

/// The concepts of a guest or registration notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Concept {
    Greeting,
    Guest,
    Register,
    Login,
    User,
    Comment,
    Group,
    Site,
    FirstVisit,
}

impl Concept {
    fn name(self) -> &'static str {
        match self {
            Concept::Greeting => "greeting",
            Concept::Guest => "guest",
            Concept::Register => "register",
            Concept::Login => "log in",
            Concept::User => "user",
            Concept::Comment => "comment",
            Concept::Group => "group",
            Concept::Site => "site",
            Concept::FirstVisit => "first visit",
        }
    }
}

/// Word stems of each concept in many languages, lowercase, `|`-separated.
/// A stem in a spaced script must start a word (it may end anywhere, so
/// `registr` covers registriert, registrado, registrato...); a stem in Han,
/// kana, Hangul, Thai, Arabic or Hebrew may start anywhere, since those
/// scripts run words together or attach particles in front.
const LEXICON: &[(Concept, &str)] = &[
    (
        Concept::Greeting,
        // en de fr es it pt nl pl ru uk cs sk tr ro hu el ar fa he ja ko vi id th hi zh sv da fi hr
        "dear|hello|welcome|greetings|sehr geehrte|liebe|geehrter|geehrte|willkommen|hallo|cher visiteur|chère|chers|bienvenue|bonjour|\
         estimado|estimada|bienvenid|hola|gentile|benvenut|ciao|caro visitatore|cara|prezad|bem-vind|olá|caro|\
         beste|geachte|welkom|szanown|witaj|witamy|drogi|уважаем|добро пожаловать|здравствуй|приветству|шановн|\
         ласкаво просимо|вітаємо|вітаю|vážen|vítejte|milý|vitajte|sayın|değerli|hoş geldin|merhaba|stimate|stimat|bun venit|\
         bine ai venit|kedves|üdvözl|αγαπητ|καλώς ήρθ|γεια σ|عزيزي|مرحبا|أهلا|اهلا|گرامی|خوش آمدید|שלום|ברוכים הבאים|\
         ようこそ|こんにちは|환영|안녕하세요|xin chào|kính chào|chào mừng|thân mến|yang terhormat|selamat datang|halo|\
         สวัสดี|ยินดีต้อนรับ|प्रिय|नमस्ते|स्वागत|您好|你好|欢迎|歡迎|尊敬的|hej|välkommen|velkommen|tervetuloa|hyvä|poštovan|dobrodošl|gerbiam|cienījam|lugupeetud|tere tulemast|i nderuar|mirë se vini|mahal na|karibu|selamat|добре дошли|уважаем|поштован|құрметті|ძვირფას|հարգել|dobrý den|dobrý deň|hörmətli|hurmatli|محترم|প্রিয়",
    ),
    (
        Concept::Guest,
        "guest|visitor|gast|gäste|besucher|invité|visiteur|visitante|invitado|huésped|ospit|visitator|convidad|bezoeker|\
         gość|gości|gośc|odwiedzając|гость|гостя|гостю|гостем|гости|гостей|гостям|посетител|гість|гості|відвідувач|\
         návštěvník|hosté|návštevník|ziyaretçi|misafir|oaspe|vizitator|látogató|vendég|επισκέπτ|زائر|زوار|ضيف|مهمان|\
         بازدیدکننده|بازدید کننده|אורח|מבקר|ゲスト|訪問者|손님|방문자|게스트|khách|tamu|pengunjung|ผู้เยี่ยมชม|บุคคลทั่วไป|\
         अतिथि|आगंतुक|游客|访客|遊客|訪客|besökare|besøgende|vierailija|posjetitelj|posetilac|gost|lankytoj|svečias|svečiai|apmeklētāj|viesis|viesi|külali|külasta|obiskoval|pelawat|bisita|mgeni|гостите|посетиоц|посетиоч|посетилац|қонақ|სტუმარ|հյուր|այցել|hoste|gäst|návštěvníc|návštevníc|vieras|vieraa|qonaq|mehmon|مہمان|অতিথি",
    ),
    (
        Concept::Register,
        "regist|unregist|nicht registr|enregistr|inscri|registr|iscri|iscritt|cadastr|aanmeld|inschrijv|rejestr|zarejestr|\
         niezarejestr|регистр|зарегистр|незарегистр|реєстр|зареєстр|незареєстр|zaregistr|neregistr|kayıt|kaydol|üye ol|\
         înregistr|inregistr|neînregistr|regisztr|εγγραφ|εγγεγραμμ|تسجيل|مسجل|التسجيل|ثبت نام|ثبت‌نام|הרשמ|להירשם|רשום|\
         登録|회원가입|가입|등록|đăng ký|daftar|mendaftar|terdaftar|สมัครสมาชิก|ลงทะเบียน|पंजीकरण|पंजीकृत|रजिस्टर|注册|註冊|\
         ovitel|rekisteröi|registrer|registrera|geregistr|opret|užsiregistr|neregistr|reģistr|nereģistr|registreeru|regjistr|magparehistro|magrehistro|jisajili|регистрир|нерегистр|тіркел|რეგისტრ|დარეგისტრ|დაურეგისტრ|գրանց|չգրանց|qeydiyyat|ro'yxat|roʻyxat|رجسٹر|নিবন্ধ",
    ),
    (
        Concept::Login,
        "log in|login|logged in|sign in|signed in|anmeld|angemeld|einlogg|eingeloggt|connectez|connecter|connecté|connexion|identifie|\
         inicie sesión|iniciar sesión|inicia sesión|sesión|acced|accedi|accesso|faça login|iniciar sessão|sessão|inloggen|ingelogd|\
         zaloguj|zalogow|logowan|войдите|войти|вход|авториз|залогин|увійд|увійт|вхід|přihlás|přihlaš|prihlás|prihlas|\
         giriş yap|oturum aç|autentific|conectar|conéct|bejelentkez|belép|συνδεθ|σύνδεση|تسجيل الدخول|الدخول|وارد شوید|ورود|\
         התחבר|להתחבר|כניסה|ログイン|로그인|đăng nhập|masuk|เข้าสู่ระบบ|लॉग इन|लॉगिन|登录|登錄|登入|logga in|log ind|logg inn|logge ind|logget ind|logge inn|logget inn|logge på|kirjaudu|kirjautu|prijav|prisijung|pieslēd|pieslēg|logi sisse|sisse logi|jelentkezz be|jelentkezzen be|lépj be|lépjen be|hyni|mag-log in|ingia|влезте|влез|пријав|кіру|кіріңіз|кірдіңіз|შესვლ|შეხვ|ავტორიზ|մուտք|daxil ol|لاگ ان|লগইন|লগ ইন",
    ),
    (
        Concept::User,
        "user|username|account|konto|member|benutzer|nutzer|mitglied|utilisateur|membre|usuario|usuário|cuenta|miembro|utent|\
         utilizador|conta|gebruiker|lidmaatschap|użytkownik|użytkowni|пользовател|аккаунт|учетн|учётн|користувач|обліков|\
         uživatel|používateľ|účet|kullanıcı|üye|hesab|utilizator|felhasználó|fiók|χρήστ|λογαριασμ|مستخدم|حساب|عضو|کاربر|\
         משתמש|חשבון|ユーザー|アカウント|会員|사용자|회원|계정|người dùng|tài khoản|thành viên|pengguna|akun|anggota|ผู้ใช้|\
         สมาชิก|บัญชี|उपयोगकर्ता|सदस्य|用户|用戶|会员|會員|帐号|账号|帳號|användare|bruger|bruker|käyttäjä|korisni|vartotoj|naudotoj|lietotāj|kasutaja|përdorues|gumagamit|mtumiaji|потребител|uporabnik|корисни|пайдаланушы|მომხმარებ|օգտատեր|օգտվող|istifadəçi|foydalanuvchi|صارف|ব্যবহারকারী",
    ),
    (
        Concept::Comment,
        "comment|kommentar|commentaire|comentar|comentár|commentaar|reactie|komentarz|komentow|комментар|коммент|коментар|\
         komentář|komentov|komentár|yorum|comentari|hozzászól|komment|σχόλι|تعليق|التعليق|دیدگاه|نظر|תגובה|תגובות|コメント|\
         댓글|코멘트|bình luận|komentar|ความคิดเห็น|टिप्पणी|评论|評論|留言|kommentti|kommentera|komentuo|komentār|kommentaar|koment|maoni|пікір|კომენტარ|մեկնաբան|şərh|izoh|تبصر|মন্তব্য",
    ),
    (
        Concept::Group,
        "group|gruppe|groupe|grupo|gruppo|groep|grup|групп|груп|skupin|skupin|csoport|ομάδα|مجموعة|گروه|קבוצ|グループ|그룹|nhóm|\
         kelompok|กลุ่ม|समूह|用户组|用戶組|ryhmä",
    ),
    (
        Concept::Site,
        "site|website|webseite|forum|portal|sitio|sito|strona|stron|serwis|witryn|сайт|портал|форум|stránk|stránce|web|weboldal|\
         oldal|sitesi|ιστοσελίδ|ιστότοπ|الموقع|موقع|المنتدى|سایت|אתר|באתר|サイト|사이트|trang web|situs|เว็บไซต์|साइट|\
         वेबसाइट|网站|本站|網站|论坛|論壇|sivusto|sajt|fórum|foro|diễn đàn|stranic|svetain|vietn|veebilehe|veebisait|faqe|tovuti|сајт|საიტ|ვებგვერდ|կայք|sayt|سائٹ|সাইট|ওয়েবসাইট",
    ),
    (
        // The reader's first visit, as forum software greets a newcomer ("If
        // this is your first visit, ... you may have to register"): the
        // visit itself, or "the first time" here, in many languages.
        Concept::FirstVisit,
        "first visit|first time here|first time visiting|erster besuch|ersten besuch|erstes mal hier|première visite|premiere visite|\
         primera visita|prima visita|primeira visita|eerste bezoek|eerste keer hier|pierwsza wizyta|pierwszej wizyt|pierwszy raz tutaj|\
         первый визит|первое посещение|впервые|перший візит|вперше|poprvé|první návštěv|prvýkrát|prvá návštev|prvej návštev|ilk kez|ilk ziyaret|\
         prima vizit|prima dată|prima oară|először|első látogat|πρώτη επίσκεψη|πρώτη φορά|لأول مرة|الزيارة الأولى|زيارتك الأولى|\
         اولین بازدید|اولین بار|בפעם הראשונה|הביקור הראשון|初めて|はじめて|처음 방문|처음이시|첫 방문|lần đầu|kunjungan pertama|pertama kali|\
         ครั้งแรก|पहली बार|पहली यात्रा|第一次|首次访问|首次訪問|初次|första besök|första gången|første besøg|første besøk|første gang|\
         ensimmäinen vierailu|ensimmäistä kertaa|prvi put|prvi posjet|prva posjeta|први пут|прва посета|първо посещение|за първи път|\
         pirmą kartą|pirmas apsilank|pirmo reizi|esimest korda|esimene külastus|prvič|unang beses|mara ya kwanza|birinci dəfə|ilk dəfə|birinchi marta",
    ),
];

/// A cheap hasher for the small lexicon index: the keys are two or three characters.
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Stems keyed by their first characters (three for stems that start words,
/// two for stems found anywhere), so that a word is checked against the few
/// stems that share its opening.
type StemMap<K> = HashMap<K, Vec<(&'static str, Concept)>, BuildHasherDefault<PairHasher>>;

struct Lexicon {
    word_start: StemMap<(char, char, char)>,
    anywhere: StemMap<(char, char)>,
    /// Which three-ASCII-letter openings start a stem: most words are
    /// ruled out by one bit.
    ascii3: Vec<u64>,
    /// The `word_start` lists of three-ASCII-letter openings, by
    /// [`ascii3_index`], without hashing: one list per opening that has one.
    ascii3_lists: Vec<u16>,
    lists: Vec<Vec<(&'static str, Concept)>>,
    /// Per list, which fourth characters its stems go on with (see
    /// [`fourth_class`]): most words that share a stem's three-letter
    /// opening ("for", "con", "com") part from it at the fourth.
    fourths: Vec<u32>,
    /// Which non-ASCII characters (hashed) open a stem.
    firsts: Vec<u64>,
    /// A bit per ASCII letter (`a` lowest) that opens a stem with an ASCII
    /// non-letter next (`i nderuar`): after any other letter, a word of one
    /// letter matches no stem.
    short_openings: u32,
    /// Per ASCII letter (by its low five bits), a bit per letter (the
    /// same) that goes on with it to open a stem with an ASCII non-letter
    /// third (`ro'yxat`): a word of two letters ("in", "is", "of") matches
    /// no stem but after those.
    short_pairs: [u32; 32],
    /// [`opening_by_rule`] for every word opening, by [`opening_index`]:
    /// one bit read per word, where the rule branched on each byte (sized
    /// for every index, so reading it needs no bounds check).
    openings: Box<[u64; OPENING_INDICES / 64]>,
}

fn first_index(c: char) -> usize {
    ((c as u32).wrapping_mul(0x9E37_79B1) >> 19) as usize
}

/// The index of three ASCII letters, either case: five bits each (the low
/// five bits of a letter are the same in both cases and tell the letters
/// apart), with no multiplication and no lower-casing: it runs on every word.
fn ascii3_index(a: u8, b: u8, c: u8) -> usize {
    let l = |x: u8| usize::from(x & 0x1F);
    (l(a) << 10) | (l(b) << 5) | l(c)
}

/// How many [`ascii3_index`] values there are.
const ASCII3_INDICES: usize = 1 << 15;

fn lexicon() -> &'static Lexicon {
    static INDEX: OnceLock<Lexicon> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut lex = Lexicon {
            word_start: StemMap::default(),
            anywhere: StemMap::default(),
            ascii3: vec![0; ASCII3_INDICES / 64],
            ascii3_lists: vec![0; ASCII3_INDICES],
            lists: vec![Vec::new()],
            fourths: vec![0],
            firsts: vec![0; (1 << 13) / 64],
            short_openings: 0,
            short_pairs: [0; 32],
            openings: Box::new([0; OPENING_INDICES / 64]),
        };
        for &(concept, stems) in LEXICON {
            for stem in stems
                .split('|')
                .map(str::trim)
                .filter(|s| s.chars().count() >= 2)
            {
                let c: Vec<char> = stem.chars().collect();
                let k = first_index(c[0]);
                lex.firsts[k / 64] |= 1 << (k % 64);
                if runs_together(c[0]) {
                    lex.anywhere
                        .entry((c[0], c[1]))
                        .or_default()
                        .push((stem, concept));
                } else if c.len() >= 3 {
                    let non_letter = |x: char| x.is_ascii() && !x.is_ascii_alphabetic();
                    if c[0].is_ascii_lowercase() && non_letter(c[1]) {
                        lex.short_openings |= 1 << (c[0] as u8 - b'a');
                    }
                    if c[0].is_ascii_lowercase() && c[1].is_ascii_lowercase() && non_letter(c[2]) {
                        lex.short_pairs[usize::from(c[0] as u8 & 0x1F)] |= 1 << (c[1] as u8 & 0x1F);
                    }
                    lex.word_start
                        .entry((c[0], c[1], c[2]))
                        .or_default()
                        .push((stem, concept));
                    if c[..3].iter().all(char::is_ascii_lowercase) {
                        let k = ascii3_index(c[0] as u8, c[1] as u8, c[2] as u8);
                        lex.ascii3[k / 64] |= 1 << (k % 64);
                    }
                }
            }
        }
        for (&(a, b, c), list) in &lex.word_start {
            if [a, b, c].iter().all(char::is_ascii_lowercase) {
                let k = ascii3_index(a as u8, b as u8, c as u8);
                lex.ascii3_lists[k] = lex.lists.len() as u16;
                lex.lists.push(list.clone());
                lex.fourths.push(
                    list.iter()
                        .map(|(stem, _)| stem_fourth(stem))
                        .fold(0, |m, f| m | f),
                );
            }
        }
        // Each class stands for all its bytes: one of them is asked.
        let of_class = |class: u8| match class {
            0 => b' ',
            NON_ASCII_CLASS => 0xC3,
            letter => b'`' + letter,
        };
        for a in b'a'..=b'z' {
            for (b, c) in
                (0..=NON_ASCII_CLASS).flat_map(|b| (0..=NON_ASCII_CLASS).map(move |c| (b, c)))
            {
                if opening_by_rule(&lex, &[a, of_class(b), of_class(c)]) {
                    let k = opening_index(a, b, c);
                    lex.openings[k / 64] |= 1 << (k % 64);
                }
            }
        }
        // A word opening on a non-ASCII byte is sifted further by the
        // caller ([`may_start_stem`] reads its first byte's class too; no
        // stem opens on an ASCII non-letter, of class 0): its openings are
        // the 1,024 of one first class, 16 whole words of the table.
        let row = opening_index(NON_ASCII_CLASS, 0, 0) / 64;
        lex.openings[row..row + 16].fill(u64::MAX);
        lex
    })
}

/// The class of each byte of a word's opening (the first one too, in
/// [`may_start_stem`]), in an [`opening_index`]: a letter by its low five bits (1 to 26, either
/// case), any other ASCII byte 0 (as the end of the text), and a non-ASCII
/// byte [`NON_ASCII_CLASS`]. These are all [`opening_by_rule`] tells apart.
static OPENING_CLASS: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        classes[b] = if byte >= 0x80 {
            NON_ASCII_CLASS
        } else if byte.is_ascii_alphabetic() {
            byte & 0x1F
        } else {
            0
        };
        b += 1;
    }
    classes
};

const NON_ASCII_CLASS: u8 = 27;

/// The index of a word opening: its first letter (either case) and the
/// [`OPENING_CLASS`]es of the next two bytes, five bits each.
fn opening_index(a: u8, b: u8, c: u8) -> usize {
    // Classes are below 32 already: masked, the index is seen to fit the table.
    (usize::from(a & 0x1F) << 10) | (usize::from(b & 0x1F) << 5) | usize::from(c & 0x1F)
}

/// How many [`opening_index`] values there are.
const OPENING_INDICES: usize = 1 << 15;

/// The class of the byte after a word's three-letter opening, as a bit:
/// one per ASCII letter (either case), one for any other ASCII byte or
/// the end of the text, and none for a non-ASCII byte, which always
/// passes (a non-ASCII character may lower-case to an ASCII letter).
fn fourth_class(next: Option<&u8>) -> u32 {
    match next {
        Some(b) if !b.is_ascii() => u32::MAX,
        Some(b) if b.is_ascii_alphabetic() => 1 << (b.to_ascii_lowercase() - b'a'),
        _ => OTHER_FOURTH,
    }
}

/// [`fourth_class`] of an ASCII non-letter or of the end of the text.
const OTHER_FOURTH: u32 = 1 << 26;

/// The fourth characters a stem lets a word go on with, as [`fourth_class`]
/// bits: any after a stem of three, only its own letter after a longer one.
/// A non-ASCII fourth character is only ever met by a non-ASCII byte.
fn stem_fourth(stem: &str) -> u32 {
    match stem.chars().nth(3) {
        None => u32::MAX,
        Some(c) if c.is_ascii_lowercase() => 1 << (c as u8 - b'a'),
        Some(c) if c.is_ascii() => OTHER_FOURTH,
        Some(_) => 0,
    }
}

/// Whether a stem starting with `c` may be found inside a word: Han, kana,
/// Hangul, Thai, Arabic and Hebrew letters (by code point, as this runs on
/// every character of those scripts).
fn runs_together(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0x0E00..=0x0E7F | 0x1100..=0x11FF
        | 0x3040..=0x30FF | 0x3130..=0x318F | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0xFF66..=0xFF9F | 0x20000..=0x2FFFF)
}

fn lower_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Whether `text` starts with `stem` (lowercase), ignoring case. Bytes are
/// compared while both are ASCII (most stems and most text); the rest
/// character by character, as a non-ASCII character may lower-case to an
/// ASCII one (the Kelvin sign).
fn starts_with_stem(text: &str, stem: &str) -> bool {
    let (t, s) = (text.as_bytes(), stem.as_bytes());
    let mut k = 0;
    while k < s.len() && s[k].is_ascii() {
        match t.get(k) {
            Some(b) if b.is_ascii() => {
                if b.to_ascii_lowercase() != s[k] {
                    return false;
                }
            }
            _ => break,
        }
        k += 1;
    }
    // Bytes before `k` are ASCII in both: `k` is a character boundary.
    let mut t = text[k..].chars().map(lower_char);
    stem[k..].chars().all(|s| t.next() == Some(s))
}

/// The concepts found in `text` and the stems that showed them.
fn concepts(text: &str) -> (Vec<Concept>, Vec<&'static str>) {
    let lex = lexicon();
    let bytes = text.as_bytes();
    let mut found: Vec<Concept> = Vec::new();
    let mut stems: Vec<&'static str> = Vec::new();
    let mut prev_letter = false;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = crate::text::ascii_chunk(bytes, i) {
            prev_letter =
                ascii_word_starts(lex, text, i, chunk, prev_letter, &mut found, &mut stems);
            i += 8;
            continue;
        }
        let b = bytes[i];
        if b < 0x80 {
            // ASCII fast path: only a word start whose opening some stem shares.
            let letter = b.is_ascii_alphanumeric();
            if letter
                && !prev_letter
                && b.is_ascii_alphabetic()
                && ascii_opening_may_match(lex, &bytes[i..])
            {
                match_stems(lex, text, i, false, true, &mut found, &mut stems);
            }
            prev_letter = letter;
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        // Inside words, only the scripts that run words together.
        let together = runs_together(c);
        let letter = together || crate::text::is_word_char(c);
        let was_letter = std::mem::replace(&mut prev_letter, letter);
        if !letter || (was_letter && !together) {
            continue;
        }
        let k = first_index(lower_char(c));
        if lex.firsts[k / 64] & (1 << (k % 64)) != 0 {
            let at = i - c.len_utf8();
            match_stems(lex, text, at, together, !was_letter, &mut found, &mut stems);
        }
    }
    (found, stems)
}

/// Eight ASCII bytes of `text` at `i`, read at once: most text is ASCII,
/// and a branch per byte cost more than the matching. Matches the stems at
/// each word start whose opening some stem shares (as the byte loop does);
/// returns whether the last byte is a letter or digit.
fn ascii_word_starts(
    lex: &Lexicon,
    text: &str,
    i: usize,
    chunk: u64,
    prev_letter: bool,
    found: &mut Vec<Concept>,
    stems: &mut Vec<&'static str>,
) -> bool {
    let alnum = crate::text::ascii_alphanumeric_bytes(chunk);
    let before = (alnum << 8) | if prev_letter { 0x80 } else { 0 };
    let mut starts = alnum & !before;
    while starts != 0 {
        let at = i + starts.trailing_zeros() as usize / 8;
        ascii_word_start(lex, text, at, found, stems);
        starts &= starts - 1;
    }
    alnum >> 63 != 0
}

/// Matches the stems at `at`, where a word of `text` starts with an ASCII
/// letter or digit. Most words open as no stem does: they are told here,
/// inline, as this runs on every word; the others are looked up.
#[inline(always)]
fn ascii_word_start(
    lex: &Lexicon,
    text: &str,
    at: usize,
    found: &mut Vec<Concept>,
    stems: &mut Vec<&'static str>,
) {
    let rest = &text.as_bytes()[at..];
    if rest[0].is_ascii_alphabetic() && ascii_opening_may_match(lex, rest) {
        ascii_opening_stems(lex, text, at, found, stems);
    }
}

/// [`ascii_word_start`] for a word whose opening some stem shares.
#[inline(never)]
fn ascii_opening_stems(
    lex: &Lexicon,
    text: &str,
    at: usize,
    found: &mut Vec<Concept>,
    stems: &mut Vec<&'static str>,
) {
    let bytes = text.as_bytes();
    match bytes.get(at..at + 3) {
        Some(&[a, b, c]) if [a, b, c].iter().all(u8::is_ascii_alphabetic) => {
            // The bit set is small enough to stay in cache; the lists are not.
            let k = ascii3_index(a, b, c);
            if lex.ascii3[k / 64] & (1 << (k % 64)) != 0 {
                let id = usize::from(lex.ascii3_lists[k]);
                if lex.fourths[id] & fourth_class(bytes.get(at + 3)) != 0 {
                    match_list(&lex.lists[id], text, at, found, stems);
                }
            }
        }
        _ if bytes[at].is_ascii_alphabetic() && ascii_opening_may_match(lex, &bytes[at..]) => {
            match_stems(lex, text, at, false, true, found, stems);
        }
        _ => {}
    }
}

/// False when the word at the start of `rest` (an ASCII letter) opens with
/// three ASCII letters that no stem opens with, or with an ASCII letter
/// and an ASCII non-letter or the end of the text, as the many words of one
/// or two letters do, where no stem has one. A non-ASCII character may be
/// a letter that a stem goes on with (`hoş`): then it may match.
/// Read from [`Lexicon::openings`]: `rest` is not empty.
#[inline(always)]
fn ascii_opening_may_match(lex: &Lexicon, rest: &[u8]) -> bool {
    let class = |k: usize| rest.get(k).map_or(0, |&b| OPENING_CLASS[usize::from(b)]);
    let k = opening_index(rest[0], class(1), class(2));
    lex.openings[k / 64] & (1 << (k % 64)) != 0
}

/// [`ascii_opening_may_match`] by its rule, read byte by byte. A stem is
/// looked up by its first three characters, so only a stem that opens as
/// the word does may match: two ASCII letters and then an ASCII non-letter
/// (or the end) open only the stems of [`Lexicon::short_pairs`], a letter
/// and an ASCII non-letter only those of [`Lexicon::short_openings`].
fn opening_by_rule(lex: &Lexicon, rest: &[u8]) -> bool {
    let short = || lex.short_openings & (1 << (rest[0].to_ascii_lowercase() - b'a')) != 0;
    match rest {
        [a, b, c, ..] if b.is_ascii_alphabetic() && c.is_ascii_alphabetic() => {
            let k = ascii3_index(*a, *b, *c);
            lex.ascii3[k / 64] & (1 << (k % 64)) != 0
        }
        [_, b, ..] if !b.is_ascii() => true,
        [_, b, c, ..] if b.is_ascii_alphabetic() && !c.is_ascii() => true,
        [a, b, ..] if b.is_ascii_alphabetic() => {
            lex.short_pairs[usize::from(a & 0x1F)] & (1 << (b & 0x1F)) != 0
        }
        _ => short(),
    }
}

fn match_stems(
    lex: &Lexicon,
    text: &str,
    i: usize,
    together: bool,
    word_start: bool,
    found: &mut Vec<Concept>,
    stems: &mut Vec<&'static str>,
) {
    let mut next = text[i..].chars().map(lower_char);
    let (c0, c1, c2) = (
        next.next().unwrap_or(' '),
        next.next().unwrap_or(' '),
        next.next().unwrap_or(' '),
    );
    let lists = [
        word_start
            .then(|| lex.word_start.get(&(c0, c1, c2)))
            .flatten(),
        together.then(|| lex.anywhere.get(&(c0, c1))).flatten(),
    ];
    for list in lists.into_iter().flatten() {
        match_list(list, text, i, found, stems);
    }
}

/// Adds the concepts of the stems in `list` that `text` has at `i`.
fn match_list(
    list: &[(&'static str, Concept)],
    text: &str,
    i: usize,
    found: &mut Vec<Concept>,
    stems: &mut Vec<&'static str>,
) {
    for &(stem, concept) in list {
        if !found.contains(&concept) && starts_with_stem(&text[i..], stem) {
            found.push(concept);
            stems.push(stem);
        }
    }
}

/// The first site name in `text` (`kopirki.net`, `www.news.example`), if any.
fn site_name(text: &str) -> Option<&str> {
    const TLDS: &[&str] = &[
        "com", "net", "org", "info", "biz", "ru", "ua", "by", "kz", "su", "pl", "de", "at", "ch",
        "es", "fr", "it", "pt", "br", "nl", "be", "cz", "sk", "ro", "hu", "tr", "gr", "il", "ir",
        "in", "id", "vn", "th", "cn", "tw", "hk", "jp", "kr", "uk", "us", "eu", "io", "co", "me",
        "tv", "online", "site", "club", "xyz", "top", "pro", "example", "news", "blog", "ws", "cc",
        "lv", "lt", "ee", "bg", "rs", "hr", "si", "md", "ge", "am", "az", "uz", "se", "no", "dk",
        "fi", "ar", "mx", "cl", "ae", "sa", "eg", "my", "ph", "sg", "au", "nz", "ca", "ly", "to",
    ];
    for (dot, _) in text.match_indices('.') {
        let label_start = text[..dot]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
            .map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
        let tld_end = text[dot + 1..]
            .find(|c: char| !c.is_ascii_lowercase())
            .map_or(text.len(), |i| dot + 1 + i);
        let tld = &text[dot + 1..tld_end];
        let label = &text[label_start..dot];
        let ends_word = text[tld_end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        // "x.example" is a site; "e.g." and "U.S." have no such ending.
        if label.chars().any(char::is_alphanumeric) && ends_word && TLDS.contains(&tld) {
            return Some(&text[label_start..tld_end]);
        }
    }
    None
}

/// Where a stretch of the block's text could start being a banner, each
/// with whether it is a strong start: the block's start, each sentence start
/// and each change of script between words ("Written by Шановний
/// відвідувач...") are strong; a capitalized word after a lowercase one is
/// weak (it is mostly a name). Only the last [`TAIL_BYTES`] count: a banner
/// is short.
fn starts(text: &str) -> Vec<(usize, bool)> {
    let from = floor_char(text, text.len().saturating_sub(TAIL_BYTES));
    let mut out = Vec::new();
    let lead = text.len() - text.trim_start().len();
    if lead >= from {
        out.push((lead, true));
    }
    let mut after_stop = false;
    let mut prev_script: Option<Script> = None;
    let mut prev_letter: Option<char> = None;
    let mut in_word = false;
    for (i, c) in text[from..].char_indices() {
        let i = i + from;
        // A dot inside a word ("новини.example", "3.5") ends nothing.
        if c == '.' && in_word && text[i + 1..].starts_with(char::is_alphanumeric) {
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？') {
            after_stop = true;
            in_word = false;
            continue;
        }
        // Closing quotes and brackets, and citation marks ("[71][72]"), after
        // a stop keep the sentence ended.
        if matches!(c, '»' | '"' | '”' | '’' | '\'' | ')' | '」' | '）')
            || (after_stop && (matches!(c, '[' | ']') || c.is_ascii_digit()))
        {
            in_word = false;
            continue;
        }
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        let script = lang::script_of(c);
        let prev = text[..i].chars().next_back();
        let sentence_start = after_stop
            && (prev.is_some_and(char::is_whitespace) || matches!(prev, Some('。' | '！' | '？')));
        let script_change =
            !in_word && script.is_some() && prev_script.is_some_and(|p| Some(p) != script);
        // A capitalized word after a lowercase one may open an appended
        // notice with no stop before it ("Written by Estimado visitante").
        let capital_after_lower = !in_word
            && c.is_uppercase()
            && prev.is_some_and(char::is_whitespace)
            && (prev_letter.is_some_and(char::is_lowercase)
                // So may a capitalized word after a line in capitals
                // ("… POLITICAL EDITOR Olá, visitante!").
                || (text[i + c.len_utf8()..].starts_with(char::is_lowercase)
                    && ends_in_word_of_capitals(&text[..i])));
        if (sentence_start || script_change || capital_after_lower) && i > lead {
            out.push((i, sentence_start || script_change));
        }
        after_stop = false;
        in_word = c.is_alphanumeric();
        if let Some(s) = script {
            prev_script = Some(s);
            prev_letter = Some(c);
        }
    }
    out
}

/// Whether `before` ends in a word of two capital letters or more and no
/// lowercase one ("EDITOR").
fn ends_in_word_of_capitals(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    word.chars().filter(|c| c.is_uppercase()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// How much of a block's end is searched for a banner, in bytes.
const TAIL_BYTES: usize = 700;

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sentences in `text`, roughly: terminators followed by space or CJK stops.
fn sentence_count(text: &str) -> usize {
    let mut n = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let stop = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' | '…' => chars.peek().is_none_or(|n| n.is_whitespace()),
            _ => false,
        };
        if stop {
            n += 1;
        }
    }
    n.max(1)
}

/// How the page around a candidate reads: its profile and its declared language.
struct Page<'a> {
    doc: &'a Document,
    /// The blocks' profiles, shared with the spam detector and the next pass.
    profiles: &'a super::BlockProfiles,
    declared: Option<String>,
    /// Every `stride`-th block goes into the page's profile.
    stride: usize,
    /// Made on the first candidate only: most pages have none.
    sample: OnceLock<Profile>,
    /// The page's accented Latin letters, counted: made when a stretch in
    /// the page's script needs them.
    accents: OnceLock<Accents>,
}

/// Text budget for the page's language profile; spread over the page.
const SAMPLE_BYTES: usize = 48 * 1024;

impl<'a> Page<'a> {
    fn new(doc: &'a Document, profiles: &'a super::BlockProfiles) -> Self {
        // Counted without the spaces around runs: a page's formulas or
        // indented markup may be mostly such spaces, and a stride grown
        // from them left every other block (its headings, say) unread.
        let total: usize = doc.blocks.iter().map(text_len).sum();
        Page {
            doc,
            profiles,
            declared: doc.context.lang.as_deref().map(lang::primary_subtag),
            stride: (total / SAMPLE_BYTES).max(1),
            sample: OnceLock::new(),
            accents: OnceLock::new(),
        }
    }

    fn sampled(&self, i: usize) -> bool {
        i.is_multiple_of(self.stride) && !self.doc.blocks[i].verbatim
    }

    fn block_profile(&self, i: usize) -> &Profile {
        self.profiles.get(self.doc, i)
    }

    /// Whether a block before `before` is a paragraph in the language of
    /// `seg` (or, for a language without function words, in its script when
    /// that is not the page's), and no notice itself.
    fn written_in(&self, seg: &Profile, page: &Profile, before: usize) -> bool {
        let (script, seg_lang) = (seg.script(), seg.best_lang(2));
        if seg_lang.is_none() && script == page.script() {
            return false;
        }
        let seg_top = seg.max_hits();
        let same_language = |p: &Profile| match seg_lang {
            Some(lang) => p.best_lang(3) == Some(lang),
            // A stretch whose function words tie two close languages
            // ("o", "para": Spanish or Portuguese) is in neither clearly; a
            // paragraph is in its language when led by one of the two, not
            // when it merely shows too few function words to tell (an
            // English copyright line on a Japanese page).
            None if seg_top > 0 => p.top_lang().is_some_and(|(l, _)| seg.hits(l) == seg_top),
            None => p.best_lang(3).is_none(),
        };
        (0..before).any(|j| {
            let p = self.block_profile(j);
            // A quotation (an embedded post) is someone else's words.
            !self.doc.blocks[j].verbatim
                && self.doc.blocks[j].kind != BlockKind::Quote
                && p.words() >= 8
                && p.letters() >= 30
                && p.script() == script
                && same_language(p)
                && {
                    let text = self.doc.blocks[j].joined();
                    !enough(&concepts(&text).0, site_name(&text).is_some(), true)
                }
        })
    }

    /// The page's accented letters without the block `skip` (from `cut`
    /// on) and without the blocks in `also_skip`.
    fn accents(&self, skip: usize, cut: usize, also_skip: &[usize]) -> Accents {
        let all = self.accents.get_or_init(|| {
            let mut a = Accents::default();
            for b in self.doc.blocks.iter().filter(|b| !b.verbatim) {
                b.runs.iter().for_each(|r| a.count(&r.text, 1));
            }
            a
        });
        let mut a = all.clone();
        for &i in also_skip.iter().chain([&skip]) {
            let b = &self.doc.blocks[i];
            if !b.verbatim {
                b.runs.iter().for_each(|r| a.count(&r.text, -1));
            }
        }
        a.count(&self.doc.blocks[skip].joined()[..cut], 1);
        a
    }

    /// The profile of the page's text without the block `skip` (from `cut`
    /// on) and without the blocks in `also_skip`.
    fn profile(&self, skip: usize, cut: usize, also_skip: &[usize]) -> Profile {
        let sample = self.sample.get_or_init(|| {
            let mut p = Profile::default();
            for i in (0..self.doc.blocks.len()).filter(|&i| self.sampled(i)) {
                p.merge(self.block_profile(i), 1);
            }
            p
        });
        let mut p = sample.clone();
        for &i in also_skip.iter().chain([&skip]) {
            if self.sampled(i) {
                p.merge(self.block_profile(i), -1);
            }
        }
        p.add(&self.doc.blocks[skip].joined()[..cut]);
        p
    }
}

/// Why a stretch reads as foreign to the page, if it does.
fn foreign(seg: &Profile, page: &Profile, declared: Option<&str>) -> Option<String> {
    let seg_script = seg.script()?;
    // A page with little text of its own: trust its declared language.
    let page_script = if page.letters() >= 200 {
        page.script()?
    } else {
        declared
            .and_then(lang::script_of_lang)
            .or_else(|| page.script())?
    };
    if seg_script != page_script {
        // A page written partly in the stretch's script is bilingual, not foreign to it.
        return (page.share(seg_script) < 0.2)
            .then(|| on_page(script_name(seg_script), script_name(page_script)));
    }
    let Some(seg_lang) = seg.best_lang(2) else {
        return unknown_language(seg, page);
    };
    if page.words() < 40 {
        if let Some(page_lang) = declared.and_then(lang::code_of) {
            return (page_lang != seg_lang)
                .then(|| on_page(lang_name(seg_lang), lang_name(page_lang)));
        }
        // Undeclared (a text, a dataset's line), a short page still tells
        // its language when its function words all point one way and the
        // stretch's point the other ("… is still rare" before "Du måste
        // logga in …").
        let page_lang = page.best_lang(3)?;
        let seg_theirs = seg.exclusive_hits(seg_lang, page_lang);
        let told = page_lang != seg_lang
            && page.exclusive_hits(page_lang, seg_lang) >= 3
            && page.exclusive_hits(seg_lang, page_lang) == 0
            && seg_theirs >= 2
            && seg_theirs > 2 * seg.exclusive_hits(page_lang, seg_lang);
        return told.then(|| on_page(lang_name(seg_lang), lang_name(page_lang)));
    }
    let (page_lang, _) = page.top_lang()?;
    if seg_lang == page_lang {
        return None;
    }
    // Close languages (Spanish and Portuguese, Czech and Slovak) share many
    // function words; compare them on the words they do not share.
    let seg_theirs = seg.exclusive_hits(seg_lang, page_lang);
    let seg_ours = seg.exclusive_hits(page_lang, seg_lang);
    let page_theirs = page.exclusive_hits(seg_lang, page_lang);
    let page_ours = page.exclusive_hits(page_lang, seg_lang);
    (seg_theirs >= 2 && seg_theirs > seg_ours && page_theirs * 3 < page_ours)
        .then(|| on_page(lang_name(seg_lang), lang_name(page_lang)))
}

/// Whether each piece of a stretch reads as the stretch as a whole and not
/// as the page. Pieces run between strong starts (sentences, script
/// changes); the stretch may begin at a weak one (a capitalized word).
fn pieces_agree(
    text: &str,
    starts: &[(usize, bool)],
    seg: &Profile,
    page: &Profile,
    letters: Option<&Accents>,
) -> bool {
    let seg_lang = seg.best_lang(2);
    let piece_of = |from: usize, to: usize| Profile::of(&without_sites(&text[from..to]));
    let next = |k: usize, strong_only: bool| {
        starts[k + 1..]
            .iter()
            .find(|s| s.1 || !strong_only)
            .map_or(text.len(), |s| s.0)
    };
    // The stretch must open with the notice itself: foreign letters, the
    // notice's function words or its vocabulary ("Hej besökare!"), not a name
    // ("Mozilla Summit.", "New Zealand") nor the article's words ("Written by").
    let open_to = next(0, false);
    let opening = piece_of(starts[0].0, open_to);
    let addresses = |t: &str| {
        concepts(t).0.iter().any(|c| {
            matches!(
                c,
                Concept::Greeting
                    | Concept::Guest
                    | Concept::Register
                    | Concept::Login
                    | Concept::FirstVisit
            )
        })
    };
    // A label that ends in a colon ("Інформація:") heads what follows; a
    // name does not.
    let label = text[starts[0].0..open_to].trim_end().ends_with(':');
    let shows = |opening: &Profile, to: usize| {
        (opening.script() != page.script() && (label || !is_name(opening)))
            || seg_lang.is_some_and(|l| opening.hits(l) >= 2 && opening.hits(l) >= opening.max_hits())
            || addresses(&text[starts[0].0..to])
            // A stretch foreign by its letters opens with two words of them.
            || letters.is_some_and(|a| a.unseen_words(&text[starts[0].0..to]) >= 2)
    };
    // Capitalized words opening a sentence that then runs on in lowercase
    // are the notice's own nouns ("Návštěvníci ve skupině Hosté nemohou",
    // "Wenn Sie zum ersten Mal"), when no more than one of them is outside
    // the notice's function words: then the whole sentence shows the
    // notice. A run of names ("Wikimedia Atlas of New Zealand Cher
    // visiteur") is more.
    let sentence_to = next(0, true);
    // A whole block's opening sentence of running text, one of the
    // notice's function words in it and none of the page's own, opens the
    // notice ("Nincs jogosultságod hozzászólást írni ebben a fórumban." on a
    // Spanish page: "a" is both languages'); an article's sentence glued
    // before a notice shows the page's words.
    let opens_block_in_its_language = || {
        let (Some(lang), Some((page_lang, _))) = (seg_lang, page.top_lang()) else {
            return false;
        };
        if starts[0] != (0, true) {
            return false;
        }
        let sentence = piece_of(0, sentence_to);
        sentence.words() >= 4
            && sentence.hits(lang) >= 1
            && sentence.exclusive_hits(page_lang, lang) == 0
            && opens_as_sentence(&text[..sentence_to], seg_lang, page)
    };
    // After a colon the article's sentence has ended as surely as after a
    // stop ("check out the footage below: Wenn dies Ihr erster Besuch …").
    let after_colon = text[..starts[0].0].trim_end().ends_with(':');
    let shows_notice = shows(&opening, open_to)
        || ((starts[0].1 || after_colon)
            && sentence_to > open_to
            && opens_as_sentence(&text[starts[0].0..sentence_to], seg_lang, page)
            && shows(&piece_of(starts[0].0, sentence_to), sentence_to))
        || opens_block_in_its_language();
    if opening.letters() < 2 || !shows_notice {
        return false;
    }
    // A notice that begins mid-sentence, at a capitalized word, opens with an
    // address ("Written by Estimado visitante") or a first sentence plainly
    // in its own language, not with a name ("sur Le Monde.fr, le site...").
    if !starts[0].1 {
        // The first two words, for greetings such as "Cher visiteur".
        let from = starts[0].0;
        let first_word_end = text[from..]
            .split_inclusive(char::is_whitespace)
            .take(2)
            .map(str::len)
            .sum::<usize>()
            + from;
        let sentence_to = next(0, true);
        let sentence = piece_of(starts[0].0, sentence_to);
        // Its function words, or two words with letters the page never
        // uses when they fit two languages ("Debes … sesión … aquí").
        let plainly = match (seg_lang, page.top_lang()) {
            (Some(l), Some((p, _))) => {
                sentence.exclusive_hits(l, p) > sentence.exclusive_hits(p, l)
            }
            _ => false,
        } || letters
            .is_some_and(|a| a.unseen_words(&text[starts[0].0..sentence_to]) >= 2);
        if sentence.script() == page.script()
            && !plainly
            && !addresses(&text[starts[0].0..first_word_end])
        {
            return false;
        }
    }
    // No stretch between two starts may read as the article; a name of a
    // word or two inside the notice ("на сайт The Guardian как") is no stretch.
    for (k, &(from, _)) in starts.iter().enumerate() {
        let piece = piece_of(from, next(k, false));
        if (k == 0 || !is_name(&piece)) && reads_as_page(&piece, page) {
            return false;
        }
    }
    // Sentences and script runs must read as the notice.
    let mut k = 0;
    while k < starts.len() {
        let (from, to) = (starts[k].0, next(k, true));
        let piece = piece_of(from, to);
        if piece.letters() >= 3 && !piece_agrees(&piece, seg, seg_lang, page) {
            return false;
        }
        k = starts
            .iter()
            .position(|s| s.0 >= to)
            .unwrap_or(starts.len());
    }
    true
}

/// Whether a sentence opens as running text, not as a run of names: a
/// word of it in lowercase, one of `lang`'s function words or none of the
/// page's, comes after at most one capitalized word that is none of
/// `lang`'s ("Wenn Sie zum", "Návštěvníci ve", not "Reuters Estimado
/// visitante" nor "Atlas of New Zealand Cher visiteur").
fn opens_as_sentence(sentence: &str, lang: Option<&str>, page: &Profile) -> bool {
    let page_lang = page.top_lang().map(|(l, _)| l);
    let mut others = 0;
    for word in sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        let of_notice = lang.is_some_and(|l| lang::is_function_word(&lower, l));
        if word.starts_with(char::is_lowercase) {
            if of_notice || page_lang.is_none_or(|l| !lang::is_function_word(&lower, l)) {
                return true;
            }
            continue;
        }
        if !of_notice {
            others += 1;
            if others > 1 {
                return false;
            }
        }
    }
    false
}

fn piece_agrees(piece: &Profile, seg: &Profile, seg_lang: Option<&str>, page: &Profile) -> bool {
    if reads_as_page(piece, page) {
        return false;
    }
    if piece.script() != seg.script() {
        return is_name(piece);
    }
    match (seg_lang, piece.top_lang()) {
        // One function word of a third language in a short piece proves
        // nothing ("Dobrý den, hoste.": "den" is Swedish too).
        (Some(lang), Some((top, _))) => {
            top == lang || piece.hits(lang) >= piece.hits(top) || piece.hits(top) <= 1
        }
        _ => true,
    }
}

/// A stretch in a language without a function-word list (Lithuanian,
/// Estonian, ...) still stands out on a page whose language has one: a
/// sentence or two of it holds none of the page's function words.
fn unknown_language(seg: &Profile, page: &Profile) -> Option<String> {
    let (page_lang, page_rate) = page.top_lang()?;
    (seg.words() >= 8
        && seg.hits(page_lang) == 0
        && seg.max_hits() <= 1
        && page.words() >= 40
        && page_rate >= 15.0)
        .then(|| on_page("another language", lang_name(page_lang)))
}

/// A short notice (four to seven words) on an English page, too short for
/// its function words to tell its language: none of its words is a common
/// English word and none is one of the page's function words ("Aby dodać
/// komentarz, musisz być zalogowany.").
fn short_non_english(seg: &str, seg_profile: &Profile, page: &Profile) -> Option<String> {
    let (page_lang, page_rate) = page.top_lang()?;
    let words: Vec<&str> = seg
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic) && !w.contains('.'))
        .collect();
    (page_lang == "en"
        && page.words() >= 40
        && page_rate >= 15.0
        && (4..8).contains(&seg_profile.words())
        && seg_profile.hits(page_lang) == 0
        && !words.iter().any(|w| crate::text::is_common_english(w)))
    .then(|| on_page("another language", lang_name(page_lang)))
}

/// How often each accented Latin letter (é, ő, ț, ś: letters that tell the
/// languages of the script apart) occurs in a text, lowercase.
#[derive(Clone, Default)]
struct Accents(crate::text::FastMap<char, i32>);

impl Accents {
    fn count(&mut self, text: &str, sign: i32) {
        for c in chars_past_ascii(text) {
            if c.is_alphabetic() && lang::script_of(c) == Some(Script::Latin) {
                *self.0.entry(lower_char(c)).or_default() += sign;
            }
        }
    }

    /// Whether the page holds `c` at most once (a name may bring it).
    fn unseen(&self, c: char) -> bool {
        !c.is_ascii()
            && c.is_alphabetic()
            && lang::script_of(c) == Some(Script::Latin)
            && self.0.get(&lower_char(c)).is_none_or(|&n| n <= 1)
    }

    /// The words of `text` with a letter the page does not use.
    fn unseen_words(&self, text: &str) -> usize {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().any(|c| self.unseen(c)))
            .count()
    }
}

/// The characters of `text` past ASCII, in order: found by their lead
/// bytes, 32 bytes screened at once, not by decoding every character (the
/// page's accents are counted over all of its text, which is mostly ASCII).
fn chars_past_ascii(text: &str) -> impl Iterator<Item = char> + '_ {
    // Every character past ASCII opens with a byte of 0xC0 or more, and no
    // other byte is one.
    crate::text::picked_bytes(text.as_bytes(), |b| b >= 0xC0)
        .filter_map(|at| text.get(at..)?.chars().next())
}

/// A stretch in the page's Latin script whose function words do not tell
/// its language (Spanish and Portuguese share "o" and "para") is foreign
/// all the same when its letters are: a fifth of its words or more (two at
/// least) have an accented letter the page never uses ("sesión", "aquí"
/// on an English page; "fórumban", "regisztrálj" on a French one), and
/// another language's function words lead the page's in it. A bilingual
/// page uses those letters in its other language's paragraphs: nothing is
/// foreign to it.
fn foreign_letters(
    seg: &str,
    seg_profile: &Profile,
    page: &Profile,
    accents: &Accents,
) -> Option<String> {
    let (page_lang, _) = page.top_lang()?;
    let words = seg_profile.words() as usize;
    let unseen = accents.unseen_words(seg);
    (page.script() == Some(Script::Latin)
        && seg_profile.script() == Some(Script::Latin)
        && page.letters() >= 300
        && seg_profile.max_hits() > seg_profile.hits(page_lang)
        && unseen >= 2
        && unseen * 5 >= words)
        .then(|| on_page("letters foreign to the page", lang_name(page_lang)))
}

/// Whether a piece is short enough to be a name (a site, a brand, an acronym).
fn is_name(piece: &Profile) -> bool {
    piece.words() <= 2 && piece.letters() <= 16
}

/// Whether a piece of text reads as the page's own language: same script,
/// and the page language's function words lead in it ("Written by").
fn reads_as_page(piece: &Profile, page: &Profile) -> bool {
    let Some(script) = piece.script() else {
        return false;
    };
    if Some(script) != page.script() {
        return false;
    }
    match page.top_lang() {
        Some((lang, _)) => piece.leads(lang),
        None => false,
    }
}

/// "Polish on an English page".
fn on_page(notice: &str, page: &str) -> String {
    let article = if page.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    format!("{notice} on {article} {page} page")
}

fn script_name(s: Script) -> &'static str {
    match s {
        Script::Latin => "Latin-script",
        Script::Cyrillic => "Cyrillic",
        Script::Greek => "Greek",
        Script::Armenian => "Armenian",
        Script::Georgian => "Georgian",
        Script::Hebrew => "Hebrew",
        Script::Arabic => "Arabic-script",
        Script::Devanagari => "Devanagari",
        Script::Bengali => "Bengali",
        Script::Tamil => "Tamil",
        Script::Thai => "Thai",
        Script::Hangul => "Korean",
        Script::Kana => "Japanese",
        Script::Han => "Chinese",
        Script::Other => "other-script",
    }
}

fn lang_name(code: &str) -> &'static str {
    match code {
        "en" => "English",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        "pl" => "Polish",
        "cs" => "Czech",
        "sk" => "Slovak",
        "ro" => "Romanian",
        "hu" => "Hungarian",
        "tr" => "Turkish",
        "sv" => "Swedish",
        "da" => "Danish",
        "no" => "Norwegian",
        "fi" => "Finnish",
        "id" => "Indonesian",
        "vi" => "Vietnamese",
        "hr" => "Croatian",
        "sl" => "Slovenian",
        "la" => "Latin",
        "ca" => "Catalan",
        "ru" => "Russian",
        "uk" => "Ukrainian",
        "bg" => "Bulgarian",
        "sr" => "Serbian",
        _ => "another language",
    }
}

/// The evidence gathered on one stretch of a block.
struct Evidence {
    concepts: Vec<Concept>,
    stems: Vec<&'static str>,
    site: Option<String>,
    foreign: String,
    sentences: usize,
}

/// Whether a stretch has enough of a notice's vocabulary. At the end of the
/// page: three concepts (a site name counts as one) with a guest, register
/// or log-in among them, or just two when one is registering or logging in
/// ("You must be logged in to post a comment"). Elsewhere: five, a site name
/// among them or besides. A greeting to the members of a group is no notice.
fn enough(found: &[Concept], site: bool, trailing: bool) -> bool {
    let n = found.len() + usize::from(site);
    if !trailing {
        return n >= 5 + usize::from(!site);
    }
    let access = asks_for_access(found);
    let core = access || found.contains(&Concept::Guest);
    (n >= 3 && core) || (found.len() >= 2 && access)
}

/// Whether a stretch's vocabulary is a first visit and one other concept
/// (registering): a forum greets a newcomer so in two sentences ("If this
/// is your first visit, read the FAQ. You must register to post."); one
/// sentence of it is as likely an article's ("C'est sa première visite
/// depuis qu'il s'est inscrit au parti"), and is not enough.
fn first_visit_alone(found: &[Concept], site: bool) -> bool {
    found.contains(&Concept::FirstVisit) && found.len() + usize::from(site) <= 2
}

/// Whether a stretch in the page's own language is a guest notice all the
/// same: it opens by greeting the reader as a guest ("Dear visitor,",
/// "Sehr geehrter Besucher,"), and speaks of registering or logging in,
/// with four of a notice's concepts or more. An article's last paragraph
/// about a site's sign-up rules greets no one.
fn addresses_a_guest(seg: &str, found: &[Concept]) -> bool {
    let head = |bytes: usize| concepts(&seg[..floor_char(seg, seg.len().min(bytes))]).0;
    // The greeting is the stretch's first words, not a word near its start
    // ("… für das iPad an. Mehr… Sehr geehrter Besucher" opens on the article).
    let two_words = seg
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .nth(1)
        .map_or(seg.len(), |(i, _)| i);
    let greets_a_guest = head(two_words.min(GREETING_OPENS_BYTES)).contains(&Concept::Greeting)
        && head(GREETING_BYTES).contains(&Concept::Guest);
    greets_a_guest && asks_for_access(found) && found.len() >= 4
}

/// Whether `text` speaks of guests and of registering or logging in.
fn speaks_of_access(text: &str) -> bool {
    let (found, _) = concepts(text);
    found.contains(&Concept::Guest) && asks_for_access(&found)
}

/// Whether the concepts include registering or logging in.
fn asks_for_access(found: &[Concept]) -> bool {
    found
        .iter()
        .any(|c| matches!(c, Concept::Register | Concept::Login))
}

/// How far into a stretch its greeting to a guest may end, in bytes
/// ("Уважаемый посетитель", "Sehr geehrte Besucherin").
const GREETING_BYTES: usize = 60;

/// How far into a stretch, and within its first two words, its greeting
/// must lie, in bytes ("Sehr geehrte", "Уважаем", "您好").
const GREETING_OPENS_BYTES: usize = 24;

/// A block at most this long (bytes) may head a notice in the next block.
const LEAD_BLOCK: usize = 100;

/// Whether a short line addresses a guest as notices do: a greeting, the
/// guest, registering or logging in, or heads a comment form ("Deixe um
/// comentário").
fn leads_a_notice(found: &[Concept]) -> bool {
    found.iter().any(|c| {
        matches!(
            c,
            Concept::Greeting
                | Concept::Guest
                | Concept::Register
                | Concept::Login
                | Concept::Comment
        )
    })
}

/// Whether a line of a word or two is in the script of the notice after it,
/// which is not the page's ("Информация" above a Russian notice on an
/// English page): a label of the notice, as no article's line stands alone
/// so.
fn script_label(line: &Profile, notice: &Profile, page: &Profile) -> bool {
    line.words() <= 2
        && line.letters() >= 2
        && page.letters() >= 200
        && page.script().is_some()
        && line.script().is_some()
        && line.script() == notice.script()
        && line.script() != page.script()
}

/// Words that label a notice ("Information", "Bilgi", "Thông báo",
/// "Hinweis", "Uwaga"), by their openings, lowercase, in many languages.
const LABELS: &[&str] = &[
    "info",
    "bilgi",
    "thông báo",
    "thong bao",
    "notice",
    "note",
    "attention",
    "achtung",
    "hinweis",
    "uwaga",
    "upozorn",
    "figyel",
    "értesít",
    "dikkat",
    "uyarı",
    "atenți",
    "atenti",
    "atenci",
    "attenzione",
    "avviso",
    "aviso",
    "pemberitahuan",
    "peringatan",
    "pengumuman",
    "meddelande",
    "besked",
    "melding",
    "ilmoitus",
    "huomio",
    "obavijest",
    "obaveštenje",
    "opozorilo",
    "mesaj",
    "message",
    "mensaje",
    "messaggio",
    "mensagem",
    "bericht",
    "nachricht",
    "powiadom",
    "oznámen",
    "πληροφορ",
    "προσοχή",
    "ειδοποίηση",
    "внимание",
    "увага",
    "сообщение",
    "повідомлення",
    "информац",
    "інформац",
    "обавештење",
    "известие",
];

/// Whether a line of a word or two labels the notice after it: a word that
/// labels notices ("Informace", "Bilgi"), in the notice's script, not one
/// of the page's function words nor a common English word, and found
/// nowhere else on the page (the page's own word for it would be; the
/// label came with the notice).
fn word_label(text: &str, line: &Profile, notice: &Profile, doc: &Document, i: usize) -> bool {
    let text = text.trim().trim_end_matches([':', '!', '.']);
    let lower = text.to_lowercase();
    let Some(first) = lower.split_whitespace().next() else {
        return false;
    };
    line.words() <= 2
        && line.letters() >= 4
        && line.script() == notice.script()
        && line.max_hits() == 0
        && LABELS.iter().any(|l| lower.starts_with(l))
        // An English word may be an English page's own ("Information").
        && !crate::text::is_common_english(first)
        && !doc
            .blocks
            .iter()
            .enumerate()
            .any(|(j, b)| j != i && b.joined().to_lowercase().contains(first))
}

/// Whether a short line reads in the language of the notice after it and
/// not in the page's: one of the notice's function words, none of the page's.
fn in_language_of(line: &Profile, notice: &Profile, page: &Profile) -> bool {
    let (Some(lang), Some((page_lang, _))) = (notice.best_lang(2), page.top_lang()) else {
        return false;
    };
    lang != page_lang
        && line.script() == notice.script()
        && line.hits(lang) >= 1
        && line.hits(page_lang) == 0
        && line.words() <= 8
}

/// Whether a stretch quotes someone: notices do not, closing quotes do
/// ("Visitors to the site can register for the tours," she said).
fn is_quote(seg: &str) -> bool {
    seg.contains(['“', '”', '«', '»', '„', '"', '「', '」', '『', '』'])
}

/// Whether a stretch is a menu ("Войти · Регистрация · Помощь",
/// "Login | Register"): short items between separators, not sentences.
fn is_menu(seg: &str) -> bool {
    let items: Vec<&str> = seg
        .split(['·', '|', '•', '⋅', '/', '│'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let words = seg
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    items.len() >= 3 && words <= items.len() * 2
}

/// Bytes of a block's text, ignoring the spaces around its runs.
fn text_len(b: &Block) -> usize {
    b.runs
        .iter()
        .map(|r| crate::model::trimmed_len(&r.text))
        .sum()
}

/// A block longer than this (bytes) is more than a menu item or a footer line.
const LONG_BLOCK: usize = 160;

/// Whether a block is trailing: only short blocks (navigation, footer) or
/// banners follow it, or little text in long blocks does (a few related
/// links and a copyright notice after the article's last paragraph).
/// `lens` are the blocks' [`text_len`]s.
fn trailing_flags(lens: &[usize]) -> Vec<bool> {
    let total: usize = lens.iter().sum();
    let near_end = (total / 6).clamp(600, 3000);
    let mut flags = vec![false; lens.len()];
    let mut long_bytes_after = 0usize;
    for (i, &len) in lens.iter().enumerate().rev() {
        flags[i] = long_bytes_after <= near_end;
        if len > LONG_BLOCK {
            long_bytes_after += len;
        }
        if long_bytes_after > near_end {
            break;
        }
    }
    flags
}

/// A page carries a banner or two; past this many, stop looking.
const MAX_FINDINGS: usize = 8;

pub fn detect(doc: &Document) -> Vec<Finding> {
    detect_with(doc, &mut super::Memo::default(), Vec::new())
}

/// The concepts of each block's tail (see [`examine`]), by block: they
/// depend on the block's text alone, so the next pass reuses them for the
/// blocks it did not change.
pub(crate) type TailConcepts = Vec<Option<Vec<Concept>>>;

/// [`detect`], reusing the tail concepts `memo` kept from the previous pass
/// and leaving this pass's there. `read`, by block, has the tail concepts
/// already read from the block's words (see [`tail_concepts_of_words`]),
/// where they could be; the others are scanned.
pub(crate) fn detect_with(
    doc: &Document,
    memo: &mut super::Memo,
    mut read: TailConcepts,
) -> Vec<Finding> {
    let earlier = std::mem::take(&mut memo.banner_tails);
    let mut tails: TailConcepts = vec![None; doc.blocks.len()];
    // Each block's [`text_len`], measured once: it also tells a blank block (0).
    let lens: Vec<usize> = doc.blocks.iter().map(text_len).collect();
    let trailing = trailing_flags(&lens);
    memo.ready(doc);
    let page = Page::new(doc, &memo.profiles);
    let mut found: Vec<(usize, usize)> = Vec::new(); // block, start
    let mut findings = Vec::new();
    // Long blocks after the current one that are not whole banners: a block
    // followed only by banners and short lines is trailing too.
    let mut long_after = 0usize;
    // The block after the current one that has text.
    let mut next_block: Option<usize> = None;
    for (i, block) in doc.blocks.iter().enumerate().rev() {
        if findings.len() >= MAX_FINDINGS {
            break;
        }
        if block.verbatim || lens[i] == 0 {
            continue;
        }
        let after = next_block.replace(i);
        // A block quotation quotes someone: notices are the site's own words.
        if block.kind == BlockKind::Quote {
            long_after += usize::from(text_len(block) > LONG_BLOCK);
            continue;
        }
        let is_trailing = trailing[i] || (!found.is_empty() && long_after == 0);
        let tail = match memo.earlier(i).and_then(|e| earlier.get(e)?.as_ref()) {
            Some(concepts) => concepts.clone(),
            None => read
                .get_mut(i)
                .and_then(Option::take)
                .unwrap_or_else(|| tail_concepts(&block.joined())),
        };
        // A short line right before a whole-block notice may be its heading
        // ("Уважаемый посетитель!", "Nejste přihlášen."): one of the
        // notice's concepts is enough there.
        let lead = lens[i] <= LEAD_BLOCK
            && found
                .last()
                .is_some_and(|&(b, start)| start == 0 && Some(b) == after);
        // A line of a word or two in the notice's script, foreign to the
        // page, heads it too ("Информация" above a DLE notice).
        let heads = lead
            && (leads_a_notice(&tail)
                || after.is_some_and(|b| {
                    let text = block.joined();
                    let line = Profile::of(&text);
                    let skip: Vec<usize> = found.iter().map(|f| f.0).collect();
                    let notice = Profile::of(&doc.blocks[b].joined());
                    !text.contains(|c: char| c.is_ascii_digit())
                        && (script_label(&line, &notice, &page.profile(i, 0, &skip))
                            || word_label(&text, &line, &notice, doc, i))
                }));
        let verdict = (enough(&tail, true, is_trailing) || heads)
            .then(|| {
                // The notice this line may head, for its language.
                let notice = heads
                    .then(|| after.map(|b| Profile::of(&doc.blocks[b].joined())))
                    .flatten();
                examine(&page, i, block, is_trailing, notice.as_ref(), &found)
            })
            .flatten();
        tails[i] = Some(tail);
        match verdict {
            Some((start, ev)) => {
                found.push((i, start));
                findings.push(finding(doc, i, block, start, &ev, is_trailing));
                if !block.joined()[..start].trim().is_empty() && lens[i] > LONG_BLOCK {
                    long_after += 1;
                }
            }
            None if lens[i] > LONG_BLOCK => long_after += 1,
            None => {}
        }
    }
    memo.banner_tails = tails;
    findings
}

/// The concepts in the last [`TAIL_BYTES`] of a block's text: a banner
/// needs enough of them there at all (checked first, as it is cheap).
fn tail_concepts(text: &str) -> Vec<Concept> {
    let tail_from = floor_char(text, text.len().saturating_sub(TAIL_BYTES));
    concepts(&text[tail_from..]).0
}

/// [`tail_concepts`], read from the block's words (as
/// [`crate::text::for_each_word`] finds them) instead of its bytes: the
/// spam detector needs the words anyway, and the byte scan was a sixth of
/// the time on clean text. The words start where the scan sees word starts
/// unless a character of the tail runs words together (stems are then
/// matched inside words too): `None` when one may.
pub(crate) fn tail_concepts_of_words(text: &str, words: &[Token]) -> Option<Vec<Concept>> {
    let tail_from = floor_char(text, text.len().saturating_sub(TAIL_BYTES));
    let tail = &text.as_bytes()[tail_from..];
    // Read whole (no early exit), the check runs many bytes at a time.
    if !tail.is_ascii()
        && tail
            .iter()
            .fold(false, |any, &b| any | may_lead_run_together(b))
    {
        return None;
    }
    let lex = lexicon();
    let (mut found, mut stems) = (Vec::new(), Vec::new());
    // Most blocks are shorter than a tail: all their words are in it.
    let first = match tail_from {
        0 => 0,
        _ => words.partition_point(|t| t.end() <= tail_from),
    };
    // The tail may start inside a word: the scan starts a word there.
    let start = |t: &Token| t.start.max(tail_from);
    // Words are sifted 64 at a time into a bit per word that may start a
    // stem, with no branch per word (one in ten or so may: a branch on
    // each mispredicted often), then the few are matched in order.
    for group in words[first..].chunks(64) {
        let mut may = 0u64;
        for (n, t) in group.iter().enumerate() {
            may |= u64::from(may_start_stem(lex, text.as_bytes(), start(t))) << n;
        }
        while may != 0 {
            let at = start(&group[may.trailing_zeros() as usize]);
            may &= may - 1;
            if text.as_bytes()[at].is_ascii() {
                ascii_opening_stems(lex, text, at, &mut found, &mut stems);
                continue;
            }
            // As the scan does at a word start in a script that spaces words.
            let c = text[at..].chars().next().unwrap_or(' ');
            let k = first_index(lower_char(c));
            if lex.firsts[k / 64] & (1 << (k % 64)) != 0 {
                match_stems(lex, text, at, false, true, &mut found, &mut stems);
            }
        }
    }
    Some(found)
}

/// Whether the word at `bytes[at..]` may start a stem: one opening with a
/// non-ASCII byte (sifted further by the caller), or an ASCII letter that
/// [`ascii_opening_may_match`] lets through (as [`ascii_word_start`]
/// does), computed without a branch on the word. A word's three bytes are
/// read at once; past the end of the text a zero stands for a byte, which
/// is of class 0 as the end is.
#[inline(always)]
fn may_start_stem(lex: &Lexicon, bytes: &[u8], at: usize) -> bool {
    let (first, second, third) = match bytes.get(at..at + 3) {
        Some(&[a, b, c]) => (a, b, c),
        _ => (bytes[at], bytes.get(at + 1).copied().unwrap_or(0), 0),
    };
    // The first byte by its class too: a letter's is its low five bits,
    // as `ascii_opening_may_match` reads it; the table holds no opening
    // for an ASCII non-letter and every opening for a non-ASCII byte.
    let class = |b: u8| OPENING_CLASS[usize::from(b)];
    let k = opening_index(class(first), class(second), class(third));
    lex.openings[k / 64] & (1 << (k % 64)) != 0
}

/// Whether a byte may lead the UTF-8 encoding of a character that
/// [`runs_together`]: false for ASCII, Latin, Greek and Cyrillic letters
/// and for curly quotes and dashes, so such tails are read by their words.
fn may_lead_run_together(b: u8) -> bool {
    matches!(b, 0xD6..=0xDB | 0xDD | 0xE0 | 0xE1 | 0xE3..=0xED | 0xEF | 0xF0)
}

/// The earliest start in the block from which its text is a banner, with
/// the evidence, for a block with enough concepts in its tail.
fn examine(
    page: &Page,
    i: usize,
    block: &Block,
    trailing: bool,
    notice: Option<&Profile>,
    found: &[(usize, usize)],
) -> Option<(usize, Evidence)> {
    let text = block.joined();
    let skip: Vec<usize> = found.iter().map(|f| f.0).collect();
    let starts = starts(&text);
    let n = starts.len();
    // Each stretch is a suffix of pieces: profile and vocabulary are summed
    // from the end once, not recomputed for every start.
    let bounds: Vec<usize> = starts.iter().map(|s| s.0).chain([text.len()]).collect();
    let mut suffix = vec![(Profile::default(), Vec::new(), Vec::new(), None); n + 1];
    for k in (0..n).rev() {
        let piece = &text[bounds[k]..bounds[k + 1]];
        let (mut profile, mut cs, mut stems, mut site) = suffix[k + 1].clone();
        profile.merge(&Profile::of(&without_sites(piece)), 1);
        // Read on into the next piece, as a stem of two words may straddle
        // a start ("erster Besuch"): what it finds there is in the suffix anyway.
        let reach = floor_char(&text, text.len().min(bounds[k + 1] + STEM_REACH));
        let (piece_cs, piece_stems) = concepts(&text[bounds[k]..reach]);
        for (c, stem) in piece_cs.into_iter().zip(piece_stems) {
            if !cs.contains(&c) {
                cs.push(c);
                stems.push(stem);
            }
        }
        site = site_name(piece).map(str::to_string).or(site);
        suffix[k] = (profile, cs, stems, site);
    }
    if n == 0 {
        return None;
    }
    // The page's profile is made once a stretch needs it: most candidates
    // are dismissed by their own text first.
    let mut before = PageBefore::default();
    // The page's accented letters, counted for the first stretch that needs them.
    let mut accents: Option<(usize, Accents)> = None;
    for (k, &(start, _)) in starts.iter().enumerate() {
        let seg = text[start..].trim_end();
        if seg.chars().count() > 500 || is_menu(seg) || is_quote(seg) {
            continue;
        }
        let sentences = sentence_count(seg);
        if sentences > 4 {
            continue;
        }
        let (seg_profile, cs, stems, site) = &suffix[k];
        let label = notice.filter(|n| {
            start == 0
                && !text.contains(|c: char| c.is_ascii_digit())
                && (script_label(seg_profile, n, before.at(page, i, &skip, &text, &bounds, k))
                    || word_label(&text, seg_profile, n, page.doc, i))
        });
        let heading = notice.filter(|_| start == 0 && (leads_a_notice(cs) || label.is_some()));
        let enough = enough(cs, site.is_some(), trailing)
            && !(first_visit_alone(cs, site.is_some()) && sentences < 2);
        if !(enough || heading.is_some()) {
            // Later starts only lose vocabulary and sentences.
            break;
        }
        let page_profile = before.at(page, i, &skip, &text, &bounds, k);
        // A heading too short to tell its language by itself shares the
        // notice's function words and has none of the page's.
        let heads_in_its_language = label.is_some()
            || heading.is_some_and(|n| in_language_of(seg_profile, n, page_profile));
        let Some(why) = foreign(seg_profile, page_profile, page.declared.as_deref())
            .or_else(|| {
                heads_in_its_language.then(|| "in the language of the notice it heads".to_string())
            })
            .or_else(|| short_non_english(seg, seg_profile, page_profile))
            .or_else(|| {
                let a = accents_at(&mut accents, page, i, start, &skip);
                foreign_letters(seg, seg_profile, page_profile, a)
            })
        else {
            // In the page's own language only an unmistakable notice goes,
            // and not one after another notice in the same block: that
            // chain would lose one notice a pass and not settle.
            if trailing && addresses_a_guest(seg, cs) && !speaks_of_access(&text[..start]) {
                return Some((
                    start,
                    Evidence {
                        concepts: cs.clone(),
                        stems: stems.clone(),
                        site: site.clone(),
                        foreign: "the page's own language, addressed to a guest".to_string(),
                        sentences,
                    },
                ));
            }
            continue;
        };
        // A page whose article has a paragraph of its own in the stretch's
        // language is bilingual: the stretch is not foreign to it.
        if page.written_in(seg_profile, page_profile, i) {
            continue;
        }
        // Every piece of the stretch must be in the notice's language, none in
        // the article's ("Written by", an English sentence before a Chinese notice).
        // In one Latin script, the letters the page does not use show where
        // the notice opens too.
        let latin = seg_profile.script() == Some(Script::Latin)
            && page_profile.script() == Some(Script::Latin);
        let letters = latin.then(|| accents_at(&mut accents, page, i, start, &skip));
        if !heads_in_its_language
            && !pieces_agree(&text, &starts[k..], seg_profile, page_profile, letters)
        {
            continue;
        }
        return Some((
            start,
            Evidence {
                concepts: cs.clone(),
                stems: stems.clone(),
                site: site.clone(),
                foreign: why,
                sentences,
            },
        ));
    }
    None
}

/// How far past its piece a stretch's vocabulary is read, in bytes: more
/// than the longest stem.
const STEM_REACH: usize = 96;

/// The page's accented letters without the stretch of block `i` from
/// `start` (and the notices found), counted once per start.
fn accents_at<'m>(
    made: &'m mut Option<(usize, Accents)>,
    page: &Page,
    i: usize,
    start: usize,
    skip: &[usize],
) -> &'m Accents {
    if made.as_ref().is_none_or(|a| a.0 != start) {
        *made = Some((start, page.accents(i, start, skip)));
    }
    &made.as_ref().expect("just made").1
}

/// The profile of the page without the stretch of block `i` from its
/// piece `k` on: the page's other blocks and the block's pieces before
/// `k`, each added as a text of its own.
#[derive(Default)]
struct PageBefore {
    /// The profile and how many of the block's pieces it holds.
    made: Option<(Profile, usize)>,
}

impl PageBefore {
    fn at(
        &mut self,
        page: &Page,
        i: usize,
        skip: &[usize],
        text: &str,
        bounds: &[usize],
        k: usize,
    ) -> &Profile {
        let (profile, added) = self
            .made
            .get_or_insert_with(|| (page.profile(i, bounds[0], skip), 0));
        while *added < k {
            *added += 1;
            profile.add(&text[bounds[*added - 1]..bounds[*added]]);
        }
        profile
    }
}

/// `text` with site names blanked, so `kopirki.net` does not count as Latin letters.
fn without_sites(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(site) = site_name(&out).map(str::to_string) {
        out = out.replacen(&site, " ", 1);
    }
    out
}

fn finding(
    doc: &Document,
    i: usize,
    block: &Block,
    start: usize,
    ev: &Evidence,
    trailing: bool,
) -> Finding {
    let text = block.joined();
    let whole = text[..start].trim().is_empty();
    let concept_names: Vec<&str> = ev.concepts.iter().map(|c| c.name()).collect();
    let mut signals = vec![
        Signal::new("foreign-language", 0.35, ev.foreign.clone()),
        Signal::new(
            "registration-vocabulary",
            (0.08 * ev.concepts.len() as f32).min(0.4),
            format!("{} ({})", concept_names.join(", "), ev.stems.join(", ")),
        ),
    ];
    if let Some(site) = &ev.site {
        signals.push(Signal::new("site-name", 0.15, format!("names {site}")));
    }
    if trailing {
        signals.push(Signal::new(
            "trailing-position",
            0.15,
            "at the end of the page",
        ));
    } else {
        signals.push(Signal::new(
            "block-end",
            0.05,
            "appended to the end of a block",
        ));
    }
    signals.push(Signal::new(
        "short",
        0.05,
        format!("{} sentence(s)", ev.sentences),
    ));
    let confidence = signals.iter().map(|s| s.weight).sum::<f32>().min(0.99);
    let summary = format!(
        "{} guest notice in {}",
        if trailing { "Trailing" } else { "Appended" },
        ev.foreign
    );
    let draft = Draft {
        kind: Kind::Banner,
        rule: "guest-notice",
        summary,
        signals,
        confidence,
    };
    if whole {
        draft.remove_block(doc, i)
    } else {
        // Remove the banner and the space that separated it from the article.
        let cut = text[..start].trim_end().len();
        draft.edit(doc, i, cut, text.len(), "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean_text;

    const ARTICLE: &str = "The council voted on Tuesday to expand the bus network, adding three routes that will connect the northern suburbs with the hospital and the university.\n\
        Officials said the new routes would be funded by a regional grant and would start running in the spring, once drivers have been hired and trained.\n\
        Residents who spoke at the meeting welcomed the plan but asked for more frequent service in the evenings, when many of them return from work.";

    /// The cleaned text; a removed unterminated last line leaves the line
    /// before it with its newline, which these comparisons ignore.
    fn cleaned(text: &str) -> String {
        clean_text(text).0.trim_end_matches('\n').to_string()
    }

    #[test]
    fn removes_a_notice_to_a_guest_in_the_pages_own_language() {
        banner_removed("Dear visitor, you entered the site newsland.example as an unregistered user. We recommend that you register or log in under your name.");
        banner_removed(
            "Dear guest, you are not logged in. Please register or log in to post comments.",
        );
    }

    #[test]
    fn a_notice_in_the_pages_own_language_takes_no_article_text_before_it() {
        let german = "Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen und drei neue Linien einzurichten, die die nördlichen Vororte mit dem Krankenhaus verbinden.\n\
            Die neuen Linien sollen mit Mitteln des Landes finanziert werden, und Leser bekommen nun auch ein Digitalabo von Mac & i für das iPad. Mehr…";
        let notice = "Sehr geehrter Besucher, Sie haben portal.example als nicht registrierter Benutzer betreten. Wir empfehlen Ihnen, sich zu registrieren oder sich mit Ihrem Namen anzumelden.";
        assert_eq!(cleaned(&format!("{german} {notice}")), german);
    }

    #[test]
    fn keeps_a_last_paragraph_about_signing_up_in_the_pages_own_language() {
        for last in [
            "Visitors who want to comment must now register an account and log in, the site's editor said.",
            "Dear readers, registration for the marathon opens Monday; runners can log in to their accounts on the club's site.",
            "\"Dear guests, please register at the front desk and log in to the Wi-Fi,\" the sign in the lobby read.",
            "Welcome packs will go to users who register on the site before Friday and log in once.",
        ] {
            kept(&format!("{ARTICLE}\n{last}"));
        }
    }

    fn banner_removed(banner: &str) {
        banner_removed_from(ARTICLE, "\n", banner);
    }

    /// Checks that `banner`, after `page` and `sep`, goes and leaves `page`.
    fn banner_removed_from(page: &str, sep: &str, banner: &str) {
        let dirty = format!("{page}{sep}{banner}");
        assert_eq!(cleaned(&dirty), page, "banner kept: {banner}");
    }

    fn kept(text: &str) {
        assert_eq!(cleaned(text), text);
    }

    proptest::proptest! {
        #[test]
        fn chars_past_ascii_are_the_decoded_ones(text in "[ a-zé’Жщ\u{1F600}]{0,80}|\\PC{0,80}") {
            let want: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
            proptest::prop_assert_eq!(chars_past_ascii(&text).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn every_stem_is_found_at_a_word_start_whatever_follows() {
        for &(concept, stems) in LEXICON {
            for stem in stems
                .split('|')
                .map(str::trim)
                .filter(|s| s.chars().count() >= 2)
            {
                // Upper case that lower-cases back ("SAYIN" reads "sayin", not "sayın").
                let upper = stem.to_uppercase();
                let upper =
                    (upper.chars().map(lower_char).collect::<String>() == stem).then_some(upper);
                for text in [
                    format!("… {stem}"),
                    format!("… {stem} x"),
                    format!("… {stem}ed, x"),
                ]
                .into_iter()
                .chain(upper.map(|u| format!("… {u}")))
                {
                    assert!(concepts(&text).0.contains(&concept), "{text}");
                }
            }
        }
    }

    #[test]
    fn a_stretch_reads_past_its_piece_further_than_any_stem_is_long() {
        for &(_, stems) in LEXICON {
            for stem in stems.split('|').map(str::trim) {
                assert!(stem.len() < STEM_REACH, "{stem}");
            }
        }
    }

    #[test]
    fn concepts_do_not_depend_on_where_eight_byte_chunks_fall() {
        let text = "Dear guest, you visited kopirki.net as an unregistered user; please \
            register or log in. Уважаемый посетитель, зарегистрируйтесь. 9guest x-register";
        let want = concepts(text);
        assert!(want.0.len() >= 3, "{want:?}");
        for pad in 1..9 {
            let padded = format!("{}{text}", " ".repeat(pad));
            assert_eq!(concepts(&padded), want, "padded by {pad}");
        }
    }

    #[test]
    fn keeps_a_trailing_sentence_in_the_other_language_of_a_bilingual_page() {
        kept(
            "Community centre reopens / Le centre communautaire rouvre\n\
            The community centre on Rue Saint-Denis reopened on Monday after a year of repairs.\n\
            Le centre communautaire de la rue Saint-Denis a rouvert lundi après un an de travaux.\n\
            Visitors can register for classes at the front desk or online.\n\
            Les visiteurs peuvent s'inscrire aux cours à l'accueil ou en ligne.",
        );
    }

    #[test]
    fn a_notice_may_open_on_a_capitalized_word_after_a_line_in_capitals() {
        let credit = "LAURIE OAKES IS THE NINE NETWORK POLITICAL EDITOR";
        let notice = "Olá, visitante! Para comentar nesta notícia é preciso estar cadastrado. Faça login ou crie sua conta gratuitamente.";
        banner_removed_from(&format!("{ARTICLE}\n{credit}"), " ", notice);
        // A name after the capitals is no notice's opening.
        kept(&format!("{ARTICLE}\n{credit} Laurie Oakes"));
    }

    /// A Japanese article long enough that a line or two of Latin letters
    /// leave its script the page's by far.
    const JAPANESE: &str = "市議会は火曜日、バス路線網を拡充し、北部の郊外と病院や大学を結ぶ三つの新しい路線を設けることを全会一致で決めた。\n\
        新しい路線は地域の補助金で運営され、運転手の採用と研修が終わる来年の春に運行を始める予定だと市の担当者は説明した。\n\
        会合で発言した住民の多くはこの計画を歓迎したが、仕事から帰る人が多い夕方や夜の便をもっと増やすよう強く求めた。\n\
        市は利用者の声を聞くために駅や図書館で説明会を開き、寄せられた意見をもとに時刻表を見直す方針を示している。\n\
        交通の専門家は、路線の拡充が車の利用を減らし、中心部の渋滞や大気汚染の改善にもつながると期待を寄せている。\n\
        一方で、財政の負担を心配する声もあり、議会は三年後に利用状況を調べて路線を続けるかどうかを改めて判断する。\n\
        市長は記者会見で、公共交通は市民の暮らしを支える基盤であり、誰もが使いやすい仕組みを目指すと述べた。";

    #[test]
    fn a_notice_tied_between_close_languages_is_foreign_beside_an_english_line() {
        // "o", "para": Spanish or Portuguese alike. The copyright line shows
        // too few function words to tell its language, but leads in English.
        let notice = "Debes iniciar sesión o registrarte para responder aquí.";
        let copyright = "© 2024 Example Shimbun. All rights reserved. Reproduction without written permission prohibited.";
        banner_removed_from(&format!("{JAPANESE}\n{copyright}"), "\n", notice);
        // After a Spanish paragraph the page is bilingual: the notice stays.
        kept(&format!(
            "{JAPANESE}\nEl ayuntamiento publicará los nuevos horarios en su sitio web la próxima semana.\n{notice}"
        ));
    }

    #[test]
    #[cfg(feature = "cli")]
    fn keeps_a_block_quotation_in_another_language() {
        let quote = "Querido lector, bienvenido a esta casa: aquí nadie te pedirá tu nombre ni tu registro, solo que te quedes un rato y comentes lo que has leído.";
        let paragraphs: String = ARTICLE.lines().map(|l| format!("<p>{l}</p>\n")).collect();
        let page = format!(
            "<html><body>\n{paragraphs}<blockquote><p>{quote}</p></blockquote>\n</body></html>"
        );
        assert_eq!(crate::html::clean_html(&page).unwrap().0, page);
        let page = format!("<html><body>\n{paragraphs}<p>{quote}</p>\n</body></html>");
        assert_ne!(crate::html::clean_html(&page).unwrap().0, page);
    }

    #[test]
    #[cfg(feature = "cli")]
    fn a_quoted_post_in_the_notice_language_makes_no_bilingual_page() {
        let post =
            "Highlights from our 4-1 win at the park, and thanks to all of the fans who came";
        let notice = "Dear guest, you are browsing this site as an unregistered user. Please register or log in to leave comments.";
        let paragraphs: String = JAPANESE.lines().map(|l| format!("<p>{l}</p>\n")).collect();
        let page = |post: &str| {
            format!("<html><body>\n{paragraphs}{post}\n<div>{notice}</div>\n</body></html>")
        };
        let quoted = page(&format!("<blockquote><p>{post}</p></blockquote>"));
        let cleaned = crate::html::clean_html(&quoted).unwrap().0;
        assert!(
            cleaned.contains(post) && !cleaned.contains(notice),
            "{cleaned}"
        );
        // An English paragraph of the page's own makes it bilingual.
        let own = page(&format!("<p>{post}</p>"));
        assert_eq!(crate::html::clean_html(&own).unwrap().0, own);
    }

    #[test]
    fn removes_a_notice_in_a_language_the_article_only_names() {
        banner_removed("Sayın ziyaretçi, siteye kayıtsız kullanıcı olarak girdiniz. Yorum yapabilmek için lütfen kayıt olun veya giriş yapın.");
    }

    #[test]
    fn removes_guest_notices_in_many_languages() {
        for banner in [
            "Vous devez être connecté pour publier un commentaire.",
            "Cher visiteur, vous êtes entré sur le site infos-locales.fr en tant qu'utilisateur non enregistré. Nous vous recommandons de vous inscrire ou de vous connecter avec votre nom.",
            "Gentile visitatore, sei entrato nel sito notizie.it come utente non registrato. Ti consigliamo di registrarti o di accedere con il tuo nome.",
            "Prezado visitante, você entrou no site noticias.com.br como usuário não registrado. Recomendamos que você se registre ou faça login com seu nome.",
            "Sayın ziyaretçi, haberler.com.tr sitesine kayıtsız bir kullanıcı olarak girdiniz. Kayıt olmanızı veya adınızla giriş yapmanızı öneririz.",
            "ゲストさん、こんにちは。コメントを投稿するには、会員登録またはログインしてください。",
            "عزيزي الزائر، لقد دخلت إلى الموقع كمستخدم غير مسجل. نوصيك بالتسجيل أو تسجيل الدخول باسمك.",
            "Beste bezoeker, u bent de site nieuws.nl binnengekomen als niet-geregistreerde gebruiker. Wij raden u aan zich te registreren of in te loggen.",
            "Vážený návštěvníku, vstoupili jste na stránky zpravy.cz jako neregistrovaný uživatel. Doporučujeme vám se zaregistrovat nebo přihlásit.",
            "Αγαπητέ επισκέπτη, μπήκατε στον ιστότοπο ως μη εγγεγραμμένος χρήστης. Σας συνιστούμε να εγγραφείτε ή να συνδεθείτε.",
            "방문자님, 안녕하세요! 댓글을 작성하려면 로그인하거나 회원가입을 해주세요.",
            "Kính chào quý khách, bạn đang truy cập trang web tintuc.vn với tư cách khách. Vui lòng đăng ký hoặc đăng nhập để bình luận.",
            "Pengunjung yang terhormat, Anda memasuki situs berita.id sebagai pengguna yang tidak terdaftar. Kami sarankan Anda mendaftar atau masuk.",
            "Посетители, находящиеся в группе Гости, не могут оставлять комментарии к данной публикации.",
        ] {
            banner_removed(banner);
        }
    }

    #[test]
    fn removes_guest_notices_in_more_languages_and_scripts() {
        for banner in [
            "Поштовани посетиоче, на сајт сте ушли као нерегистровани корисник. Препоручујемо вам да се региструјете или пријавите под својим именом.",
            "Құрметті қонақ, сіз сайтқа тіркелмеген пайдаланушы ретінде кірдіңіз. Тіркелуді немесе өз атыңызбен кіруді ұсынамыз.",
            "ძვირფასო სტუმარო, თქვენ საიტზე შემოხვედით როგორც დაურეგისტრირებელი მომხმარებელი. გირჩევთ დარეგისტრირდეთ ან შეხვიდეთ საკუთარი სახელით.",
            "Հարգելի այցելու, դուք մուտք եք գործել կայք որպես չգրանցված օգտատեր։ Խորհուրդ ենք տալիս գրանցվել կամ մուտք գործել ձեր անունով։",
            // A greeting holding a function word of a third language ("den").
            "Dobrý den, hoste. Pro zobrazení odkazů se musíte zaregistrovat.",
            "Hörmətli qonaq, siz sayta qeydiyyatdan keçməmiş istifadəçi kimi daxil olmusunuz. Qeydiyyatdan keçməyi və ya öz adınızla daxil olmağı tövsiyə edirik.",
            "Hurmatli mehmon, siz saytga ro'yxatdan o'tmagan foydalanuvchi sifatida kirdingiz. Ro'yxatdan o'tishingizni tavsiya qilamiz.",
            "محترم مہمان، آپ سائٹ پر غیر رجسٹرڈ صارف کے طور پر داخل ہوئے ہیں۔ ہم آپ کو رجسٹر کرنے یا اپنے نام سے لاگ ان کرنے کا مشورہ دیتے ہیں۔",
            "প্রিয় অতিথি, আপনি নিবন্ধিত ব্যবহারকারী হিসেবে লগইন করেননি। মন্তব্য করতে অনুগ্রহ করে নিবন্ধন করুন অথবা লগইন করুন।",
            // Swedish "du" is French too: the notice's own words must still count.
            "Hej och välkommen, gäst! Du måste registrera dig innan du kan skriva inlägg. Klicka på länken ovan för att fortsätta.",
        ] {
            banner_removed(banner);
        }
    }

    #[test]
    fn keeps_registration_news_in_the_pages_own_language() {
        kept("Влада је у уторак представила нови портал за грађане, на коме се сваки корисник може регистровати без одласка у општину.\n\
            Министарство наводи да је више од двеста хиљада грађана већ отворило налог, а пријава траје неколико минута.\n\
            Поштовани грађани, регистрација на сајт је бесплатна и можете се пријавити и преко мобилног телефона.");
    }

    #[test]
    fn removes_a_short_notice_too_short_for_its_function_words() {
        for banner in [
            "Aby dodać komentarz, musisz być zalogowany.",
            "Yorum yapabilmek için oturum açmalısınız.",
            "Um zu kommentieren, musst du angemeldet sein.",
        ] {
            banner_removed(banner);
        }
        // English words, even without a function word: the page's language.
        for line in ["Register, log in, comment.", "Members: log in to comment."] {
            kept(&format!("{ARTICLE}\n{line}"));
        }
    }

    #[test]
    fn removes_the_heading_line_of_a_notice() {
        for banner in [
            "Информация\nПосетители, находящиеся в группе Гости, не могут оставлять комментарии к данной публикации.",
            "Інформація: Відвідувачі, які перебувають у групі Гості, не можуть залишати коментарі до цієї публікації.",
            "Уважаемый посетитель!\nВы вошли на сайт как незарегистрированный пользователь.\nЧтобы оставлять комментарии, пожалуйста, зарегистрируйтесь или авторизуйтесь.",
            "안녕하세요, 손님!\n로그인하지 않은 상태입니다. 게시글을 보려면 회원가입 후 로그인하세요.",
            "Καλώς ήρθατε, επισκέπτη!\nΓια να δείτε τους συνδέσμους πρέπει να εγγραφείτε ή να συνδεθείτε.",
            "Deixe um comentário\nVocê precisa fazer o login para publicar um comentário.",
        ] {
            banner_removed(banner);
        }
    }

    #[test]
    fn keeps_a_short_line_before_a_notice_that_is_not_part_of_it() {
        let notice = "Вы вошли на сайт как незарегистрированный пользователь. Чтобы оставлять комментарии, пожалуйста, зарегистрируйтесь или авторизуйтесь.";
        // In the article's language, or foreign but no address to a guest.
        for line in [
            "Welcome to the new season!",
            "Register to vote by Friday.",
            "Leave a comment below.",
            // In a third language, too short to tell from the page's by itself.
            "Deixe um comentário",
            "Москва, 12 марта 2024 года",
            "Москва, 2024",
        ] {
            assert_eq!(
                cleaned(&format!("{ARTICLE}\n{line}\n{notice}")),
                format!("{ARTICLE}\n{line}")
            );
        }
    }

    #[test]
    fn an_appended_notice_takes_no_name_with_it() {
        let french = "Le conseil municipal a voté mardi l'extension du réseau de bus, avec trois nouvelles lignes qui relieront les quartiers nord à l'hôpital.\n\
            Retrouvez toute l'actualité sur Le Monde.fr, le site de news leader de la presse française en ligne.";
        let dirty = format!(
            "{french} Para comentar debes iniciar sesión o registrarte como usuario del sitio."
        );
        assert_eq!(cleaned(&dirty), french);
        let english = format!("{ARTICLE}\nWikimedia Atlas of New Zealand");
        let dirty = format!("{english} Cher visiteur, vous êtes entré sur le site en tant qu'utilisateur non enregistré. Nous vous recommandons de vous inscrire.");
        assert_eq!(cleaned(&dirty), english);
    }

    #[test]
    fn removes_short_cms_notices_of_other_systems() {
        for banner in [
            // uCoz, vBulletin, Discuz, WordPress, Joomla-like wordings.
            "Добавлять комментарии могут только зарегистрированные пользователи. [ Регистрация | Вход ]",
            "Вы не вошли на форум. Пожалуйста, войдите или зарегистрируйтесь.",
            "您需要登录后才可以回帖 登录 | 注册",
            "Komentowanie dostępne tylko dla zalogowanych użytkowników. Zaloguj się lub zarejestruj.",
            "Hej besökare! Du måste logga in eller registrera dig för att kommentera.",
            "بازدیدکننده گرامی، شما به عنوان کاربر ثبت‌نام‌نشده وارد سایت شده‌اید. توصیه می‌کنیم ثبت نام کنید یا وارد شوید.",
            "מבקר יקר, נכנסת לאתר כמשתמש לא רשום. אנו ממליצים להירשם או להתחבר עם שמך.",
            "เรียนผู้เยี่ยมชม คุณเข้าสู่เว็บไซต์ในฐานะผู้ใช้ที่ไม่ได้ลงทะเบียน กรุณาลงทะเบียนหรือเข้าสู่ระบบ",
            "प्रिय आगंतुक, आप साइट पर एक अपंजीकृत उपयोगकर्ता के रूप में आए हैं। कृपया पंजीकरण करें या लॉग इन करें।",
        ] {
            banner_removed(banner);
        }
    }

    #[test]
    fn removes_a_notice_glued_after_a_colon_by_its_foreign_letters() {
        // Spanish or Portuguese by its function words alone; "sesión" and
        // "aquí" have letters the English page never uses.
        let last = "To see the game in action, check out the footage below:";
        let dirty =
            format!("{ARTICLE}\n{last} Debes iniciar sesión o registrarte para responder aquí.");
        assert_eq!(cleaned(&dirty), format!("{ARTICLE}\n{last}"));
    }

    #[test]
    fn removes_a_notice_glued_after_a_colon_by_its_function_words() {
        // No letter of it foreign to an English page: its first sentence,
        // opening after the colon, shows the notice by its words.
        let last = "To see the game in action, check out the footage below:";
        let notice = "Wenn dies Ihr erster Besuch hier ist, lesen Sie bitte zuerst die Hilfe. Sie müssen sich registrieren, bevor Sie Beiträge verfassen können.";
        assert_eq!(
            cleaned(&format!("{ARTICLE}\n{last} {notice}")),
            format!("{ARTICLE}\n{last}")
        );
        // A foreign sentence after a colon that is no notice stays.
        for quoted in [
            "Wenn Sie hier parken, müssen Sie zahlen.",
            "Es war ihr erster Besuch in der Stadt, und sie blieb drei Tage.",
        ] {
            kept(&format!("{ARTICLE}\nThe sign at the gate read: {quoted}"));
        }
    }

    #[test]
    fn removes_reply_notices_with_inflected_log_in_and_register() {
        // "ingelogd of geregistreerd", "logge inn", "kirjautua": forms the
        // stems of the base verbs do not open.
        for banner in [
            "U moet ingelogd of geregistreerd zijn om hier te reageren.",
            "Du må logge inn eller registrere deg for å svare her.",
            "Sinun täytyy kirjautua sisään tai rekisteröityä vastataksesi tähän.",
        ] {
            banner_removed(banner);
        }
    }

    #[test]
    fn removes_forum_notices_to_a_first_time_visitor() {
        for banner in [
            "Wenn Sie zum ersten Mal hier sind, lohnt ein Blick in die Hilfe. Bitte beachten Sie: Bei Ihrem ersten Besuch müssen Sie sich registrieren, ehe Sie schreiben dürfen.",
            "Is dit je eerste bezoek aan het forum? Kijk dan eerst in de hulppagina. Alleen wie zich registreert, kan hier een bericht plaatsen.",
            "Si c'est votre première visite, consultez d'abord l'aide. Vous devez vous inscrire avant de pouvoir écrire un message.",
            "Se questa è la tua prima visita, dai un'occhiata alle domande frequenti. Devi registrarti prima di poter scrivere.",
            "Nếu bạn đến đây lần đầu, hãy xem trang trợ giúp. Bạn phải đăng ký thì mới viết được bài.",
            "Jeśli to Twoja pierwsza wizyta, zajrzyj do pomocy. Musisz się zarejestrować, zanim napiszesz post.",
        ] {
            banner_removed(banner);
        }
    }

    #[test]
    fn keeps_a_foreign_closing_sentence_about_a_first_visit() {
        // One sentence of a first visit and a sign-up is an article's, not a forum's notice.
        for last in [
            "C'est sa première visite en Afrique depuis qu'il s'est inscrit au parti, a rappelé le porte-parole.",
            "Es su primera visita al país desde que se registró como candidato, dijo su equipo.",
            "Es war ihr erster Besuch in der Stadt.",
        ] {
            kept(&format!("{ARTICLE}\n{last}"));
        }
    }

    #[test]
    fn a_notice_opens_with_its_whole_first_sentence() {
        // Capitalized nouns and names inside the first sentence are the notice's own.
        for banner in [
            "Besucher der Gruppe Gäste dürfen hier keine Kommentare schreiben. Bitte melden Sie sich an oder registrieren Sie sich.",
            "Uživatelé ve skupině Hosté nemohou psát komentáře. Prosím, zaregistrujte se nebo se přihlaste.",
        ] {
            banner_removed(banner);
        }
    }

    #[test]
    fn removes_a_notice_in_the_pages_script_told_by_its_letters() {
        // Too few function words to tell the language; letters the page never uses.
        banner_removed("Tienes que iniciar sesión o crear una cuenta aquí para opinar.");
        banner_removed(
            "Csak bejelentkezett tagok szólhatnak hozzá. Lépj be vagy regisztrálj most.",
        );
        let french = "Le conseil municipal a voté mardi l'extension du réseau de bus, avec trois nouvelles lignes qui relieront les quartiers nord à l'hôpital et à l'université.\n\
            Les nouvelles lignes seront financées par une subvention régionale et commenceront à circuler au printemps, une fois les chauffeurs recrutés et formés.\n\
            Les habitants présents à la réunion ont salué le projet, tout en demandant un service plus fréquent le soir, quand beaucoup rentrent du travail.";
        for notice in [
            "Csak bejelentkezett tagok szólhatnak hozzá. Lépj be vagy regisztrálj most.",
            "Tienes que iniciar sesión o crear una cuenta aquí para opinar.",
        ] {
            assert_eq!(cleaned(&format!("{french}\n{notice}")), french, "{notice}");
        }
    }

    #[test]
    fn keeps_sentences_whose_accents_the_page_uses_or_that_read_as_the_page() {
        // A bilingual page writes its Spanish paragraphs with the same letters.
        let bilingual = format!(
            "{ARTICLE}\nLa alcaldía explicó que habrá traducción al español en la reunión del jueves, y que las preguntas podrán enviarse por escrito.\n\
             Los vecinos pueden registrarse en la oficina o iniciar sesión en línea para opinar, según la alcaldía."
        );
        kept(&bilingual);
        // An English sentence with accented names reads as the page.
        kept(&format!(
            "{ARTICLE}\nRegistration opened at Café Müller, where members can log in, said Zoë Núñez."
        ));
    }

    #[test]
    fn a_label_word_in_the_notices_language_goes_with_it() {
        let notice = "Csak bejelentkezett tagok szólhatnak hozzá. Lépj be vagy regisztrálj most.";
        for label in ["Információ", "Bilgi", "Informace"] {
            banner_removed(&format!("{label}\n{notice}"));
        }
        // An English word, a name, or a word the page uses elsewhere stays.
        for line in ["Information", "Reuters", "Officials"] {
            let kept_line = format!("{ARTICLE}\n{line}");
            assert_eq!(
                cleaned(&format!("{kept_line}\n{notice}")),
                kept_line,
                "{line}"
            );
        }
    }

    #[test]
    fn removes_an_english_notice_on_a_french_page() {
        let french = "Le conseil municipal a voté mardi l'extension du réseau de bus, avec trois nouvelles lignes qui relieront les quartiers nord à l'hôpital.\n\
            Les nouvelles lignes seront financées par une subvention régionale et devraient entrer en service au printemps, une fois les chauffeurs recrutés.";
        let banner = "Dear visitor, you have entered the site as an unregistered user. We recommend that you register or log in.";
        assert_eq!(cleaned(&format!("{french}\n{banner}")), french);
    }

    #[test]
    fn removes_trailing_banners_followed_by_short_footer_lines() {
        let dirty = format!(
            "{ARTICLE}\nSzanowny gościu, jesteś niezalogowany. Zaloguj się lub zarejestruj, aby komentować.\nHome\nContact us\n© 2024"
        );
        assert_eq!(
            cleaned(&dirty),
            format!("{ARTICLE}\nHome\nContact us\n© 2024")
        );
    }

    #[test]
    fn keeps_menus_and_greetings_that_are_no_notices() {
        kept(&format!(
            "{ARTICLE}\nВойти · Регистрация · Помощь · Контакты"
        ));
        kept(&format!(
            "{ARTICLE}\nBienvenue à tous les membres du groupe qui nous ont rejoints cette semaine."
        ));
    }

    #[test]
    fn a_finding_explains_itself() {
        let dirty = format!("{ARTICLE}\nEstimado visitante, ha entrado en noticias.example como usuario no registrado. Le recomendamos que se registre.");
        let findings = detect(&Document::from_text(&dirty));
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!(
            (f.kind, &*f.rule, f.block),
            (Kind::Banner, "guest-notice", 3)
        );
        assert_eq!(
            f.reason.summary,
            "Trailing guest notice in Spanish on an English page"
        );
        let names: Vec<&str> = f.reason.signals.iter().map(|s| &*s.name).collect();
        assert!(
            names.contains(&"foreign-language") && names.contains(&"site-name"),
            "{names:?}"
        );
        assert!(f.confidence > 0.8);
    }

    #[test]
    fn removes_notices_in_languages_without_a_word_list() {
        banner_removed("Gerbiamas lankytojau, jūs įėjote į svetainę kaip neregistruotas vartotojas. Rekomenduojame užsiregistruoti arba prisijungti.");
        banner_removed("Lugupeetud külastaja, olete sisenenud lehele registreerimata kasutajana. Soovitame registreeruda või sisse logida.");
    }

    #[test]
    fn removes_a_banner_appended_to_the_last_line() {
        let dirty = format!(
            "{ARTICLE} Stimate vizitator, ați intrat pe site-ul stiri.ro ca utilizator neînregistrat. Vă recomandăm să vă înregistrați sau să vă autentificați."
        );
        assert_eq!(cleaned(&dirty), ARTICLE);
        let dirty = format!("{ARTICLE}\nWritten by Шановний відвідувач, Ви зайшли на сайт новини.example як незареєстрований користувач. Ми рекомендуємо Вам зареєструватися.");
        assert_eq!(cleaned(&dirty), format!("{ARTICLE}\nWritten by"));
    }

    #[test]
    fn a_german_banner_on_an_english_page_and_on_a_german_one_when_it_greets_a_guest() {
        let banner = "Lieber Gast, Sie sind nicht angemeldet. Bitte registrieren Sie sich oder melden Sie sich mit Ihrem Benutzerkonto an, um Kommentare zu schreiben.";
        banner_removed(banner);
        let german = "Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen und drei neue Linien einzurichten, die die nördlichen Vororte mit dem Krankenhaus verbinden.\n\
            Die neuen Linien sollen mit Mitteln des Landes finanziert werden und im Frühjahr den Betrieb aufnehmen, sobald die Fahrer eingestellt sind.";
        assert_eq!(cleaned(&format!("{german}\n{banner}")), german);
        // Without the greeting, in the page's language, it may be the article's.
        let rules = "Wer kommentieren will, muss sich künftig registrieren und mit seinem Benutzerkonto anmelden, sagte der Betreiber der Seite.";
        kept(&format!("{german}\n{rules}"));
    }

    #[test]
    fn a_russian_banner_on_a_czech_page() {
        let czech = "Vláda ve středu schválila návrh zákona, který má zjednodušit stavební řízení a zkrátit dobu, po kterou úřady rozhodují o nových stavbách.\n\
            Podle ministra je to jeden z nejdůležitějších kroků letošního roku, opozice však návrh kritizuje a chce ho ve sněmovně zablokovat.";
        let banner = "Уважаемый посетитель, Вы зашли на сайт как незарегистрированный пользователь. Мы рекомендуем Вам зарегистрироваться либо войти на сайт под своим именем.";
        assert_eq!(cleaned(&format!("{czech}\n{banner}")), czech);
    }

    #[test]
    fn close_languages_in_one_script() {
        let russian = "Как сообщили в администрации города, ремонтные работы на центральной улице продлятся до конца месяца. Движение транспорта на этом участке будет ограничено.\n\
            По словам чиновников, подрядчик уже получил все необходимые разрешения, и работы ведутся по графику. Жители жалуются на шум, но в мэрии обещают, что ночью работы проводиться не будут.";
        let ukrainian = "Шановний відвідувач, Ви зайшли на сайт як незареєстрований користувач. Ми рекомендуємо Вам зареєструватися або увійти на сайт під своїм ім'ям.";
        assert_eq!(cleaned(&format!("{russian}\n{ukrainian}")), russian);
        let portuguese = "Segundo a prefeitura, as obras na rua principal devem durar até o fim do mês. O trânsito neste trecho ficará restrito e as linhas de ônibus terão o trajeto alterado.\n\
            De acordo com os funcionários, a empreiteira já obteve todas as licenças necessárias e os trabalhos seguem o cronograma. Os moradores reclamam do barulho.";
        let spanish = "Estimado visitante, ha entrado en el sitio como usuario no registrado. Le recomendamos que se registre o inicie sesión con su nombre.";
        assert_eq!(cleaned(&format!("{portuguese}\n{spanish}")), portuguese);
        // Portuguese on a Portuguese page is not foreign (and greets no guest).
        let brazilian = "Você entrou no site como usuário não registrado. Recomendamos que você se cadastre ou faça login com seu nome.";
        kept(&format!("{portuguese}\n{brazilian}"));
    }

    #[test]
    fn a_name_inside_a_notice_does_not_split_it() {
        banner_removed("Уважаемый посетитель, Вы зашли на сайт x.example как незарегистрированный пользователь. Мы рекомендуем Вам зарегистрироваться либо войти на сайт под своим именем.");
        banner_removed("Уважаемый посетитель, Вы зашли на сайт Kopirki как незарегистрированный пользователь. Мы рекомендуем Вам зарегистрироваться.");
        banner_removed("您好，游客！您尚未登录 News Portal，请先登录或注册新用户，以便发表评论。");
    }

    #[test]
    fn a_foreign_name_before_a_notice_stays() {
        let japanese = "フリーWi-Fi利用時に、スマートフォンがプロテクションインフラに接続することにより、通信が暗号化される。\n\
            これにより利用者は、第三者から通信を傍受されることやデータの情報漏えいを防ぐことが可能になるという。\nYahoo!検索データ 急上昇ワード";
        let dirty = format!("{japanese} Cher visiteur, vous êtes entré sur le site en tant qu'utilisateur non enregistré. Nous vous recommandons de vous inscrire.");
        assert_eq!(cleaned(&dirty), japanese);
    }

    #[test]
    fn removes_two_trailing_banners() {
        let dirty = format!(
            "{ARTICLE}\nПосетители, находящиеся в группе Гости, не могут оставлять комментарии к данной публикации.\n您好，游客！您尚未登录本站，请先登录或注册新用户，以便发表评论。"
        );
        assert_eq!(cleaned(&dirty), ARTICLE);
    }

    #[test]
    fn the_spaces_of_a_pages_formulas_do_not_thin_its_language_sample() {
        // A test page of MathML formulas, as the HTML reader gives it: each
        // token of a formula a run in its own indentation, so the page's
        // text is mostly spaces. A sample stride grown from those spaces
        // read every other block: the formulas ("a k n v" read as Czech),
        // not the headings between them, and the notice was not foreign.
        use crate::model::{Block, BlockKind, Run};
        let formula = |tokens: &str, bytes: usize| {
            let tokens: Vec<&str> = tokens.split(' ').collect();
            let pad = bytes / tokens.len();
            let runs = tokens
                .iter()
                .map(|t| Run::text(format!("\n{t:>pad$}\n")))
                .collect();
            Block::new(BlockKind::Other, runs)
        };
        let line = |kind, text: &str| Block::new(kind, vec![Run::text(text)]);
        // Each formula after its heading, with the bytes its runs hold.
        let formulas = [
            ("a ≠ 0 , there are two solutions to a x 2 + b x + c = 0 and they are x = − b ± b 2 − 4 a c 2 a .", 6686),
            ("The Lorenz Equations", 0),
            ("x ˙ = σ ( y − x ) y ˙ = ρ x − y − x z z ˙ = − β z + x y", 9222),
            ("The Cauchy-Schwarz Inequality", 0),
            ("( ∑ k = 1 n a k b k ) 2 ≤ ( ∑ k = 1 n a k 2 ) ( ∑ k = 1 n b k 2 )", 10793),
            ("A Cross Product Formula", 0),
            ("V 1 × V 2 = | i j k ∂ X ∂ u ∂ Y ∂ u 0 ∂ X ∂ v ∂ Y ∂ v 0 |", 16207),
            ("The probability of getting", 0),
            ("k heads when flipping n coins is: P ( E ) = ( n k ) p k ( 1 − p ) n − k", 4187),
            ("An Identity of Ramanujan", 0),
            ("1 ( ϕ 5 − ϕ ) e 2 5 π = 1 + e − 2 π 1 + e − 4 π 1 + e − 6 π 1 + e − 8 π 1 + …", 24754),
            ("A Rogers-Ramanujan Identity", 0),
            ("1 + q 2 ( 1 − q ) + q 6 ( 1 − q ) ( 1 − q 2 ) + ⋯ = ∏ j = 0 ∞ 1 ( 1 − q 5 j + 2 ) ( 1 − q 5 j + 3 ) , for | q | < 1 .", 16338),
            ("Maxwell's Equations", 0),
            ("∇ × B → − 1 c ∂ E → ∂ t = 4 π c j → ∇ ⋅ E → = 4 π ρ ∇ × E → + 1 c ∂ B → ∂ t = 0 → ∇ ⋅ B → = 0", 25469),
        ];
        let mut doc = Document::from_text("");
        doc.blocks = vec![
            line(
                BlockKind::Heading,
                "MathJax v3 beta: MathML input, HTML output test",
            ),
            line(BlockKind::Paragraph, "When"),
        ];
        doc.blocks
            .extend(formulas.iter().map(|&(text, bytes)| match bytes {
                0 => line(BlockKind::Heading, text),
                _ => formula(text, bytes),
            }));
        doc.blocks.extend([
            line(BlockKind::Heading, "In-line Mathematics"),
            line(BlockKind::Paragraph, "Finally, while display equations look good for a page of samples, the ability to mix math and text in a paragraph is also important. This expression"),
            formula("3 x − 1 + ( 1 + x ) 2 is an example of an inline equation. As you see, MathJax equations can be used this way as well, without unduly disturbing the spacing between lines.", 2127),
            line(BlockKind::Paragraph, "Per poter rispondere a questa discussione devi prima effettuare l’accesso o registrarti al forum."),
        ]);
        let found = detect(&doc);
        assert_eq!(found.len(), 1, "the Italian notice is found");
        assert_eq!(found[0].block, doc.blocks.len() - 1);
    }

    #[test]
    fn a_tiny_page_falls_back_to_its_declared_language() {
        let mut doc = Document::from_text(
            "Short note.\nSie sind als Gast angemeldet. Bitte registrieren Sie sich.",
        );
        assert!(detect(&doc).is_empty(), "no language to compare with");
        doc.context.lang = Some("en-GB".into());
        assert_eq!(detect(&doc).len(), 1);
    }

    #[test]
    fn a_notice_block_opening_with_a_sentence_of_shared_function_words_goes_whole() {
        let spanish = "El ayuntamiento aprobó el martes la ampliación de la red de autobuses, con tres nuevas líneas que unirán los barrios del norte con el hospital y la universidad.\n\
            Las nuevas líneas se financiarán con una subvención regional y empezarán a funcionar en primavera, cuando se hayan contratado los conductores.";
        let notice = "Nincs jogosultságod hozzászólást írni ebben a fórumban. Kérjük, jelentkezz be vagy regisztrálj.";
        assert_eq!(cleaned(&format!("{spanish}\n{notice}")), spanish);
        // Glued after an article's sentence, a notice must show itself from
        // its first sentence on: the article's stays, and so does the
        // notice's first, with nothing of a notice in it.
        let own = "Los vecinos pidieron más frecuencias por la tarde.";
        assert_eq!(
            cleaned(&format!("{spanish}\n{own} {notice}")),
            format!("{spanish}\n{own} Nincs jogosultságod hozzászólást írni ebben a fórumban.")
        );
    }

    #[test]
    fn an_undeclared_short_page_tells_its_language_by_its_function_words() {
        let notice = "Du måste logga in eller registrera dig för att svara här.";
        let line = "AI hasn't meaningfully changed anything in cybersecurity so far. Deep fake phishing is still rare, and so is any real harm from it.";
        let doc = Document::from_text(&format!("{line}\n{notice}"));
        let found = detect(&doc);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].block, 1);
        // Too few function words, or some of the notice's language too:
        // nothing to compare with.
        for line in [
            "Deep fake phishing remains rare.",
            "AI hasn't changed anything in cybersecurity so far, för att it is still rare.",
        ] {
            let doc = Document::from_text(&format!("{line}\n{notice}"));
            assert!(detect(&doc).is_empty(), "{line}");
        }
    }

    #[test]
    fn a_chinese_banner_on_a_chinese_page_goes_only_when_it_greets_a_guest() {
        let article = "市议会周二投票决定扩大公交网络，新增三条线路，连接北部郊区与医院和大学。\n官员表示，新线路将由地区拨款资助，并将于春季开始运营。";
        assert_eq!(
            cleaned(&format!(
                "{article}\n您好，游客！您尚未登录本站，请先登录或注册新用户，以便发表评论。"
            )),
            article
        );
        kept(&format!(
            "{article}\n您尚未登录本站，请先登录或注册新用户，以便发表评论。"
        ));
    }

    #[test]
    fn keeps_a_closing_quote_in_a_foreign_language() {
        kept(&format!("{ARTICLE}\nAs the mayor put it in her closing remarks: « Nous devons rester unis, c'est la seule façon de bâtir une ville pour tous. »"));
        kept(&format!(
            "{ARTICLE}\n«Мы будем бороться до конца, потому что это наш дом», — сказал он журналистам."
        ));
    }

    #[test]
    fn keeps_a_foreign_closing_quote_about_registering() {
        let german = "Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen und drei neue Linien einzurichten, die die nördlichen Vororte mit dem Krankenhaus verbinden.\n\
            Die neuen Linien sollen mit Mitteln des Landes finanziert werden und im Frühjahr den Betrieb aufnehmen, sobald die Fahrer eingestellt sind.";
        kept(&format!(
            "{german}\n\"Visitors to the site can register for the guided tours as guests,\" the mayor said."
        ));
        kept(&format!(
            "{german}\nWe stay connected with our members in the group, Smith said."
        ));
    }

    #[test]
    fn keeps_a_footer_menu_of_language_names() {
        kept(&format!(
            "{ARTICLE}\nEnglish · Français · Deutsch · Русский · 中文 · Español · Polski · Українська"
        ));
    }

    #[test]
    fn keeps_a_same_language_ending() {
        kept(&format!(
            "{ARTICLE}\nDear readers, to comment on this article please register or log in to your account on our website news.example.com."
        ));
        kept("Как сообщили в администрации, работы продлятся до конца месяца. Движение на участке будет ограничено.\n\
            Посетители сайта могут оставлять комментарии к публикации после регистрации. Зарегистрируйтесь или войдите на сайт под своим именем.");
    }

    #[test]
    fn keeps_an_english_article_about_website_registration() {
        kept("Many news sites now ask visitors to register before they can comment. Guests who are not logged in see a notice asking them to sign in.\n\
            Critics say the registration walls drive readers away, while publishers say user accounts cut spam in the comment sections of their websites.");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// [`tail_concepts_of_words`] for `text`, with its words found as a
    /// cleaning pass finds them.
    fn by_words(text: &str) -> Option<Vec<Concept>> {
        let texts = [std::borrow::Cow::Borrowed(text)];
        let words = crate::text::PageTokens::of(&texts);
        tail_concepts_of_words(text, words.block(0))
    }

    #[test]
    fn a_word_may_start_a_stem_by_its_first_byte_and_opening() {
        let lex = lexicon();
        let some = [b' ', b'.', b'1', b'a', b'N', b'z', 0xC3, 0x80, 0xE2];
        for a in 0..=255u8 {
            for (b, c) in some.iter().flat_map(|&b| some.iter().map(move |&c| (b, c))) {
                let rest = [a, b, c];
                let want = !a.is_ascii()
                    | (a.is_ascii_alphabetic() && ascii_opening_may_match(lex, &rest));
                assert_eq!(may_start_stem(lex, &rest, 0), want, "{rest:?}");
            }
        }
    }

    #[test]
    fn the_opening_table_follows_the_rule() {
        let lex = lexicon();
        let next = (0..=255u8).map(Some).chain([None]);
        for a in (b'a'..=b'z').chain(b'A'..=b'Z') {
            for b in next.clone() {
                for c in next.clone() {
                    let rest: Vec<u8> = [Some(a), b, c].into_iter().map_while(|x| x).collect();
                    assert_eq!(
                        ascii_opening_may_match(lex, &rest),
                        opening_by_rule(lex, &rest),
                        "{rest:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_character_that_runs_together_is_seen_by_its_first_byte() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(!runs_together(c) || may_lead_run_together(first), "{c:?}");
        }
    }

    #[test]
    fn tails_read_by_words_find_the_scanned_concepts() {
        let notice = "Dear visitor, you entered the site as an unregistered user. Log in or register, Gäste können kommentieren; Уважаемый посетитель; hoş geldin, i nderuar përdorues";
        for pad in 0..12 {
            // Long enough for the tail to start inside a word, at each of its bytes.
            let text = format!("{}{notice}", "x".repeat(TAIL_BYTES - notice.len() + pad));
            assert_eq!(
                by_words(&text),
                Some(tail_concepts(&text)),
                "padded by {pad}"
            );
        }
        // The tail starting inside a word ("qqq|guest"): the scan starts a word there.
        let word = "qqqguestqq";
        let filler = " dolor".repeat(200);
        for off in 0..word.len() {
            let after = &filler[..TAIL_BYTES - (word.len() - off)];
            let text = format!("lorem {word}{after}");
            assert_eq!(by_words(&text), Some(tail_concepts(&text)), "cut at {off}");
        }
        // Scripts that run words together are matched inside words: scanned.
        assert_eq!(by_words("您好，游客！您尚未登录 a.example"), None);
    }

    proptest! {
        /// Reading a tail by its words finds what scanning its bytes finds.
        #[test]
        fn tails_read_by_words_agree(body in "[ a-zA-Z0-9.,'éüßİıЖжщ’—\u{212A}]{0,900}|\\PC{0,300}", tail in prop::sample::select(vec![
            "",
            " Уважаемый посетитель, Вы зашли на сайт x.example как незарегистрированный пользователь.",
            " Estimado visitante, ha entrado en b.example como usuario no registrado. Regístrese.",
            " You must be logged in to post a comment. Register as a guest user of this site.",
        ])) {
            let text = format!("{body}{tail}");
            if let Some(found) = by_words(&text) {
                prop_assert_eq!(found, tail_concepts(&text));
            }
        }

        /// Any text, with or without a notice after it, is analyzed without
        /// panicking, and findings cut at character boundaries.
        #[test]
        fn never_panics(body in "\\PC{0,300}", tail in prop::sample::select(vec![
            "",
            " Уважаемый посетитель, Вы зашли на сайт x.example как незарегистрированный пользователь.",
            "\n您好，游客！您尚未登录 a.example，请先登录或注册新用户。",
            " Estimado visitante, ha entrado en b.example como usuario no registrado. Regístrese.",
        ])) {
            let text = format!("{body}{tail}");
            let doc = Document::from_text(&text);
            for f in detect(&doc) {
                for e in &f.edits {
                    prop_assert!(e.byte_range(&doc.blocks[f.block].runs[e.run].text).is_some());
                }
            }
        }
    }
}
