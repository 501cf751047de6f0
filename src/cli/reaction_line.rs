//! How `chirp follow` prints likes, reposts and deletions: each once (a
//! reaction comes once per hashtag), on a line of its own, JSON with
//! `--json`. They never count towards `--count`, which counts tweets.

use std::collections::{HashSet, VecDeque};
use std::io::Write;

use serde::Serialize;

use crate::core::model::display::inert_line;
use crate::core::protocol::wire::format_ts;
use crate::core::social::reaction::{Reaction, ReactionKind};

/// Reaction ids remembered to print each once.
const REMEMBERED: usize = 4_096;

#[derive(Default)]
pub(super) struct ReactionLines {
    seen: HashSet<String>,
    order: VecDeque<String>,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    kind: &'a str,
    id: &'a str,
    user: &'a str,
    #[serde(rename = "ref")]
    target: &'a str,
    ref_user: Option<&'a str>,
    tags: &'a [String],
    ts: Option<String>,
    topic: &'a str,
    signed: &'a str,
    fingerprint: String,
}

impl ReactionLines {
    /// Prints `reaction` unless it was printed already.
    pub(super) fn print(
        &mut self,
        out: &mut impl Write,
        reaction: &Reaction,
        topic: &str,
        json: bool,
    ) -> std::io::Result<()> {
        if !self.seen.insert(reaction.id.clone()) {
            return Ok(());
        }
        self.order.push_back(reaction.id.clone());
        if self.order.len() > REMEMBERED
            && let Some(oldest) = self.order.pop_front()
        {
            self.seen.remove(&oldest);
        }
        if json {
            let line = JsonLine {
                kind: reaction.kind.as_str(),
                id: &reaction.id,
                user: &reaction.user,
                target: &reaction.target,
                ref_user: reaction.target_user.as_deref(),
                tags: &reaction.tags,
                ts: reaction.sent_at.map(format_ts),
                topic,
                signed: reaction.signed.trust.as_str(),
                fingerprint: reaction.signed.key.fingerprint().to_string(),
            };
            serde_json::to_writer(&mut *out, &line)?;
            return out.write_all(b"\n");
        }
        writeln!(out, "{}", text_line(reaction))
    }
}

fn text_line(reaction: &Reaction) -> String {
    let verb = match reaction.kind {
        ReactionKind::Like => "♥ liked",
        ReactionKind::Unlike => "took back their like of",
        ReactionKind::Repost => "↻ reposted",
        ReactionKind::Unrepost => "took back their repost of",
        ReactionKind::Delete => "deleted",
    };
    let whose = reaction
        .target_user
        .as_deref()
        .map_or_else(String::new, |user| format!(" by @{}", inert_line(user)));
    format!(
        "@{} {verb} {}{whose}",
        inert_line(&reaction.user),
        inert_line(&reaction.target)
    )
}
