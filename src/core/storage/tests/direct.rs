//! Direct messages: kept apart from the timeline, bounded.

use super::*;

#[test]
fn direct_messages_are_kept_apart_from_the_timeline_and_come_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let received = crate::core::social::direct::prepare("ann", "bob", "hi bob").expect("valid");
    let mine = crate::core::social::direct::prepare("bob", "ann", "hi ann").expect("valid");
    {
        let (store, _) = Store::open(&path, 100).expect("creates");
        store.record_direct(&received.message);
        store.record_direct(&received.message);
        store.record_outgoing_direct(&mine).expect("saved");
        store.record_outgoing_direct(&mine).expect("saved once");
    }
    let (store, opened) = Store::open(&path, 100).expect("reopens");
    assert!(opened.history.is_empty(), "not in the timeline's history");
    let texts: Vec<&str> = opened.direct.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["hi bob", "hi ann"], "oldest first, each once");
    let (kept, sent) = (&opened.direct[0], &received.message);
    assert_eq!(
        (&kept.id, &kept.from, &kept.to),
        (&sent.id, &sent.from, &sent.to)
    );
    let millis = |t: Option<DateTime<Utc>>| t.map(|t| t.timestamp_millis());
    assert_eq!(
        millis(kept.sent_at),
        millis(sent.sent_at),
        "times kept to the millisecond"
    );
    assert_eq!(
        opened.outbox,
        vec![(mine.message.id.clone(), vec![mine.publish.clone()])]
    );
    store.record_acknowledged(&mine.message.id);
    drop(store);
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    assert!(
        opened.outbox.is_empty(),
        "acknowledged: nothing left to send"
    );
    assert_eq!(opened.direct.len(), 2);
}

#[test]
fn stored_direct_messages_are_bounded() {
    let mut conn = Connection::open_in_memory().expect("opens");
    crate::core::storage::schema::prepare(&mut conn).expect("tables");
    let tx = conn.transaction().expect("tx");
    let extra = 25;
    for n in 0..crate::core::storage::direct_rows::MAX_STORED + extra {
        let mut message = crate::core::social::direct::prepare("ann", "bob", "x")
            .expect("valid")
            .message;
        message.id = format!("m{n}");
        crate::core::storage::direct_rows::insert(&tx, &message).expect("insert");
    }
    crate::core::storage::direct_rows::bound(&tx).expect("bound");
    tx.commit().expect("commit");
    let kept = crate::core::storage::direct_rows::load(&conn, usize::MAX).expect("load");
    assert_eq!(kept.len(), crate::core::storage::direct_rows::MAX_STORED);
    assert_eq!(kept[0].id, format!("m{extra}"), "the oldest went first");
}
