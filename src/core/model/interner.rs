//! Shared copies of the names and tag lists that tweets repeat: a firehose
//! has far fewer authors and hashtags than tweets, so each held tweet points
//! at one shared copy instead of owning its own.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use crate::core::model::author_key::AuthorKey;

/// A tweet's hashtags, shared by every held tweet with the same list. A
/// thin pointer (8 bytes, where `Arc<[_]>` takes 16): it sits in every held
/// tweet, and the extra hop is only taken when tags are drawn.
#[derive(Debug, Clone)]
pub struct TagList(Arc<Box<[Arc<str>]>>);

impl Deref for TagList {
    type Target = [Arc<str>];
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

/// Looked up by slice in the interner: hash and equality are the slice's.
impl Borrow<[Arc<str>]> for TagList {
    fn borrow(&self) -> &[Arc<str>] {
        &self.0
    }
}

impl Hash for TagList {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl PartialEq for TagList {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for TagList {}

/// Below this many shared copies, unused ones are not worth looking for.
const PRUNE_FLOOR: usize = 1024;

/// Who wrote a tweet as the timeline holds it: the name, and the key that
/// signed it (None: unsigned).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Author {
    pub name: Arc<str>,
    pub key: Option<AuthorKey>,
}

#[derive(Debug, Default)]
pub struct Interner {
    names: HashSet<Arc<str>>,
    tag_lists: HashSet<TagList>,
    /// Authors (a name, and the key that signed, if any): one copy each,
    /// a thin pointer per tweet.
    authors: HashMap<(Arc<str>, Option<AuthorKey>), Arc<Author>>,
    /// Reused to look tag lists up without allocating.
    scratch: Vec<Arc<str>>,
    /// Copies held after the last prune; the next one runs at twice that,
    /// so pruning costs O(1) amortized per copy made.
    kept_after_prune: usize,
}

impl Interner {
    /// The shared copy of `name` (a user or a hashtag).
    pub fn name(&mut self, name: &str) -> Arc<str> {
        if let Some(shared) = self.names.get(name) {
            return Arc::clone(shared);
        }
        self.prune_when_grown();
        let shared: Arc<str> = Arc::from(name);
        self.names.insert(Arc::clone(&shared));
        shared
    }

    /// The shared copy of an author: `name`, signing with `key` (None:
    /// unsigned).
    pub fn author(&mut self, name: &str, key: Option<AuthorKey>) -> Arc<Author> {
        let name = self.name(name);
        let lookup = (name, key);
        if let Some(shared) = self.authors.get(&lookup) {
            return Arc::clone(shared);
        }
        self.prune_when_grown();
        let shared = Arc::new(Author {
            name: Arc::clone(&lookup.0),
            key,
        });
        self.authors.insert(lookup, Arc::clone(&shared));
        shared
    }

    /// The shared copy of a list of hashtags, in order.
    pub fn tag_list<'a>(&mut self, tags: impl IntoIterator<Item = &'a str>) -> TagList {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        scratch.extend(tags.into_iter().map(|tag| self.name(tag)));
        let shared = match self.tag_lists.get(scratch.as_slice()) {
            Some(shared) => shared.clone(),
            None => {
                let shared = TagList(Arc::new(scratch.as_slice().into()));
                self.tag_lists.insert(shared.clone());
                shared
            }
        };
        scratch.clear();
        self.scratch = scratch;
        shared
    }

    /// How many distinct names and tag lists are held.
    pub fn len(&self) -> usize {
        self.names.len() + self.tag_lists.len() + self.authors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops copies no tweet uses any more (their authors and tags left the
    /// timeline), so a stream of ever-new names stays bounded by what is held.
    fn prune_when_grown(&mut self) {
        if self.len() < (2 * self.kept_after_prune).max(PRUNE_FLOOR) {
            return;
        }
        // Lists and authors first: they hold names.
        self.tag_lists.retain(|list| Arc::strong_count(&list.0) > 1);
        self.authors
            .retain(|_, author| Arc::strong_count(author) > 1);
        self.names.retain(|name| Arc::strong_count(name) > 1);
        self.kept_after_prune = self.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_name_same_copy() {
        let mut interner = Interner::default();
        let a = interner.name("alice");
        let b = interner.name("alice");
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &interner.name("bob")));
    }

    #[test]
    fn an_author_is_a_name_and_its_key() {
        let mut interner = Interner::default();
        let key = AuthorKey::from_bytes([1; 32]);
        let signed = interner.author("alice", Some(key));
        assert!(Arc::ptr_eq(&signed, &interner.author("alice", Some(key))));
        let impostor = interner.author("alice", Some(AuthorKey::from_bytes([2; 32])));
        let unsigned = interner.author("alice", None);
        assert!(!Arc::ptr_eq(&signed, &impostor) && !Arc::ptr_eq(&signed, &unsigned));
        assert!(
            Arc::ptr_eq(&signed.name, &unsigned.name),
            "the name is shared"
        );
        assert_eq!(
            (&*impostor.name, impostor.key),
            ("alice", Some(AuthorKey::from_bytes([2; 32])))
        );
        for n in 0..100_000 {
            let _ = interner.author(&format!("passer-by-{n}"), Some(key));
        }
        assert!(
            interner.len() <= 4 * PRUNE_FLOOR,
            "{} copies held",
            interner.len()
        );
        assert!(Arc::ptr_eq(&signed, &interner.author("alice", Some(key))));
    }

    #[test]
    fn tag_lists_shared_in_order() {
        let mut interner = Interner::default();
        let one = interner.tag_list(["rust", "mqtt"]);
        let two = interner.tag_list(["rust", "mqtt"]);
        let swapped = interner.tag_list(["mqtt", "rust"]);
        assert!(Arc::ptr_eq(&one.0, &two.0));
        assert!(!Arc::ptr_eq(&one.0, &swapped.0));
        assert_eq!(&*one[0], "rust");
        assert!(Arc::ptr_eq(&one[0], &swapped[1]), "names inside are shared");
    }

    #[test]
    fn unused_copies_are_dropped_so_new_names_stay_bounded() {
        let mut interner = Interner::default();
        let kept = interner.name("kept");
        for n in 0..100_000 {
            let _ = interner.name(&format!("passer-by-{n}"));
        }
        assert!(
            interner.len() <= 2 * PRUNE_FLOOR,
            "{} copies held",
            interner.len()
        );
        assert!(Arc::ptr_eq(&kept, &interner.name("kept")));
    }
}
