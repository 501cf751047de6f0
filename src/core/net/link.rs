//! The connection itself: `drive` connects, polls rumqttc's event loop and
//! reports what happened to the worker, backing off after errors.

use std::time::Duration;

use rumqttc::{AsyncClient, ConnectionError, Event, Incoming, MqttOptions};
use tokio::sync::mpsc;

use super::backoff::Backoff;

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
/// out the backoff (rumqttc itself would retry at once, in a tight loop).
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
