//! The packet: one buffer holding headroom, the linear data and tailroom,
//! plus paged fragments, as an `xdp_buff` (with `skb_shared_info` frags) or
//! an `sk_buff` (linear head plus frags) holds it.
//!
//! Every change of the layout (`bpf_xdp_adjust_head/tail`,
//! `bpf_skb_pull_data`, an skb store that pulls) bumps [`Packet::generation`]:
//! the VM ties every packet pointer to the generation it was made in, so a
//! pointer from before the change stops working, exactly where the kernel's
//! verifier forgets every packet pointer (`clear_all_pkt_pointers`).

use serde::{Deserialize, Serialize};

/// `ETH_HLEN`: the smallest packet the xdp adjust helpers leave.
pub const ETH_HLEN: usize = 14;
/// `sizeof(struct xdp_frame)`, kept free at the start of an xdp buffer's
/// headroom (`bpf_xdp_adjust_head` never moves `data` into it).
pub const XDP_FRAME_SIZE: usize = 40;
/// Capacity of one fragment page (`rxq->frag_size`).
pub const FRAG_SIZE: usize = 4096;
/// `-EINVAL`.
const EINVAL: i64 = -22;
/// `-ENOMEM`.
const ENOMEM: i64 = -12;

/// One paged fragment (`skb_frag_t`): its bytes, at offset 0 of a page of
/// [`FRAG_SIZE`] bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frag {
    /// The fragment's bytes (`skb_frag_size` of them).
    pub bytes: Vec<u8>,
}

/// The packet of an xdp or skb program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Packet {
    /// Headroom, linear data and tailroom (`data_hard_start` .. hard end).
    pub buf: Vec<u8>,
    /// Index of `data_meta` in `buf` (equal to `data` without metadata).
    pub data_meta: usize,
    /// Index of `data` in `buf`.
    pub data: usize,
    /// Index of `data_end` in `buf`.
    pub data_end: usize,
    /// Paged fragments after the linear part.
    pub frags: Vec<Frag>,
    /// Bumped on every layout change; see the module documentation.
    pub generation: u32,
}

impl Packet {
    /// A packet with `headroom` bytes before and `tailroom` bytes after the
    /// linear `data`, and the given fragments.
    pub fn new(data: &[u8], headroom: usize, tailroom: usize, frags: &[Vec<u8>]) -> Packet {
        let mut buf = vec![0u8; headroom + data.len() + tailroom];
        buf[headroom..headroom + data.len()].copy_from_slice(data);
        Packet {
            buf,
            data_meta: headroom,
            data: headroom,
            data_end: headroom + data.len(),
            frags: frags.iter().map(|b| Frag { bytes: b.clone() }).collect(),
            generation: 0,
        }
    }

    /// Length of the linear part (`skb_headlen`, `data_end - data`).
    pub fn headlen(&self) -> usize {
        self.data_end - self.data
    }

    /// Bytes in the fragments (`skb->data_len`, `xdp_frags_size`).
    pub fn frags_len(&self) -> usize {
        self.frags.iter().map(|f| f.bytes.len()).sum()
    }

    /// Total length (`skb->len`, `xdp_get_buff_len`).
    pub fn len(&self) -> usize {
        self.headlen() + self.frags_len()
    }

    /// True when the packet holds no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The linear bytes.
    pub fn linear(&self) -> &[u8] {
        &self.buf[self.data..self.data_end]
    }

    /// Copies the whole packet (linear part, then fragments).
    pub fn flat(&self) -> Vec<u8> {
        let mut v = self.linear().to_vec();
        for f in &self.frags {
            v.extend_from_slice(&f.bytes);
        }
        v
    }

    /// Where byte `off` of the packet (counted from `data`) lives: `None`
    /// for the linear part, `Some((frag, offset in frag))` for a fragment.
    fn locate(&self, off: usize) -> Option<Option<(usize, usize)>> {
        if off < self.headlen() {
            return Some(None);
        }
        let mut rest = off - self.headlen();
        for (i, f) in self.frags.iter().enumerate() {
            if rest < f.bytes.len() {
                return Some(Some((i, rest)));
            }
            rest -= f.bytes.len();
        }
        None
    }

    /// Reads `len` bytes at `off` across linear part and fragments
    /// (`skb_header_pointer`, `bpf_xdp_copy_buf`); `None` when out of range.
    pub fn read(&self, off: usize, len: usize) -> Option<Vec<u8>> {
        if off.checked_add(len)? > self.len() {
            return None;
        }
        let flat = self.flat();
        flat.get(off..off + len).map(<[u8]>::to_vec)
    }

    /// Writes `bytes` at `off` across linear part and fragments; false when
    /// out of range.
    pub fn write(&mut self, off: usize, bytes: &[u8]) -> bool {
        let Some(end) = off.checked_add(bytes.len()) else {
            return false;
        };
        if end > self.len() {
            return false;
        }
        for (i, b) in bytes.iter().enumerate() {
            match self.locate(off + i) {
                Some(None) => self.buf[self.data + off + i] = *b,
                Some(Some((f, o))) => self.frags[f].bytes[o] = *b,
                None => return false,
            }
        }
        true
    }

    /// Where a contiguous range `[off, off+len)` lives, if it is within one
    /// piece (`bpf_xdp_pointer`): `Some(None)` linear, `Some(Some((frag, o)))`
    /// inside one fragment, `None` when it crosses pieces or is out of range.
    pub fn contiguous(&self, off: usize, len: usize) -> Option<Option<(usize, usize)>> {
        let end = off.checked_add(len)?;
        if end > self.len() {
            return None;
        }
        if end <= self.headlen() {
            return Some(None);
        }
        match self.locate(off)? {
            None => None,
            Some((f, o)) => (o + len <= self.frags[f].bytes.len()).then_some(Some((f, o))),
        }
    }

    /// Bytes of metadata in front of the packet (`skb_metadata_len`).
    pub fn meta_len(&self) -> usize {
        self.data - self.data_meta
    }

    /// `len` metadata bytes at `off`, when inside the metadata area.
    pub fn read_meta(&self, off: usize, len: usize) -> Option<Vec<u8>> {
        if off.checked_add(len)? > self.meta_len() {
            return None;
        }
        let at = self.data_meta + off;
        self.buf.get(at..at + len).map(<[u8]>::to_vec)
    }

    /// Writes metadata bytes at `off`; false when outside the area.
    pub fn write_meta(&mut self, off: usize, bytes: &[u8]) -> bool {
        match off.checked_add(bytes.len()) {
            Some(end) if end <= self.meta_len() => {
                let at = self.data_meta + off;
                self.buf[at..at + bytes.len()].copy_from_slice(bytes);
                true
            }
            _ => false,
        }
    }

    fn changed(&mut self) {
        self.generation = self.generation.wrapping_add(1);
    }

    /// `bpf_xdp_adjust_head(xdp, offset)`.
    pub fn xdp_adjust_head(&mut self, offset: i32) -> i64 {
        let metalen = self.data - self.data_meta;
        let data_start = XDP_FRAME_SIZE + metalen;
        let new_data = self.data as i64 + offset as i64;
        if new_data < data_start as i64 || new_data > self.data_end as i64 - ETH_HLEN as i64 {
            return EINVAL;
        }
        let new_data = new_data as usize;
        let new_meta = new_data - metalen;
        if metalen > 0 {
            self.buf.copy_within(self.data_meta..self.data, new_meta);
        }
        self.data_meta = new_meta;
        self.data = new_data;
        self.changed();
        0
    }

    /// `bpf_xdp_adjust_tail(xdp, offset)`, with the frags paths
    /// (`bpf_xdp_frags_shrink_tail`, `bpf_xdp_frags_increase_tail`).
    pub fn xdp_adjust_tail(&mut self, offset: i32) -> i64 {
        if !self.frags.is_empty() {
            return if offset < 0 {
                self.frags_shrink_tail(-(offset as i64))
            } else {
                self.frags_increase_tail(offset as usize)
            };
        }
        let new_end = self.data_end as i64 + offset as i64;
        if new_end > self.buf.len() as i64 {
            return EINVAL;
        }
        if new_end < (self.data + ETH_HLEN) as i64 {
            return EINVAL;
        }
        let new_end = new_end as usize;
        if new_end > self.data_end {
            // Growing clears the new bytes: they may hold old kernel memory.
            self.buf[self.data_end..new_end].fill(0);
        }
        self.data_end = new_end;
        self.changed();
        0
    }

    fn frags_shrink_tail(&mut self, mut offset: i64) -> i64 {
        if offset > self.len() as i64 - ETH_HLEN as i64 {
            return EINVAL;
        }
        while offset > 0 {
            let Some(last) = self.frags.last_mut() else {
                break;
            };
            let size = last.bytes.len() as i64;
            let shrink = offset.min(size);
            offset -= shrink;
            if shrink == size {
                self.frags.pop();
            } else {
                last.bytes.truncate((size - shrink) as usize);
                break;
            }
        }
        if self.frags.is_empty() {
            // What is left to shrink comes off the linear part.
            self.data_end -= offset as usize;
        }
        self.changed();
        0
    }

    fn frags_increase_tail(&mut self, offset: usize) -> i64 {
        let Some(last) = self.frags.last_mut() else {
            return EINVAL;
        };
        let tailroom = FRAG_SIZE.saturating_sub(last.bytes.len());
        if offset > tailroom {
            return EINVAL;
        }
        let new_len = last.bytes.len() + offset;
        last.bytes.resize(new_len, 0);
        self.changed();
        0
    }

    /// `pskb_may_pull(skb, len)`: makes the first `len` bytes linear,
    /// moving bytes out of the fragments (and growing the buffer when the
    /// tailroom is too small, as `pskb_expand_head` does). False when the
    /// packet is shorter than `len`.
    pub fn skb_may_pull(&mut self, len: usize) -> bool {
        if len <= self.headlen() {
            return true;
        }
        if len > self.len() {
            return false;
        }
        let mut need = len - self.headlen();
        let mut moved = Vec::with_capacity(need);
        while need > 0 {
            let Some(first) = self.frags.first_mut() else {
                break;
            };
            let take = need.min(first.bytes.len());
            moved.extend(first.bytes.drain(..take));
            need -= take;
            if first.bytes.is_empty() {
                self.frags.remove(0);
            }
        }
        let room = self.buf.len() - self.data_end;
        if room < moved.len() {
            self.buf.resize(self.data_end + moved.len(), 0);
        }
        self.buf[self.data_end..self.data_end + moved.len()].copy_from_slice(&moved);
        self.data_end += moved.len();
        true
    }

    /// `bpf_skb_pull_data(skb, len)`: `bpf_try_make_writable(skb, len ?:
    /// skb_headlen(skb))`, which pulls and always recomputes the packet
    /// pointers (so every old one is gone).
    pub fn skb_pull_data(&mut self, len: u32) -> i64 {
        let len = if len == 0 {
            self.headlen()
        } else {
            len as usize
        };
        let ok = self.skb_may_pull(len);
        self.changed();
        if ok {
            0
        } else {
            ENOMEM
        }
    }

    /// `bpf_try_make_writable(skb, len)` as `__bpf_skb_store_bytes` calls it
    /// before writing: pulls `len` bytes into the linear part.
    pub fn skb_make_writable(&mut self, len: usize) -> bool {
        let ok = self.skb_may_pull(len);
        self.changed();
        ok
    }
}

/// A small Ethernet / IPv4 / UDP frame, the default packet: 02:00:00:00:00:02
/// <- 02:00:00:00:00:01, 10.0.0.1:4242 -> 10.0.0.2:53, payload "dynptr!\n".
pub fn default_frame() -> Vec<u8> {
    let payload = b"dynptr!\n";
    let udp_len = 8 + payload.len();
    let ip_len = 20 + udp_len;
    let mut f = Vec::with_capacity(14 + ip_len);
    f.extend_from_slice(&[0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00]);
    let mut ip = vec![
        0x45,
        0x00,
        (ip_len >> 8) as u8,
        ip_len as u8,
        0x00,
        0x01,
        0x40,
        0x00,
        64,
        17,
        0,
        0,
        10,
        0,
        0,
        1,
        10,
        0,
        0,
        2,
    ];
    let csum = ipv4_checksum(&ip);
    ip[10] = (csum >> 8) as u8;
    ip[11] = csum as u8;
    f.extend_from_slice(&ip);
    f.extend_from_slice(&[
        0x10,
        0x92,
        0x00,
        0x35,
        (udp_len >> 8) as u8,
        udp_len as u8,
        0,
        0,
    ]);
    f.extend_from_slice(payload);
    f
}

fn ipv4_checksum(hdr: &[u8]) -> u16 {
    let mut sum: u32 = 0;
    for pair in hdr.chunks(2) {
        let word = (pair[0] as u32) << 8 | pair.get(1).copied().unwrap_or(0) as u32;
        sum += word;
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_frame_is_valid_ipv4() {
        let f = default_frame();
        assert_eq!(&f[12..14], &[0x08, 0x00]);
        assert_eq!(ipv4_checksum(&f[14..34]), 0);
        assert_eq!(f.len(), 14 + 20 + 8 + 8);
    }

    #[test]
    fn xdp_adjust_head_bounds() {
        let mut p = Packet::new(&default_frame(), 256, 64, &[]);
        assert_eq!(p.xdp_adjust_head(-(256 - XDP_FRAME_SIZE as i32)), 0);
        assert_eq!(p.data, XDP_FRAME_SIZE);
        assert_eq!(p.xdp_adjust_head(-1), EINVAL);
        let len = p.headlen() as i32;
        assert_eq!(p.xdp_adjust_head(len - ETH_HLEN as i32 + 1), EINVAL);
        assert_eq!(p.xdp_adjust_head(len - ETH_HLEN as i32), 0);
        assert_eq!(p.headlen(), ETH_HLEN);
        assert_eq!(p.generation, 2);
    }

    #[test]
    fn xdp_adjust_tail_grow_shrink() {
        let mut p = Packet::new(&[1u8; 20], 256, 8, &[]);
        assert_eq!(p.xdp_adjust_tail(9), EINVAL);
        assert_eq!(p.xdp_adjust_tail(8), 0);
        assert_eq!(p.linear()[20..], [0u8; 8]);
        assert_eq!(p.xdp_adjust_tail(-15), EINVAL);
        assert_eq!(p.xdp_adjust_tail(-14), 0);
        assert_eq!(p.headlen(), 14);
    }

    #[test]
    fn frags_tail_and_read_across() {
        let mut p = Packet::new(&[1u8; 20], 256, 0, &[vec![2u8; 10], vec![3u8; 10]]);
        assert_eq!(p.len(), 40);
        assert_eq!(p.read(18, 4), Some(vec![1, 1, 2, 2]));
        assert_eq!(p.contiguous(18, 4), None);
        assert_eq!(p.contiguous(22, 4), Some(Some((0, 2))));
        assert_eq!(p.xdp_adjust_tail(-12), 0);
        assert_eq!(p.frags.len(), 1);
        assert_eq!(p.frags[0].bytes.len(), 8);
        assert_eq!(p.xdp_adjust_tail(FRAG_SIZE as i32), EINVAL);
        assert_eq!(p.xdp_adjust_tail(4), 0);
        assert_eq!(p.len(), 32);
    }

    #[test]
    fn skb_pull_moves_frag_bytes() {
        let mut p = Packet::new(&[1u8; 20], 64, 4, &[vec![2u8; 10]]);
        assert_eq!(p.skb_pull_data(26), 0);
        assert_eq!(p.headlen(), 26);
        assert_eq!(p.frags[0].bytes.len(), 4);
        assert_eq!(p.linear()[20..], [2u8; 6]);
        assert_eq!(p.skb_pull_data(31), ENOMEM);
        assert_eq!(p.skb_pull_data(0), 0);
        assert_eq!(p.generation, 3);
    }
}
