//! The connection itself: `drive` connects, polls rumqttc's event loop and
//! reports what happened to the worker, backing off after errors.

use std::time::Duration;

use rumqttc::{AsyncClient, Event, Incoming, MqttOptions};
use tokio::sync::mpsc;

use super::backoff::Backoff;
use super::reason::describe;

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
        let failure = describe(&error);
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
