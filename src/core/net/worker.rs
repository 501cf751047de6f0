//! The MQTT worker: rumqttc's event loop on a tokio runtime in its own thread.
//!
//! Two tasks: `drive` only polls the event loop (and sleeps out the backoff
//! after an error), forwarding what happened; the worker task owns all state
//! and talks to rumqttc only through the non-blocking `try_*` calls, so it
//! never waits on the event loop it is fed by.

use std::collections::{BTreeSet, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rumqttc::{
    AsyncClient, ConnectionError, Event, Incoming, MqttOptions, Outgoing, QoS, Transport,
};
use tokio::sync::mpsc;

use super::backoff::Backoff;
use super::outbox::Outbox;
use super::{ConnectionState, NetCommand, NetEvent, NetLink};
use crate::core::broker::BrokerAddress;
use crate::core::wire;

/// The largest packet accepted from the broker: MQTT 3.1.1's own maximum
/// (rumqttc compares it with the remaining length). rumqttc can't skip a
/// packet over its limit, it drops the connection; a retained oversize
/// message on a followed tag would then come back on every reconnect, a
/// disconnect loop. So any legal packet is read, and the decoder refuses
/// payloads over `wire::MAX_PAYLOAD_BYTES` with the connection kept.
const MAX_INCOMING_PACKET_BYTES: usize = 268_435_455;
/// Big enough for any tweet we send and then some.
const MAX_OUTGOING_PACKET_BYTES: usize = 1024 * 1024;
/// Requests rumqttc may hold before `try_*` says full; the outbox keeps the rest.
const REQUEST_CAPACITY: usize = 1024;
const KEEP_ALIVE: Duration = Duration::from_secs(30);
/// How long a closing app waits for unsent tweets to be acknowledged.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionConfig {
    pub broker: BrokerAddress,
    pub client_id: String,
    pub first_retry: Duration,
    pub max_retry: Duration,
}

impl ConnectionConfig {
    pub fn new(broker: BrokerAddress, client_id: String) -> Self {
        Self {
            broker,
            client_id,
            first_retry: Duration::from_secs(1),
            max_retry: Duration::from_secs(15),
        }
    }
}

/// The worker's thread; dropping it asks the worker to stop and waits.
pub struct WorkerThread {
    commands: mpsc::UnboundedSender<NetCommand>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for WorkerThread {
    fn drop(&mut self) {
        let _ = self.commands.send(NetCommand::Shutdown);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts the worker. `wake` is called after every event sent (the GUI passes
/// `ctx.request_repaint`).
pub fn spawn(
    config: ConnectionConfig,
    wake: impl Fn() + Send + Sync + 'static,
) -> std::io::Result<(NetLink, WorkerThread)> {
    let (command_tx, command_rx) = mpsc::unbounded_channel();
    let (event_tx, event_rx) = crossbeam_channel::unbounded();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(wake);
    let thread = std::thread::Builder::new()
        .name("mqtt-worker".into())
        .spawn(move || {
            runtime.block_on(Worker::new(config, event_tx, wake).run(command_rx));
        })?;
    Ok((
        NetLink {
            commands: command_tx.clone(),
            events: event_rx,
        },
        WorkerThread {
            commands: command_tx,
            thread: Some(thread),
        },
    ))
}

/// What `drive` reports about the connection it polls.
enum LinkEvent {
    /// A new attempt, with the client for it.
    Connecting(AsyncClient),
    Mqtt(Event),
    Failed {
        reason: String,
        retry_in: Duration,
    },
}

struct Connection {
    /// The client of the current attempt, once `drive` has made it.
    client: Option<AsyncClient>,
    task: tokio::task::JoinHandle<()>,
    generation: u64,
}

struct Worker {
    config: ConnectionConfig,
    events: crossbeam_channel::Sender<NetEvent>,
    wake: Arc<dyn Fn() + Send + Sync>,
    followed: BTreeSet<String>,
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
}

#[derive(Default)]
struct RequestTracker {
    handed: VecDeque<Vec<String>>,
    by_pkid: std::collections::HashMap<u16, Vec<String>>,
}

impl RequestTracker {
    fn clear(&mut self) {
        self.handed.clear();
        self.by_pkid.clear();
    }
    fn assign(&mut self, pkid: u16) {
        if let Some(tags) = self.handed.pop_front() {
            self.by_pkid.insert(pkid, tags);
        }
    }
    fn acknowledge(&mut self, pkid: u16) -> Option<Vec<String>> {
        self.by_pkid.remove(&pkid)
    }
}

impl Worker {
    fn new(
        config: ConnectionConfig,
        events: crossbeam_channel::Sender<NetEvent>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Self {
        // Bounded: a busy network waits for the worker, never the other way round.
        let (link_tx, link_rx) = mpsc::channel(1024);
        Self {
            config,
            events,
            wake,
            followed: BTreeSet::new(),
            outbox: Outbox::default(),
            connection: None,
            connected: false,
            generation: 0,
            link_tx,
            link_rx,
            subscribes: RequestTracker::default(),
            unsubscribes: RequestTracker::default(),
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
        }
        if let Some(connection) = self.connection.take() {
            if let Some(client) = &connection.client {
                let _ = client.try_disconnect();
            }
            connection.task.abort();
        }
    }

    fn emit(&self, event: NetEvent) {
        // The driver hung up: nothing left to tell.
        let _ = self.events.send(event);
        (self.wake)();
    }

    fn connect(&mut self) {
        if let Some(old) = self.connection.take() {
            if let Some(client) = &old.client {
                let _ = client.try_disconnect();
            }
            old.task.abort();
        }
        self.connected = false;
        self.generation += 1;
        let broker = &self.config.broker;
        let mut options = MqttOptions::new(
            self.config.client_id.clone(),
            broker.host.clone(),
            broker.port,
        );
        options
            .set_keep_alive(KEEP_ALIVE)
            .set_clean_session(true)
            .set_max_packet_size(MAX_INCOMING_PACKET_BYTES, MAX_OUTGOING_PACKET_BYTES);
        if broker.tls {
            match tls_config() {
                Ok(tls) => options.set_transport(Transport::tls_with_config(tls)),
                Err(e) => {
                    let broker = self.broker_label();
                    self.emit(NetEvent::Connection(ConnectionState::Offline {
                        broker,
                        reason: format!("TLS setup failed: {e}"),
                        retry_at: far_future(),
                    }));
                    return;
                }
            };
        }
        let backoff = Backoff::new(self.config.first_retry, self.config.max_retry);
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
                if self.followed.remove(&tag) && self.connected {
                    self.unsubscribe(tag);
                }
            }
            NetCommand::Publish(outgoing) => self.outbox.push(outgoing),
            NetCommand::Reconfigure(config) => {
                self.config = config;
                self.connect();
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
        let Some(client) = self.live_client() else {
            return;
        };
        let filters = tags
            .iter()
            .map(|tag| rumqttc::SubscribeFilter::new(topic(tag), QoS::AtLeastOnce));
        // A full request queue is the only failure; the next connect resubscribes.
        if client.try_subscribe_many(filters).is_ok() {
            self.subscribes.handed.push_back(tags);
        }
    }

    fn unsubscribe(&mut self, tag: String) {
        let Some(client) = self.live_client() else {
            return;
        };
        if client.try_unsubscribe(topic(&tag)).is_ok() {
            self.unsubscribes.handed.push_back(vec![tag]);
        }
    }

    fn flush_outbox(&mut self) {
        let Some(client) = self.live_client().cloned() else {
            return;
        };
        while let Some(publish) = self.outbox.peek_queued() {
            let sent = client.try_publish(
                publish.topic.clone(),
                QoS::AtLeastOnce,
                false,
                publish.payload.clone(),
            );
            if sent.is_err() {
                // rumqttc's queue is full; the rest waits for the next event.
                break;
            }
            self.outbox.mark_handed();
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
                self.emit(NetEvent::Connection(ConnectionState::Offline {
                    broker,
                    reason,
                    retry_at: Instant::now() + retry_in,
                }));
            }
            LinkEvent::Mqtt(Event::Incoming(packet)) => self.handle_incoming(packet),
            LinkEvent::Mqtt(Event::Outgoing(packet)) => match packet {
                Outgoing::Publish(pkid) => self.outbox.assign_pkid(pkid),
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
            }
            Incoming::Publish(publish) => {
                let event = match wire::decode(&publish.topic, &publish.payload, chrono::Utc::now())
                {
                    Ok(tweet) => NetEvent::Tweet {
                        topic: publish.topic,
                        tweet,
                    },
                    Err(e) => NetEvent::Dropped {
                        topic: publish.topic,
                        reason: e.to_string(),
                    },
                };
                self.emit(event);
            }
            Incoming::PubAck(ack) => {
                if let Some(id) = self.outbox.acknowledge(ack.pkid) {
                    self.emit(NetEvent::Acknowledged(id));
                }
            }
            Incoming::SubAck(ack) => {
                if let Some(tags) = self.subscribes.acknowledge(ack.pkid) {
                    self.emit(NetEvent::Subscribed(tags));
                }
            }
            Incoming::UnsubAck(ack) => {
                if let Some(tags) = self.unsubscribes.acknowledge(ack.pkid) {
                    self.emit(NetEvent::Unsubscribed(tags));
                }
            }
            _ => {}
        }
    }

    fn broker_label(&self) -> String {
        format!("{}:{}", self.config.broker.host, self.config.broker.port)
    }
}

fn topic(tag: &str) -> String {
    format!("{}{tag}", wire::TOPIC_PREFIX)
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(86_400 * 365)
}

/// Polls the event loop forever, reporting each event; after an error waits
/// out the backoff (rumqttc itself would retry at once, in a tight loop).
/// Connects, polls and reports, forever. Each attempt gets a fresh client
/// and event loop, handed to the worker with `Connecting`: requests made on
/// a connection that has died go nowhere instead of surfacing on the next
/// one, so the outbox alone decides what is sent. After an error it waits
/// out the backoff (rumqttc itself would retry at once, in a tight loop).
async fn drive(
    options: MqttOptions,
    mut backoff: Backoff,
    generation: u64,
    link: mpsc::Sender<(u64, LinkEvent)>,
) {
    let report = |event| link.send((generation, event));
    loop {
        let (client, mut eventloop) = AsyncClient::new(options.clone(), REQUEST_CAPACITY);
        if report(LinkEvent::Connecting(client)).await.is_err() {
            return;
        }
        let error = loop {
            match eventloop.poll().await {
                Ok(event) => {
                    if matches!(event, Event::Incoming(Incoming::ConnAck(_))) {
                        backoff.reset();
                    }
                    if report(LinkEvent::Mqtt(event)).await.is_err() {
                        return;
                    }
                }
                Err(error) => break error,
            }
        };
        let retry_in = backoff.next_delay();
        let failed = LinkEvent::Failed {
            reason: describe(&error),
            retry_in,
        };
        if report(failed).await.is_err() {
            return;
        }
        tokio::time::sleep(retry_in).await;
    }
}

/// A reason a person can act on, rather than rumqttc's debug text.
fn describe(error: &ConnectionError) -> String {
    use std::io::ErrorKind;
    match error {
        ConnectionError::Io(e) => match e.kind() {
            ErrorKind::ConnectionRefused => "connection refused (is the broker running?)".into(),
            ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::UnexpectedEof => "the broker closed the connection".into(),
            ErrorKind::TimedOut => "timed out".into(),
            _ if e.to_string().contains("failed to lookup")
                || e.to_string().contains("Name or service") =>
            {
                "broker host not found".into()
            }
            _ => e.to_string(),
        },
        ConnectionError::NetworkTimeout => "no answer from the broker (timed out)".into(),
        ConnectionError::FlushTimeout => "sending to the broker timed out".into(),
        ConnectionError::ConnectionRefused(code) => {
            format!("the broker refused the connection ({code:?})")
        }
        ConnectionError::MqttState(rumqttc::StateError::ConnectionAborted) => {
            "the broker closed the connection".into()
        }
        ConnectionError::MqttState(rumqttc::StateError::AwaitPingResp) => {
            "the broker stopped answering".into()
        }
        other => other.to_string(),
    }
}

/// rustls with the system's trusted roots; an unreadable store gives an
/// empty one, and the connection then fails with a certificate error.
fn tls_config() -> Result<rumqttc::TlsConfiguration, rustls::Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        // A certificate the store can't parse is one fewer trusted root.
        let _ = roots.add(cert);
    }
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(rumqttc::TlsConfiguration::Rustls(Arc::new(config)))
}
