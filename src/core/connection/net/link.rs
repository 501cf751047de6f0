//! The connection itself: `drive` connects, polls rumqttc's event loop and
//! reports what happened to the worker, backing off after errors.

use std::time::Duration;

use rumqttc::{AsyncClient, ConnectionError, Event, EventLoop, Incoming, MqttOptions, Outgoing};
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::backoff::Backoff;
use super::reason::{Failure, describe, describe_before_connack};

/// Requests rumqttc may hold before `try_*` says full; the outbox keeps the rest.
const REQUEST_CAPACITY: usize = 1024;

/// What `drive` reports about the connection it polls.
pub enum LinkEvent {
    /// A new attempt, with the client for it.
    Connecting(AsyncClient),
    Mqtt(Event),
    Failed {
        reason: String,
        retry_in: Duration,
    },
}

/// Connects, polls and reports, forever. Each attempt gets a fresh client
/// and event loop, handed to the worker with `Connecting`: requests made on
/// a connection that has died go nowhere instead of surfacing on the next
/// one, so the outbox alone decides what is sent. After an error it waits
/// out the backoff (rumqttc itself would retry at once, in a tight loop),
/// a long one when the broker refused us.
pub async fn drive(
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
        let polled = poll_until_failure(&mut eventloop, &mut backoff, generation, &link);
        let Some(failure) = polled.await else {
            return;
        };
        let retry_in = if failure.refused {
            backoff.after_refusal()
        } else {
            backoff.next_delay()
        };
        let failed = LinkEvent::Failed {
            reason: failure.reason,
            retry_in,
        };
        if report(failed).await.is_err() {
            return;
        }
        tokio::time::sleep(retry_in).await;
    }
}

/// Polls one connection and reports what happens, until it fails (`None`:
/// the worker is gone). A ping the broker leaves unanswered for half the
/// keep-alive ends the connection: a frozen broker or a dead link behind
/// a NAT sends no FIN or RST, and rumqttc alone would notice only at its
/// next keep-alive tick, up to two intervals after the last sign of life.
async fn poll_until_failure(
    eventloop: &mut EventLoop,
    backoff: &mut Backoff,
    generation: u64,
    link: &mpsc::Sender<(u64, LinkEvent)>,
) -> Option<Failure> {
    let keep_alive = eventloop.mqtt_options.keep_alive();
    let patience = keep_alive / 2;
    let mut ping_sent: Option<Instant> = None;
    let mut accepted = false;
    loop {
        let polled = match ping_sent {
            Some(at) if !keep_alive.is_zero() => {
                match tokio::time::timeout_at(at + patience, eventloop.poll()).await {
                    Ok(polled) => polled,
                    Err(_) => return Some(unanswered_ping(keep_alive, patience)),
                }
            }
            _ => eventloop.poll().await,
        };
        let event = match polled {
            Ok(event) => event,
            Err(error) if accepted => return Some(describe(&error)),
            Err(error) => return Some(refused_login(eventloop, &error)),
        };
        match &event {
            Event::Incoming(Incoming::ConnAck(_)) => {
                accepted = true;
                backoff.reset();
                ping_sent = None;
            }
            // Anything from the broker is a sign of life.
            Event::Incoming(_) => ping_sent = None,
            Event::Outgoing(Outgoing::PingReq) => ping_sent = ping_sent.or(Some(Instant::now())),
            Event::Outgoing(_) => {}
        }
        link.send((generation, LinkEvent::Mqtt(event))).await.ok()?;
    }
}

/// Why the broker ended an attempt before accepting it.
fn refused_login(eventloop: &EventLoop, error: &ConnectionError) -> Failure {
    let options = &eventloop.mqtt_options;
    let plain = matches!(
        options.transport(),
        rumqttc::Transport::Tcp | rumqttc::Transport::Ws
    );
    describe_before_connack(error, options.credentials().is_some(), plain)
}

fn unanswered_ping(keep_alive: Duration, patience: Duration) -> Failure {
    let failure = describe(&ConnectionError::MqttState(
        rumqttc::StateError::AwaitPingResp,
    ));
    Failure {
        reason: format!(
            "{} (no answer to a ping in {} s; keep-alive {} s)",
            failure.reason,
            patience.as_secs_f32(),
            keep_alive.as_secs()
        ),
        ..failure
    }
}
