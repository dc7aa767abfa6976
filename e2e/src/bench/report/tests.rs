use super::*;

#[test]
fn ms_formatting() {
    assert_eq!(ms(Some(1234.4)), "1234");
    assert_eq!(ms(Some(12.34)), "12.3");
    assert_eq!(ms(None), "—");
    assert_eq!(ms(Some(f64::NAN)), "—");
}

#[test]
fn a_failed_scale_still_makes_a_table() {
    let config = Config::from_args(&[], "B.md".into()).unwrap();
    let ok = ScaleResult {
        scale: Scale::of(1_000),
        ..ScaleResult::default()
    };
    let outcomes = vec![
        (Scale::of(1_000), Ok(ok)),
        (Scale::of(50_000), Err("boom".to_owned())),
    ];
    let doc = document(
        &outcomes,
        &config,
        &Machine::default(),
        Err(&"no dist".to_owned()),
        None,
    );
    assert!(doc.contains("| | 1k | 50k | target (at 1k) |"), "{doc}");
    assert!(doc.contains("Failed: boom"));
    assert!(doc.contains("Not measured: no dist"));
}
