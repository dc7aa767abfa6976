//! Properties of the search needle.

use monitor_core::SearchNeedle;
use proptest::prelude::*;
use proptest::sample::Index;

/// The chars of `text` from `start` to `end` (as picked indices), in order.
fn piece(text: &str, start: Index, end: Index) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let (a, b) = (start.index(chars.len()), end.index(chars.len()));
    chars[a.min(b)..=a.max(b)].iter().collect()
}

/// Upper-cases or accents letters, as a user or a CRM might spell them.
fn decorate(text: &str, choices: &[u8]) -> String {
    text.chars()
        .zip(choices.iter().cycle())
        .map(|(c, &k)| match (c.to_ascii_lowercase(), k % 3) {
            (_, 0) => c,
            ('a', 1) => 'Á',
            ('a', _) => 'ã',
            ('e', 1) => 'É',
            ('e', _) => 'ê',
            ('i', _) => 'í',
            ('o', 1) => 'Õ',
            ('o', _) => 'ö',
            ('u', _) => 'Ü',
            ('c', _) => 'ç',
            ('n', _) => 'Ñ',
            _ => c.to_ascii_uppercase(),
        })
        .collect()
}

fn separated(digits: &str, choices: &[u8]) -> String {
    let mut out = String::new();
    for (d, &k) in digits.chars().zip(choices.iter().cycle()) {
        out.push(d);
        if let Some(sep) = [" ", "-", "(", ")", "+", "", "", ""].get(usize::from(k % 8)) {
            out.push_str(sep);
        }
    }
    out
}

proptest! {
    #[test]
    fn any_piece_of_a_haystack_finds_it(
        hay in any::<String>(),
        start in any::<Index>(),
        end in any::<Index>(),
    ) {
        let needle = SearchNeedle::new(&piece(&hay, start, end));
        prop_assert!(needle.matches(&[&hay]), "needle {:?}", needle);
    }

    #[test]
    fn case_and_accents_never_matter(
        hay in "[a-zA-Z ]{1,24}",
        choices in prop::collection::vec(any::<u8>(), 1..8),
        start in any::<Index>(),
        end in any::<Index>(),
    ) {
        let word = piece(&hay, start, end);
        let decorated_needle = SearchNeedle::new(&decorate(&word, &choices));
        prop_assert!(decorated_needle.matches(&[&hay]));
        let plain_needle = SearchNeedle::new(&word);
        prop_assert!(plain_needle.matches(&[&decorate(&hay, &choices)]));
    }

    #[test]
    fn several_words_match_exactly_when_each_word_matches(
        a in "[a-cñ]{1,3}",
        b in "[a-cñ]{1,3}",
        hays in prop::collection::vec("[a-cñÑ ]{0,8}", 0..3),
    ) {
        let hays: Vec<&str> = hays.iter().map(String::as_str).collect();
        let both = SearchNeedle::new(&format!("{a} {b}")).matches(&hays);
        let each = SearchNeedle::new(&a).matches(&hays) && SearchNeedle::new(&b).matches(&hays);
        prop_assert_eq!(both, each);
    }

    #[test]
    fn a_non_blank_needle_never_matches_no_haystacks(text in any::<String>()) {
        let needle = SearchNeedle::new(&text);
        prop_assert_eq!(needle.matches(&[]), needle.is_empty());
        prop_assert_eq!(needle.matches(&[""]), needle.is_empty());
    }

    #[test]
    fn phone_digits_match_whatever_the_separators(
        digits in "[0-9]{1,13}",
        phone_seps in prop::collection::vec(any::<u8>(), 1..6),
        needle_seps in prop::collection::vec(any::<u8>(), 1..6),
        start in any::<Index>(),
        end in any::<Index>(),
    ) {
        let phone = separated(&digits, &phone_seps);
        // A needle with no space in it, so it is one word.
        let typed = separated(&piece(&digits, start, end), &needle_seps).replace(' ', "");
        let needle = SearchNeedle::new(&typed);
        prop_assert!(needle.matches_with_phones(&[], &[&phone]), "{:?} in {:?}", typed, phone);
    }
}
