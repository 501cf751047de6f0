//! The MQTT worker: rumqttc's event loop on a tokio runtime in its own thread.
//!
//! Two tasks: `drive` only polls the event loop (and sleeps out the backoff
//! after an error), forwarding what happened; the worker task owns all state
//! and talks to rumqttc only through the non-blocking `try_*` calls, so it
//! never waits on the event loop it is fed by.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rumqttc::{AsyncClient, Event, Incoming, Outgoing};
use tokio::sync::mpsc;

use super::backoff::Backoff;
use super::broker_figures::{self, SYS_TOPICS};
use super::config::{ConnectionConfig, options};
use super::link::{LinkEvent, drive};
use super::outbox::Outbox;
use super::qos::Qos;
use super::requests::RequestTracker;
use super::round_trips::RoundTrips;
use super::{ConnectionState, NetCommand, NetEvent, NetLink, StorageLocation};
use crate::core::model::tweet::{Tweet, WireFormat};
use crate::core::protocol::wire;
use crate::core::social::presence::{self, PresenceState};
use crate::core::social::{direct, mentions};
use crate::core::storage::Store;

/// Events waiting for the driver before new tweets are counted as overflow
/// instead: the network never waits on the UI, and memory has a ceiling.
pub const EVENT_CAPACITY: usize = 100_000;

/// How long a closing app waits for unsent tweets to be acknowledged.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// The worker's thread; dropping it asks the worker to stop and waits.
pub struct WorkerThread {
    commands: mpsc::UnboundedSender<NetCommand>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl WorkerThread {
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
}

impl WorkerOptions {
    pub fn new(config: ConnectionConfig) -> Self {
        Self {
            config,
            storage: StorageLocation::Nowhere,
            history_limit: 1,
            followed: Vec::new(),
        }
    }

    /// Follows `tags` from the first moment.
    pub fn following(mut self, tags: Vec<String>) -> Self {
        self.followed = tags;
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
/// connected. `wake` is called after every event sent (the GUI passes
/// `ctx.request_repaint`).
pub fn spawn(
    options: WorkerOptions,
    wake: impl Fn() + Send + Sync + 'static,
) -> std::io::Result<(NetLink, WorkerThread)> {
    let WorkerOptions {
        config,
        storage,
        history_limit,
        followed,
    } = options;
    let (command_tx, command_rx) = mpsc::unbounded_channel();
    for tag in followed {
        // The receiver is alive: it is moved into the thread below.
        let _ = command_tx.send(NetCommand::Subscribe(tag));
    }
    let (event_tx, event_rx) = crossbeam_channel::bounded(EVENT_CAPACITY);
    let link = NetLink::new(command_tx.clone(), event_rx);
    let overflow = link.overflow.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(wake);
    let thread = std::thread::Builder::new()
        .name("mqtt-worker".into())
        .spawn(move || {
            let mut worker = Worker::new(config, event_tx, overflow, wake);
            worker.open_store(&storage, history_limit);
            runtime.block_on(worker.run(command_rx));
        })?;
    Ok((
        link,
        WorkerThread {
            commands: command_tx,
            thread: Some(thread),
        },
    ))
}

struct Connection {
    /// The client of the current attempt, once `drive` has made it.
    client: Option<AsyncClient>,
    task: tokio::task::JoinHandle<()>,
    generation: u64,
    /// Connected with a last will (presence): closed without DISCONNECT,
    /// so the broker publishes the will and others see us go offline.
    with_will: bool,
}

impl Connection {
    fn close(self) {
        if !self.with_will
            && let Some(client) = &self.client
        {
            let _ = client.try_disconnect();
        }
        self.task.abort();
    }
}

struct Worker {
    config: ConnectionConfig,
    events: crossbeam_channel::Sender<NetEvent>,
    overflow: Arc<AtomicU64>,
    wake: Arc<dyn Fn() + Send + Sync>,
    followed: BTreeSet<String>,
    /// History and unsent tweets on disk (or in memory), when kept.
    store: Option<Store>,
    reported_storage_error: Option<String>,
    /// Tags no longer followed that a persistent session on the broker may
    /// still be subscribed to: unsubscribed at the next chance.
    stale_subscriptions: BTreeSet<String>,
    outbox: Outbox,
    connection: Option<Connection>,
    connected: bool,
    generation: u64,
    link_tx: mpsc::Sender<(u64, LinkEvent)>,
    link_rx: mpsc::Receiver<(u64, LinkEvent)>,
    /// Topics of subscribe/unsubscribe requests waiting for their packet id,
    /// then for their ack, in the order rumqttc takes them.
    subscribes: RequestTracker,
    unsubscribes: RequestTracker,
    round_trips: RoundTrips,
    /// Watching `<root>/+` for the Discover view.
    discovering: bool,
    /// The `$SYS` subscribe is waiting for its SubAck.
    broker_figures_pending: bool,
    /// This broker dropped the connection when asked for `$SYS` (rumqttd
    /// does): not asked again until the settings change.
    broker_figures_refused: bool,
    /// The user whose mentions and direct messages are subscribed.
    personal: Option<String>,
}

/// The tracker's names for the `$SYS`, `<root>/+` and presence subscribes
/// (no hashtag can be any of them).
const BROKER_FIGURES: &str = "$SYS";
const DISCOVER: &str = "+";
const PRESENCE: &str = "presence/+";
const PERSONAL: &str = "personal";

impl Worker {
    fn new(
        config: ConnectionConfig,
        events: crossbeam_channel::Sender<NetEvent>,
        overflow: Arc<AtomicU64>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Self {
        // Bounded: a busy network waits for the worker, never the other way round.
        let (link_tx, link_rx) = mpsc::channel(1024);
        Self {
            config,
            events,
            overflow,
            wake,
            followed: BTreeSet::new(),
            store: None,
            reported_storage_error: None,
            stale_subscriptions: BTreeSet::new(),
            outbox: Outbox::default(),
            connection: None,
            connected: false,
            generation: 0,
            link_tx,
            link_rx,
            subscribes: RequestTracker::default(),
            unsubscribes: RequestTracker::default(),
            round_trips: RoundTrips::default(),
            discovering: false,
            broker_figures_pending: false,
            broker_figures_refused: false,
            personal: None,
        }
    }

    /// A background write that failed (history, acknowledgements) is told
    /// to the user once per new error.
    fn report_storage_error(&mut self) {
        let Some(error) = self.store.as_ref().and_then(Store::last_error) else {
            return;
        };
        if self.reported_storage_error.as_ref() != Some(&error) {
            self.emit(NetEvent::Notice(format!(
                "History could not be saved: {error}"
            )));
            self.reported_storage_error = Some(error);
        }
    }

    /// Opens the store, reports its history and takes its unsent tweets
    /// into the outbox. A store that can't be opened leaves the app running
    /// without one, and says so.
    fn open_store(&mut self, location: &StorageLocation, history_limit: usize) {
        let opened = match location {
            StorageLocation::Nowhere => return,
            StorageLocation::Memory => Store::open_in_memory(history_limit),
            StorageLocation::File(path) => Store::open(path, history_limit),
        };
        match opened {
            Ok((store, opened)) => {
                self.store = Some(store);
                if let Some(notice) = opened.notice {
                    self.emit(NetEvent::Notice(notice));
                }
                self.emit(NetEvent::History(opened.history));
                let unsent: std::collections::HashSet<&str> =
                    opened.outbox.iter().map(|(id, _)| id.as_str()).collect();
                let direct = opened
                    .direct
                    .into_iter()
                    .map(|message| direct::SavedMessage {
                        unsent: unsent.contains(message.id.as_str()),
                        message,
                    })
                    .collect();
                self.emit(NetEvent::DirectHistory(direct));
                for (id, publishes) in opened.outbox {
                    self.outbox.push_copies(id, publishes);
                }
            }
            Err(e) => self.emit(NetEvent::StorageUnavailable(e.to_string())),
        }
    }

    async fn run(mut self, mut commands: mpsc::UnboundedReceiver<NetCommand>) {
        self.connect();
        let mut shutdown_by: Option<Instant> = None;
        loop {
            if let Some(deadline) = shutdown_by
                && (self.outbox.pending_tweets() == 0 || Instant::now() >= deadline)
            {
                break;
            }
            let grace = tokio::time::sleep_until(shutdown_by.unwrap_or_else(far_future).into());
            tokio::select! {
                // Commands first: follows sent right after spawning are in
                // place before a persistent session's queued tweets arrive.
                biased;
                command = commands.recv(), if shutdown_by.is_none() => match command {
                    Some(NetCommand::Shutdown) | None => {
                        shutdown_by = Some(Instant::now() + SHUTDOWN_GRACE);
                    }
                    Some(command) => self.handle_command(command),
                },
                Some((generation, event)) = self.link_rx.recv() => {
                    if self.connection.as_ref().is_some_and(|c| c.generation == generation) {
                        self.handle_link(event);
                    }
                }
                _ = grace => {}
            }
            self.flush_outbox();
            self.report_storage_error();
        }
        if let Some(connection) = self.connection.take() {
            connection.close();
        }
    }

    fn emit(&self, event: NetEvent) {
        match self.events.try_send(event) {
            Ok(()) => (self.wake)(),
            Err(crossbeam_channel::TrySendError::Full(_)) => {
                self.overflow.fetch_add(1, Ordering::Relaxed);
                (self.wake)();
            }
            // The driver hung up: nothing left to tell.
            Err(crossbeam_channel::TrySendError::Disconnected(_)) => {}
        }
    }

    fn connect(&mut self) {
        if let Some(old) = self.connection.take() {
            old.close();
        }
        self.connected = false;
        self.generation += 1;
        let options = match options(&self.config) {
            Ok(options) => options,
            Err(error) => {
                let broker = self.broker_label();
                self.emit(NetEvent::Connection(ConnectionState::Offline {
                    broker,
                    reason: error.to_string(),
                    retry_at: far_future(),
                }));
                return;
            }
        };
        let backoff = Backoff::new(self.config.first_retry, self.config.max_retry)
            .with_refusal(self.config.refused_retry);
        let task = tokio::spawn(drive(
            options,
            backoff,
            self.generation,
            self.link_tx.clone(),
        ));
        self.connection = Some(Connection {
            client: None,
            task,
            generation: self.generation,
            with_will: self.config.presence.is_some(),
        });
    }

    fn handle_command(&mut self, command: NetCommand) {
        match command {
            NetCommand::Subscribe(tag) => {
                if self.followed.insert(tag.clone()) && self.connected {
                    self.subscribe(vec![tag]);
                }
            }
            NetCommand::Unsubscribe(tag) => {
                if self.followed.remove(&tag) {
                    self.unsubscribe(tag);
                }
            }
            NetCommand::Publish(outgoing) => {
                // On disk before anything is sent: a crash from here on
                // still delivers it on the next start.
                if let Some(store) = &self.store
                    && let Err(e) = store.record_outgoing(&outgoing)
                {
                    self.emit(NetEvent::Notice(format!(
                        "Your tweet could not be saved ({e}); it is sent while Chirp stays open."
                    )));
                }
                self.outbox.push(outgoing);
            }
            NetCommand::SendDirect(outgoing) => {
                if let Some(store) = &self.store
                    && let Err(e) = store.record_outgoing_direct(&outgoing)
                {
                    self.emit(NetEvent::Notice(format!(
                        "Your message could not be saved ({e}); it is sent while Chirp stays open."
                    )));
                }
                self.outbox
                    .push_copies(outgoing.message.id, vec![outgoing.publish]);
            }
            NetCommand::Reconfigure(config) => {
                self.config = config;
                self.broker_figures_refused = false;
                self.broker_figures_pending = false;
                self.connect();
            }
            NetCommand::Discover(on) => {
                if on != self.discovering {
                    self.discovering = on;
                    self.discover_filter(on);
                }
            }
            NetCommand::Shutdown => {}
        }
    }

    /// The client of a live connection; requests go nowhere otherwise (the
    /// next ConnAck sends everything again).
    fn live_client(&self) -> Option<&AsyncClient> {
        let connection = self.connection.as_ref().filter(|_| self.connected)?;
        connection.client.as_ref()
    }

    fn subscribe(&mut self, tags: Vec<String>) {
        let (root, qos) = (&self.config.topic_root, self.config.qos.to_mqtt());
        let Some(client) = self.live_client() else {
            return;
        };
        let filters = tags
            .iter()
            .map(|tag| rumqttc::SubscribeFilter::new(root.topic(tag), qos));
        // A full request queue is the only failure; the next connect resubscribes.
        if client.try_subscribe_many(filters).is_ok() {
            self.subscribes.handed(tags);
        }
    }

    /// Unsubscribes now if connected; a persistent session remembers the
    /// subscription while we are away, so it is also kept as stale until the
    /// broker confirms.
    fn unsubscribe(&mut self, tag: String) {
        if self.config.persistent_session {
            self.stale_subscriptions.insert(tag.clone());
        }
        let Some(client) = self.live_client() else {
            return;
        };
        if client
            .try_unsubscribe(self.config.topic_root.topic(&tag))
            .is_ok()
        {
            self.unsubscribes.handed(vec![tag]);
        }
    }

    /// The broker's `$SYS` figures, at QoS 0. Tracked like any subscribe
    /// (packet ids pair up in order) under its own name, not reported. A
    /// broker that refuses them in its SubAck just sends none; one that
    /// drops the connection instead is not asked again.
    fn subscribe_broker_figures(&mut self) {
        if self.broker_figures_refused {
            return;
        }
        let Some(client) = self.live_client() else {
            return;
        };
        let filters = SYS_TOPICS.iter().map(|topic| {
            rumqttc::SubscribeFilter::new((*topic).to_owned(), rumqttc::QoS::AtMostOnce)
        });
        if client.try_subscribe_many(filters).is_ok() {
            self.subscribes.handed(vec![BROKER_FIGURES.to_owned()]);
            self.broker_figures_pending = true;
        }
    }

    /// Says we are online (retained, replacing the will's "offline" from
    /// last time) and follows everyone's presence.
    fn announce_presence(&mut self) {
        let Some(user) = self.config.presence.clone() else {
            return;
        };
        let Some(client) = self.live_client().cloned() else {
            return;
        };
        let online = presence::encode(
            &user,
            PresenceState::Online,
            chrono::Utc::now(),
            &self.config.client_id,
        );
        // Not in the outbox: a presence is worth nothing once stale, and
        // the next ConnAck says it again.
        let sent = client.try_publish(
            presence::topic(&user),
            rumqttc::QoS::AtLeastOnce,
            true,
            online,
        );
        if sent.is_ok() {
            // Its packet id must not be paired with a tweet's copy.
            self.outbox.mark_foreign_handed();
        }
        let filters = [rumqttc::SubscribeFilter::new(
            presence::PRESENCE_FILTER.to_owned(),
            rumqttc::QoS::AtLeastOnce,
        )];
        if client.try_subscribe_many(filters).is_ok() {
            self.subscribes.handed(vec![PRESENCE.to_owned()]);
        }
    }

    /// Follows the user's own mentions and direct messages (at the
    /// profile's QoS, so a persistent session keeps them while away), and
    /// leaves those of a name given up this run.
    fn subscribe_personal(&mut self) {
        let qos = self.config.qos.to_mqtt();
        let wanted = self.config.presence.clone();
        let Some(client) = self.live_client().cloned() else {
            return;
        };
        if let Some(old) = self
            .personal
            .take()
            .filter(|old| Some(old) != wanted.as_ref())
        {
            for topic in [mentions::topic(&old), direct::topic(&old)] {
                if client.try_unsubscribe(topic).is_ok() {
                    self.unsubscribes.handed(vec![PERSONAL.to_owned()]);
                }
            }
        }
        let Some(user) = wanted else {
            return;
        };
        let filters = [mentions::topic(&user), direct::topic(&user)]
            .map(|topic| rumqttc::SubscribeFilter::new(topic, qos));
        if client.try_subscribe_many(filters).is_ok() {
            self.subscribes.handed(vec![PERSONAL.to_owned()]);
            self.personal = Some(user);
        }
    }

    /// Subscribes to (or leaves) every tag under the root, at QoS 0: the
    /// counts need no delivery guarantee. Tracked under its own name and
    /// reported as `Discovering`; the next ConnAck redoes it.
    fn discover_filter(&mut self, on: bool) {
        let filter = format!("{}/+", self.config.topic_root);
        let Some(client) = self.live_client() else {
            return;
        };
        if on {
            let filters = [rumqttc::SubscribeFilter::new(
                filter,
                rumqttc::QoS::AtMostOnce,
            )];
            if client.try_subscribe_many(filters).is_ok() {
                self.subscribes.handed(vec![DISCOVER.to_owned()]);
            }
        } else if client.try_unsubscribe(filter).is_ok() {
            self.unsubscribes.handed(vec![DISCOVER.to_owned()]);
        }
    }

    fn flush_outbox(&mut self) {
        let Some(client) = self.live_client().cloned() else {
            return;
        };
        let qos = self.config.qos.to_mqtt();
        while let Some(publish) = self.outbox.peek_queued() {
            let sent = client.try_publish(
                publish.topic.clone(),
                qos,
                publish.retain,
                publish.payload.clone(),
            );
            if sent.is_err() {
                // rumqttc's queue is full; the rest waits for the next event.
                break;
            }
            if let Some(id) = self.outbox.mark_handed() {
                self.round_trips.sent(id, Instant::now());
            }
        }
    }

    fn handle_link(&mut self, event: LinkEvent) {
        let broker = self.broker_label();
        match event {
            LinkEvent::Connecting(client) => {
                self.connected = false;
                if let Some(connection) = &mut self.connection {
                    connection.client = Some(client);
                }
                self.emit(NetEvent::Connection(ConnectionState::Connecting { broker }));
            }
            LinkEvent::Failed { reason, retry_in } => {
                self.connected = false;
                if self.broker_figures_pending {
                    self.broker_figures_pending = false;
                    self.broker_figures_refused = true;
                }
                self.emit(NetEvent::Connection(ConnectionState::Offline {
                    broker,
                    reason,
                    retry_at: Instant::now() + retry_in,
                }));
            }
            LinkEvent::Mqtt(Event::Incoming(packet)) => self.handle_incoming(packet),
            LinkEvent::Mqtt(Event::Outgoing(packet)) => match packet {
                Outgoing::Publish(pkid) => {
                    self.outbox.assign_pkid(pkid);
                    // QoS 0 has no acknowledgement: written out is as
                    // delivered as it gets.
                    if self.config.qos == Qos::AtMostOnce {
                        self.acknowledged(pkid);
                    }
                }
                Outgoing::Subscribe(pkid) => self.subscribes.assign(pkid),
                Outgoing::Unsubscribe(pkid) => self.unsubscribes.assign(pkid),
                _ => {}
            },
        }
    }

    fn handle_incoming(&mut self, packet: Incoming) {
        match packet {
            Incoming::ConnAck(_) => {
                self.connected = true;
                // rumqttc forgets requests across a clean-session reconnect:
                // subscriptions and unacknowledged tweets are all sent again.
                self.subscribes.clear();
                self.unsubscribes.clear();
                self.outbox.requeue_all();
                let broker = self.broker_label();
                self.emit(NetEvent::Connection(ConnectionState::Connected { broker }));
                if !self.followed.is_empty() {
                    self.subscribe(self.followed.iter().cloned().collect());
                }
                self.subscribe_broker_figures();
                self.announce_presence();
                self.subscribe_personal();
                if self.discovering {
                    self.discover_filter(true);
                }
                for tag in self.stale_subscriptions.clone() {
                    self.unsubscribe(tag);
                }
            }
            Incoming::Publish(publish) => {
                if publish.topic.starts_with(presence::PRESENCE_PREFIX) {
                    if let Some(presence) = presence::decode(&publish.topic, &publish.payload) {
                        self.emit(NetEvent::Presence(presence));
                    }
                    return;
                }
                if publish.topic.starts_with(direct::DIRECT_PREFIX) {
                    let received_at = chrono::Utc::now();
                    let event = match direct::decode(&publish.topic, &publish.payload, received_at)
                    {
                        Some(message) => {
                            if let Some(store) = &self.store {
                                store.record_direct(&message);
                            }
                            NetEvent::Direct(message)
                        }
                        None => NetEvent::Dropped {
                            topic: publish.topic,
                            reason: "not a direct message this version can read".to_owned(),
                        },
                    };
                    self.emit(event);
                    return;
                }
                if publish.topic.starts_with("$SYS/") {
                    if let Some(figure) = broker_figures::figure(&publish.topic, &publish.payload) {
                        self.emit(NetEvent::BrokerFigure(figure));
                    }
                    return;
                }
                // A tag we no longer follow: in flight when we unsubscribed,
                // or kept by a persistent session from an earlier run.
                let topic_tag = self.config.topic_root.tag_of(&publish.topic);
                if let Some(tag) = topic_tag
                    && self.discovering
                    && !self.followed.contains(tag)
                {
                    self.emit(NetEvent::Seen(tag.to_owned()));
                    return;
                }
                if let Some(tag) = topic_tag
                    && !self.followed.contains(tag)
                {
                    if !self.stale_subscriptions.contains(tag) {
                        self.unsubscribe(tag.to_owned());
                    }
                    return;
                }
                let received_at = chrono::Utc::now();
                let decoded = wire::decode_tagged(topic_tag, &publish.payload, received_at)
                    .map_err(|e| e.to_string())
                    .and_then(|tweet| self.as_addressed(&publish.topic, tweet));
                let event = match decoded {
                    Ok(mut tweet) => {
                        if publish.retain && tweet.format != WireFormat::Chirp {
                            // Sent again on every subscribe: the same id
                            // each time keeps it to one card.
                            tweet.id = wire::retained_id(&publish.topic, &publish.payload);
                        }
                        if let Some(store) = &self.store {
                            store.record_received(&tweet);
                        }
                        if let Some(trip) = self.round_trips.received(&tweet.id, Instant::now()) {
                            self.emit(NetEvent::RoundTrip(trip));
                        }
                        NetEvent::Tweet {
                            topic: publish.topic,
                            tweet,
                        }
                    }
                    Err(e) => NetEvent::Dropped {
                        topic: publish.topic,
                        reason: e,
                    },
                };
                self.emit(event);
            }
            Incoming::PubAck(ack) => self.acknowledged(ack.pkid),
            Incoming::SubAck(ack) => match self.subscribes.acknowledge(ack.pkid) {
                Some(tags) if tags == [BROKER_FIGURES] => self.broker_figures_pending = false,
                Some(tags) if tags == [DISCOVER] => self.emit(NetEvent::Discovering(true)),
                Some(tags) if tags == [PERSONAL] => {
                    if let Some(user) = self.personal.clone() {
                        self.emit(NetEvent::PersonalReady(user));
                    }
                }
                Some(tags) if !tags.is_empty() => self.emit(NetEvent::Subscribed(tags)),
                _ => {}
            },
            Incoming::UnsubAck(ack) => {
                let tags = self.unsubscribes.acknowledge(ack.pkid);
                if tags.as_deref() == Some(&[DISCOVER.to_owned()]) {
                    self.emit(NetEvent::Discovering(false));
                } else if let Some(tags) = tags.filter(|tags| tags != &[PERSONAL]) {
                    for tag in &tags {
                        self.stale_subscriptions.remove(tag);
                    }
                    self.emit(NetEvent::Unsubscribed(tags));
                }
            }
            _ => {}
        }
    }

    /// What arrives on a mentions topic must be for that user: the personal
    /// topic is no way to put just anything into their timeline.
    fn as_addressed(&self, topic: &str, tweet: Tweet) -> Result<Tweet, String> {
        let Some(user) = topic.strip_prefix(mentions::MENTIONS_PREFIX) else {
            return Ok(tweet);
        };
        let answers_them = tweet
            .reply_to
            .as_ref()
            .is_some_and(|parent| parent.user.as_deref() == Some(user));
        if answers_them || mentions::mentions(&tweet.text, user) {
            Ok(tweet)
        } else {
            Err(format!("neither mentions @{user} nor answers them"))
        }
    }

    fn acknowledged(&mut self, pkid: u16) {
        if let Some(id) = self.outbox.acknowledge(pkid) {
            if let Some(store) = &self.store {
                store.record_acknowledged(&id);
            }
            self.emit(NetEvent::Acknowledged(id));
        }
    }

    fn broker_label(&self) -> String {
        self.config.broker.label()
    }
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(86_400 * 365)
}
