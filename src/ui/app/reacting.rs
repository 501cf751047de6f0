//! Likes, reposts and deletions: one's own, signed and sent (and counted
//! at once), and other people's as the worker reports them. A deletion
//! takes a tweet back only when signed by the tweet's own key; one for a
//! tweet not here yet waits (bounded) for it.

use crate::core::connection::net::{NetCommand, NetEvent};
use crate::core::model::timeline::Deletion;
use crate::core::social::compose::Publish;
use crate::core::social::reaction::{self, Reaction, ReactionKind, Target};

use super::ChirpApp;
use crate::ui::notices::Notice;

impl ChirpApp {
    /// The person clicked Like, Repost, their undoing, or Delete.
    pub(super) fn react(&mut self, kind: ReactionKind, target: &Target) {
        let Some(identity) = self.services.identity.clone() else {
            self.view
                .notices
                .push(Notice::tr("notice-reacting-needs-identity"));
            return;
        };
        let user = self.me();
        let root = &self.connection.config.topic_root;
        match reaction::prepare(kind, &user, target, &identity, root) {
            Ok(mut outgoing) => {
                if kind == ReactionKind::Delete && self.settings.retain_latest {
                    self.replace_retained_copies(&mut outgoing.publishes, &target.id);
                }
                self.received_reaction(&outgoing.reaction);
                self.services.net.send(NetCommand::React(outgoing));
            }
            Err(why) => self.view.notices.push(Notice::tr_args(
                "notice-reaction-failed",
                &[
                    ("kind", kind.as_str().into()),
                    ("error", why.clone().into()),
                ],
            )),
        }
    }

    /// A deletion of the tweet that is the newest on a hashtag (so the
    /// broker's retained copy there is ours) is published retained there:
    /// it replaces that copy, so a late joiner no longer gets the deleted
    /// tweet. Where anyone tweeted since, it is not: their copy stays.
    fn replace_retained_copies(&self, publishes: &mut [Publish], id: &str) {
        let root = &self.connection.config.topic_root;
        for publish in publishes {
            let newest = root.tag_of(&publish.topic).and_then(|tag| {
                self.timeline
                    .iter()
                    .find(|entry| entry.tags().any(|t| t == tag))
                    .map(|entry| entry.id() == id)
            });
            publish.retain = newest == Some(true);
        }
    }

    /// A reaction, ours or someone's: counted, or a deletion applied.
    pub(super) fn received_reaction(&mut self, reaction: &Reaction) {
        if reaction.kind != ReactionKind::Delete {
            self.reactions.apply(reaction);
            return;
        }
        let key = reaction.signed.key;
        match self.timeline.delete(&reaction.target, &key) {
            Deletion::Deleted => self.view.filtered.deleted(&reaction.target, &key),
            Deletion::Unknown => self.reactions.hold_deletion(reaction),
            Deletion::OtherKey => self.windows.diagnostics.note(&NetEvent::Dropped {
                topic: "(a deletion)".to_owned(),
                reason: "forged: a deletion signed by another key than the tweet's".to_owned(),
            }),
        }
    }

    /// A tweet just shown whose deletion arrived first.
    pub(super) fn apply_held_deletion(&mut self, id: &str) {
        if let Some(deletion) = self.reactions.take_deletion(id) {
            self.received_reaction(&deletion);
        }
    }
}
