//! Share links: the program, its input packet, the program type and the
//! kernel profile, as
//! deflated JSON in url-safe base64 after `#s=`, so that a link reproduces
//! the exact session without any server.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// The largest decompressed payload a link may carry (a link is user input).
const MAX_PAYLOAD: usize = 1 << 20;

/// What a link carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    /// The program text.
    pub src: String,
    /// The program type's short name (`xdp`, ...).
    pub prog_type: String,
    /// The kernel profile's name (`series`, `6.18`; empty: the default).
    #[serde(default)]
    pub kernel: String,
    /// The input packet as hex (empty: the default packet).
    #[serde(default)]
    pub packet: String,
    /// Breakpoints (source lines).
    #[serde(default)]
    pub breakpoints: Vec<u32>,
}

/// Encodes `s` as the fragment of a share link (without the `#`).
pub fn encode(s: &Shared) -> String {
    let json = serde_json::to_vec(s).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("s={}", URL_SAFE_NO_PAD.encode(packed))
}

/// Decodes a link's fragment (with or without the `#`); `None` when it
/// carries no program or is damaged.
pub fn decode(fragment: &str) -> Option<Shared> {
    let frag = fragment.strip_prefix('#').unwrap_or(fragment);
    let data = frag.split('&').find_map(|kv| kv.strip_prefix("s="))?;
    let packed = URL_SAFE_NO_PAD.decode(data.trim_end_matches('=')).ok()?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_PAYLOAD).ok()?;
    serde_json::from_slice(&json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = Shared {
            src: "r0 = 0\nexit\n; ünïcode\n".into(),
            prog_type: "xdp".into(),
            kernel: "6.18".into(),
            packet: "00ff".into(),
            breakpoints: vec![2],
        };
        let f = encode(&s);
        assert!(f
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_=".contains(c)));
        assert_eq!(decode(&format!("#{f}")), Some(s));
    }

    #[test]
    fn damaged_links_decode_to_none() {
        assert_eq!(decode("#s=%%%"), None);
        assert_eq!(decode("#s=AAAA"), None);
        assert_eq!(decode("#other=1"), None);
    }
}
