//! The MQTT worker and the messages between it and whoever drives it (the
//! GUI or the CLI). Nothing here knows about egui.

mod backoff;
mod broker_figures;
mod config;
mod credentials;
pub(crate) mod insecure;
mod link;
mod outbox;
mod pinned;
mod qos;
mod reason;
mod round_trips;
mod subscriptions;
mod tls;
mod worker;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;

pub use broker_figures::{BrokerFigure, SYS_TOPICS};
pub use config::{ConnectionConfig, DEFAULT_KEEP_ALIVE};
pub use credentials::{Credentials, Secret};
pub use pinned::CertificatePin;
pub use qos::Qos;
pub use tls::{TlsOptions, TlsSetupError, client_config as tls_client_config};
pub use worker::{Closed, EVENT_CAPACITY, WorkerOptions, WorkerThread, spawn};

use crate::core::model::timeline::HistoryEntry;
use crate::core::model::tweet::Tweet;
use crate::core::social::compose::OutgoingTweet;

/// Where the worker keeps history and unsent tweets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageLocation {
    /// Nowhere: the CLI, which waits for its one tweet itself.
    Nowhere,
    /// In memory for this run only (a second window on the same profile).
    Memory,
    File(std::path::PathBuf),
}

/// Requests to the worker. Sending never blocks.
#[derive(Debug, Clone)]
pub enum NetCommand {
    /// Follow `<root>/<tag>`, now and after every reconnect.
    Subscribe(String),
    Unsubscribe(String),
    /// Follow a person's `chirp/users/<user>` (everything they post,
    /// whatever the hashtag), now and after every reconnect.
    FollowPerson(String),
    UnfollowPerson(String),
    /// Publish a tweet once per hashtag; kept until the broker acknowledges
    /// it, so a tweet written offline goes out once connected.
    Publish(OutgoingTweet),
    /// Send a direct message; kept (on disk too) until the broker
    /// acknowledges it, like a tweet.
    SendDirect(crate::core::social::direct::OutgoingDirect),
    /// Connect to another broker, keeping subscriptions and unsent tweets.
    Reconfigure(ConnectionConfig),
    /// Watch every hashtag under the root (`<root>/+`, QoS 0) for the
    /// Discover view, or stop. Tweets on tags not followed are reported as
    /// `Seen`, never as tweets.
    Discover(bool),
    /// The person trusts `key` for `user` from now on (it replaces the pin).
    TrustKey {
        user: String,
        key: crate::core::model::author_key::AuthorKey,
    },
    /// Forget the key pinned for this user: the next one seen is pinned.
    ForgetKey(String),
    /// Publish a like, repost, their undoing, or a deletion (in memory until
    /// the broker acknowledges it, like a tweet's copies).
    React(crate::core::social::reaction::OutgoingReaction),
    /// Subscribe to this person's retained profile (answered by
    /// `ProfileWatched`, then `Profile` if they have one).
    WatchProfile(String),
    /// Stop, after a short grace period to deliver unsent tweets.
    Shutdown,
}

/// What the worker reports.
#[derive(Debug, Clone, PartialEq)]
pub enum NetEvent {
    /// The saved timeline, newest first; sent once, before anything else.
    History(Vec<HistoryEntry>),
    /// The keys pinned to names, most recently seen first; sent once, right
    /// after `History` (none when nothing is stored).
    Pins(Vec<crate::core::social::trust::Pin>),
    /// Something the user should know (a file moved aside, a failed write).
    Notice(String),
    /// No history and no durable outbox this run, and why.
    StorageUnavailable(String),
    Connection(ConnectionState),
    /// A tweet arrived on `topic`.
    Tweet {
        topic: String,
        tweet: Tweet,
    },
    /// A like, repost, their undoing or a deletion: its signature verified,
    /// its key judged against the pins (nothing is pinned from one).
    Reaction {
        topic: String,
        reaction: crate::core::social::reaction::Reaction,
    },
    /// The broker has every copy of this tweet (one per hashtag).
    Acknowledged(String),
    /// The broker confirmed these subscriptions.
    Subscribed(Vec<String>),
    Unsubscribed(Vec<String>),
    /// The broker confirmed following these people's topics.
    SubscribedPeople(Vec<String>),
    UnsubscribedPeople(Vec<String>),
    /// A payload that could not be shown, and why.
    Dropped {
        topic: String,
        reason: String,
    },
    /// One of our own tweets came back on a followed tag, this long after
    /// it was sent.
    RoundTrip(std::time::Duration),
    /// A figure the broker published about itself (`$SYS`).
    BrokerFigure(BrokerFigure),
    /// While discovering: a message on a hashtag not followed, with the
    /// author it claims (not verified: it only counts, never shows), so a
    /// muted person's tweets are not counted either.
    Seen {
        tag: String,
        author: crate::core::protocol::wire::ClaimedAuthor,
    },
    /// The broker confirmed watching (true) or leaving (false) `<root>/+`.
    Discovering(bool),
    /// The broker confirmed following this user's mentions and direct
    /// messages.
    PersonalReady(String),
    /// A direct message to us.
    Direct(crate::core::social::direct::DirectMessage),
    /// The saved direct messages, oldest first; sent once, after `History`.
    DirectHistory(Vec<crate::core::social::direct::SavedMessage>),
    /// Someone's presence (retained, or as it changes; ours included).
    Presence(crate::core::social::presence::Presence),
    /// Someone's profile (retained, or as it changes; ours included).
    Profile(crate::core::social::profile::Profile),
    /// The broker answered the subscription to this person's profile: a
    /// retained one, if any, comes right after.
    ProfileWatched(String),
    /// A key pinned, replaced or forgotten (trust on first use).
    PinChanged(crate::core::social::trust::PinChange),
}

/// The truth about the connection, as the status bar shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum ConnectionState {
    Connecting {
        broker: String,
    },
    Connected {
        broker: String,
    },
    Offline {
        broker: String,
        reason: String,
        retry_at: Instant,
    },
}

/// Events handed out within a time budget (`NetLink::drain_within`).
pub struct Drain {
    events: crossbeam_channel::Receiver<NetEvent>,
    started: Instant,
    budget: Duration,
}

impl Iterator for Drain {
    type Item = NetEvent;

    fn next(&mut self) -> Option<NetEvent> {
        if self.started.elapsed() >= self.budget {
            return None;
        }
        self.events.try_recv().ok()
    }
}

/// The two ends the driver (the UI, the CLI) holds: commands in, events out.
/// The channels stay private so their types can change without the callers.
pub struct NetLink {
    commands: tokio::sync::mpsc::UnboundedSender<NetCommand>,
    events: crossbeam_channel::Receiver<NetEvent>,
    overflow: Arc<AtomicU64>,
}

impl NetLink {
    pub fn new(
        commands: tokio::sync::mpsc::UnboundedSender<NetCommand>,
        events: crossbeam_channel::Receiver<NetEvent>,
    ) -> Self {
        Self {
            commands,
            events,
            overflow: Arc::default(),
        }
    }

    /// Sends a command. A stopped worker is reported by its events ending,
    /// so a failed send needs no handling here.
    pub fn send(&self, command: NetCommand) {
        let _ = self.commands.send(command);
    }

    /// The waiting events, until none is left or `budget` has passed
    /// (checked before each), so a flood cannot hold a frame; the rest wait
    /// for the next call. Owns a handle on the channel, so the caller may
    /// change itself while it handles each event.
    pub fn drain_within(&self, budget: Duration) -> Drain {
        Drain {
            events: self.events.clone(),
            started: Instant::now(),
            budget,
        }
    }

    /// The next event, waiting as long as it takes (`None`: the worker stopped).
    pub fn recv(&self) -> Option<NetEvent> {
        self.events.recv().ok()
    }

    /// The next event, waiting until `deadline` at most (for the CLI and
    /// tests, which have no frame to keep).
    pub fn recv_deadline(&self, deadline: Instant) -> Result<NetEvent, RecvTimeoutError> {
        self.events.recv_deadline(deadline)
    }

    /// The next event if one is waiting.
    pub fn try_recv(&self) -> Option<NetEvent> {
        self.events.try_recv().ok()
    }

    /// How many events are waiting.
    pub fn waiting(&self) -> usize {
        self.events.len()
    }

    /// Events the worker could not hand over because the driver fell
    /// `EVENT_CAPACITY` events behind.
    pub fn overflowed(&self) -> u64 {
        self.overflow.load(Ordering::Relaxed)
    }
}
