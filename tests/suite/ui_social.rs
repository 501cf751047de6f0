//! Replies, the conversation view, Mentions and Messages driven through the
//! real app with egui_kittest.

use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::model::author_key::{Signed, Trust};
use chirp::core::model::tweet::{ReplyTo, Tweet};
use chirp::core::protocol::identity::Identity;
use chirp::core::social::direct::{self, DirectMessage};
use chirp::core::social::profile::{self, About};
use chirp::core::social::trust::{Pin, PinChange};
use egui_kittest::kittest::Queryable as _;

use crate::ui_app::{Ui, click, open, open_with, settings, tweet};

fn reply(id: &str, user: &str, text: &str, parent: &Tweet) -> Tweet {
    Tweet {
        reply_to: Some(ReplyTo {
            id: parent.id.clone(),
            user: parent.user.clone(),
        }),
        ..tweet(id, user, text)
    }
}

/// The direct messages the UI handed to the worker since last asked.
fn sent_directs(ui: &mut Ui) -> Vec<chirp::core::social::direct::OutgoingDirect> {
    ui.sent()
        .into_iter()
        .filter_map(|c| match c {
            NetCommand::SendDirect(outgoing) => Some(outgoing),
            _ => None,
        })
        .collect()
}

fn shown(ui: &Ui, label: &str) -> bool {
    ui.harness.query_by_label(label).is_some()
}

#[test]
fn reply_answers_the_tweet_under_its_tags_and_shows_the_conversation() {
    let mut ui = open(settings("bob"));
    ui.sent();
    let parent = tweet("p-1", "ann", "is #chirp any good?");
    ui.receive(parent.clone());
    ui.receive(tweet("other", "dan", "something else"));

    // The newest card is dan's; ann's is the second.
    let buttons = ui.harness.query_all_by_label("Reply").collect::<Vec<_>>();
    assert_eq!(buttons.len(), 2);
    buttons[1].click();
    ui.harness.run_steps(2);
    assert!(shown(&ui, "Reply to @ann"));
    let field = ui.harness.get_by_label("Reply to @ann");
    field.focus();
    field.type_text("yes!");
    ui.harness.run_steps(2);
    click(&mut ui, "Post");

    let published = ui.publishes();
    assert_eq!(published.len(), 1);
    let outgoing = &published[0];
    assert_eq!(
        outgoing.tweet.text, "@ann yes!",
        "the author is named at the front"
    );
    assert_eq!(
        outgoing.tweet.reply_to,
        Some(ReplyTo {
            id: "p-1".into(),
            user: Some("ann".into())
        })
    );
    let topics: Vec<&str> = outgoing
        .publishes
        .iter()
        .map(|p| p.topic.as_str())
        .collect();
    assert_eq!(
        topics,
        ["hashtags/chirp", "chirp/mentions/ann", "chirp/users/bob"]
    );
    assert!(shown(&ui, "New tweet"), "the box is back to a new tweet");

    // Someone else answers too; the conversation shows the three of them.
    let second = reply("r-2", "carol", "I agree", &parent);
    ui.receive(second);
    let links = ui
        .harness
        .query_all_by_label("in reply to @ann")
        .collect::<Vec<_>>();
    assert_eq!(links.len(), 2, "both replies say whom they answer");
    links[0].click();
    ui.harness.run_steps(2);
    assert!(shown(&ui, "Conversation"));
    for text in ["is #chirp any good?", "@ann yes!", "I agree"] {
        assert!(shown(&ui, text), "{text} is in the conversation");
    }
    assert!(!shown(&ui, "something else"), "other tweets are not");
    click(&mut ui, "Show all tweets");
    assert!(shown(&ui, "something else"));
}

#[test]
fn mentions_are_counted_until_looked_at() {
    let mut ui = open(settings("bob"));
    ui.receive(tweet("m-1", "ann", "hey @bob, look"));
    ui.receive(tweet("n-1", "dan", "nothing for you"));
    ui.receive(tweet("m-2", "bob", "I am @bob"));
    assert!(
        shown(&ui, "Mentions  (1)"),
        "one mention, not one's own tweet"
    );

    click(&mut ui, "Mentions  (1)");
    assert!(shown(&ui, "Mentions of @bob"));
    assert!(shown(&ui, "hey @bob, look"));
    assert!(!shown(&ui, "nothing for you"));
    assert!(shown(&ui, "Mentions"), "read: no count");
    assert!(!shown(&ui, "Mentions  (1)"));

    // One arriving while Mentions is shown is read as it comes.
    ui.receive(tweet("m-3", "carol", "@bob again"));
    assert!(shown(&ui, "@bob again"));
    assert!(!shown(&ui, "Mentions  (1)"));
}

fn message(id: &str, from: &str, to: &str, text: &str) -> DirectMessage {
    DirectMessage {
        id: id.into(),
        from: from.into(),
        to: to.into(),
        text: text.into(),
        sent_at: Some(chrono::Utc::now()),
        received_at: chrono::Utc::now(),
        encrypted: false,
        signer: None,
    }
}

#[test]
fn messages_arrive_unread_and_a_reply_is_sent_with_the_warning_shown() {
    let mut ui = open(settings("bob"));
    ui.sent();
    for direct in [
        message("d-1", "ann", "bob", "psst"),
        message("d-2", "ann", "carol", "for carol, left in an old session"),
    ] {
        ui.events.send(NetEvent::Direct(direct)).expect("listening");
    }
    ui.harness.run_steps(2);
    click(&mut ui, "Messages (1)");
    click(&mut ui, "@ann  1");
    assert!(
        ui.harness.query_by_label_contains("Not private:").is_some(),
        "ann published no key: the conversation says it is not private"
    );
    assert!(shown(&ui, "psst"));
    assert!(!shown(&ui, "for carol, left in an old session"));
    assert!(!shown(&ui, "Messages (1)"), "read: no count");

    let field = ui.harness.get_by_label("Your message");
    field.focus();
    field.type_text("hi ann");
    ui.harness.run_steps(2);
    click(&mut ui, "Send unencrypted");
    let sent = sent_directs(&mut ui);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].publish.topic, "chirp/dm/ann");
    assert_eq!(
        (sent[0].message.from.as_str(), sent[0].message.text.as_str()),
        ("bob", "hi ann")
    );
    assert!(shown(&ui, "hi ann"));
    assert!(
        ui.harness
            .query_by_label_contains("waiting for connection")
            .is_some(),
        "unsent until the broker has it"
    );
    ui.events
        .send(NetEvent::Acknowledged(sent[0].message.id.clone()))
        .expect("listening");
    ui.harness.run_steps(2);
    assert!(
        ui.harness
            .query_by_label_contains("waiting for connection")
            .is_none()
    );
}

#[test]
fn message_on_a_tweet_opens_the_conversation_with_its_author() {
    let mut ui = open(settings("bob"));
    ui.receive(tweet("t-1", "ann", "say hi"));
    click(&mut ui, "Message");
    assert!(ui.harness.query_by_label_contains("Not private:").is_some());
    assert!(shown(&ui, "No messages yet"));
    assert!(ui.harness.query_by_label("Your message").is_some());
}

#[test]
fn saved_messages_come_back_read_with_the_unsent_one_marked() {
    let mut ui = open(settings("bob"));
    let saved = vec![
        chirp::core::social::direct::SavedMessage {
            message: message("s-1", "ann", "bob", "from yesterday"),
            unsent: false,
        },
        chirp::core::social::direct::SavedMessage {
            message: message("s-2", "bob", "ann", "my answer, not sent yet"),
            unsent: true,
        },
        chirp::core::social::direct::SavedMessage {
            message: message("s-3", "ann", "bobby", "to my old name"),
            unsent: false,
        },
    ];
    ui.events
        .send(NetEvent::DirectHistory(saved))
        .expect("listening");
    ui.harness.run_steps(2);
    assert!(!shown(&ui, "Messages (1)"), "saved messages are read");
    click(&mut ui, "Messages");
    click(&mut ui, "@ann");
    assert!(shown(&ui, "from yesterday"));
    assert!(shown(&ui, "my answer, not sent yet"));
    assert!(!shown(&ui, "to my old name"));
    assert!(
        ui.harness
            .query_by_label_contains("waiting for connection")
            .is_some()
    );
}

#[test]
fn notifications_can_be_turned_off_in_settings() {
    let mut ui = open(settings("bob"));
    assert!(
        ui.harness.state().settings().notify_in_background,
        "on by default"
    );
    click(&mut ui, "Settings");
    ui.harness
        .get_by_label("Notify me of mentions and messages in the background")
        .click();
    ui.harness.run_steps(1);
    click(&mut ui, "Apply");
    assert!(!ui.harness.state().settings().notify_in_background);
    click(&mut ui, "Diagnostics");
    assert!(shown(&ui, "off (Settings)"));
}

#[test]
fn a_saved_message_acknowledged_at_once_is_not_left_unsent() {
    let mut ui = open(settings("bob"));
    let saved = vec![chirp::core::social::direct::SavedMessage {
        message: message("s-9", "bob", "ann", "sent at the next start"),
        unsent: true,
    }];
    // Both in one frame's events: the history and, right after
    // reconnecting, the broker's acknowledgement.
    ui.events
        .send(NetEvent::DirectHistory(saved))
        .expect("listening");
    ui.events
        .send(NetEvent::Acknowledged("s-9".into()))
        .expect("listening");
    ui.harness.run_steps(2);
    click(&mut ui, "Messages");
    click(&mut ui, "@ann");
    assert!(shown(&ui, "sent at the next start"));
    assert!(
        ui.harness
            .query_by_label_contains("waiting for connection")
            .is_none()
    );
}

/// Ann's profile as the worker reports it: signed by her key, pinned.
fn ann_with_a_profile(ui: &mut crate::ui_app::Ui, ann: &Identity) {
    let user = chirp::core::model::name::Username::parse("ann").expect("valid");
    let about = About {
        display_name: "Ann Example".into(),
        bio: "writes #chirp".into(),
    };
    let payload = profile::encode(&user, &about, ann, chrono::Utc::now());
    let mut card = profile::decode("chirp/profile/ann", &payload).expect("valid profile");
    card.signed.trust = Trust::NewKey;
    let pin = Pin::new("ann", &ann.author_key(), chrono::Utc::now());
    for event in [
        NetEvent::PinChanged(PinChange::Pinned(pin)),
        NetEvent::Profile(card),
    ] {
        ui.events.send(event).expect("listening");
    }
    ui.harness.run_steps(2);
}

#[test]
fn a_conversation_with_someone_who_has_a_key_is_sealed_and_says_so() {
    let (me, ann) = (Identity::generate(), Identity::generate());
    let mut ui = open_with(settings("bob"), |app| {
        app.with_identity(Some(std::sync::Arc::new(me.clone())))
    });
    ann_with_a_profile(&mut ui, &ann);
    let mut signed = tweet("t-1", "ann", "hello from ann");
    signed.signed = Some(Signed {
        key: ann.author_key(),
        trust: Trust::Verified,
    });
    ui.receive(signed);
    assert!(shown(&ui, "Ann Example"), "the display name beside @ann");
    click(&mut ui, "Message");
    assert!(
        ui.harness
            .query_by_label_contains("End-to-end encrypted: only @ann can read")
            .is_some()
    );
    let field = ui.harness.get_by_label("Your message");
    field.focus();
    field.type_text("our secret");
    ui.harness.run_steps(2);
    ui.sent();
    click(&mut ui, "🔒 Send");
    let sent = sent_directs(&mut ui);
    assert_eq!(sent.len(), 1);
    assert!(sent[0].message.encrypted);
    let wire = String::from_utf8_lossy(&sent[0].publish.payload).into_owned();
    assert!(!wire.contains("our secret"), "{wire}");
    let opened = direct::decode(
        "chirp/dm/ann",
        &sent[0].publish.payload,
        chrono::Utc::now(),
        Some(&ann),
    );
    assert_eq!(
        opened.map(|m| m.text),
        Ok("our secret".to_owned()),
        "ann opens it"
    );
}
