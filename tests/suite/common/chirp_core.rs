//! A Chirp core (the network worker) connected to a test broker, and waits
//! on its events with deadlines.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chirp::core::connection::broker::BrokerAddress;
use chirp::core::connection::net::{
    self, ConnectionConfig, ConnectionState, NetCommand, NetEvent, NetLink, WorkerThread,
};

use super::deadline;

static NEXT_CLIENT: AtomicU64 = AtomicU64::new(0);

/// A client id no other core in any test run uses.
pub fn unique_client_id(name: &str) -> String {
    let n = NEXT_CLIENT.fetch_add(1, Ordering::Relaxed);
    format!("chirp-test-{name}-{}-{n}", std::process::id())
}

/// A config for `url` with a unique client id and quick retries, so tests
/// that stop the broker don't wait out the app's full backoff.
pub fn test_config(url: &str, name: &str) -> ConnectionConfig {
    let broker = BrokerAddress::parse(url).expect("valid broker URL");
    let mut config = ConnectionConfig::new(broker, unique_client_id(name));
    config.first_retry = Duration::from_millis(200);
    config.max_retry = Duration::from_secs(1);
    config
}

/// A running Chirp core. Its worker stops when this is dropped.
pub struct Core {
    pub link: NetLink,
    worker: Option<WorkerThread>,
}

impl Core {
    /// Spawns a core without waiting for anything.
    pub fn spawn(config: ConnectionConfig) -> Core {
        Core::spawn_following(config, &[])
    }

    /// Spawns a core that follows `tags` from its first moment, as the app
    /// and `chirp follow` do (a persistent session's queue can arrive at once).
    pub fn spawn_following(config: ConnectionConfig, tags: &[&str]) -> Core {
        let followed = tags.iter().map(|tag| (*tag).to_owned()).collect();
        let (link, worker) = net::spawn(net::WorkerOptions::new(config).following(followed), || {})
            .expect("spawn the network worker");
        Core {
            link,
            worker: Some(worker),
        }
    }

    /// Spawns a core on `url` (the app's default retry timing) and waits until it is connected.
    pub fn connect(url: &str, name: &str) -> Core {
        let broker = BrokerAddress::parse(url).expect("valid broker URL");
        let core = Core::spawn(ConnectionConfig::new(broker, unique_client_id(name)));
        core.wait_connected();
        core
    }

    pub fn events(&self) -> &NetLink {
        &self.link
    }

    pub fn send(&self, command: NetCommand) {
        self.link.send(command);
    }

    /// Waits for `predicate`; see [`wait_for`].
    pub fn wait_for(&self, predicate: impl FnMut(&NetEvent) -> bool) -> NetEvent {
        wait_for(&self.link, deadline(), predicate)
    }

    /// Waits for the first Offline state; its reason and how long until
    /// the next attempt.
    pub fn first_offline(&self) -> (String, Duration) {
        match self.wait_for(|e| matches!(e, NetEvent::Connection(ConnectionState::Offline { .. })))
        {
            NetEvent::Connection(ConnectionState::Offline {
                reason, retry_at, ..
            }) => (reason, retry_at.saturating_duration_since(Instant::now())),
            other => unreachable!("{other:?}"),
        }
    }

    pub fn wait_connected(&self) {
        self.wait_for(|e| matches!(e, NetEvent::Connection(ConnectionState::Connected { .. })));
    }

    /// Follows `tag` and waits until the broker confirmed it.
    pub fn follow(&self, tag: &str) {
        self.send(NetCommand::Subscribe(tag.to_owned()));
        self.wait_for(|e| matches!(e, NetEvent::Subscribed(tags) if tags.iter().any(|t| t == tag)));
    }

    /// Unfollows `tag` and waits until the broker confirmed it.
    pub fn unfollow(&self, tag: &str) {
        self.send(NetCommand::Unsubscribe(tag.to_owned()));
        self.wait_for(
            |e| matches!(e, NetEvent::Unsubscribed(tags) if tags.iter().any(|t| t == tag)),
        );
    }

    /// Waits for the broker's acknowledgement of tweet `id`.
    pub fn wait_acknowledged(&self, id: &str) {
        self.wait_for(|e| matches!(e, NetEvent::Acknowledged(acked) if acked == id));
    }

    /// Waits for a tweet with `id` and returns its topic and tweet.
    pub fn wait_tweet(&self, id: &str) -> (String, chirp::core::model::tweet::Tweet) {
        match self.wait_for(|e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == id)) {
            NetEvent::Tweet { topic, tweet } => (topic, tweet),
            other => unreachable!("{other:?}"),
        }
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        // Dropping the worker sends Shutdown and joins its thread.
        drop(self.worker.take());
    }
}

/// Receives events until one matches `predicate`, and returns it. Panics at
/// `deadline`, listing what did arrive, or if the worker stopped.
pub fn wait_for(
    events: &NetLink,
    deadline: Instant,
    mut predicate: impl FnMut(&NetEvent) -> bool,
) -> NetEvent {
    let mut seen = Vec::new();
    loop {
        match events.recv_deadline(deadline) {
            Ok(event) if predicate(&event) => return event,
            Ok(event) => seen.push(event),
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                panic!(
                    "the expected event did not arrive before the deadline; events seen meanwhile:\n{seen:#?}"
                )
            }
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => {
                panic!(
                    "the network worker stopped before the expected event; events seen:\n{seen:#?}"
                )
            }
        }
    }
}
