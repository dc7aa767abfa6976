use super::*;

fn finds(needle: &str, hay: &str) -> bool {
    SearchNeedle::new(needle).matches(&[hay])
}

#[test]
fn matching_ignores_case() {
    assert!(finds("ANA", "Mariana Souza"));
    assert!(finds("souza", "MARIANA SOUZA"));
    assert!(!finds("anna", "Mariana"));
}

#[test]
fn accents_are_folded_on_both_sides() {
    assert!(finds("jose", "José Núñez"));
    assert!(finds("joao", "João Conceição"));
    assert!(finds("conceicao", "JOÃO CONCEIÇÃO"));
    assert!(finds("NÚÑEZ", "nunez"));
    assert!(finds("lodz", "Łódź"));
}

#[test]
fn decomposed_accents_match_precomposed_ones() {
    assert!(finds("jose\u{301}", "José"));
    assert!(finds("josé", "Jose\u{301}"));
}

#[test]
fn every_word_must_occur_somewhere() {
    let needle = SearchNeedle::new("  ana   gmail ");
    assert!(needle.matches(&["Ana Lima", "ana@gmail.com"]));
    assert!(needle.matches(&["Ana Lima", "lima@gmail.com"]));
    assert!(!needle.matches(&["Ana Lima", "ana@hotmail.com"]));
}

#[test]
fn a_blank_needle_is_empty_and_matches_everything() {
    for text in ["", "   ", "\u{301}"] {
        let needle = SearchNeedle::new(text);
        assert!(needle.is_empty(), "{text:?}");
        assert!(needle.matches(&[]));
    }
    assert!(!SearchNeedle::new("a").is_empty());
    assert!(!SearchNeedle::new("a").matches(&[]));
}

#[test]
fn a_needle_longer_than_the_haystack_does_not_match() {
    assert!(!finds("marianas", "Mariana"));
    assert!(!finds("ñandú", "ñand"));
}

#[test]
fn phone_digits_match_ignoring_separators_on_both_sides() {
    let phone = "+55 11 98765-4321";
    let hit = |n: &str| SearchNeedle::new(n).matches_with_phones(&[], &[phone]);
    assert!(hit("11 9876"));
    assert!(hit("1198765"));
    assert!(hit("(11) 98765-4321"));
    assert!(hit("+5511"));
    assert!(!hit("1234"));
    assert!(!SearchNeedle::new("1198765").matches(&[phone]));
}

#[test]
fn words_with_letters_do_not_use_the_phone_rule() {
    let needle = SearchNeedle::new("11a");
    assert!(!needle.matches_with_phones(&[], &["+1 1a"]));
    assert!(needle.matches_with_phones(&[], &["x11A"]));
}

#[test]
fn fold_maps_spanish_and_portuguese_letters_to_their_base() {
    let folded: String = "ÁÉÍÓÚÜÑÇÃÕÂÊÔÀáéíóúüñçãõâêôà"
        .chars()
        .filter_map(fold)
        .collect();
    assert_eq!(folded, "aeiouuncaoaeoaaeiouuncaoaeoa");
    assert_eq!(fold('ß'), Some('ß'));
    assert_eq!(fold('Œ'), Some('œ'));
    assert_eq!(fold('Ж'), Some('ж'));
}

#[test]
fn every_latin_letter_folds_the_same_in_both_cases() {
    for c in ('\u{c0}'..='\u{17f}').filter(|c| *c != '×' && *c != '÷') {
        let lower = c.to_lowercase().next().unwrap_or(c);
        assert_eq!(fold(c), fold(lower), "{c}");
        // 'ß' and 'ŉ' upper-case to two chars, with another first letter.
        let mut upper = c.to_uppercase();
        if let (Some(u), None) = (upper.next(), upper.next()) {
            assert_eq!(fold(u), fold(lower), "{c}");
        }
    }
    // The letters Spanish and Portuguese accent all reach ASCII.
    assert!("ÁÀÂÃÄÇÉÈÊËÍÌÎÏÑÓÒÔÕÖÚÙÛÜÝŸ"
        .chars()
        .all(|c| fold(c).is_some_and(|f| f.is_ascii())));
}
