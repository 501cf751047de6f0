//! Part 1e, the mixed stream: a flood of signed tweets with likes and
//! reposts among them (each signed by its author, all signed before the
//! clock starts), to Chirp's core (as the window runs it) and
//! mosquitto_sub at once. Reactions are checked on arrival (a count has no
//! "when shown"), tweets by pinned keys when shown: this is what that mix
//! costs the firehose.

use anyhow::{Result, anyhow};
use chirp::core::model::name::Hashtag;
use chirp::core::protocol::identity::Identity;
use chirp::core::protocol::topic_root::TopicRoot;
use chirp::core::social::compose::Draft;
use chirp::core::social::reaction::{self, ReactionKind, Target};
use clap::Args;

use crate::BrokerArgs;
use crate::figures::Target as Goal;
use crate::load::bench_tag;
use crate::throughput::{Audience, Subscriber, chirp_ratios, flood_to, print_floods};

#[derive(Args)]
pub(crate) struct MixedArgs {
    #[command(flatten)]
    broker: BrokerArgs,
    /// Payloads in the flood, tweets and reactions together.
    #[arg(long, default_value_t = 100_000)]
    count: usize,
    #[arg(long, default_value_t = 300)]
    authors: usize,
    /// Per cent of the payloads that are likes (reposts are a fifth of that).
    #[arg(long, default_value_t = 20)]
    likes_percent: usize,
    /// Floods (the median (min–max) is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

const VS_MOSQUITTO: Goal = Goal::at_least(0.9, "≥ 0.9");

pub(crate) fn mixed(args: &MixedArgs) -> Result<()> {
    let repeat = args.repeat.max(1);
    println!(
        "{repeat} floods of {} payloads, Chirp's core and mosquitto_sub at once; target: Chirp core / mosquitto_sub {} \
         (msgs/s side by side, median of the floods)",
        args.count, VS_MOSQUITTO.text
    );
    let audience = Audience {
        broker: &args.broker,
        paho: None,
        follow_bin: None,
        only: None,
    };
    let mut floods = Vec::new();
    for _ in 0..repeat {
        // A hashtag of its own per flood, its payloads made (and signed)
        // for it before its clock starts.
        let tag = bench_tag("mixed")?;
        let (payloads, reactions) = payloads(args, &tag)?;
        if floods.is_empty() {
            println!(
                "{} payloads on one hashtag per flood: {} signed tweets, {reactions} signed likes and reposts \
                 of them ({} authors; all signed before the clock starts)",
                payloads.len(),
                payloads.len() - reactions,
                args.authors
            );
        }
        floods.push(flood_to(&audience, &tag, payloads)?);
    }
    print_floods(&floods, "subscriber (at once)");
    let ratios = chirp_ratios(&floods, Subscriber::MosquittoSub)?;
    println!(
        "  Chirp core / mosquitto_sub (mixed kinds) = {}",
        VS_MOSQUITTO.judge(&ratios, 2)
    );
    Ok(())
}

/// The flood, and how many of it are reactions. Every tenth payload or so
/// is a like (`likes_percent`), a fifth as many are reposts, each of a
/// tweet sent earlier in the flood, by another author.
fn payloads(args: &MixedArgs, tag: &Hashtag) -> Result<(Vec<Vec<u8>>, usize)> {
    let authors: Vec<(String, Identity)> = (0..args.authors.max(2))
        .map(|n| (format!("user_{n:03}"), Identity::generate()))
        .collect();
    let root = TopicRoot::default();
    let mut rng = fastrand::Rng::with_seed(5);
    let mut targets: Vec<Target> = Vec::new();
    let mut payloads = Vec::with_capacity(args.count);
    let mut reactions = 0;
    let reposts_percent = args.likes_percent / 5;
    for n in 0..args.count {
        let (user, identity) = &authors[rng.usize(..authors.len())];
        let roll = rng.usize(..100);
        let kind = if roll < args.likes_percent {
            Some(ReactionKind::Like)
        } else if roll < args.likes_percent + reposts_percent {
            Some(ReactionKind::Repost)
        } else {
            None
        };
        match (kind, targets.is_empty()) {
            (Some(kind), false) => {
                let target = &targets[rng.usize(..targets.len())];
                let outgoing = reaction::prepare(kind, user, target, identity, &root)
                    .map_err(|e| anyhow!("bench reaction: {e}"))?;
                payloads.push(outgoing.publishes[0].payload.clone());
                reactions += 1;
            }
            _ => {
                let text = format!("tweet {n} of the mixed flood #{}", tag.as_str());
                let outgoing = Draft::new(user, &text)
                    .signed_by(Some(identity))
                    .prepare()
                    .map_err(|e| anyhow!("bench tweet: {e}"))?;
                targets.push(Target {
                    id: outgoing.tweet.id.clone(),
                    user: Some(user.clone()),
                    tags: outgoing.tweet.tags.clone(),
                });
                payloads.push(outgoing.publishes[0].payload.clone());
            }
        }
    }
    Ok((payloads, reactions))
}
