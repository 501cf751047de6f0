//! Desktop notifications (freedesktop `org.freedesktop.Notifications` over
//! the session D-Bus), sent from a thread of their own: a slow or missing
//! notification daemon never holds up the window.

use std::collections::HashMap;

use crossbeam_channel::{Receiver, Sender};

/// Notifications waiting to be shown; past this, new ones are dropped (a
/// flood of mentions is one alert's worth of news anyway).
const QUEUE: usize = 16;
/// How long a notification stays up, in milliseconds (the daemon may
/// ignore it).
const SHOWN_FOR_MS: i32 = 6_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub summary: String,
    pub body: String,
}

impl Notification {
    /// A notification about what someone wrote: made inert and escaped,
    /// since daemons read the body as simple markup.
    pub fn about(summary: &str, text: &str) -> Notification {
        Notification {
            summary: escape(&crate::core::model::display::inert_name(summary, 80)),
            body: escape(&crate::core::model::display::inert_text(text)),
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub struct Notifier {
    requests: Option<Sender<Notification>>,
    /// Why notifications could not be shown, told once.
    pub failures: Receiver<String>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Notifier {
    /// Starts the thread; it connects to the session bus (or `bus_address`)
    /// on the first notification.
    pub fn spawn(bus_address: Option<String>) -> Notifier {
        let (requests, queue) = crossbeam_channel::bounded::<Notification>(QUEUE);
        let (failure_tx, failures) = crossbeam_channel::bounded(1);
        let thread = std::thread::Builder::new()
            .name("notifier".into())
            .spawn(move || run(bus_address, &queue, &failure_tx))
            .ok();
        Notifier {
            requests: thread.as_ref().map(|_| requests),
            failures,
            thread,
        }
    }

    /// Queues a notification; never blocks.
    pub fn notify(&self, notification: Notification) {
        if let Some(requests) = &self.requests {
            // A full queue drops it; a stopped thread has said why already.
            let _ = requests.try_send(notification);
        }
    }
}

impl Drop for Notifier {
    fn drop(&mut self) {
        self.requests = None;
        // The thread may be inside a D-Bus call that waits on a stuck
        // daemon: it ends with the process rather than holding up a close.
        drop(self.thread.take());
    }
}

fn run(bus_address: Option<String>, queue: &Receiver<Notification>, failures: &Sender<String>) {
    let mut connection: Option<zbus::blocking::Connection> = None;
    let mut failed = false;
    for notification in queue {
        if connection.is_none() {
            connection = match connect(bus_address.as_deref()) {
                Ok(connected) => Some(connected),
                Err(e) => {
                    if !failed {
                        failed = true;
                        let _ = failures.try_send(format!("unavailable ({e})"));
                    }
                    continue;
                }
            };
        }
        let Some(bus) = &connection else { continue };
        if let Err(e) = show(bus, &notification) {
            if !failed {
                failed = true;
                let said = if e.to_string().contains("ServiceUnknown") {
                    "unavailable (no notification service on this desktop)".to_owned()
                } else {
                    format!("failed ({e})")
                };
                let _ = failures.try_send(said);
            }
            // Maybe the bus went away: connect again next time.
            connection = None;
        }
    }
}

fn connect(bus_address: Option<&str>) -> zbus::Result<zbus::blocking::Connection> {
    match bus_address {
        None => zbus::blocking::Connection::session(),
        Some(address) => zbus::blocking::connection::Builder::address(address)?.build(),
    }
}

fn show(bus: &zbus::blocking::Connection, notification: &Notification) -> zbus::Result<()> {
    let hints: HashMap<&str, zbus::zvariant::Value<'_>> = HashMap::new();
    let actions: Vec<&str> = Vec::new();
    bus.call_method(
        Some("org.freedesktop.Notifications"),
        "/org/freedesktop/Notifications",
        Some("org.freedesktop.Notifications"),
        "Notify",
        &(
            "Chirp",
            0u32,
            "",
            notification.summary.as_str(),
            notification.body.as_str(),
            actions,
            hints,
            SHOWN_FOR_MS,
        ),
    )?;
    Ok(())
}
