//! The main window's own state, kept between frames: the tweet being
//! written, the hashtag being typed, which view of the timeline is shown
//! and where it is scrolled, the notices on screen.

use crate::ui::compose_box::ComposeBox;
use crate::ui::filtered_view::FilteredViews;
use crate::ui::hashtags_panel::HashtagsPanel;
use crate::ui::notices::Notices;
use crate::ui::people_panel::PeoplePanel;
use crate::ui::shortcuts::ShortcutKeys;
use crate::ui::timeline_view::TimelineView;

#[derive(Default)]
pub struct MainView {
    pub compose: ComposeBox,
    pub hashtags_panel: HashtagsPanel,
    pub people_panel: PeoplePanel,
    pub timeline_view: TimelineView,
    /// The tag, person, search, Mentions or conversation shown instead of all.
    pub filtered: FilteredViews,
    pub notices: Notices,
    /// Reads the keyboard shortcuts (remembers a `g` awaiting its second key).
    pub shortcut_keys: ShortcutKeys,
    /// The theme and zoom last handed to egui (None: not yet).
    pub applied_appearance: Option<crate::core::desktop::settings::Appearance>,
    /// Loaded on the first frame: it needs the context.
    pub icon: Option<egui::TextureHandle>,
}
