//! The search box: case- and accent-insensitive word matching.
//!
//! The needle is prepared once per query. Matching either folds the
//! haystack on the fly, char by char, allocating nothing per row
//! ([`SearchNeedle::matches`]), or tests fields folded once per row version
//! ([`SearchKey`], what the live engine keeps for every row).

/// A prepared search: the text split into words, each lower-cased and with
/// diacritics folded (so "jose" finds "José", "joao" finds "João"), computed
/// once per query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchNeedle {
    words: Vec<Word>,
    /// Every word is a single ASCII letter or digit (see
    /// [`SearchNeedle::mask_decides`]).
    mask_decides: bool,
}

#[derive(Debug, Clone)]
struct Word {
    /// Folded text; never empty.
    text: String,

    /// Lets ASCII haystacks take a byte-wise fast path.
    ascii: bool,
    /// The word without phone separators, when what is left is all digits:
    /// "(11)" or "98765-4321" then also match a phone written differently.
    digits: Option<String>,
    /// [`char_mask`] of `text`, and of `digits` alone.
    mask: u64,
    digits_mask: u64,
}

/// Two words are the same search whatever their searchers.
impl PartialEq for Word {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.digits == other.digits
    }
}

impl Eq for Word {}

impl SearchNeedle {
    /// Prepares `text`: split at whitespace, each word folded. Words that
    /// fold to nothing (a lone combining accent) are dropped.
    pub fn new(text: &str) -> Self {
        let words = text
            .split_whitespace()
            .filter_map(|w| {
                let text: String = w.chars().filter_map(fold).collect();
                if text.is_empty() {
                    return None;
                }
                let digits: String = w.chars().filter(|c| !is_phone_separator(*c)).collect();
                let phone_like = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
                Some(Word {
                    ascii: text.is_ascii(),
                    mask: char_mask(text.chars()),
                    digits_mask: char_mask(digits.chars()),
                    text,
                    digits: phone_like.then_some(digits),
                })
            })
            .collect::<Vec<Word>>();
        let mask_decides = words
            .iter()
            .all(|w| w.text.len() == 1 && w.text.bytes().all(|b| b.is_ascii_alphanumeric()));
        Self {
            words,
            mask_decides,
        }
    }

    /// Whether there is nothing to search for (every row matches).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when every word occurs in at least one of the haystacks.
    pub fn matches(&self, haystacks: &[&str]) -> bool {
        self.words
            .iter()
            .all(|w| haystacks.iter().any(|h| contains_folded(h, w)))
    }

    /// Like [`Self::matches`], with phone numbers as further haystacks where
    /// a digit word also matches ignoring spaces, dashes, parentheses and
    /// `+` on both sides: "1198765" finds "+55 11 98765-4321".
    pub fn matches_with_phones(&self, texts: &[&str], phones: &[&str]) -> bool {
        self.words.iter().all(|w| {
            texts.iter().any(|h| contains_folded(h, w))
                || phones.iter().any(|p| {
                    contains_folded(p, w)
                        || w.digits
                            .as_deref()
                            .is_some_and(|d| contains_ignoring_separators(p, d))
                })
        })
    }
}

impl SearchNeedle {
    /// Whether a row whose fields were prepared as `key` matches: the
    /// same answer as [`Self::matches_with_phones`] on those fields, from
    /// text folded once per row version instead of once per keystroke.
    pub fn matches_key(&self, key: &SearchKey) -> bool {
        self.could_match(key.mask)
            && (self.mask_decides
                || self.words.iter().all(|w| {
                    contains(key.folded.as_bytes(), w.text.as_bytes())
                        || w.digits
                            .as_deref()
                            .is_some_and(|d| contains(key.phone_digits.as_bytes(), d.as_bytes()))
                }))
    }

    /// Whether a row whose chars are `mask` ([`SearchKey::mask`]) may match:
    /// every char a match needs must be somewhere in the row. One AND rules
    /// most rows out.
    pub fn could_match(&self, mask: u64) -> bool {
        self.words.iter().all(|w| {
            let needs = if w.digits.is_some() {
                w.digits_mask
            } else {
                w.mask
            };
            mask & needs == needs
        })
    }

    /// Whether [`Self::could_match`] is the whole answer: every word is a
    /// single ASCII letter or digit, whose bit in the mask is its own.
    pub fn mask_decides(&self) -> bool {
        self.mask_decides
    }

    /// Whether every row this needle matches is also matched by `broader`,
    /// so a search for it need only look among `broader`'s matches (typing
    /// on: "ana" → "ana g"). True when each word of `broader` is implied by
    /// some word of this one: its text contains that word's, and a phone
    /// digit rule of its own only where that word has one it contains.
    pub fn refines(&self, broader: &SearchNeedle) -> bool {
        broader.words.iter().all(|b| {
            self.words.iter().any(|w| {
                w.text.contains(b.text.as_str())
                    && match (&w.digits, &b.digits) {
                        (None, _) => true,
                        (Some(wd), Some(bd)) => wd.contains(bd.as_str()),
                        (Some(_), None) => false,
                    }
            })
        })
    }
}

/// A row's searchable fields, folded once per row version: what
/// [`SearchNeedle::matches_key`] tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchKey {
    /// Every field folded, one per line (a needle word has no whitespace,
    /// so it never matches across two fields).
    folded: String,
    /// Each phone without separators, one per line.
    phone_digits: String,
    /// The chars the row contains, as [`char_mask`] bits.
    mask: u64,
}

impl SearchKey {
    /// The chars the row contains, as mask bits (see
    /// [`SearchNeedle::could_match`]).
    pub fn mask(&self) -> u64 {
        self.mask
    }

    /// Prepares `texts` (searched as text) and `phones` (searched as text
    /// and by their digits alone).
    pub fn new(texts: &[&str], phones: &[&str]) -> Self {
        let mut key = Self::default();
        for field in texts.iter().chain(phones) {
            key.folded.extend(field.chars().filter_map(fold));
            key.folded.push('\n');
        }
        for phone in phones {
            key.phone_digits
                .extend(phone.chars().filter(|c| !is_phone_separator(*c)));
            key.phone_digits.push('\n');
        }
        key.mask = char_mask(key.folded.chars());
        key
    }
}

/// Whether `needle` occurs in `hay`: each occurrence of its first byte
/// (found with `memchr`), then the rest compared. Haystacks are a row's
/// few fields, too short for a heavier searcher to pay off.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    memchr::memchr_iter(first, hay).any(|i| hay.get(i + 1..).is_some_and(|h| h.starts_with(rest)))
}

/// A 64-bit summary of which chars occur: one bit per ASCII letter and
/// digit, the others sharing the remaining 28. A row lacking a bit of a
/// word cannot contain it, which rules most rows out in one AND.
fn char_mask(chars: impl Iterator<Item = char>) -> u64 {
    chars.fold(0, |mask, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + c as u32 % 28,
        };
        mask | 1 << bit
    })
}

/// Folds one char for matching: lower case, Latin-1 and Latin Extended-A
/// letters to their base letter, combining accents (decomposed text) dropped.
pub fn fold(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    // Before `to_lowercase`: a match is much cheaper than its table search,
    // and accented Latin letters are most non-ASCII chars in es/pt names.
    if let Some(base) = latin_base(c) {
        return Some(base);
    }
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return None;
    }
    // Multi-char lower cases keep their first char, the base letter.
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(latin_base(lower).unwrap_or(lower))
}

/// The lower-case base letter of an accented Latin-1 / Latin Extended-A
/// letter, either case. Ligatures and letters with no single base (æ, œ, ß,
/// ð, þ, ŋ, ĸ) have none.
fn latin_base(c: char) -> Option<char> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => 'a',
        'Ç' | 'ç' | 'Ć'..='č' => 'c',
        'Ď'..='đ' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => 'e',
        'Ĝ'..='ģ' => 'g',
        'Ĥ'..='ħ' => 'h',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => 'i',
        'Ĵ' | 'ĵ' => 'j',
        'Ķ' | 'ķ' => 'k',
        'Ĺ'..='ł' => 'l',
        'Ñ' | 'ñ' | 'Ń'..='ŉ' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => 'o',
        'Ŕ'..='ř' => 'r',
        'Ś'..='š' | 'ſ' => 's',
        'Ţ'..='ŧ' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => 'u',
        'Ŵ' | 'ŵ' => 'w',
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => 'y',
        'Ź'..='ž' => 'z',
        _ => return None,
    })
}

fn is_phone_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '(' | ')' | '+')
}

/// Whether the folded `hay` contains the (already folded) word.
fn contains_folded(hay: &str, word: &Word) -> bool {
    let needle = word.text.as_bytes();
    if word.ascii && hay.is_ascii() {
        // `windows(0)` would panic; words are never empty, but stay safe.
        return needle.is_empty()
            || hay
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle));
    }
    any_start(hay.chars(), |rest| {
        let mut rest = rest.filter_map(fold);
        word.text.chars().all(|w| rest.next() == Some(w))
    })
}

/// Whether `phone`, without separators, contains `digits`. Works on bytes:
/// digits and separators are ASCII, and the bytes of any other char can be
/// neither, so this is exact for every UTF-8 text and skips char decoding.
fn contains_ignoring_separators(phone: &str, digits: &str) -> bool {
    any_start(phone.bytes(), |rest| {
        let mut rest = rest.filter(|b| !is_phone_separator(char::from(*b)));
        digits.bytes().all(|d| rest.next() == Some(d))
    })
}

/// Tries `starts_here` at every position of `items` (and at its end, so an
/// empty needle matches an empty haystack). Cloning a `Chars` or `Bytes` is
/// just copying two pointers, hence no allocation.
fn any_start<I: Iterator + Clone>(mut items: I, starts_here: impl Fn(I) -> bool) -> bool {
    loop {
        if starts_here(items.clone()) {
            return true;
        }
        if items.next().is_none() {
            return false;
        }
    }
}

#[cfg(test)]
mod tests;
