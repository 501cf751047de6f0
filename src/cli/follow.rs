//! `chirp follow`: print tweets on some hashtags as they arrive.

use std::io::{BufWriter, Write as _};
use std::time::Instant;

use serde::Serialize;

use crate::core::connection::net::{self, ConnectionConfig, ConnectionState, NetEvent};
use crate::core::model::display::inert_line;
use crate::core::model::name::Hashtag;
use crate::core::model::timeline::Timeline;
use crate::core::model::tweet::{Tweet, WireFormat};
use crate::core::protocol::wire::format_ts;

use super::connect::hopeless;
use super::{CONNECT_DEADLINE, CliError};

/// How many recent tweet ids are remembered to print each tweet once.
const SEEN_LIMIT: usize = 10_000;

#[derive(Debug, clap::Args)]
pub struct FollowArgs {
    /// One JSON object per line instead of text.
    #[arg(long)]
    json: bool,
    /// Exit after this many tweets.
    #[arg(long, value_name = "N")]
    count: Option<u64>,
    /// Keep a session on the broker under this client id (as mosquitto_sub
    /// -c -i ID): tweets posted while you are away arrive on the next run.
    #[arg(long, value_name = "CLIENT_ID")]
    session: Option<String>,
    /// Hashtags to follow (with or without #).
    #[arg(required = true, value_name = "TAG")]
    tags: Vec<String>,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    id: &'a str,
    user: Option<&'a str>,
    text: &'a str,
    tags: &'a [String],
    ts: String,
    topic: &'a str,
    format: WireFormat,
    /// The id and author of the tweet this one answers, for a reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_to_user: Option<&'a str>,
}

pub fn run(args: FollowArgs, config: ConnectionConfig) -> Result<(), CliError> {
    let tags = args
        .tags
        .iter()
        .map(|typed| Hashtag::parse(typed))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CliError::usage)?;
    if args.count == Some(0) {
        return Ok(());
    }

    let label = config.broker.to_string();
    let config = match args.session {
        Some(id) if id.trim().is_empty() || id.len() > 128 => {
            return Err(CliError::usage(
                "--session needs a client id of 1 to 128 bytes",
            ));
        }
        Some(id) => ConnectionConfig {
            client_id: id,
            ..config
        }
        .with_persistent_session(true),
        None => config,
    };
    let followed = tags.iter().map(|tag| tag.as_str().to_owned()).collect();
    let (link, _worker) = net::spawn(
        net::WorkerOptions::new(config.clone()).following(followed),
        || {},
    )
    .map_err(CliError::network)?;

    let connect_deadline = Instant::now() + CONNECT_DEADLINE;
    let mut connected_once = false;
    let mut last_problem = String::from("no answer");
    // Reuses the timeline's dedup: a tweet under two followed tags prints once.
    let mut seen = Timeline::with_limit(SEEN_LIMIT);
    let mut printed = 0u64;
    // Lines are written in batches and flushed whenever no more tweets are
    // waiting: one write per burst rather than one per line, and nothing
    // sits in the buffer while the stream is quiet.
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    loop {
        let event = if let Some(event) = link.try_recv() {
            event
        } else if out.flush().is_err() {
            // The reader went away (e.g. `| head`): a normal end.
            return Ok(());
        } else if connected_once {
            link.recv()
                .ok_or_else(|| CliError::network("the network worker stopped"))?
        } else {
            link.recv_deadline(connect_deadline).map_err(|_| {
                CliError::network(format!(
                    "could not reach {label} within {} s ({last_problem})",
                    CONNECT_DEADLINE.as_secs()
                ))
            })?
        };
        match event {
            NetEvent::Connection(ConnectionState::Connected { .. }) => connected_once = true,
            NetEvent::Connection(ConnectionState::Offline {
                reason, retry_at, ..
            }) => {
                if connected_once {
                    let wait = retry_at
                        .saturating_duration_since(Instant::now())
                        .as_secs_f32();
                    eprintln!("chirp: offline ({reason}); retrying in {wait:.0} s");
                } else if hopeless(&config, retry_at, connect_deadline) {
                    return Err(CliError::network(format!(
                        "could not connect to {label}: {reason}"
                    )));
                }
                last_problem = reason;
            }
            NetEvent::Subscribed(tags) => {
                let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
                eprintln!("chirp: following {} on {label}", tags.join(" "));
            }
            NetEvent::Tweet { topic, tweet } => {
                if !seen.insert_received(&tweet) {
                    continue;
                }
                let written = if args.json {
                    write_json_line(&mut out, &tweet, &topic)
                } else {
                    writeln!(out, "{}", text_line(&tweet))
                };
                if written.is_err() {
                    // The reader went away (e.g. `| head`): a normal end.
                    return Ok(());
                }
                printed += 1;
                if args.count.is_some_and(|n| printed >= n) {
                    // A closed pipe at the very end is still a normal end.
                    let _ = out.flush();
                    return Ok(());
                }
            }
            NetEvent::Dropped { topic, reason } => {
                eprintln!("chirp: ignored a payload on {topic}: {reason}")
            }
            _ => {}
        }
    }
}

fn write_json_line(
    out: &mut impl std::io::Write,
    tweet: &Tweet,
    topic: &str,
) -> std::io::Result<()> {
    let line = JsonLine {
        id: &tweet.id,
        user: tweet.user.as_deref(),
        text: &tweet.text,
        tags: &tweet.tags,
        ts: format_ts(tweet.shown_time()),
        topic,
        format: tweet.format,
        reply_to: tweet.reply_to.as_ref().map(|parent| parent.id.as_str()),
        reply_to_user: tweet
            .reply_to
            .as_ref()
            .and_then(|parent| parent.user.as_deref()),
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")
}

fn text_line(tweet: &Tweet) -> String {
    let time = tweet
        .shown_time()
        .with_timezone(&chrono::Local)
        .format("%H:%M:%S");
    let user = tweet
        .user
        .as_deref()
        .map_or_else(|| "(unknown)".to_owned(), |u| format!("@{}", inert_line(u)));
    let tags: Vec<String> = tweet.tags.iter().map(|t| format!("#{t}")).collect();
    format!(
        "{time} {user} [{}] {}",
        tags.join(" "),
        inert_line(&tweet.text)
    )
}
