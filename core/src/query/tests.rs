use super::*;

fn parse(s: &str) -> ConversationQuery {
    ConversationQuery::from_query_pairs(s.split('&').filter_map(|p| p.split_once('=')))
}

#[test]
fn the_default_query_sorts_longest_in_status_first_and_has_no_pairs() {
    let q = ConversationQuery::default();
    assert_eq!(
        (q.sort, q.dir),
        (ConversationSort::TimeInStatus, SortDir::Desc)
    );
    assert!(q.to_query_pairs().is_empty());
    assert!(q.is_default());
}

#[test]
fn multi_value_filters_repeat_their_key() {
    let q = parse("status=queued&status=pending&agent=-&dept=d1&channel=sms");
    assert_eq!(
        q.statuses,
        [ConversationStatus::Queued, ConversationStatus::Pending].into()
    );
    assert!(q.agents.contains(UNASSIGNED));
    assert_eq!(
        q.to_query_pairs(),
        vec![
            ("status", "queued".to_owned()),
            ("status", "pending".to_owned()),
            ("agent", "-".to_owned()),
            ("dept", "d1".to_owned()),
            ("channel", "sms".to_owned()),
        ]
    );
    assert!(!q.is_default());
}

#[test]
fn sort_and_dir_are_written_only_when_not_the_default() {
    let q = ConversationQuery {
        sort: ConversationSort::Customer,
        ..Default::default()
    };
    assert_eq!(q.to_query_pairs(), vec![("sort", "customer".to_owned())]);
    let q = ConversationQuery {
        dir: SortDir::Asc,
        ..Default::default()
    };
    assert_eq!(q.to_query_pairs(), vec![("dir", "asc".to_owned())]);
}

#[test]
fn unknown_sort_or_dir_falls_back_to_the_default() {
    let q = parse("sort=priority&dir=sideways");
    assert!(q.is_default());
}

#[test]
fn unknown_keys_are_ignored_and_unknown_statuses_kept() {
    let q = parse("utm_source=portal&status=escalated&channel=line");
    assert_eq!(
        q.statuses,
        [ConversationStatus::Other("escalated".into())].into()
    );
    assert_eq!(q.channels, [Channel::Other("line".into())].into());
}

#[test]
fn every_sort_key_round_trips_through_its_url_value() {
    for sort in ConversationSort::ALL {
        assert_eq!(sort.as_str().parse::<ConversationSort>(), Ok(*sort));
        assert_eq!(sort.to_string(), sort.as_str());
    }
    assert_eq!(ConversationSort::TimeInStatus.as_str(), "time_in_status");
    assert_eq!(
        "Status".parse::<ConversationSort>(),
        Err(UnknownValue("Status".into()))
    );
}

#[test]
fn awaiting_and_columns_round_trip_and_clearing_filters_keeps_columns() {
    let q = parse("awaiting=1&cols=customer,awaiting&status=queued&sort=customer");
    assert!(q.awaiting);
    assert_eq!(q.columns.to_url_value(), "customer,awaiting");
    let pairs = q.to_query_pairs();
    assert!(pairs.contains(&("awaiting", "1".to_owned())));
    assert!(pairs.contains(&("cols", "customer,awaiting".to_owned())));
    let again = ConversationQuery::from_query_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(again, q);
    let cleared = q.without_filters();
    assert!(cleared.is_unfiltered());
    assert_eq!((cleared.sort, &cleared.columns), (q.sort, &q.columns));
    assert!(!parse("awaiting=0").awaiting);
}

#[test]
fn the_finished_scope_and_its_dates_round_trip_and_bad_dates_mean_today() {
    let q = parse("scope=finished&from=2026-03-01&to=2026-03-02&sort=finished");
    assert_eq!(q.scope, ConversationScope::Finished);
    assert_eq!(
        (q.from.as_deref(), q.to.as_deref()),
        (Some("2026-03-01"), Some("2026-03-02"))
    );
    let pairs = q.to_query_pairs();
    let again = ConversationQuery::from_query_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(again, q);
    let odd = parse("scope=finished&from=yesterday&to=2026-3-2");
    assert_eq!((odd.from, odd.to), (None, None));
    assert_eq!(parse("scope=archived").scope, ConversationScope::Ongoing);
    assert!(parse("scope=finished").is_unfiltered());
    // Dates belong to the finished scope: the ongoing one does not write them.
    let ongoing = ConversationQuery {
        from: Some("2026-03-01".into()),
        ..ConversationQuery::default()
    };
    assert!(ongoing.to_query_pairs().is_empty());
}

#[test]
fn switching_scope_keeps_search_and_filters_and_takes_that_scopes_sort() {
    let q = parse("q=ana&status=queued&channel=sms&sort=customer");
    let finished = q.in_scope(ConversationScope::Finished);
    assert_eq!(finished.search, "ana");
    assert!(
        finished.statuses.is_empty(),
        "finished ones have one status"
    );
    assert_eq!(
        (finished.sort, finished.dir),
        (ConversationSort::Finished, SortDir::Desc)
    );
    assert_eq!(finished.channels, q.channels);
    let back = finished.in_scope(ConversationScope::Ongoing);
    assert_eq!(
        (back.sort, back.dir),
        (ConversationSort::TimeInStatus, SortDir::Desc)
    );
}

#[test]
fn toggling_a_direction_twice_gives_it_back() {
    assert_eq!(SortDir::Asc.toggled(), SortDir::Desc);
    assert_eq!(SortDir::Desc.toggled().toggled(), SortDir::Desc);
    assert_eq!("desc".parse::<SortDir>(), Ok(SortDir::Desc));
}
