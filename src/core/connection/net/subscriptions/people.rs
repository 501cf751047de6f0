//! Followed people: `chirp/users/<user>` for each, at the profile's QoS (a
//! persistent session keeps their tweets while we are away), asked again
//! on every ConnAck like the followed tags.

use rumqttc::SubscribeFilter;

use super::{Client, Request, Subscriptions};
use crate::core::connection::net::config::ConnectionConfig;
use crate::core::social::people;

impl Subscriptions {
    pub fn is_following_person(&self, user: &str) -> bool {
        self.people.contains(user)
    }

    /// Follows `user`'s topic: subscribed now if connected, and on every
    /// ConnAck.
    pub fn follow_person(&mut self, client: Client, config: &ConnectionConfig, user: String) {
        self.stale_people.remove(&user);
        if self.people.insert(user.clone()) {
            self.subscribe_people(client, config, vec![user]);
        }
    }

    pub fn unfollow_person(&mut self, client: Client, config: &ConnectionConfig, user: String) {
        if self.people.remove(&user) {
            self.unsubscribe_person(client, config, user);
        }
    }

    /// A tweet arrived on the topic of `user`, who is not followed (in
    /// flight when we left, or kept by a persistent session).
    pub fn stray_person(&mut self, client: Client, config: &ConnectionConfig, user: &str) {
        if !self.stale_people.contains(user) {
            self.unsubscribe_person(client, config, user.to_owned());
        }
    }

    /// On a ConnAck: the followed people again, and the stale ones left.
    pub(super) fn resubscribe_people(&mut self, client: Client, config: &ConnectionConfig) {
        if !self.people.is_empty() {
            let followed = self.people.iter().cloned().collect();
            self.subscribe_people(client, config, followed);
        }
        for user in self.stale_people.clone() {
            self.unsubscribe_person(client, config, user);
        }
    }

    /// The broker's UnsubAck for these people: no longer stale.
    pub(super) fn people_left(&mut self, users: &[String]) {
        for user in users {
            self.stale_people.remove(user);
        }
    }

    fn subscribe_people(&mut self, client: Client, config: &ConnectionConfig, users: Vec<String>) {
        let qos = config.qos.to_mqtt();
        let filters = users
            .iter()
            .map(|user| SubscribeFilter::new(people::topic(user), qos))
            .collect();
        self.subscribe(client, filters, Request::People(users));
    }

    /// As for tags: a persistent session keeps the subscription while we
    /// are away, so it stays stale until the broker confirms.
    fn unsubscribe_person(&mut self, client: Client, config: &ConnectionConfig, user: String) {
        if config.persistent_session {
            self.stale_people.insert(user.clone());
        }
        let topic = people::topic(&user);
        self.unsubscribe(client, topic, Request::People(vec![user]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ConnectionConfig {
        let url = "mqtt://a.example:1883";
        let broker = crate::core::connection::broker::BrokerAddress::parse(url).expect("valid");
        ConnectionConfig::new(broker, "test".to_owned()).with_persistent_session(true)
    }

    #[test]
    fn people_are_followed_once_and_left_ones_stay_stale_until_confirmed() {
        let config = config();
        let mut subscriptions = Subscriptions::new(false);
        subscriptions.follow_person(None, &config, "alice".into());
        subscriptions.follow_person(None, &config, "alice".into());
        assert!(subscriptions.is_following_person("alice"));
        subscriptions.unfollow_person(None, &config, "alice".into());
        assert!(!subscriptions.is_following_person("alice"));
        assert!(subscriptions.stale_people.contains("alice"));
        subscriptions.people_left(&["alice".to_owned()]);
        assert!(subscriptions.stale_people.is_empty());
        subscriptions.unfollow_person(None, &config, "alice".into());
        assert!(
            subscriptions.stale_people.is_empty(),
            "not followed: nothing to leave"
        );
    }
}
