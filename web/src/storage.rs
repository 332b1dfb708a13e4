//! Local storage: the edited program survives a reload, and a program that
//! an example or a link replaced is kept in a stash the user can restore.

use serde::{Deserialize, Serialize};

const DRAFT_KEY: &str = "dynptr-play:draft";
const STASH_KEY: &str = "dynptr-play:stash";
const THEME_KEY: &str = "dynptr-play:theme";

/// What is saved after every edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The program text.
    pub src: String,
    /// The program type's short name.
    pub prog_type: String,
    /// The kernel profile's name (`series`, `6.18`; empty: the default).
    #[serde(default)]
    pub kernel: String,
    /// The input packet as hex.
    #[serde(default)]
    pub packet: String,
    /// The example it started from, if any.
    #[serde(default)]
    pub example: Option<String>,
    /// Breakpoints (source lines).
    #[serde(default)]
    pub breakpoints: Vec<u32>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Stores `value` under `key`; false when the browser refused (private
/// mode, quota), so the page can say the work is not being saved.
fn set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// The autosaved draft.
pub fn load_draft() -> Option<Draft> {
    serde_json::from_str(&get(DRAFT_KEY)?).ok()
}

/// Saves the draft; false when it could not be saved.
pub fn save_draft(d: &Draft) -> bool {
    serde_json::to_string(d).is_ok_and(|j| set(DRAFT_KEY, &j))
}

/// The program an example or a link replaced.
pub fn load_stash() -> Option<Draft> {
    serde_json::from_str(&get(STASH_KEY)?).ok()
}

/// Keeps a replaced program.
pub fn save_stash(d: &Draft) -> bool {
    serde_json::to_string(d).is_ok_and(|j| set(STASH_KEY, &j))
}

/// Forgets the stash (after it was restored or dismissed).
pub fn clear_stash() {
    if let Some(s) = storage() {
        let _ = s.remove_item(STASH_KEY);
    }
}

/// The saved theme (`light`/`dark`).
pub fn load_theme() -> Option<String> {
    get(THEME_KEY)
}

/// Saves the theme.
pub fn save_theme(t: &str) {
    let _ = set(THEME_KEY, t);
}
