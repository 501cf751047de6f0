//! Starting a worker: its options, its thread, and how it ended.

use std::sync::Arc;

use tokio::sync::mpsc;

use super::Worker;
use crate::core::connection::net::config::ConnectionConfig;
use crate::core::connection::net::subscriptions::Subscriptions;
use crate::core::connection::net::{NetCommand, NetLink, StorageLocation};

/// The worker's thread; dropping it asks the worker to stop and waits.
pub struct WorkerThread {
    commands: mpsc::UnboundedSender<NetCommand>,
    thread: Option<std::thread::JoinHandle<Closed>>,
}

/// How the worker's last connection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// DISCONNECT written and the connection closed after it: everything
    /// written before it (QoS 0 tweets too) reached the broker.
    Cleanly,
    /// Closed without DISCONNECT, on purpose: the broker publishes our last
    /// will (presence "offline").
    WithWill,
    /// Not connected at the end, or the DISCONNECT was not seen written:
    /// what was written last may not have reached the broker.
    Uncertain,
}

impl WorkerThread {
    /// Stops the worker (after its grace period for unsent tweets), waits
    /// for it, and says how its connection ended.
    pub fn finish(mut self) -> Closed {
        let _ = self.commands.send(NetCommand::Shutdown);
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Ok(closed)) => closed,
            _ => Closed::Uncertain,
        }
    }

    /// Lets the worker go without waiting for it (nor for its grace period
    /// for unsent tweets): for a process about to exit anyway.
    pub fn detach(mut self) {
        self.thread = None;
    }
}

impl Drop for WorkerThread {
    fn drop(&mut self) {
        let _ = self.commands.send(NetCommand::Shutdown);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What a worker starts with. `WorkerOptions::new(config)` keeps nothing
/// on disk and follows nothing; the builder methods add either.
#[derive(Debug)]
pub struct WorkerOptions {
    pub config: ConnectionConfig,
    /// Where history and unsent tweets are kept.
    pub storage: StorageLocation,
    /// The most tweets the history keeps.
    pub history_limit: usize,
    /// Tags subscribed before anything arrives: a persistent session's
    /// queued tweets can come right after the ConnAck, and a tweet on a tag
    /// the worker doesn't know yet is taken as one left over from an
    /// unfollow (dropped, and the tag unsubscribed).
    pub followed: Vec<String>,
    /// People whose topic is subscribed from the start, for the same
    /// reason.
    pub people: Vec<String>,
    /// Ask the broker for its `$SYS` figures (for Diagnostics). The CLI
    /// shows none, so it doesn't ask.
    pub broker_figures: bool,
    /// Events waiting for the driver at most (`EVENT_CAPACITY`).
    pub event_capacity: usize,
}

impl WorkerOptions {
    pub fn new(config: ConnectionConfig) -> Self {
        Self {
            config,
            storage: StorageLocation::Nowhere,
            history_limit: 1,
            followed: Vec::new(),
            people: Vec::new(),
            broker_figures: true,
            event_capacity: super::EVENT_CAPACITY,
        }
    }

    /// Holds at most `capacity` events for the driver (tests use a few).
    pub fn with_event_capacity(mut self, capacity: usize) -> Self {
        self.event_capacity = capacity.max(1);
        self
    }

    /// Never asks for the broker's `$SYS` figures.
    pub fn without_broker_figures(mut self) -> Self {
        self.broker_figures = false;
        self
    }

    /// Follows `tags` from the first moment.
    pub fn following(mut self, tags: Vec<String>) -> Self {
        self.followed = tags;
        self
    }

    /// Follows `people`'s topics from the first moment.
    pub fn following_people(mut self, people: Vec<String>) -> Self {
        self.people = people;
        self
    }

    /// Keeps history (at most `history_limit` tweets) and unsent tweets at
    /// `storage`.
    pub fn stored_at(mut self, storage: StorageLocation, history_limit: usize) -> Self {
        self.storage = storage;
        self.history_limit = history_limit;
        self
    }
}

/// Starts the worker. The store is opened on the worker's thread; what it
/// holds arrives as `NetEvent::History`, and saved unsent tweets go out once
/// connected. `wake` is called after an event is sent into an empty
/// channel (the GUI passes `ctx.request_repaint`, and repaints at once by
/// itself while events wait).
pub fn spawn(
    options: WorkerOptions,
    wake: impl Fn() + Send + Sync + 'static,
) -> std::io::Result<(NetLink, WorkerThread)> {
    let WorkerOptions {
        config,
        storage,
        history_limit,
        followed,
        people,
        broker_figures,
        event_capacity,
    } = options;
    let (command_tx, command_rx) = mpsc::unbounded_channel();
    for tag in followed {
        // The receiver is alive: it is moved into the thread below.
        let _ = command_tx.send(NetCommand::Subscribe(tag));
    }
    for user in people {
        let _ = command_tx.send(NetCommand::FollowPerson(user));
    }
    let (event_tx, event_rx) = crossbeam_channel::unbounded();
    let link = NetLink::new(command_tx.clone(), event_rx);
    let overflow = link.overflow.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(wake);
    let thread = std::thread::Builder::new()
        .name("mqtt-worker".into())
        .spawn(move || {
            let subs = Subscriptions::new(broker_figures);
            let mut worker = Worker::new(config, subs, event_tx, overflow, wake);
            worker.event_capacity = event_capacity;
            worker.open_store(&storage, history_limit);
            runtime.block_on(worker.run(command_rx))
        })?;
    Ok((
        link,
        WorkerThread {
            commands: command_tx,
            thread: Some(thread),
        },
    ))
}
