//! The MQTT worker: rumqttc's event loop on a tokio runtime in its own thread.
//!
//! Two tasks: `drive` only polls the event loop (and sleeps out the backoff
//! after an error), forwarding what happened; the worker task owns all state
//! and talks to rumqttc only through the non-blocking `try_*` calls, so it
//! never waits on the event loop it is fed by.

mod incoming;
mod outgoing;
mod pacing;
mod start;
mod store;

pub use start::{Closed, WorkerOptions, WorkerThread, spawn};

use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant};

use rumqttc::{AsyncClient, Event, Incoming, Outgoing};
use tokio::sync::mpsc;

use super::backoff::Backoff;
use super::config::{ConnectionConfig, options};
use super::link::{LinkEvent, drive};
use super::outbox::Outbox;
use super::qos::Qos;
use super::round_trips::RoundTrips;
use super::subscriptions::Subscriptions;
use super::{ConnectionState, NetCommand, NetEvent};
use crate::core::protocol::signed::VerifiedSignatures;
use crate::core::social::trust::Pins;
use crate::core::storage::Store;

/// Events waiting for the driver at most: beyond it the worker waits a
/// little for room, then counts new events as overflow (`pacing.rs`), so
/// memory has a ceiling. Checked on sending into an unbounded channel: a
/// bounded crossbeam channel allocates and touches all its slots up front
/// (33.6 MiB idle).
pub const EVENT_CAPACITY: usize = 100_000;

/// How often the worker looks for a storage error nobody else reported.
const STORAGE_CHECK: Duration = Duration::from_secs(1);
/// How long a closing app waits for unsent tweets to be acknowledged.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);
/// How long a closing worker waits for its DISCONNECT to be written and
/// the broker to close the connection after it.
const DISCONNECT_GRACE: Duration = Duration::from_secs(2);

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
    /// Leaves at once, for another connection (Reconfigure).
    fn abandon(self) {
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
    event_capacity: usize,
    /// Since when the driver's queue has been full, while it is.
    full_since: Option<Instant>,
    overflow: Arc<AtomicU64>,
    wake: Arc<dyn Fn() + Send + Sync>,
    /// History and unsent tweets on disk (or in memory), when kept.
    store: Option<Store>,
    reported_storage_error: Option<String>,
    /// Followed tags, the personal topics, and requests in flight.
    subs: Subscriptions,
    outbox: Outbox,
    connection: Option<Connection>,
    connected: bool,
    generation: u64,
    link_tx: mpsc::Sender<(u64, LinkEvent)>,
    link_rx: mpsc::Receiver<(u64, LinkEvent)>,
    round_trips: RoundTrips,
    /// The key pinned for each name seen signing (trust on first use).
    pins: Pins,
    /// Signatures verified lately: a tweet's copies are verified once.
    verified: VerifiedSignatures,
}

impl Worker {
    fn new(
        config: ConnectionConfig,
        subs: Subscriptions,
        events: crossbeam_channel::Sender<NetEvent>,
        overflow: Arc<AtomicU64>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Self {
        // Bounded: a busy network waits for the worker, never the other way round.
        let (link_tx, link_rx) = mpsc::channel(1024);
        Self {
            config,
            events,
            event_capacity: EVENT_CAPACITY,
            full_since: None,
            overflow,
            wake,
            store: None,
            reported_storage_error: None,
            subs,
            outbox: Outbox::default(),
            connection: None,
            connected: false,
            generation: 0,
            link_tx,
            link_rx,
            round_trips: RoundTrips::default(),
            pins: Pins::default(),
            verified: VerifiedSignatures::default(),
        }
    }

    async fn run(mut self, mut commands: mpsc::UnboundedReceiver<NetCommand>) -> Closed {
        self.connect();
        let mut shutdown_by: Option<Instant> = None;
        // The storage thread fails (or recovers) on its own time: looked at
        // once a second even when nothing else happens.
        let mut storage_check = tokio::time::interval(STORAGE_CHECK);
        loop {
            if let Some(deadline) = shutdown_by
                && (self.outbox.pending_tweets() == 0 || Instant::now() >= deadline)
            {
                break;
            }
            let grace = tokio::time::sleep_until(shutdown_by.unwrap_or_else(far_future).into());
            let reading = self.may_read_link();
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
                Some((generation, event)) = self.link_rx.recv(), if reading => {
                    if self.is_current(generation) {
                        self.handle_link(event);
                    }
                }
                // The driver's queue is full: look again in a moment.
                () = tokio::time::sleep(pacing::ROOM_RECHECK), if !reading => {}
                _ = storage_check.tick() => {}
                _ = grace => {}
            }
            self.flush_outbox();
            self.report_storage_error();
        }
        if self.outbox.pending_tweets() > 0 {
            tracing::warn!(
                unsent = self.outbox.pending_tweets(),
                "stopping with tweets not acknowledged by the broker"
            );
        }
        self.close().await
    }

    fn is_current(&self, generation: u64) -> bool {
        self.connection
            .as_ref()
            .is_some_and(|c| c.generation == generation)
    }

    /// Ends the connection. Without a will: DISCONNECT, then waits (a
    /// little) until rumqttc says it was written and the broker closed the
    /// connection after reading it. Aborting at once would close the
    /// socket under whatever was written last (a QoS 0 tweet has no
    /// acknowledgement to wait for), and the process exits right after.
    async fn close(&mut self) -> Closed {
        let Some(connection) = self.connection.take() else {
            return Closed::Uncertain;
        };
        if connection.with_will {
            connection.task.abort();
            return Closed::WithWill;
        }
        let asked = self.connected
            && (connection.client.as_ref()).is_some_and(|c| c.try_disconnect().is_ok());
        let closed = if asked {
            self.await_disconnect(connection.generation).await
        } else {
            Closed::Uncertain
        };
        connection.task.abort();
        tracing::info!(broker = %self.broker_label(), ?closed, "disconnected");
        closed
    }

    /// `Cleanly` once rumqttc wrote the DISCONNECT; then waits on (within
    /// the grace) for the broker to close the connection, so the socket
    /// isn't closed under data it has not read yet.
    async fn await_disconnect(&mut self, current: u64) -> Closed {
        let mut closed = Closed::Uncertain;
        let deadline = tokio::time::Instant::now() + DISCONNECT_GRACE;
        while let Ok(Some((generation, event))) =
            tokio::time::timeout_at(deadline, self.link_rx.recv()).await
        {
            match event {
                _ if generation != current => {}
                LinkEvent::Mqtt(Event::Outgoing(Outgoing::Disconnect)) => closed = Closed::Cleanly,
                LinkEvent::Failed { .. } => break,
                _ => {}
            }
        }
        closed
    }

    fn connect(&mut self) {
        if let Some(old) = self.connection.take() {
            old.abandon();
        }
        self.connected = false;
        self.generation += 1;
        let options = match options(&self.config) {
            Ok(options) => options,
            Err(error) => {
                let broker = self.broker_label();
                tracing::warn!(%broker, %error, "cannot connect with these settings");
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
        let client = self.live_client().cloned();
        match command {
            NetCommand::Subscribe(tag) => self.subs.follow(client.as_ref(), &self.config, tag),
            NetCommand::Unsubscribe(tag) => self.subs.unfollow(client.as_ref(), &self.config, tag),
            NetCommand::FollowPerson(user) => {
                self.subs.follow_person(client.as_ref(), &self.config, user);
            }
            NetCommand::UnfollowPerson(user) => {
                self.subs
                    .unfollow_person(client.as_ref(), &self.config, user);
            }
            NetCommand::Publish(outgoing) => {
                // On disk before anything is sent: a crash from here on
                // still delivers it on the next start. This blocks the
                // worker's thread, and with it the whole current-thread
                // runtime (`drive` polls nothing meanwhile: no reads, no
                // pings), until the storage writer has committed: its batch
                // in progress, plus SQLite's busy timeout (5 s,
                // storage/schema.rs) per statement when another connection
                // holds the database's lock. Same for `record_outgoing_direct`.
                if let Some(store) = &self.store
                    && let Err(e) = store.record_outgoing(&outgoing)
                {
                    tracing::error!(error = %e, "a tweet could not be saved");
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
                    tracing::error!(error = %e, "a direct message could not be saved");
                    self.emit(NetEvent::Notice(format!(
                        "Your message could not be saved ({e}); it is sent while Chirp stays open."
                    )));
                }
                self.outbox
                    .push_copies(outgoing.message.id, vec![outgoing.publish]);
            }
            NetCommand::React(outgoing) => {
                self.outbox
                    .push_copies(outgoing.reaction.id, outgoing.publishes);
            }
            NetCommand::Reconfigure(config) => {
                tracing::info!(broker = %config.broker, "settings changed; reconnecting");
                self.config = config;
                self.connect();
            }
            NetCommand::Discover(on) => {
                self.subs.set_discovering(client.as_ref(), &self.config, on);
            }
            NetCommand::TrustKey { user, key } => {
                let change = self.pins.trust_key(&user, &key, chrono::Utc::now());
                self.pin_changed(change);
            }
            NetCommand::WatchProfile(user) => self.subs.watch_profile(client.as_ref(), user),
            NetCommand::ForgetKey(user) => {
                if let Some(change) = self.pins.forget(&user) {
                    self.pin_changed(change);
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

    fn handle_link(&mut self, event: LinkEvent) {
        let broker = self.broker_label();
        match event {
            LinkEvent::Connecting(client) => {
                self.connected = false;
                if let Some(connection) = &mut self.connection {
                    connection.client = Some(client);
                }
                tracing::debug!(%broker, "connecting");
                self.emit(NetEvent::Connection(ConnectionState::Connecting { broker }));
            }
            LinkEvent::Failed { reason, retry_in } => {
                self.connected = false;
                self.subs.connection_lost(&self.config);
                tracing::warn!(%broker, %reason, retry_in_ms = retry_in.as_millis(), "offline");
                self.emit(NetEvent::Connection(ConnectionState::Offline {
                    broker,
                    reason,
                    retry_at: Instant::now() + retry_in,
                }));
            }
            LinkEvent::Mqtt(Event::Incoming(packet)) => self.handle_incoming(packet),
            LinkEvent::Mqtt(Event::Outgoing(packet)) => self.on_outgoing(packet),
        }
    }

    fn on_outgoing(&mut self, packet: Outgoing) {
        match packet {
            Outgoing::Publish(pkid) => {
                self.outbox.assign_pkid(pkid);
                // QoS 0 has no acknowledgement: written out (rumqttc
                // reports it after flushing) is as delivered as it gets;
                // the clean DISCONNECT on close makes sure it left.
                if self.config.qos == Qos::AtMostOnce {
                    self.acknowledged(pkid);
                }
            }
            Outgoing::Subscribe(pkid) => self.subs.subscribe_sent(pkid),
            Outgoing::Unsubscribe(pkid) => self.subs.unsubscribe_sent(pkid),
            _ => {}
        }
    }

    fn handle_incoming(&mut self, packet: Incoming) {
        match packet {
            Incoming::ConnAck(_) => self.on_connack(),
            Incoming::Publish(publish) => self.on_publish(publish),
            Incoming::PubAck(ack) => self.acknowledged(ack.pkid),
            Incoming::SubAck(ack) => self.on_suback(&ack),
            Incoming::UnsubAck(ack) => {
                if let Some(event) = self.subs.on_unsuback(ack.pkid) {
                    self.emit(event);
                }
            }
            _ => {}
        }
    }

    fn on_connack(&mut self) {
        self.connected = true;
        // rumqttc forgets requests across a clean-session reconnect:
        // subscriptions and unacknowledged tweets are all sent again.
        self.outbox.requeue_all();
        let broker = self.broker_label();
        tracing::info!(%broker, "connected");
        self.emit(NetEvent::Connection(ConnectionState::Connected { broker }));
        self.announce_presence();
        let client = self.live_client().cloned();
        self.subs.on_connack(client.as_ref(), &self.config);
    }

    fn on_suback(&mut self, ack: &rumqttc::SubAck) {
        let refused = ack
            .return_codes
            .iter()
            .filter(|code| matches!(code, rumqttc::SubscribeReasonCode::Failure))
            .count();
        if refused > 0 {
            tracing::warn!(
                pkid = ack.pkid,
                refused,
                "the broker refused a subscription"
            );
        }
        let client = self.live_client().cloned();
        if let Some(event) = self.subs.on_suback(client.as_ref(), ack.pkid) {
            self.emit(event);
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
