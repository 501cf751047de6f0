//! Part 1d, the signed firehose: the ingest flood with every payload signed
//! by its author (a few hundred identities; signed before the clock
//! starts), to Chirp and mosquitto_sub at once, and the same flood unsigned
//! next to it. Then, in this process: µs per `wire::decode` of a signed and
//! an unsigned payload (what verifying costs, and Ed25519's share of it),
//! and µs per `Draft::prepare` signed and unsigned (what signing costs).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context as _, Result, anyhow, ensure};
use chirp::core::model::author_key::{AuthorKey, decode_exact};
use chirp::core::model::name::Hashtag;
use chirp::core::protocol::deferred;
use chirp::core::protocol::identity::{Identity, SIGNATURE_LEN};
use chirp::core::protocol::signed::{self, TweetFields, VerifiedSignatures};
use chirp::core::protocol::wire;
use chirp::core::social::compose::Draft;
use clap::Args;

use crate::BrokerArgs;
use crate::figures::{Target, median, spread, thousands, verdict};
use crate::load::{TweetMaker, bench_tag};
use crate::throughput::{Audience, Flood, Subscriber, chirp_ratios, flood_to, print_floods};

#[derive(Args)]
pub(crate) struct SignedArgs {
    #[command(flatten)]
    broker: BrokerArgs,
    #[arg(long, default_value_t = 100_000)]
    count: usize,
    /// Authors, each signing with an identity of its own.
    #[arg(long, default_value_t = 300)]
    authors: usize,
    /// benches/paho_sub.py: paho-mqtt subscribes to each flood too.
    #[arg(long)]
    paho: Option<PathBuf>,
    /// Also `chirp follow --json` (this binary), in floods of its own.
    #[arg(long)]
    follow_bin: Option<PathBuf>,
    /// Payloads decoded per round in the in-process figures (3 rounds).
    #[arg(long, default_value_t = 20_000)]
    decodes: usize,
    /// Tweets prepared per round (3 rounds).
    #[arg(long, default_value_t = 2_000)]
    prepares: usize,
    /// Floods of each kind for each Chirp (the median (min–max) is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

const VS_MOSQUITTO: Target = Target::at_least(0.9, "≥ 0.9");

pub(crate) fn signed(args: &SignedArgs) -> Result<()> {
    let repeat = args.repeat.max(1);
    println!(
        "{repeat} floods of {} tweets per kind (signed, unsigned) and per Chirp; targets: Chirp / mosquitto_sub {} \
         (msgs/s side by side, median of the floods), signing adds < 1 ms to posting",
        args.count, VS_MOSQUITTO.text
    );
    // Each flood has a hashtag of its own (the broker's log tells when
    // its subscribers are ready), and a signed payload names its hashtags:
    // each flood's payloads are made for it, before its clock starts.
    let tag = bench_tag("signed")?;
    let started = Instant::now();
    let signed_payloads = payloads(args.count, &tag, Some(args.authors))?;
    let signing_secs = started.elapsed().as_secs_f64();
    let unsigned_payloads = payloads(args.count, &tag, None)?;
    println!(
        "v1 tweets, each signed by its author ({} authors, an Ed25519 identity each; \
         signed before the clock starts, {signing_secs:.1} s per flood): {} B average payload \
         ({} B unsigned)",
        args.authors,
        average_len(&signed_payloads),
        average_len(&unsigned_payloads)
    );
    let mut runs = vec![(None, "Chirp core")];
    if let Some(bin) = &args.follow_bin {
        runs.push((Some(bin.as_path()), "chirp follow"));
    }
    let mut summary = Vec::new();
    for (follow_bin, chirp_name) in runs {
        let audience = Audience {
            broker: &args.broker,
            paho: args.paho.as_deref(),
            follow_bin,
            only: None,
        };
        for (kind, authors) in [("signed", Some(args.authors)), ("unsigned", None)] {
            println!("-- {kind} floods: {chirp_name} and mosquitto_sub at once --");
            let floods = (0..repeat)
                .map(|_| signed_flood(args, &audience, kind, authors))
                .collect::<Result<Vec<_>>>()?;
            print_floods(&floods, "subscriber (at once)");
            let ratios = chirp_ratios(&floods, Subscriber::MosquittoSub)?;
            println!(
                "  {chirp_name} / mosquitto_sub ({kind}) = {}",
                VS_MOSQUITTO.judge(&ratios, 2)
            );
            summary.push((chirp_name, kind, ratios));
        }
    }
    println!("-- summary: Chirp / mosquitto_sub, each flood measured side by side --");
    for (chirp_name, kind, ratios) in &summary {
        println!(
            "  {chirp_name:<13} {kind:<9} {}",
            VS_MOSQUITTO.judge(ratios, 2)
        );
    }
    verification(args, &tag, signed_payloads, unsigned_payloads)?;
    signing(args)
}

/// One flood of `kind` on a hashtag of its own, signed by `authors` when
/// given; fails unless Chirp's core held as signed exactly what was.
fn signed_flood(
    args: &SignedArgs,
    audience: &Audience<'_>,
    kind: &str,
    authors: Option<usize>,
) -> Result<Flood> {
    let tag = bench_tag(kind)?;
    let flood = flood_to(audience, &tag, payloads(args.count, &tag, authors)?)?;
    if let Some(signed) = flood.chirp_signed {
        let expected = if authors.is_some() { args.count } else { 0 };
        ensure!(
            signed == expected,
            "Chirp's core held {signed} signed tweets of {expected}"
        );
    }
    Ok(flood)
}

/// `count` v1 payloads on `tag` with UUID ids, signed by `authors` authors
/// when given.
pub(crate) fn payloads(
    count: usize,
    tag: &Hashtag,
    authors: Option<usize>,
) -> Result<Vec<Vec<u8>>> {
    let mut maker = TweetMaker::new(1)?;
    if let Some(authors) = authors {
        maker = maker.signed_by(authors);
    }
    Ok((0..count)
        .map(|_| maker.payload(&uuid::Uuid::new_v4().to_string(), tag, ""))
        .collect())
}

fn average_len(payloads: &[Vec<u8>]) -> usize {
    payloads.iter().map(Vec::len).sum::<usize>() / payloads.len().max(1)
}

/// µs per item of `work` over `items`, in each of 3 rounds.
fn per_item_us<T>(items: &[T], mut work: impl FnMut(&T) -> Result<()>) -> Result<Vec<f64>> {
    let mut rounds = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        for item in items {
            work(item)?;
        }
        rounds.push(start.elapsed().as_secs_f64() * 1e6 / items.len().max(1) as f64);
    }
    Ok(rounds)
}

/// What verification costs a receiver: `wire::decode` of signed payloads
/// against unsigned ones, and the Ed25519 check alone.
fn verification(
    args: &SignedArgs,
    tag: &Hashtag,
    mut signed_payloads: Vec<Vec<u8>>,
    mut unsigned_payloads: Vec<Vec<u8>>,
) -> Result<()> {
    let topic = format!("hashtags/{}", tag.as_str());
    signed_payloads.truncate(args.decodes);
    unsigned_payloads.truncate(args.decodes);
    let now = chrono::Utc::now();
    let decode = |payload: &Vec<u8>| -> Result<()> {
        black_box(wire::decode(&topic, payload, now)?);
        Ok(())
    };
    let signed_us = per_item_us(&signed_payloads, decode)?;
    let unsigned_us = per_item_us(&unsigned_payloads, decode)?;
    let (deferred_us, shown_check_us) = deferred_costs(tag, &signed_payloads)?;
    for payload in &signed_payloads {
        let tweet = wire::decode(&topic, payload, now)?;
        ensure!(tweet.signed.is_some(), "a signed payload decoded unsigned");
    }
    let (verify_us, decompress_us) = ed25519_costs(&signed_payloads)?;
    print_decode_costs(
        signed_payloads.len(),
        &DecodeCosts {
            signed_us,
            unsigned_us,
            verify_us,
            decompress_us,
            deferred_us,
            shown_check_us,
        },
    );
    Ok(())
}

/// µs per item in each round: what decoding payloads costs, and its parts.
struct DecodeCosts {
    signed_us: Vec<f64>,
    unsigned_us: Vec<f64>,
    verify_us: Vec<f64>,
    decompress_us: Vec<f64>,
    deferred_us: Vec<f64>,
    shown_check_us: Vec<f64>,
}

/// µs per Ed25519 check of signed payloads (`verify_strict`), and per
/// decompression of their keys, in each round.
fn ed25519_costs(signed_payloads: &[Vec<u8>]) -> Result<(Vec<f64>, Vec<f64>)> {
    let checks = signed_payloads
        .iter()
        .map(|payload| check_parts(payload))
        .collect::<Result<Vec<_>>>()?;
    let verify_us = per_item_us(&checks, |(key, canonical, sig)| {
        signed::verify(key, canonical, sig).map_err(|why| anyhow!(why))
    })?;
    let decompress_us = per_item_us(&checks, |(key, _, _)| {
        black_box(ed25519_dalek::VerifyingKey::from_bytes(key.as_bytes())?);
        Ok(())
    })?;
    Ok((verify_us, decompress_us))
}

fn print_decode_costs(decodes: usize, c: &DecodeCosts) {
    println!(
        "-- in this process: wire::decode of {decodes} payloads, µs each, median (min–max) of 3 rounds --"
    );
    let (signed_m, unsigned_m) = (median(&c.signed_us), median(&c.unsigned_us));
    println!(
        "  unsigned v1 payload                  {:>22}",
        spread(&c.unsigned_us, 2)
    );
    println!(
        "  signed v1 payload (verified)         {:>22}  (+{:.2} µs: what verifying adds)",
        spread(&c.signed_us, 2),
        signed_m - unsigned_m
    );
    println!(
        "  of which Ed25519 verify_strict       {:>22}  \
         ({:.0} % of a signed decode; key decompression {} µs of it)",
        spread(&c.verify_us, 2),
        median(&c.verify_us) / signed_m * 100.0,
        spread(&c.decompress_us, 2)
    );
    println!(
        "  signed, by a pinned key, as the window decodes it (check held until shown) {}",
        spread(&c.deferred_us, 2)
    );
    println!(
        "  the check when shown (deferred::check_deferred) {}",
        spread(&c.shown_check_us, 2)
    );
    println!(
        "  one thread decodes at most {} signed / {} unsigned payloads per second (medians)",
        thousands(1e6 / signed_m),
        thousands(1e6 / unsigned_m)
    );
}

/// µs per decode of signed payloads whose keys are pinned, as the window
/// decodes them (the check held), and µs per check of one held signature.
fn deferred_costs(tag: &Hashtag, payloads: &[Vec<u8>]) -> Result<(Vec<f64>, Vec<f64>)> {
    let now = chrono::Utc::now();
    let mut memory = VerifiedSignatures::default();
    let pinned = |_: &str, _: &AuthorKey| true;
    let decode_held = |payload: &[u8], memory: &mut VerifiedSignatures| {
        wire::decode_tagged_remembering(Some(tag.as_str()), payload, now, memory, Some(&pinned))
    };
    let decode_us = per_item_us(payloads, |payload| {
        black_box(decode_held(payload, &mut memory)?);
        Ok(())
    })?;
    let held = payloads
        .iter()
        .map(|payload| Ok(decode_held(payload, &mut memory)?))
        .collect::<Result<Vec<_>>>()?;
    ensure!(
        held.iter().all(|tweet| tweet.deferred_signature.is_some()),
        "a pinned key's payload was checked on arrival"
    );
    let check_us = per_item_us(&held, |tweet| {
        deferred::check_deferred(tweet).map_err(|why| anyhow!(why))
    })?;
    Ok((decode_us, check_us))
}

/// The key, canonical bytes and signature of a signed payload, as a
/// receiver checks them.
fn check_parts(payload: &[u8]) -> Result<(AuthorKey, Vec<u8>, [u8; SIGNATURE_LEN])> {
    let json: serde_json::Value = serde_json::from_slice(payload)?;
    let text = |name: &str| {
        json[name]
            .as_str()
            .with_context(|| format!("no {name} in a signed payload"))
    };
    let tags: Vec<String> = json["tags"]
        .as_array()
        .context("no tags")?
        .iter()
        .filter_map(|tag| tag.as_str().map(str::to_owned))
        .collect();
    let key = AuthorKey::from_base64(text("pk")?).context("pk")?;
    let sig = decode_exact::<SIGNATURE_LEN>(text("sig")?).context("sig")?;
    let fields = TweetFields {
        id: text("id")?,
        user: text("user")?,
        text: text("text")?,
        tags: &tags,
        ts: Some(text("ts")?),
        reply_to: None,
        reply_to_user: None,
    };
    Ok((key, fields.canonical(&key).as_bytes().to_vec(), sig))
}

/// What signing costs an author: `Draft::prepare` signed and unsigned.
fn signing(args: &SignedArgs) -> Result<()> {
    let identity = Identity::generate();
    let drafts: Vec<String> = (0..args.prepares)
        .map(|n| format!("tweet number {n} about the garden sensor, the broker and #rust"))
        .collect();
    fn prepare(signer: Option<&Identity>) -> impl FnMut(&String) -> Result<()> + '_ {
        move |text| {
            let draft = Draft::new("user_001", text).signed_by(signer);
            black_box(draft.prepare().map_err(|e| anyhow!("{e}"))?);
            Ok(())
        }
    }
    let unsigned_us = per_item_us(&drafts, prepare(None))?;
    let signed_us = per_item_us(&drafts, prepare(Some(&identity)))?;
    let signed_m = median(&signed_us);
    println!(
        "-- in this process: Draft::prepare of {} tweets, µs each, median (min–max) of 3 rounds --",
        args.prepares
    );
    println!(
        "  unsigned                             {:>22}",
        spread(&unsigned_us, 2)
    );
    println!(
        "  signed                               {:>22}  \
         (+{:.2} µs: what signing adds; target < 1 ms: {})",
        spread(&signed_us, 2),
        signed_m - median(&unsigned_us),
        verdict(signed_m < 1000.0)
    );
    Ok(())
}
