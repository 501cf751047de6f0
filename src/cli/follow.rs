//! `chirp follow`: print tweets on some hashtags, or by some people
//! (`--user`, whatever the hashtag), as they arrive.

use super::reaction_line::ReactionLines;
use super::seen::Seen;
use std::io::{BufWriter, Write};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::core::connection::net::{self, ConnectionConfig, ConnectionState, NetEvent};
use crate::core::model::author_key::Trust;
use crate::core::model::display::inert_line;
use crate::core::model::name::{Hashtag, Username};
use crate::core::model::tweet::{Tweet, WireFormat};
use crate::core::protocol::wire::format_ts;

use super::connect::hopeless;
use super::{CONNECT_DEADLINE, CliError};

/// How many recent tweet ids are remembered to print each tweet once.
const SEEN_LIMIT: usize = 10_000;
/// How long a busy follower naps before looking for more tweets, so that
/// a flood is taken in batches (see `Follower::next_event`).
const BATCH_WAIT: Duration = Duration::from_millis(1);

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
    /// Follow everything this person posts, whatever the hashtag (with or
    /// without @; repeat for several).
    #[arg(long = "user", value_name = "NAME")]
    users: Vec<String>,
    /// Hashtags to follow (with or without #).
    #[arg(required_unless_present = "users", value_name = "TAG")]
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
    /// The id and author of the tweet quoted, for a quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote_user: Option<&'a str>,
    /// `verified`, `new_key`, `key_changed` or `unsigned` (forged ones are
    /// never printed: a line on stderr says so).
    signed: &'static str,
    /// The signer's fingerprint, when signed.
    #[serde(skip_serializing_if = "Option::is_none")]
    fingerprint: Option<String>,
}

pub fn run(args: FollowArgs, config: ConnectionConfig) -> Result<(), CliError> {
    let tags = args
        .tags
        .iter()
        .map(|typed| Hashtag::parse(typed))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CliError::usage)?;
    let people = args
        .users
        .iter()
        .map(|typed| Username::parse(typed).map(String::from))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CliError::usage)?;
    if args.count == Some(0) {
        return Ok(());
    }
    let config = with_session(config, args.session.clone())?;
    let followed = tags.iter().map(|tag| tag.as_str().to_owned()).collect();
    let options = net::WorkerOptions::new(config.clone())
        .following(followed)
        .following_people(people)
        .without_broker_figures();
    let (link, _worker) = net::spawn(options, || {}).map_err(CliError::network)?;
    // Lines are written in batches and flushed whenever no more tweets are
    // waiting: one write per burst rather than one per line, and nothing
    // sits in the buffer while the stream is quiet.
    let out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut follower = Follower::new(&args, &config, out);
    loop {
        let Some(event) = follower.next_event(&link)? else {
            // The reader went away (e.g. `| head`): a normal end.
            return Ok(());
        };
        if follower.handle(event)? == Flow::Done {
            return Ok(());
        }
    }
}

/// `--session ID`: a persistent session under that client id.
fn with_session(
    config: ConnectionConfig,
    session: Option<String>,
) -> Result<ConnectionConfig, CliError> {
    match session {
        Some(id) if id.trim().is_empty() || id.len() > 128 => Err(CliError::usage(
            "--session needs a client id of 1 to 128 bytes",
        )),
        Some(id) => Ok(ConnectionConfig {
            client_id: id,
            ..config
        }
        .with_persistent_session(true)),
        None => Ok(config),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Flow {
    Continue,
    Done,
}

/// The printing side of `chirp follow`: what was printed, and how.
struct Follower<'a, W: Write> {
    config: &'a ConnectionConfig,
    label: String,
    json: bool,
    count: Option<u64>,
    connect_deadline: Instant,
    connected_once: bool,
    last_problem: String,
    /// The timeline's dedup: a tweet under two followed tags prints once.
    seen: Seen,
    /// The last wait for an event found one: tweets are flowing.
    busy: bool,
    /// Likes, reposts and deletions, each printed once.
    reactions: ReactionLines,
    printed: u64,
    out: W,
}

impl<'a, W: Write> Follower<'a, W> {
    fn new(args: &FollowArgs, config: &'a ConnectionConfig, out: W) -> Self {
        Self {
            config,
            label: config.broker.to_string(),
            json: args.json,
            count: args.count,
            connect_deadline: Instant::now() + CONNECT_DEADLINE,
            connected_once: false,
            last_problem: String::from("no answer"),
            seen: Seen::with_limit(SEEN_LIMIT),
            busy: false,
            reactions: ReactionLines::default(),
            printed: 0,
            out,
        }
    }

    /// The next event; `None` when stdout is closed. Waits at most until
    /// the connect deadline while never connected.
    fn next_event(&mut self, link: &net::NetLink) -> Result<Option<NetEvent>, CliError> {
        if let Some(event) = link.try_recv() {
            return Ok(Some(event));
        }
        if self.out.flush().is_err() {
            return Ok(None);
        }
        // While tweets flow, a short nap lets the next ones gather: one
        // wake-up per batch instead of one per tweet (two context switches
        // each, which cost more than printing the tweet). Quiet: block.
        if self.busy {
            std::thread::sleep(BATCH_WAIT);
            if let Some(event) = link.try_recv() {
                return Ok(Some(event));
            }
            self.busy = false;
        }
        if self.connected_once {
            self.busy = true;
            return link
                .recv()
                .map(Some)
                .ok_or_else(|| CliError::network("the network worker stopped"));
        }
        link.recv_deadline(self.connect_deadline)
            .map(Some)
            .map_err(|_| {
                CliError::network(format!(
                    "could not reach {} within {} s ({})",
                    self.label,
                    CONNECT_DEADLINE.as_secs(),
                    self.last_problem
                ))
            })
    }

    fn handle(&mut self, event: NetEvent) -> Result<Flow, CliError> {
        match event {
            NetEvent::Connection(ConnectionState::Connected { .. }) => self.connected_once = true,
            NetEvent::Connection(ConnectionState::Offline {
                reason, retry_at, ..
            }) => self.offline(reason, retry_at)?,
            NetEvent::Subscribed(tags) => {
                let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
                eprintln!("chirp: following {} on {}", tags.join(" "), self.label);
            }
            NetEvent::SubscribedPeople(users) => {
                let users: Vec<String> = users.iter().map(|u| format!("@{u}")).collect();
                eprintln!("chirp: following {} on {}", users.join(" "), self.label);
            }
            NetEvent::Tweet { topic, tweet } => return Ok(self.print(&tweet, &topic)),
            NetEvent::Reaction { topic, reaction } => {
                let printed = (self.reactions).print(&mut self.out, &reaction, &topic, self.json);
                if printed.is_err() {
                    return Ok(Flow::Done);
                }
            }
            NetEvent::Dropped { topic, reason } => {
                eprintln!("chirp: ignored a payload on {topic}: {reason}");
            }
            _ => {}
        }
        Ok(Flow::Continue)
    }

    fn offline(&mut self, reason: String, retry_at: Instant) -> Result<(), CliError> {
        if self.connected_once {
            let wait = retry_at
                .saturating_duration_since(Instant::now())
                .as_secs_f32();
            eprintln!("chirp: offline ({reason}); retrying in {wait:.0} s");
        } else if hopeless(self.config, retry_at, self.connect_deadline) {
            return Err(CliError::network(format!(
                "could not connect to {}: {reason}",
                self.label
            )));
        }
        self.last_problem = reason;
        Ok(())
    }

    /// Prints a tweet once; `Done` when the reader went away (e.g. `| head`,
    /// a normal end) or `--count` tweets were printed.
    fn print(&mut self, tweet: &Tweet, topic: &str) -> Flow {
        if !self.seen.first_time(tweet) {
            return Flow::Continue;
        }
        let written = if self.json {
            write_json_line(&mut self.out, tweet, topic)
        } else {
            writeln!(self.out, "{}", text_line(tweet))
        };
        if written.is_err() {
            return Flow::Done;
        }
        self.printed += 1;
        if self.count.is_some_and(|n| self.printed >= n) {
            // A closed pipe at the very end is still a normal end.
            let _ = self.out.flush();
            return Flow::Done;
        }
        Flow::Continue
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
        quote: tweet.quote.as_ref().map(|quoted| quoted.id.as_str()),
        quote_user: tweet
            .quote
            .as_ref()
            .and_then(|quoted| quoted.user.as_deref()),
        signed: tweet.signed.map_or("unsigned", |s| s.trust.as_str()),
        fingerprint: tweet.signed.map(|s| s.key.fingerprint().to_string()),
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
    let mark = match tweet.signed.map(|s| s.trust) {
        None => "",
        Some(Trust::KeyChanged) => " (⚠ not the one you know)",
        Some(Trust::NewKey) => " (new key)",
        Some(Trust::Verified | Trust::Unjudged) => " ✔",
    };
    format!(
        "{time} {user}{mark} [{}] {}",
        tags.join(" "),
        inert_line(&tweet.text)
    )
}
