//! The UI's capabilities come from `/me`'s permission list, one flag each.

mod common;

use common::conv;
use monitor_core::wire::{permission, Me};
use monitor_core::{bulk_end_eligible, ConversationStatus, Permissions, Profile, RowAction};
use proptest::prelude::*;
use proptest::sample::select;

fn me(profile: Profile, permissions: &[&str]) -> Me {
    Me {
        id: "u1".into(),
        name: "Ana".into(),
        profile,
        permissions: permissions.iter().map(|p| (*p).to_owned()).collect(),
        locale: None,
    }
}

/// Every capability, in the order of `ALL_PERMISSIONS`; transfer and end
/// show as the row menu's entries.
fn capabilities(p: &Permissions) -> [bool; 7] {
    let actions = p.row_actions();
    [
        p.can_view_agents(),
        p.sees_averages(),
        p.sees_trends(),
        actions.contains(&RowAction::Transfer),
        actions.contains(&RowAction::End),
        p.can_bulk_end(),
        p.can_set_agent_presence(),
    ]
}

const ALL_PERMISSIONS: [&str; 7] = [
    permission::VIEW_AGENTS,
    permission::VIEW_AVERAGES,
    permission::VIEW_TRENDS,
    permission::TRANSFER,
    permission::END,
    permission::BULK_END,
    permission::SET_AGENT_PRESENCE,
];

#[test]
fn an_empty_permission_list_gives_only_view_and_no_agents_or_averages() {
    let p = Permissions::from_me(&me(Profile::Agent, &[]));
    assert_eq!(p.row_actions(), [RowAction::View]);
    assert_eq!(capabilities(&p), [false; 7]);
}

#[test]
fn the_profile_name_grants_nothing_by_itself() {
    // An admin whose list is empty is treated as the list says.
    let p = Permissions::from_me(&me(Profile::Admin, &[]));
    assert_eq!(p, Permissions::default());
    // And an unknown profile with every permission gets everything.
    let p = Permissions::from_me(&me(Profile::Other("auditor".into()), &ALL_PERMISSIONS));
    assert_eq!(capabilities(&p), [true; 7]);
}

#[test]
fn unknown_permission_strings_are_ignored() {
    let p = Permissions::from_names(["reports.export", "", "AGENTS.VIEW", "agents.view "]);
    assert_eq!(p, Permissions::default());
    let p = Permissions::from_names(["reports.export", permission::END]);
    assert_eq!(p, Permissions::from_names([permission::END]));
}

#[test]
fn each_permission_toggles_exactly_its_capability() {
    for (n, name) in ALL_PERMISSIONS.iter().enumerate() {
        let alone = capabilities(&Permissions::from_names([*name]));
        let expected: Vec<bool> = (0..ALL_PERMISSIONS.len()).map(|k| k == n).collect();
        assert_eq!(alone.to_vec(), expected, "{name} alone");
        let others: Vec<&str> = ALL_PERMISSIONS
            .iter()
            .copied()
            .filter(|p| p != name)
            .collect();
        let without = capabilities(&Permissions::from_names(others));
        let expected: Vec<bool> = (0..ALL_PERMISSIONS.len()).map(|k| k != n).collect();
        assert_eq!(without.to_vec(), expected, "all but {name}");
    }
}

#[test]
fn a_repeated_permission_grants_the_same_as_once() {
    let twice = Permissions::from_names([permission::TRANSFER, permission::TRANSFER]);
    assert_eq!(twice, Permissions::from_names([permission::TRANSFER]));
}

#[test]
fn row_actions_are_view_then_transfer_then_end_by_permission() {
    let actions = |names: &[&str]| Permissions::from_names(names.iter().copied()).row_actions();
    assert_eq!(
        actions(&ALL_PERMISSIONS),
        [RowAction::View, RowAction::Transfer, RowAction::End]
    );
    // The order is the menu's, not the list's.
    assert_eq!(
        actions(&[permission::END, permission::TRANSFER]),
        [RowAction::View, RowAction::Transfer, RowAction::End]
    );
    assert_eq!(
        actions(&[permission::END]),
        [RowAction::View, RowAction::End]
    );
    assert_eq!(
        actions(&[permission::TRANSFER]),
        [RowAction::View, RowAction::Transfer]
    );
    // Bulk end is not a row action.
    assert_eq!(actions(&[permission::BULK_END]), [RowAction::View]);
}

#[test]
fn bulk_end_never_includes_a_conversation_in_progress() {
    let with = |status: ConversationStatus| {
        let mut c = conv("a");
        c.status = status;
        bulk_end_eligible(&c)
    };
    assert!(!with(ConversationStatus::InProgress));
    assert!(!with(ConversationStatus::Finished));
    assert!(with(ConversationStatus::Queued));
    assert!(with(ConversationStatus::Pending));
    assert!(with(ConversationStatus::Inactive));
    // The backend knows an unknown status and answers for it per id.
    assert!(with(ConversationStatus::Other("escalated".into())));
}

/// A permission name as a backend could send it: known, near-miss or anything.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        select(ALL_PERMISSIONS.to_vec()).prop_map(String::from),
        select(vec!["agents.view ", "Agents.View", "conversations", ""]).prop_map(String::from),
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn a_capability_is_granted_exactly_when_its_permission_is_listed(
        names in prop::collection::vec(name(), 0..10),
    ) {
        let p = Permissions::from_me(&me(Profile::Operator, &names.iter().map(String::as_str).collect::<Vec<_>>()));
        let listed = ALL_PERMISSIONS.map(|perm| names.iter().any(|n| n == perm));
        prop_assert_eq!(capabilities(&p), listed);
        // In the menu's order, whatever the list's.
        let mut expected = vec![RowAction::View];
        if names.iter().any(|n| n == permission::TRANSFER) {
            expected.push(RowAction::Transfer);
        }
        if names.iter().any(|n| n == permission::END) {
            expected.push(RowAction::End);
        }
        prop_assert_eq!(p.row_actions(), expected);
    }
}
