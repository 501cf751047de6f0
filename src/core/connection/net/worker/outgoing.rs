//! What the worker sends on its own: our presence (and profile) on each
//! connect, and the outbox's queued tweets whenever rumqttc has room.

use std::time::Instant;

use super::Worker;
use crate::core::model::name::Username;
use crate::core::social::presence::{self, PresenceState};
use crate::core::social::profile;

impl Worker {
    /// Says we are online (retained, replacing the will's "offline" from
    /// last time); `Subscriptions` follows everyone's presence.
    pub(super) fn announce_presence(&mut self) {
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
            self.config.signer.as_deref(),
        );
        // Not in the outbox: a presence is worth nothing once stale, and
        // the next ConnAck says it again.
        let mut retained = vec![(presence::topic(&user), online)];
        if let (Some(identity), Ok(name)) = (&self.config.signer, Username::parse(&user)) {
            let about = &self.config.about;
            let card = profile::encode(&name, about, identity, chrono::Utc::now());
            retained.push((profile::topic(&user), card));
        }
        for (topic, payload) in retained {
            let sent = client.try_publish(topic, rumqttc::QoS::AtLeastOnce, true, payload);
            if sent.is_ok() {
                // Its packet id must not be paired with a tweet's copy.
                self.outbox.mark_foreign_handed();
            }
        }
    }

    pub(super) fn flush_outbox(&mut self) {
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
}
