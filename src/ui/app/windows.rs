//! The windows over the main one, and whether each is open.

use crate::ui::close_guard::CloseGuard;
use crate::ui::diagnostics::Diagnostics;
use crate::ui::discover::DiscoverView;
use crate::ui::host_broker::HostBrokerPanel;
use crate::ui::identity_window::IdentityWindow;
use crate::ui::messages::MessagesView;
use crate::ui::person_card::PersonCard;
use crate::ui::settings_dialog::SettingsDialog;
use crate::ui::settings_transfer::SettingsTransferWindow;
use crate::ui::shortcut_sheet::ShortcutSheet;
use crate::ui::welcome::WelcomeView;

#[derive(Default)]
pub struct Windows {
    /// None: closed.
    pub settings_dialog: Option<SettingsDialog>,
    /// Outlives the dialog: the broker it started runs until Chirp closes.
    pub host_broker: HostBrokerPanel,
    pub diagnostics: Diagnostics,
    pub discover: DiscoverView,
    pub messages: MessagesView,
    /// Settings → Identity.
    pub identity: IdentityWindow,
    /// Settings → Export settings… / Import settings….
    pub settings_transfer: SettingsTransferWindow,
    pub close_guard: CloseGuard,
    /// The list of keyboard shortcuts (`?`).
    pub shortcut_sheet: ShortcutSheet,
    /// The person card of a name clicked on a tweet (None: closed).
    pub person_card: Option<PersonCard>,
    /// The first-run welcome, over everything (None: done).
    pub welcome: Option<WelcomeView>,
}
