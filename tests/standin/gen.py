#!/usr/bin/env python3
"""Stand-in for Rinse's hidden held-out set (round 8).

Plants the dev set's kinds of damage the dev set's way (see RECIPE.md), but
with new material: new spam phrases, new template sentences, banners in new
languages / CMS styles, new corruptions, new abbreviations; plus hard
negatives (neg/), a few extra real pages (newpages/, Readability test pages
that are not in the corpus) and hand-written news pages rich in
abbreviations (extra/).

    python3 tests/standin/gen.py    # writes /tmp/rinse-standin/cases/ and cases.jsonl
    python3 tests/standin/gen.py --seed 2 --out /tmp/rinse-standin-2   # another draw
    python3 ../shared/tools/score.py /tmp/rinse-standin   (from the project root)

Its phrases, templates and banners are test material only: a detector that
learns them by heart proves nothing (they stand in for a set nobody sees).

Deterministic: one seeded random.Random; same inputs -> same cases.
"""
import difflib
import glob
import json
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, '..', '..', '..', 'shared')
sys.path.insert(0, os.path.join(SHARED, 'tools'))
from textify import normal, textify  # noqa: E402

ROOT = '/tmp/rinse-standin'
OUT = os.path.join(ROOT, 'cases')
PAGES = os.path.join(SHARED, 'corpus', 'pages')
SEED = 8_2026

# --------------------------------------------------------------------------
# material
# --------------------------------------------------------------------------

SPAM_PHRASES = [
    # title-case commercial phrases
    'Roof Leak Specialists', 'Affordable Dog Grooming', 'Custom Hoodies Wholesale',
    'Bathroom Tile Installers', 'Septic Tank Pumping', 'Water Damage Restoration',
    'Keto Gummies', 'Student Loan Relief', 'Dumpster Rental', 'Asphalt Paving',
    'Teeth Aligners', 'Solar Battery Storage', 'Bitcoin Mixer', 'Tarot Reading Online',
    'Kratom Capsules Wholesale',
    # service + city
    'Gold Coast Plumbers', 'Mold Inspection Denver', 'Wedding Photographer Tuscany',
    'Laser Hair Removal Dubai', 'Invisalign Cost London', 'Pest Control Sydney',
    'Luxury Yacht Charter Croatia', 'Office Cleaning Melbourne', 'Window Tinting Houston',
    'Cheap Car Rentals Lisbon', 'Schlüsseldienst Berlin',
    # best X in Y / for Y (lower-case function words)
    'Used Tractors for Sale', 'Best VPN for Gaming', 'Best Hair Salon in Dubai',
    'Best SEO Agency in Lagos',
    # brand + city
    'Apex Movers Calgary', 'Brightsmile Dental Leeds', 'Nordic Roofing Oslo', 'Sunrise Realty Bali',
    # digits, hyphens, acronyms
    '24/7 Emergency Locksmith', 'Top 5 Crypto Exchanges', 'iPhone 15 Screen Repair',
    'Anti-Snoring Mouthpiece', '3D Printing Service', 'Walk-In Bathtubs', 'Eco-Friendly Diapers',
    'HVAC Repair Phoenix', 'LED Grow Lights', 'ERP Software Dubai',
    # foreign-language spam
    'Slot Gacor Terpercaya', 'Jasa Backlink Murah',
    # lower case
    'cheap essay help', 'buy tiktok likes', 'payday loans no credit check',
    'replica designer handbags', 'best gaming chair',
]

SPAM_HOSTS = ['rankboost-media.example', 'go.partner-offers.example', 'www.top-picks-daily.example',
              'promo-hub.example', 'cheapfinds24.example', 'linkwheel-pro.example',
              'deals.clickwave.example', 'bestof-local.example']

# [X] is the phrase; <...> marks the linked words when the template links them
# instead of the phrase; {a|b} is spintax.
TEMPLATES = [
    'To learn more about [X], click here.',
    'Check out our [X] page for details.',
    'Find the best [X] at our website.',
    'Read more on [X] here.',
    'Looking for [X]? We can help.',
    'Get the best deals on [X] today.',
    'Click here to get a free quote for [X].',
    'Need [X]? Contact us now.',
    'Discover top-rated [X] on our site.',
    'Get in touch with us to find out more about [X].',
    'For the best [X], look no further than our website.',
    "Don't miss our complete guide to [X].",
    'We offer professional [X] at affordable prices.',
    'More details on [X] can be found on our homepage.',
    'Have a look at our [X] offers.',
    '{Be sure to|Make sure to|Don\'t forget to} check our website for [X].',
    '{Click|Tap} here to {read|learn} more about [X].',
    'Interested in [X]? {Visit|See|Check} our {website|homepage|blog} for more.',
    'Our team of [X] experts is ready to help you.',
    'Compare prices for [X] {on our site|at our store|here}.',
    'You can {find|get} more {info|information|tips} about [X] {on our blog|at our website|here}.',
    'To learn more about [X], <click here>.',
    'Searching for [X]? <Visit our website> today.',
]

# Banners: lang, cms, html snippet (its visible text is what text mode gets).
# None of these texts is in the dev set.
BANNERS = [
    ('tr', 'xenforo', '<div class="blockMessage">Bu konuya cevap yazmak için giriş yapmalı veya kayıt olmalısınız.</div>'),
    ('vi', 'vbulletin', '<div class="blockrow restrictions">Nếu đây là lần đầu tiên bạn ghé thăm diễn đàn, hãy đọc phần Hỏi đáp. Bạn cần phải đăng ký trước khi có thể gửi bài viết.</div>'),
    ('id', 'wordpress', '<p class="must-log-in">Anda harus <a href="https://beritaku.example/wp-login.php">masuk</a> untuk mengirim komentar. Belum punya akun? Silakan daftar terlebih dahulu.</p>'),
    ('th', 'generic', '<div class="guest-msg">เรียนผู้เยี่ยมชม คุณเข้าสู่เว็บไซต์ในฐานะผู้ใช้ที่ไม่ได้ลงทะเบียน เราขอแนะนำให้คุณลงทะเบียนหรือเข้าสู่ระบบด้วยชื่อของคุณ</div>'),
    ('hi', 'ucoz', '<div class="commReg">केवल पंजीकृत उपयोगकर्ता ही टिप्पणी जोड़ सकते हैं। [ <a href="/register">पंजीकरण</a> | <a href="/login">लॉग इन</a> ]</div>'),
    ('ar', 'vbulletin', '<div class="blockrow restrictions">عزيزي الزائر، أنت غير مسجل في المنتدى. يرجى التسجيل أو تسجيل الدخول لتتمكن من المشاركة والرد على المواضيع.</div>'),
    ('he', 'phpbb', '<div class="panel"><div class="inner"><p>עליך להתחבר או להירשם כדי לפרסם תגובות בפורום זה.</p></div></div>'),
    ('el', 'joomla', '<p class="jc-policy">Μόνο εγγεγραμμένοι χρήστες μπορούν να γράψουν σχόλια. Παρακαλούμε συνδεθείτε ή εγγραφείτε.</p>'),
    ('cs', 'dle', '<div class="berrors">Návštěvníci ve skupině Hosté nemohou přidávat komentáře k této zprávě. Zaregistrujte se nebo se přihlaste na webu.</div>'),
    ('hu', 'phpbb', '<div class="panel"><p>Nincs jogosultságod hozzászólást írni ebben a fórumban. Kérjük, jelentkezz be vagy regisztrálj.</p></div>'),
    ('ro', 'wordpress', '<p class="must-log-in">Trebuie să fii <a href="/wp-login.php">autentificat</a> pentru a publica un comentariu. Nu ai cont? Înregistrează-te acum.</p>'),
    ('nl', 'vbulletin', '<div class="blockrow restrictions">Als dit je eerste bezoek is, lees dan eerst de veelgestelde vragen. Je moet je registreren voordat je berichten kunt plaatsen.</div>'),
    ('sv', 'xenforo', '<div class="blockMessage">Du måste logga in eller registrera dig för att svara här.</div>'),
    ('ja', 'generic', '<div class="guest-notice">ゲストさん、こんにちは。コメントを投稿するにはログインまたは会員登録が必要です。</div>'),
    ('ko', 'xe', '<div class="xe-comment-login">회원만 댓글을 작성할 수 있습니다. 로그인하거나 회원가입을 해주세요.</div>'),
    ('zh-tw', 'discuz', '<div class="pt hm">您需要登入後才可以回覆 <a href="member.php?mod=logging&amp;action=login">登入</a> | <a href="member.php?mod=register">註冊帳號</a></div>'),
    ('pt', 'generic', '<div class="aviso">Olá, visitante! Para comentar nesta notícia é preciso estar cadastrado. Faça login ou crie sua conta gratuitamente.</div>'),
    ('it', 'phpbb', '<div class="panel"><p>Per poter rispondere a questa discussione devi prima effettuare l’accesso o registrarti al forum.</p></div>'),
    ('fr', 'joomla', '<p class="jc-policy">Seuls les utilisateurs enregistrés peuvent publier des commentaires. Veuillez vous connecter ou créer un compte.</p>'),
    ('fi', 'generic', '<div class="notice">Hei vieras! Kommentointi on sallittu vain rekisteröityneille käyttäjille. Kirjaudu sisään tai rekisteröidy.</div>'),
    ('bg', 'dle', '<div class="berrors">Посетителите от групата Гости не могат да оставят коментари към тази публикация. Моля, регистрирайте се или влезте в сайта.</div>'),
    ('sr', 'ucoz', '<div class="commReg">Само регистровани корисници могу да додају коментаре. [ <a href="/register">Регистрација</a> | <a href="/login">Пријава</a> ]</div>'),
    ('kk', 'generic', '<div class="info">Құрметті қонақ, сіз сайтқа тіркелмеген пайдаланушы ретінде кірдіңіз. Тіркелуді немесе өз атыңызбен кіруді ұсынамыз.</div>'),
    ('de', 'vbulletin', '<div class="blockrow restrictions">Wenn dies Ihr erster Besuch hier ist, lesen Sie bitte zuerst die Hilfe. Sie müssen sich registrieren, bevor Sie Beiträge verfassen können.</div>'),
    ('es', 'xenforo', '<div class="blockMessage">Debes iniciar sesión o registrarte para responder aquí.</div>'),
    ('pl', 'xenforo', '<div class="blockMessage">Musisz się zalogować lub zarejestrować, aby tutaj odpowiedzieć.</div>'),
    ('uk', 'phpbb', '<div class="panel"><p>Ви не можете писати відповіді у цьому форумі, доки не увійдете або не зареєструєтесь.</p></div>'),
    ('fa', 'wordpress', '<p class="must-log-in">کاربر مهمان، برای ارسال دیدگاه باید <a href="/wp-login.php">وارد شوید</a> یا ثبت نام کنید.</p>'),
    ('ms', 'xenforo', '<div class="blockMessage">Anda perlu log masuk atau mendaftar untuk membalas di sini.</div>'),
    ('en', 'generic', '<div class="guest-notice">Dear guest, you are browsing this site as an unregistered user. Please register or log in to leave comments.</div>'),
    ('zh', 'discuz', '<div class="pt hm">您需要登录后才可以回帖 <a href="member.php?mod=logging&amp;action=login">登录</a> | <a href="member.php?mod=register">立即注册</a></div>'),
    ('ru', 'ucoz', '<div class="commReg">Добавлять комментарии могут только зарегистрированные пользователи. [ <a href="/register">Регистрация</a> | <a href="/login">Вход</a> ]</div>'),
]
# a label line some CMSs put before the notice, in the notice's language
BANNER_LABELS = {'tr': 'Bilgi', 'vi': 'Thông báo', 'id': 'Informasi', 'cs': 'Informace', 'bg': 'Информация',
                 'ar': 'تنبيه', 'el': 'Πληροφορία', 'hu': 'Információ', 'ru': 'Информация', 'ro': 'Informație'}

ABBREV_TITLE = r'(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Capt|Prof|Rev|Sgt|Det|Hon|Fr|St|Mt|Ft)'
ABBREV_MONTH = r'(?:Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)'
LINEBREAK_PATTERNS = [
    ('title', re.compile(r'(?<![\w.])(' + ABBREV_TITLE + r'\.) (?=[A-Z][\w’\']+)')),
    ('month', re.compile(r'(?<![\w.])(' + ABBREV_MONTH + r'\.) (?=\d)')),
    ('number', re.compile(r'(?<![\w.])(Nos?\.) (?=\d)')),
    ('suffix', re.compile(r'(?<![\w.])(Inc\.|Corp\.|Co\.|Ltd\.|Bros\.|Jr\.) (?=[a-z])')),
    ('initialism', re.compile(r'(?<![\w.])(U\.S\.|U\.K\.|U\.N\.|E\.U\.|H\.F\.) (?=[A-Z][a-z])')),
    ('time', re.compile(r'(?<![\w.])([ap]\.m\.) (?=[a-z])')),
    ('versus', re.compile(r'(?<![\w.])(v\.|vs\.) (?=[A-Z])')),
]

PUNCT_MODES = [  # (mode, weight)
    ('cp1252', 26), ('cp1252x2', 10), ('latin1', 8), ('macroman', 4),
    ('qmark', 12), ('fffd', 10), ('underscore', 10), ('backtick', 6), ('entity', 12), ('mixed-sloppy', 4),
]
TYPO = '’‘“”—–…«»„‚'
APOS = '’'

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

_CP1252 = {}
for b in range(256):
    try:
        _CP1252[b] = bytes([b]).decode('cp1252')
    except UnicodeDecodeError:
        _CP1252[b] = chr(b)  # sloppy: undefined bytes stay as C1 controls (as the dev set has them)


def sloppy_cp1252(bs):
    return ''.join(_CP1252[b] for b in bs)


def mojibake(s, codec):
    bs = s.encode('utf-8')
    if codec == 'cp1252':
        return sloppy_cp1252(bs)
    if codec == 'cp1252x2':
        return sloppy_cp1252(sloppy_cp1252(bs).encode('utf-8'))
    if codec == 'latin1':
        return bs.decode('latin-1')
    if codec == 'macroman':
        return bs.decode('mac_roman')
    raise ValueError(codec)


def spin(rng, t):
    return re.sub(r'\{([^{}]*)\}', lambda m: rng.choice(m.group(1).split('|')), t)


def slug(p):
    return re.sub(r'[^a-z0-9]+', '-', p.lower()).strip('-')


def spam_url(rng, phrase):
    host = rng.choice(SPAM_HOSTS)
    k = rng.random()
    if k < 0.5:
        return f'https://{host}/{slug(phrase)}'
    if k < 0.7:
        return f'https://{host}/?s=' + '+'.join(re.findall(r'\w+', phrase.lower()))
    if k < 0.85:
        return f'http://{host}/{slug(phrase)}.html?ref=news'
    return f'https://{host}/go/{rng.randrange(16**6):06x}'


SCRIPTS = [('cyr', r'[\u0400-\u04ff]'), ('han', r'[\u4e00-\u9fff]'), ('kana', r'[\u3040-\u30ff]'),
           ('hangul', r'[\uac00-\ud7af]'), ('arab', r'[\u0600-\u06ff]'), ('hebr', r'[\u0590-\u05ff]'),
           ('thai', r'[\u0e00-\u0e7f]'), ('greek', r'[\u0370-\u03ff]'), ('deva', r'[\u0900-\u097f]'),
           ('latin', r'[A-Za-z\u00c0-\u024f]')]
STOP = {
    'en': 'the and of to is in that was for with',
    'fr': 'le la les des et est une dans pour que',
    'es': 'el los las del que una por con para se',
    'pt': 'não que os das do em uma com para é',
    'de': 'der die und das nicht ist ein mit sich auf',
    'cs': 'je se na že v ve jsou jako by pro',
    'it': 'il che di della per non una sono gli',
    'nl': 'het een van en de niet zijn voor op',
    'pl': 'się nie jest że na do to w z',
    'id': 'yang dan di untuk dengan tidak ini dari',
    'vi': 'của và các là không có những được',
}
LANG_OF_SCRIPT = {'cyr': 'ru', 'han': 'zh', 'kana': 'ja', 'hangul': 'ko', 'arab': 'ar', 'hebr': 'he',
                  'thai': 'th', 'greek': 'el', 'deva': 'hi'}


def page_lang(text):
    counts = {k: len(re.findall(p, text)) for k, p in SCRIPTS}
    if counts['kana'] > 50:
        return 'ja', 'cjk'
    top = max(counts, key=counts.get)
    if top != 'latin' and counts[top] > 0.2 * sum(counts.values()):
        return LANG_OF_SCRIPT[top], top
    words = re.findall(r'\w+', text.lower())
    scores = {l: sum(words.count(w) for w in ws.split()) for l, ws in STOP.items()}
    return max(scores, key=scores.get), 'latin'


def visible(doc, fmt):
    return normal(textify(doc) if fmt == 'html' else doc)


def word_diff(bad_doc, good_doc, fmt, kind):
    a, b = visible(bad_doc, fmt).split(), visible(good_doc, fmt).split()
    arts = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == 'equal':
            continue
        if op == 'replace' and i2 - i1 == j2 - j1:
            for x, y in zip(a[i1:i2], b[j1:j2]):
                arts.append({'kind': kind, 'bad': x, 'good': y})
        else:
            arts.append({'kind': kind, 'bad': ' '.join(a[i1:i2]), 'good': ' '.join(b[j1:j2])})
    seen, out = set(), []
    for x in arts:  # one record per distinct token pair, as the dev set has them
        key = (x['bad'], x['good'])
        if key not in seen and x['bad']:
            seen.add(key)
            out.append(x)
    return out


# --------------------------------------------------------------------------
# HTML text segments
# --------------------------------------------------------------------------

TOKEN = re.compile(r'<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!\[CDATA\[.*?\]\]>|<[^>]*>',
                   re.S | re.I)
SKIP_TAGS = {'head', 'title', 'noscript', 'template', 'svg', 'iframe', 'object', 'textarea', 'pre', 'code',
             'kbd', 'samp', 'math', 'select', 'option'}


def html_segments(doc):
    """Yields (start, end) of text between tags that is visible prose (not in SKIP_TAGS)."""
    depth = {t: 0 for t in SKIP_TAGS}
    pos = 0
    segs = []
    for m in TOKEN.finditer(doc):
        if m.start() > pos and not any(depth.values()):
            segs.append((pos, m.start()))
        tag = m.group(0)
        tm = re.match(r'<(/?)([a-zA-Z][\w:-]*)', tag)
        if tm:
            name = tm.group(2).lower()
            if name in depth and not tag.endswith('/>'):
                depth[name] += -1 if tm.group(1) else 1
                depth[name] = max(depth[name], 0)
        pos = m.end()
    if pos < len(doc) and not any(depth.values()):
        segs.append((pos, len(doc)))
    return segs


def apply_on_segments(doc, fmt, fn):
    if fmt == 'text':
        return fn(doc, 0)
    segs = html_segments(doc)
    out, last, off = [], 0, 0
    for s, e in segs:
        out.append(doc[last:s])
        out.append(fn(doc[s:e], off))
        off += e - s
        last = e
    out.append(doc[last:])
    return ''.join(out)


def editable_length(doc, fmt):
    if fmt == 'text':
        return len(doc)
    return sum(e - s for s, e in html_segments(doc))


# --------------------------------------------------------------------------
# punctuation
# --------------------------------------------------------------------------

def corrupt_punct(rng, doc, fmt, lang_script):
    mode = rng.choices([m for m, _ in PUNCT_MODES], [w for _, w in PUNCT_MODES])[0]
    total = editable_length(doc, fmt)
    shape = rng.random()
    if shape < 0.5:
        lo, hi, p = 0, total, 1.0
    elif shape < 0.8:
        a = rng.randrange(max(total, 1))
        lo, hi, p = a, a + int(total * rng.uniform(0.3, 0.7)), 1.0
    else:
        lo, hi, p = 0, total, rng.uniform(0.2, 0.6)
    latin = lang_script == 'latin'
    ent_form = rng.choice(['&#8217;', '&rsquo;', '&#x2019;', '&amp;#8217;'])
    if fmt == 'html':
        ent_form = rng.choice(['&amp;#8217;', '&amp;rsquo;', '&amp;amp;#8217;', '&amp;#x2019;'])
    ENT_OTHER = {'“': '&#8220;', '”': '&#8221;', '—': '&#8212;', '–': '&#8211;', '‘': '&#8216;'}
    replacement = {'qmark': '?', 'fffd': '\ufffd', 'underscore': '_', 'backtick': '`'}

    def fn(seg, off):
        out = []
        i = 0
        while i < len(seg):
            c = seg[i]
            inside = lo <= off + i < hi and rng.random() < p
            if mode in ('cp1252', 'cp1252x2', 'latin1', 'macroman') and ord(c) > 127 and inside:
                j = i
                while j < len(seg) and ord(seg[j]) > 127 and (latin or seg[j] in TYPO):
                    j += 1
                if j == i:  # non-Latin page: only punctuation runs are damaged
                    out.append(c)
                    i += 1
                    continue
                out.append(mojibake(seg[i:j], mode))
                i = j
                continue
            if mode == 'mixed-sloppy' and c in TYPO and inside:
                out.append(mojibake(c, rng.choice(['cp1252', 'cp1252', 'latin1', 'cp1252x2'])))
            elif mode in ('qmark', 'fffd') and c in TYPO and inside:
                out.append(replacement[mode])
            elif mode in ('underscore', 'backtick') and inside and (
                    c == APOS or (c == "'" and 0 < i < len(seg) - 1 and seg[i - 1].isalpha() and seg[i + 1].isalpha())):
                out.append(replacement[mode])
            elif mode == 'entity' and inside and c == APOS:
                out.append(ent_form)
            elif mode == 'entity' and inside and c in ENT_OTHER and fmt == 'text' and ent_form.startswith('&#8'):
                out.append(ENT_OTHER[c])
            else:
                out.append(c)
            i += 1
        return ''.join(out)

    return apply_on_segments(doc, fmt, fn), mode


# --------------------------------------------------------------------------
# spam
# --------------------------------------------------------------------------

def anchor_html(rng, phrase, linked):
    if linked:
        return f'<a href="{spam_url(rng, phrase)}">{phrase}</a>'
    return phrase


def template_text(rng, t, phrase, fmt):
    t = spin(rng, t)
    bad = re.sub(r'\s+', ' ', t.replace('[X]', '').replace('<', '').replace('>', '')).strip()
    if fmt == 'html':
        if '<' in t:  # the template links its call to action, not the phrase
            t = re.sub(r'<([^>]*)>', lambda m: f'<a href="{spam_url(rng, phrase)}">{m.group(1)}</a>', t)
            s = t.replace('[X]', phrase)
        else:
            s = t.replace('[X]', anchor_html(rng, phrase, rng.random() < 0.85))
    else:
        s = t.replace('<', '').replace('>', '').replace('[X]', phrase)
    return s, bad


def text_positions(s, kind):
    """Offsets in plain prose s where an anchor may be pasted, by kind."""
    if kind == 'comma':
        return [m.end() for m in re.finditer(r'[,，] (?=[a-z])', s)]
    if kind == 'sentstart':
        # not after an abbreviation or an initial ("Dr. Shadlen", "U.S. Army", "J. Smith")
        return [m.end() for m in re.finditer(r'[a-z0-9)][.!?]["”’]? (?=["“]?[A-Z])', s)
                if not re.search(r'(?:^|\s)(?:' + ABBREV_TITLE + '|' + ABBREV_MONTH +
                                 r'|No|Nos|Inc|Corp|Co|Ltd|Jr|Sr|vs?|etc|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.["”’]? $',
                                 s[:m.end()])]
    if kind == 'mid':
        return [m.end() for m in re.finditer(r'(?<=[a-z]{3}) (?=[a-z]{3,} )', s)]
    if kind == 'end':
        m = re.search(r'[.!?]["”’)]?\s*$', s)
        return [m.end() - len(m.group(0)) + len(m.group(0).rstrip())] if m else []
    return []


def plant_spam_text(rng, doc, phrase, n_copies, with_template, template_only):
    lines = doc.split('\n')
    cand = [i for i, l in enumerate(lines)
            if len(l.split()) >= 12 and re.search(r'[.!?"”’)]\s*$', l) and re.search(r'[a-z]', l)
            and not l.lstrip().startswith(('#', '-', '*', '`', '>'))]
    if not cand:
        return None
    rng.shuffle(cand)
    arts = []
    used = set()
    kinds = []
    if not template_only:
        for _ in range(n_copies):
            kinds.append(rng.choices(['comma', 'sentstart', 'mid', 'end'], [50, 38, 6, 6])[0])
    planted = 0
    for k in kinds:
        for i in cand:
            if i in used:
                continue
            ps = text_positions(lines[i], k)
            if not ps:
                continue
            p = rng.choice(ps)
            ins = (' ' + phrase) if k == 'end' else (phrase + ' ')
            lines[i] = lines[i][:p] + ins + lines[i][p:]
            used.add(i)
            planted += 1
            break
    if planted:
        arts.append({'kind': 'spam', 'bad': phrase, 'good': ''})
    tkind = None
    if with_template or template_only:
        t = rng.choice(TEMPLATES)
        s, bad = template_text(rng, t, phrase, 'text')
        for i in cand:
            if i not in used:
                lines[i] = lines[i].rstrip() + ' ' + s
                used.add(i)
                if not planted:
                    arts.append({'kind': 'spam', 'bad': phrase, 'good': ''})
                arts.append({'kind': 'spam', 'bad': bad, 'good': ''})
                tkind = t
                break
    if not arts:
        return None
    return '\n'.join(lines), arts, {'positions': kinds, 'template': tkind}


P_RE = re.compile(r'(<(p|li)\b[^>]*>)(.*?)(</\2\s*>)', re.S | re.I)


def html_paragraphs(doc, tags='p|li'):
    segs = html_segments(doc)
    starts = {s for s, _ in segs}
    out = []
    for m in P_RE.finditer(doc):
        if m.group(2).lower() not in tags.split('|'):
            continue
        inner = m.group(3)
        if re.search(r'<(p|li|pre|code|script|style|table|div|ul|ol)\b', inner, re.I):
            continue
        # must be prose that html_segments sees (not in head/noscript/...)
        if not any(m.start(3) <= s < m.end(3) for s in starts) and inner.strip():
            continue
        txt = textify(inner)
        if len(txt.split()) < 12 or not re.search(r'[a-z]', txt):
            continue
        out.append((m.start(3), m.end(3)))
    return out


def plant_spam_html(rng, doc, phrase, n_copies, with_template, template_only):
    paras = html_paragraphs(doc)
    if not paras:
        return None
    order = list(range(len(paras)))
    rng.shuffle(order)
    kinds = [] if template_only else [rng.choices(['comma', 'sentstart', 'mid', 'end'], [48, 36, 6, 10])[0]
                                      for _ in range(n_copies)]
    inserts = []  # (offset, text)
    used = set()
    for k in kinds:
        for pi in order:
            if pi in used:
                continue
            s, e = paras[pi]
            inner = doc[s:e]
            # positions inside text runs of this paragraph only
            cands = []
            pos = 0
            for m in list(re.finditer(r'<[^>]*>', inner)) + [None]:
                end = m.start() if m else len(inner)
                run = inner[pos:end]
                if k != 'end':
                    cands += [s + pos + q for q in text_positions(run, k)]
                pos = m.end() if m else pos
            if k == 'end':
                stripped = inner.rstrip()
                if re.search(r'[.!?]["”’)]?$', re.sub(r'<[^>]*>', '', stripped).rstrip()):
                    cands = [s + len(stripped)]
            if not cands:
                continue
            p = rng.choice(cands)
            a = anchor_html(rng, phrase, rng.random() < 0.8)
            inserts.append((p, (' ' + a) if k == 'end' else (a + ' ')))
            used.add(pi)
            break
    arts = []
    if inserts:
        arts.append({'kind': 'spam', 'bad': phrase, 'good': ''})
    tkind = None
    if with_template or template_only:
        t = rng.choice(TEMPLATES)
        st, bad = template_text(rng, t, phrase, 'html')
        for pi in order:
            if pi in used:
                continue
            s, e = paras[pi]
            inner = doc[s:e]
            inserts.append((s + len(inner.rstrip()), ' ' + st))
            used.add(pi)
            if not arts:
                arts.append({'kind': 'spam', 'bad': phrase, 'good': ''})
            arts.append({'kind': 'spam', 'bad': bad, 'good': ''})
            tkind = t
            break
    if not arts:
        return None
    for p, t in sorted(inserts, reverse=True):
        doc = doc[:p] + t + doc[p:]
    return doc, arts, {'positions': kinds, 'template': tkind}


# --------------------------------------------------------------------------
# banners
# --------------------------------------------------------------------------

def pick_banner(rng, lang):
    choices = [b for b in BANNERS if b[0].split('-')[0] != lang.split('-')[0]]
    if lang != 'en':  # an English notice on an English page would be the page's own language
        pass
    return rng.choice(choices)


def plant_banner(rng, doc, fmt, lang):
    blang, cms, snippet = pick_banner(rng, lang)
    label = BANNER_LABELS.get(blang) if rng.random() < 0.2 else None
    text = textify(snippet).replace('\n', ' ')
    bad = ((label + ' ') if label else '') + text
    info = {'lang': blang, 'cms': cms, 'label': bool(label)}
    if fmt == 'text':
        body = doc.rstrip('\n')
        if rng.random() < 0.2 and not label:
            info['place'] = 'tail-of-last-line'
            doc = body + ' ' + text + '\n'
        else:
            info['place'] = 'last-line'
            doc = body + '\n' + ((label + '\n') if label else '') + text + '\n'
    else:
        r = rng.random()
        block = ((f'<h4 class="title">{label}</h4>\n') if label else '') + snippet + '\n'
        if r < 0.1 and not label:
            # appended to the page's last paragraph
            paras = [pq for pq in html_paragraphs(doc, tags='p')]
            if paras:
                s, e = paras[-1]
                p = s + len(doc[s:e].rstrip())
                doc = doc[:p] + ' ' + text + doc[p:]
                info['place'] = 'tail-of-last-p'
                return doc, [{'kind': 'banner', 'bad': bad, 'good': ''}], info
        i = doc.lower().rfind('</body>')
        if i < 0:
            doc = doc.rstrip('\n') + '\n' + block
            info['place'] = 'end'
        else:
            doc = doc[:i] + block + doc[i:]
            info['place'] = 'before-body-end'
    return doc, [{'kind': 'banner', 'bad': bad, 'good': ''}], info


# --------------------------------------------------------------------------
# line breaks (text)
# --------------------------------------------------------------------------

def plant_linebreaks(rng, doc, n):
    lines = doc.split('\n')
    cands = []
    for li, l in enumerate(lines):
        for kind, pat in LINEBREAK_PATTERNS:
            for m in pat.finditer(l):
                if m.end() >= len(l):
                    continue
                cands.append((li, m.end() - 1, kind, m.group(1)))
    if not cands:
        return None
    rng.shuffle(cands)
    chosen, seen_lines = [], set()
    for c in cands:
        if c[0] in seen_lines:
            continue
        chosen.append(c)
        seen_lines.add(c[0])
        if len(chosen) >= n:
            break
    arts, kinds = [], []
    for li, sp, kind, abbr in sorted(chosen, reverse=True):
        l = lines[li]
        nxt = re.match(r'\w+', l[sp + 1:]).group(0)
        lines[li] = l[:sp] + '\n' + l[sp + 1:]
        arts.append({'kind': 'linebreak', 'bad': f'{abbr}\n{nxt}', 'good': f'{abbr} {nxt}'})
        kinds.append(abbr)
    return '\n'.join(lines), arts, kinds


# --------------------------------------------------------------------------
# driver
# --------------------------------------------------------------------------

def html_wrap(text, title, lang='en'):
    paras = '\n'.join(f'<p>{l}</p>' if i else f'<h1>{l}</h1>'
                      for i, l in enumerate(x for x in text.split('\n') if x.strip()))
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>\n'
            f'<body>\n<article>\n{paras}\n</article>\n</body></html>\n')


def make_dirty(rng, base_id, fmt, clean_doc, force=None):
    lang, script = page_lang(visible(clean_doc, fmt))
    want = dict(spam=rng.random() < 0.6, banner=rng.random() < 0.5, punct=rng.random() < 0.5,
                linebreak=fmt == 'text' and rng.random() < 0.7)
    if force:
        want.update(force)
    if not any(want.values()):
        want[rng.choice(['spam', 'banner', 'punct'])] = True
    doc = clean_doc
    arts, info = [], {'lang': lang}
    if want['punct']:
        d2, mode = corrupt_punct(rng, doc, fmt, script)
        pa = word_diff(d2, doc, fmt, 'punctuation')
        if pa:
            doc = d2
            arts += pa
            info['punct'] = mode
    if want['spam']:
        phrase = rng.choice(SPAM_PHRASES)
        tonly = rng.random() < 0.1
        wt = rng.random() < 0.55
        n = rng.choices([1, 2, 3, 4], [25, 35, 28, 12])[0]
        r = (plant_spam_text if fmt == 'text' else plant_spam_html)(rng, doc, phrase, n, wt, tonly)
        if r:
            doc, sa, si = r
            arts += sa
            info['spam'] = dict(phrase=phrase, **si)
    if want['linebreak'] and fmt == 'text':
        r = plant_linebreaks(rng, doc, rng.randint(2, 5) if base_id.startswith('ext-') else rng.randint(1, 4))
        if r:
            doc, la, kinds = r
            arts += la
            info['linebreak'] = kinds
    if want['banner']:
        doc, ba, bi = plant_banner(rng, doc, fmt, lang)
        arts += ba
        info['banner'] = bi
    if not arts:
        return None
    return doc, arts, info


def main():
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, default=SEED)
    ap.add_argument('--out', default=ROOT, help='directory for cases.jsonl and cases/ (default /tmp/rinse-standin)')
    args = ap.parse_args()
    global OUT
    OUT = os.path.join(args.out, 'cases')
    rng = random.Random(args.seed)
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rows = []

    def add_clean(cid, fmt, path):
        rows.append({'id': cid, 'format': fmt, 'input': path, 'clean': path, 'artifacts': []})

    def add_dirty(cid, fmt, clean_path, doc, arts, info):
        ext = 'html' if fmt == 'html' else 'txt'
        p = os.path.join(OUT, f'{cid}.{ext}')
        with open(p, 'w', encoding='utf-8') as f:
            f.write(doc)
        rows.append({'id': cid, 'format': fmt, 'input': p, 'clean': clean_path, 'artifacts': arts,
                     'info': info})

    # extra pages: HTML twins of the hand-written text pages
    for t in sorted(glob.glob(os.path.join(HERE, 'extra', '*.txt'))):
        h = t[:-4] + '.html'
        text = open(t, encoding='utf-8').read()
        with open(h, 'w', encoding='utf-8') as f:
            m = re.match(r'(es|de|fr)-', os.path.basename(t))
            f.write(html_wrap(text, text.split('\n')[0], m.group(1) if m else 'en'))

    bases = []  # (base_id, fmt, path, n_variants)
    names = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(PAGES, '*.html')))
    for n in names:
        for fmt, ext in (('html', 'html'), ('text', 'txt')):
            bases.append((n, fmt, os.path.join(PAGES, f'{n}.{ext}'), 1 if rng.random() < 0.85 else 0))
    for d, nv in (('newpages', 2), ('extra', 3)):
        for p in sorted(glob.glob(os.path.join(HERE, d, '*.*'))):
            fmt = 'html' if p.endswith('.html') else 'text'
            bases.append((d[:3] + '-' + os.path.basename(p).rsplit('.', 1)[0], fmt, p, nv))
    # hard negatives also serve as bases for a few dirty cases (damage next to the hard part)
    negs = sorted(glob.glob(os.path.join(HERE, 'neg', '*.*')))
    for p in rng.sample(negs, 14):
        fmt = 'html' if p.endswith('.html') else 'text'
        bases.append(('negbase-' + os.path.basename(p).rsplit('.', 1)[0], fmt, p, 1))

    for base_id, fmt, path, nv in bases:
        clean_doc = open(path, encoding='utf-8').read()
        for v in range(nv):
            force = None
            if re.match(r'ext-(es|de|fr)-', base_id):
                force = {'punct': True}
            elif base_id.startswith('ext-') and fmt == 'text':
                force = {'linebreak': True}
            r = make_dirty(rng, base_id, fmt, clean_doc, force)
            if r:
                doc, arts, info = r
                add_dirty(f'{base_id}-{fmt}-{v}', fmt, path, doc, arts, info)

    # clean cases: a sample of corpus pages (all of them are in the dev set too), every new,
    # extra and negative page
    for n in rng.sample(names, 20):
        add_clean(f'{n}-clean-html', 'html', os.path.join(PAGES, f'{n}.html'))
        add_clean(f'{n}-clean-text', 'text', os.path.join(PAGES, f'{n}.txt'))
    for d in ('newpages', 'extra', 'neg'):
        for p in sorted(glob.glob(os.path.join(HERE, d, '*.*'))):
            fmt = 'html' if p.endswith('.html') else 'text'
            add_clean(f'{d}-{os.path.basename(p).replace(".", "-")}', fmt, p)

    with open(os.path.join(args.out, 'cases.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    dirty = [r for r in rows if r['artifacts']]
    kinds = {}
    for r in dirty:
        for a in r['artifacts']:
            kinds[a['kind']] = kinds.get(a['kind'], 0) + 1
    print(f'{len(rows)} cases: {len(dirty)} dirty, {len(rows) - len(dirty)} clean; artifacts {kinds}')


if __name__ == '__main__':
    main()
