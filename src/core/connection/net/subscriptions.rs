//! What the broker should be subscribed to for us, and the subscribe and
//! unsubscribe requests on their way there.
//!
//! rumqttc tells a request's packet id only once it has sent it
//! (`Outgoing::Subscribe(pkid)`), in the order it took the requests; the
//! tracker pairs them up so an ack can be reported with what it was for.
//!
//! The broker's `$SYS` figures are optional: some brokers (rumqttd, our own
//! built-in one) answer a `$SYS` filter by closing the connection. So they
//! are asked in a SUBSCRIBE of their own, only once every other request of
//! the connection was acknowledged (a kick then costs nothing already
//! asked), never of a broker this process hosts, and never again of a
//! broker that closed the connection over them.

mod people;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use rumqttc::{AsyncClient, QoS, SubscribeFilter};

use super::NetEvent;
use super::broker_figures::SYS_TOPICS;
use super::config::ConnectionConfig;
use crate::core::connection::hosted_broker;
use crate::core::social::presence;
use crate::core::social::profile;
use crate::core::social::{direct, mentions};

/// What a subscribe or unsubscribe request was for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Followed (or left) hashtags, reported to the driver.
    Tags(Vec<String>),
    /// Followed (or left) people's topics, reported to the driver.
    People(Vec<String>),
    /// The broker's `$SYS` figures (optional, never reported).
    BrokerFigures,
    /// `<root>/+`, for the Discover view.
    Discover,
    /// Everyone's presence.
    Presence,
    /// The user's own mentions and direct messages.
    Personal,
    /// One person's profile (the CLI asks before sealing a message).
    Profile(String),
}

/// Requests handed to rumqttc, then sent under a packet id.
#[derive(Debug, Default)]
pub struct RequestTracker {
    handed: VecDeque<Request>,
    by_pkid: HashMap<u16, Request>,
}

impl RequestTracker {
    /// A request was handed to rumqttc.
    pub fn handed(&mut self, request: Request) {
        self.handed.push_back(request);
    }

    /// A new connection: nothing handed before it will be answered.
    pub fn clear(&mut self) {
        self.handed.clear();
        self.by_pkid.clear();
    }

    /// rumqttc sent the oldest handed request under this packet id.
    pub fn assign(&mut self, pkid: u16) {
        if let Some(request) = self.handed.pop_front() {
            self.by_pkid.insert(pkid, request);
        }
    }

    /// The broker answered; what the request was for.
    pub fn acknowledge(&mut self, pkid: u16) -> Option<Request> {
        self.by_pkid.remove(&pkid)
    }

    /// Requests not yet answered, sent or not.
    fn outstanding(&self) -> impl Iterator<Item = &Request> {
        self.handed.iter().chain(self.by_pkid.values())
    }
}

/// Where the `$SYS` figures stand.
#[derive(Debug, Default)]
struct Figures {
    /// The driver wants them (the GUI's Diagnostics; the CLI does not).
    wanted: bool,
    /// To be asked on this connection once the rest is acknowledged.
    due: bool,
    /// Asked, no SubAck yet: a connection lost now was lost over them.
    pending: bool,
    /// Brokers (by address) that closed the connection over them: not
    /// asked again while this worker lives.
    refused: HashSet<String>,
}

/// The subscriptions a worker keeps, and its requests in flight.
#[derive(Debug, Default)]
pub struct Subscriptions {
    followed: BTreeSet<String>,
    /// Tags no longer followed that a persistent session on the broker may
    /// still be subscribed to: unsubscribed at the next chance.
    stale: BTreeSet<String>,
    /// People whose `chirp/users/<user>` is followed.
    people: BTreeSet<String>,
    /// People no longer followed that a persistent session may still be
    /// subscribed to (as `stale`).
    stale_people: BTreeSet<String>,
    subscribes: RequestTracker,
    unsubscribes: RequestTracker,
    /// Watching `<root>/+` for the Discover view.
    discovering: bool,
    /// The user whose mentions and direct messages are subscribed.
    personal: Option<String>,
    /// People whose profile was asked for one by one.
    profiles: BTreeSet<String>,
    figures: Figures,
}

/// A live client to send requests with; `None` while offline, when
/// requests go nowhere (the next ConnAck sends everything again).
pub type Client<'a> = Option<&'a AsyncClient>;

impl Subscriptions {
    pub fn new(broker_figures: bool) -> Self {
        let mut subscriptions = Self::default();
        subscriptions.figures.wanted = broker_figures;
        subscriptions
    }

    pub fn is_followed(&self, tag: &str) -> bool {
        self.followed.contains(tag)
    }

    pub fn is_discovering(&self) -> bool {
        self.discovering
    }

    /// Follows `tag`: subscribed now if connected, and on every ConnAck.
    pub fn follow(&mut self, client: Client, config: &ConnectionConfig, tag: String) {
        if self.followed.insert(tag.clone()) {
            self.subscribe_tags(client, config, vec![tag]);
        }
    }

    pub fn unfollow(&mut self, client: Client, config: &ConnectionConfig, tag: String) {
        if self.followed.remove(&tag) {
            self.unsubscribe_tag(client, config, tag);
        }
    }

    /// A tweet arrived on `tag`, which is not followed: in flight when we
    /// unsubscribed, or kept by a persistent session from an earlier run.
    pub fn stray(&mut self, client: Client, config: &ConnectionConfig, tag: &str) {
        if !self.stale.contains(tag) {
            self.unsubscribe_tag(client, config, tag.to_owned());
        }
    }

    /// A new connection: rumqttc forgets requests across a clean-session
    /// reconnect, so everything is asked again.
    pub fn on_connack(&mut self, client: Client, config: &ConnectionConfig) {
        self.subscribes.clear();
        self.unsubscribes.clear();
        self.figures.pending = false;
        if !self.followed.is_empty() {
            self.subscribe_tags(client, config, self.followed.iter().cloned().collect());
        }
        self.resubscribe_people(client, config);
        if config.presence.is_some() {
            // Everyone's presence and profile (retained: all at once).
            let filters = [presence::PRESENCE_FILTER, profile::PROFILE_FILTER]
                .map(|filter| SubscribeFilter::new(filter.to_owned(), QoS::AtLeastOnce))
                .into();
            self.subscribe(client, filters, Request::Presence);
        }
        self.subscribe_personal(client, config);
        for user in self.profiles.clone() {
            self.subscribe_profile(client, user);
        }
        if self.discovering {
            self.discover_filter(client, config, true);
        }
        for tag in self.stale.clone() {
            self.unsubscribe_tag(client, config, tag);
        }
        let broker = config.broker.to_string();
        self.figures.due = self.figures.wanted
            && !self.figures.refused.contains(&broker)
            && !hosted_broker::hosted_here(&config.broker);
        self.ask_figures_when_due(client);
    }

    /// The connection was lost. True when it was lost over the `$SYS`
    /// request: that broker is not asked again.
    pub fn connection_lost(&mut self, config: &ConnectionConfig) -> bool {
        self.figures.due = false;
        if !std::mem::take(&mut self.figures.pending) {
            return false;
        }
        let broker = config.broker.to_string();
        tracing::warn!(
            %broker,
            "the broker closed the connection when asked for its $SYS figures; not asking it again"
        );
        self.figures.refused.insert(broker);
        true
    }

    pub fn set_discovering(&mut self, client: Client, config: &ConnectionConfig, on: bool) {
        if on != self.discovering {
            self.discovering = on;
            self.discover_filter(client, config, on);
        }
    }

    /// Watches one person's (retained) profile, now and after reconnects;
    /// `ProfileWatched` says when the broker has answered.
    pub fn watch_profile(&mut self, client: Client, user: String) {
        if self.profiles.insert(user.clone()) {
            self.subscribe_profile(client, user);
        }
    }

    fn subscribe_profile(&mut self, client: Client, user: String) {
        let filter = SubscribeFilter::new(profile::topic(&user), QoS::AtLeastOnce);
        self.subscribe(client, vec![filter], Request::Profile(user));
    }

    pub fn subscribe_sent(&mut self, pkid: u16) {
        self.subscribes.assign(pkid);
    }

    pub fn unsubscribe_sent(&mut self, pkid: u16) {
        self.unsubscribes.assign(pkid);
    }

    /// The broker's SubAck: what to report, if anything. The last of the
    /// connection's essential requests answered lets the `$SYS` one go.
    pub fn on_suback(&mut self, client: Client, pkid: u16) -> Option<NetEvent> {
        let event = match self.subscribes.acknowledge(pkid)? {
            Request::BrokerFigures => {
                self.figures.pending = false;
                None
            }
            Request::Discover => Some(NetEvent::Discovering(true)),
            Request::Personal => self.personal.clone().map(NetEvent::PersonalReady),
            Request::Tags(tags) if !tags.is_empty() => Some(NetEvent::Subscribed(tags)),
            Request::People(users) => Some(NetEvent::SubscribedPeople(users)),
            Request::Profile(user) => Some(NetEvent::ProfileWatched(user)),
            Request::Tags(_) | Request::Presence => None,
        };
        self.ask_figures_when_due(client);
        event
    }

    /// The broker's UnsubAck: what to report, if anything.
    pub fn on_unsuback(&mut self, pkid: u16) -> Option<NetEvent> {
        match self.unsubscribes.acknowledge(pkid)? {
            Request::Discover => Some(NetEvent::Discovering(false)),
            Request::Tags(tags) => {
                for tag in &tags {
                    self.stale.remove(tag);
                }
                Some(NetEvent::Unsubscribed(tags))
            }
            Request::People(users) => {
                self.people_left(&users);
                Some(NetEvent::UnsubscribedPeople(users))
            }
            Request::BrokerFigures
            | Request::Presence
            | Request::Personal
            | Request::Profile(_) => None,
        }
    }

    fn subscribe(
        &mut self,
        client: Client,
        filters: Vec<SubscribeFilter>,
        request: Request,
    ) -> bool {
        // A full request queue is the only failure; the next connect resubscribes.
        let handed = client.is_some_and(|client| client.try_subscribe_many(filters).is_ok());
        if handed {
            self.subscribes.handed(request);
        }
        handed
    }

    fn unsubscribe(&mut self, client: Client, topic: String, request: Request) {
        if client.is_some_and(|client| client.try_unsubscribe(topic).is_ok()) {
            self.unsubscribes.handed(request);
        }
    }

    fn subscribe_tags(&mut self, client: Client, config: &ConnectionConfig, tags: Vec<String>) {
        let qos = config.qos.to_mqtt();
        let filters = tags
            .iter()
            .map(|tag| SubscribeFilter::new(config.topic_root.topic(tag), qos))
            .collect();
        self.subscribe(client, filters, Request::Tags(tags));
    }

    /// Unsubscribes now if connected; a persistent session remembers the
    /// subscription while we are away, so it is also kept as stale until
    /// the broker confirms.
    fn unsubscribe_tag(&mut self, client: Client, config: &ConnectionConfig, tag: String) {
        if config.persistent_session {
            self.stale.insert(tag.clone());
        }
        let topic = config.topic_root.topic(&tag);
        self.unsubscribe(client, topic, Request::Tags(vec![tag]));
    }

    /// Follows the user's own mentions and direct messages (at the
    /// profile's QoS, so a persistent session keeps them while away), and
    /// leaves those of a name given up this run.
    fn subscribe_personal(&mut self, client: Client, config: &ConnectionConfig) {
        let wanted = config.inbox.clone().or_else(|| config.presence.clone());
        if let Some(old) = self
            .personal
            .take()
            .filter(|old| Some(old) != wanted.as_ref())
        {
            for topic in [mentions::topic(&old), direct::topic(&old)] {
                self.unsubscribe(client, topic, Request::Personal);
            }
        }
        let Some(user) = wanted else {
            return;
        };
        let qos = config.qos.to_mqtt();
        let filters = [mentions::topic(&user), direct::topic(&user)]
            .map(|topic| SubscribeFilter::new(topic, qos))
            .into();
        if self.subscribe(client, filters, Request::Personal) {
            self.personal = Some(user);
        }
    }

    /// Subscribes to (or leaves) every tag under the root, at QoS 0: the
    /// counts need no delivery guarantee. Reported as `Discovering`; the
    /// next ConnAck redoes it.
    fn discover_filter(&mut self, client: Client, config: &ConnectionConfig, on: bool) {
        let filter = format!("{}/+", config.topic_root);
        if on {
            let filters = vec![SubscribeFilter::new(filter, QoS::AtMostOnce)];
            self.subscribe(client, filters, Request::Discover);
        } else {
            self.unsubscribe(client, filter, Request::Discover);
        }
    }

    /// The `$SYS` figures at QoS 0, in a request of their own, once nothing
    /// else of this connection waits for its SubAck. A broker that refuses
    /// them in its SubAck just sends none.
    fn ask_figures_when_due(&mut self, client: Client) {
        let essential_waiting = self
            .subscribes
            .outstanding()
            .any(|request| *request != Request::BrokerFigures);
        if !self.figures.due || essential_waiting {
            return;
        }
        let filters = SYS_TOPICS
            .iter()
            .map(|topic| SubscribeFilter::new((*topic).to_owned(), QoS::AtMostOnce))
            .collect();
        if self.subscribe(client, filters, Request::BrokerFigures) {
            self.figures.due = false;
            self.figures.pending = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_requests_with_packet_ids_in_order() {
        let mut tracker = RequestTracker::default();
        tracker.handed(Request::Tags(vec!["a".into()]));
        tracker.handed(Request::Tags(vec!["b".into(), "c".into()]));
        tracker.assign(5);
        tracker.assign(6);
        assert_eq!(
            tracker.acknowledge(6),
            Some(Request::Tags(vec!["b".into(), "c".into()]))
        );
        assert_eq!(
            tracker.acknowledge(5),
            Some(Request::Tags(vec!["a".into()]))
        );
        assert_eq!(tracker.acknowledge(5), None);
    }

    fn config(url: &str) -> ConnectionConfig {
        let broker = crate::core::connection::broker::BrokerAddress::parse(url).expect("valid");
        ConnectionConfig::new(broker, "test".to_owned())
    }

    #[test]
    fn a_broker_that_closed_the_connection_over_sys_is_not_asked_again() {
        let (a, b) = (
            config("mqtt://a.example:1883"),
            config("mqtt://b.example:1883"),
        );
        let mut subscriptions = Subscriptions::new(true);
        subscriptions.figures.pending = true;
        assert!(subscriptions.connection_lost(&a));
        assert!(!subscriptions.connection_lost(&a), "told once");
        subscriptions.on_connack(None, &a);
        assert!(!subscriptions.figures.due, "refused by a");
        subscriptions.on_connack(None, &b);
        assert!(subscriptions.figures.due, "b was never asked");
    }

    #[test]
    fn sys_waits_for_the_essential_requests() {
        let mut subscriptions = Subscriptions::new(true);
        subscriptions
            .subscribes
            .handed(Request::Tags(vec!["x".into()]));
        subscriptions.figures.due = true;
        subscriptions.ask_figures_when_due(None);
        assert!(subscriptions.figures.due, "still waiting");
        assert!(!subscriptions.figures.pending);
    }

    #[test]
    fn a_driver_that_wants_no_figures_never_asks() {
        let mut subscriptions = Subscriptions::new(false);
        subscriptions.on_connack(None, &config("mqtt://a.example:1883"));
        assert!(!subscriptions.figures.due);
    }
}
