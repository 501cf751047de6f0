//! ♥ Like, ↻ Repost and Delete in the real app, driven with egui_kittest:
//! each click sends a signed reaction and the card counts it at once; a
//! repost arriving from someone shows "@carol reposted" once; Delete
//! turns one's own card into "deleted by its author".

use std::sync::Arc;

use egui_kittest::kittest::Queryable as _;

use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::protocol::identity::Identity;
use chirp::core::protocol::topic_root::TopicRoot;
use chirp::core::social::reaction::{self, ReactionKind, Target};

use crate::ui_app::{Ui, click, open_with, settings, tweet};

fn signed_in(user: &str) -> (Ui, Arc<Identity>) {
    let identity = Arc::new(Identity::generate());
    let signer = Arc::clone(&identity);
    let mut ui = open_with(settings(user), move |app| app.with_identity(Some(signer)));
    ui.sent();
    (ui, identity)
}

/// The reactions sent since last asked: kind and the tweet's id.
fn reactions_sent(ui: &mut Ui) -> Vec<(ReactionKind, String)> {
    ui.sent()
        .into_iter()
        .filter_map(|command| match command {
            NetCommand::React(outgoing) => Some((outgoing.reaction.kind, outgoing.reaction.target)),
            _ => None,
        })
        .collect()
}

#[test]
fn like_then_unlike_sends_signed_reactions_and_counts_at_once() {
    let (mut ui, identity) = signed_in("zed");
    ui.receive(tweet("t1", "alice", "like me #chirp"));
    click(&mut ui, "Like");
    assert_eq!(
        reactions_sent(&mut ui),
        [(ReactionKind::Like, "t1".to_owned())]
    );
    ui.harness.get_by_label("Unlike, 1 like");
    let tally = |ui: &Ui| ui.harness.state().reactions().tally("t1");
    assert_eq!(tally(&ui).likes, 1);
    assert!(
        ui.harness
            .state()
            .reactions()
            .by_key("t1", &identity.author_key(), true)
    );
    click(&mut ui, "Unlike, 1 like");
    assert_eq!(
        reactions_sent(&mut ui),
        [(ReactionKind::Unlike, "t1".to_owned())]
    );
    assert_eq!(tally(&ui).likes, 0);
    ui.harness.get_by_label("Like");
}

#[test]
fn a_repost_from_someone_shows_once_above_the_tweet() {
    let (mut ui, _identity) = signed_in("zed");
    ui.receive(tweet("t2", "alice", "worth sharing #chirp"));
    let carol = Identity::generate();
    let target = Target {
        id: "t2".into(),
        user: Some("alice".into()),
        tags: vec!["chirp".into()],
    };
    let repost = reaction::prepare(
        ReactionKind::Repost,
        "carol",
        &target,
        &carol,
        &TopicRoot::default(),
    )
    .expect("prepares");
    for _ in 0..3 {
        ui.events
            .send(NetEvent::Reaction {
                topic: "hashtags/chirp".into(),
                reaction: repost.reaction.clone(),
            })
            .expect("listening");
    }
    ui.harness.run_steps(2);
    assert_eq!(ui.harness.query_all_by_label("@carol reposted").count(), 1);
    ui.harness.get_by_label("Repost, 1 repost");
}

#[test]
fn delete_on_one_s_own_card_takes_it_back() {
    let (mut ui, _identity) = signed_in("zed");
    ui.type_tweet("oops, wrong window #chirp");
    ui.harness.get_by_label("Post").click();
    ui.harness.run_steps(2);
    let id = ui.publishes()[0].tweet.id.clone();
    // Someone else's card has no Delete.
    ui.receive(tweet("t3", "alice", "not yours #chirp"));
    assert_eq!(ui.harness.query_all_by_label("🗑 Delete").count(), 1);
    click(&mut ui, "🗑 Delete");
    assert_eq!(reactions_sent(&mut ui), [(ReactionKind::Delete, id)]);
    ui.harness.get_by_label("deleted by its author");
    assert_eq!(
        ui.harness
            .query_all_by_label("oops, wrong window #chirp")
            .count(),
        0
    );
}

/// The copies of the reaction sent since last asked: (topic, retained).
fn reaction_copies(ui: &mut Ui) -> Vec<(String, bool)> {
    ui.sent()
        .into_iter()
        .filter_map(|command| match command {
            NetCommand::React(outgoing) => Some(outgoing.publishes),
            _ => None,
        })
        .flatten()
        .map(|publish| (publish.topic, publish.retain))
        .collect()
}

#[test]
fn deleting_the_newest_tweet_on_a_tag_replaces_its_retained_copy_only_there() {
    let (mut ui, _identity) = signed_in("zed");
    ui.type_tweet("two tags #rust");
    ui.harness.get_by_label("Post").click();
    ui.harness.run_steps(2);
    ui.sent();
    // Someone tweets on #chirp since: the broker's #chirp copy is theirs.
    ui.receive(tweet("later", "alice", "mine now #chirp"));
    click(&mut ui, "🗑 Delete");
    let mut copies = reaction_copies(&mut ui);
    copies.sort();
    assert_eq!(
        copies,
        [
            ("chirp/users/zed".to_owned(), false),
            ("hashtags/chirp".to_owned(), false),
            ("hashtags/rust".to_owned(), true)
        ]
    );
}

#[test]
fn quote_writes_a_signed_quote_and_its_card_frames_the_quoted_tweet() {
    use chirp::core::protocol::wire;

    let (mut ui, identity) = signed_in("zed");
    ui.receive(tweet("orig", "alice", "the original words #chirp"));
    click(&mut ui, "Quote");
    let field = ui.harness.get_by_label("Quote @alice");
    field.focus();
    field.type_text("well said #chirp");
    ui.harness.run_steps(2);
    ui.harness.get_by_label("Post").click();
    ui.harness.run_steps(2);
    let published = ui.publishes();
    let outgoing = published.first().expect("the quote was posted");
    let quoted = outgoing.tweet.quote.as_ref().expect("a quote");
    assert_eq!(
        (quoted.id.as_str(), quoted.user.as_deref()),
        ("orig", Some("alice"))
    );
    let copy = &outgoing.publishes[0];
    let json: serde_json::Value = serde_json::from_slice(&copy.payload).expect("JSON");
    assert_eq!(
        (json["kind"].as_str(), json["ref"].as_str()),
        (Some("quote"), Some("orig"))
    );
    let back =
        wire::decode_tagged(Some("chirp"), &copy.payload, chrono::Utc::now()).expect("verifies");
    assert_eq!(back.signed.map(|s| s.key), Some(identity.author_key()));
    // The quote's card frames the quoted tweet, found in the timeline.
    assert_eq!(
        ui.harness
            .query_all_by_label("the original words #chirp")
            .count(),
        2
    );
    ui.harness.get_by_label("New tweet");
}
