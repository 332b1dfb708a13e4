//! `BPF_MAP_TYPE_RINGBUF` with the kernel's layout (kernel/bpf/ringbuf.c):
//! a power-of-two data area addressed by ever-growing producer and consumer
//! positions masked by `size - 1`; each record starts with an 8-byte header
//! (`u32 len` with `BPF_RINGBUF_BUSY_BIT` and `BPF_RINGBUF_DISCARD_BIT`,
//! `u32 pg_off`) and is padded to 8 bytes. The kernel maps the data area
//! twice in a row so that a record crossing the end stays contiguous; here
//! every access is taken modulo the size, which reads the same.

use serde::{Deserialize, Serialize};

/// `BPF_RINGBUF_BUSY_BIT`: the record is reserved, not yet committed.
pub const BPF_RINGBUF_BUSY_BIT: u32 = 1 << 31;
/// `BPF_RINGBUF_DISCARD_BIT`: the record was discarded.
pub const BPF_RINGBUF_DISCARD_BIT: u32 = 1 << 30;
/// `BPF_RINGBUF_HDR_SZ`.
pub const BPF_RINGBUF_HDR_SZ: u64 = 8;
/// `RINGBUF_MAX_RECORD_SZ` (`UINT_MAX / 4`).
pub const RINGBUF_MAX_RECORD_SZ: u64 = (u32::MAX / 4) as u64;
/// `PAGE_SIZE` of the simulated kernel (the one `MapDef::check` uses).
pub const PAGE_SIZE: u64 = crate::program::PAGE_SIZE as u64;
/// Pages before the data area in `struct bpf_ringbuf` (the struct head, the
/// consumer position page, the producer position page); `pg_off` counts
/// from the struct's start.
pub const RINGBUF_DATA_PGOFF: u64 = 3;
/// `BPF_RB_NO_WAKEUP`.
pub const BPF_RB_NO_WAKEUP: u64 = 1;
/// `BPF_RB_FORCE_WAKEUP`.
pub const BPF_RB_FORCE_WAKEUP: u64 = 2;

/// Where a record is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordState {
    /// Reserved: busy bit set; the consumer stops here.
    Reserved,
    /// Submitted: visible to the consumer.
    Submitted,
    /// Discarded: the consumer skips it.
    Discarded,
    /// Submitted and read by the consumer.
    Consumed,
    /// Discarded and passed by the consumer.
    Skipped,
}

/// One record ever reserved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Sequence number (index of the reservation), stable for the run.
    pub seq: u32,
    /// Producer position of its header.
    pub pos: u64,
    /// Sample size asked for (without header and padding).
    pub len: u32,
    /// State.
    pub state: RecordState,
    /// Reference id of the reservation (shared by dynptr clones).
    pub ref_id: u32,
}

/// A ring buffer map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RingBuf {
    /// The data area (`mask + 1` bytes).
    pub data: Vec<u8>,
    /// `rb->mask`.
    pub mask: u64,
    /// `rb->producer_pos`.
    pub producer_pos: u64,
    /// `rb->consumer_pos`.
    pub consumer_pos: u64,
    /// Every record reserved during the run, in reservation order.
    pub records: Vec<Record>,
    /// Wakeups the commits asked for (`irq_work_queue`).
    pub wakeups: u32,
}

/// Why a ring buffer cannot be created.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ring buffer size {0} is not a power of 2 and a multiple of the page size (4096)")]
pub struct BadRingbufSize(pub u32);

impl RingBuf {
    /// A ring buffer with a data area of `size` bytes, which must be a power
    /// of two and page aligned, as `ringbuf_map_alloc` demands.
    pub fn new(size: u32) -> Result<RingBuf, BadRingbufSize> {
        if !size.is_power_of_two() || !(size as u64).is_multiple_of(PAGE_SIZE) {
            return Err(BadRingbufSize(size));
        }
        Ok(RingBuf {
            data: vec![0; size as usize],
            mask: size as u64 - 1,
            producer_pos: 0,
            consumer_pos: 0,
            records: Vec::new(),
            wakeups: 0,
        })
    }

    /// Size of the data area.
    pub fn size(&self) -> u64 {
        self.mask + 1
    }

    /// The byte at producer position `pos`.
    pub fn byte(&self, pos: u64) -> u8 {
        self.data[(pos & self.mask) as usize]
    }

    /// Sets the byte at producer position `pos`.
    pub fn set_byte(&mut self, pos: u64, b: u8) {
        let i = (pos & self.mask) as usize;
        self.data[i] = b;
    }

    fn write_u32(&mut self, pos: u64, v: u32) {
        for (i, b) in v.to_le_bytes().into_iter().enumerate() {
            self.set_byte(pos + i as u64, b);
        }
    }

    /// Reads the `u32` at producer position `pos`.
    pub fn read_u32(&self, pos: u64) -> u32 {
        u32::from_le_bytes([
            self.byte(pos),
            self.byte(pos + 1),
            self.byte(pos + 2),
            self.byte(pos + 3),
        ])
    }

    /// `__bpf_ringbuf_reserve(rb, size)`: the new record's sequence number,
    /// or `None` (the kernel's NULL) when it does not fit.
    pub fn reserve(&mut self, size: u64, ref_id: u32) -> Option<u32> {
        if size > RINGBUF_MAX_RECORD_SZ {
            return None;
        }
        let len = (size + BPF_RINGBUF_HDR_SZ + 7) & !7;
        if len > self.size() {
            return None;
        }
        let prod = self.producer_pos;
        let new_prod = prod + len;
        // The producer may run at most `size - 1` bytes ahead of the consumer.
        if new_prod - self.consumer_pos > self.mask {
            return None;
        }
        let pg_off = ((RINGBUF_DATA_PGOFF * PAGE_SIZE + (prod & self.mask)) / PAGE_SIZE) as u32;
        self.write_u32(prod, size as u32 | BPF_RINGBUF_BUSY_BIT);
        self.write_u32(prod + 4, pg_off);
        self.producer_pos = new_prod;
        let seq = self.records.len() as u32;
        self.records.push(Record {
            seq,
            pos: prod,
            len: size as u32,
            state: RecordState::Reserved,
            ref_id,
        });
        Some(seq)
    }

    /// `bpf_ringbuf_commit(sample, flags, discard)`. False when the record
    /// is not reserved (a double commit, which the verifier prevents).
    pub fn commit(&mut self, seq: u32, flags: u64, discard: bool) -> bool {
        let Some(rec) = self.records.get(seq as usize).cloned() else {
            return false;
        };
        if rec.state != RecordState::Reserved {
            return false;
        }
        let mut new_len = self.read_u32(rec.pos) ^ BPF_RINGBUF_BUSY_BIT;
        if discard {
            new_len |= BPF_RINGBUF_DISCARD_BIT;
        }
        self.write_u32(rec.pos, new_len);
        if let Some(r) = self.records.get_mut(seq as usize) {
            r.state = if discard {
                RecordState::Discarded
            } else {
                RecordState::Submitted
            };
        }
        // The consumer is woken when it waits at this very record.
        let rec_pos = rec.pos & self.mask;
        let cons_pos = self.consumer_pos & self.mask;
        if flags & BPF_RB_FORCE_WAKEUP != 0
            || (cons_pos == rec_pos && flags & BPF_RB_NO_WAKEUP == 0)
        {
            self.wakeups += 1;
        }
        true
    }

    /// `bpf_ringbuf_query(ringbuf, flags)`.
    pub fn query(&self, flags: u64) -> u64 {
        match flags {
            0 => self.producer_pos - self.consumer_pos,
            1 => self.size(),
            2 => self.consumer_pos,
            3 => self.producer_pos,
            _ => 0,
        }
    }

    /// The record whose sample contains producer position `pos`.
    pub fn record_at(&self, seq: u32) -> Option<&Record> {
        self.records.get(seq as usize)
    }

    /// The sample bytes of a record.
    pub fn sample(&self, rec: &Record) -> Vec<u8> {
        (0..rec.len as u64)
            .map(|i| self.byte(rec.pos + BPF_RINGBUF_HDR_SZ + i))
            .collect()
    }

    /// What user space's consumer (`ring_buffer__consume`) does: reads
    /// committed records from the consumer position in order, stops at the
    /// first busy one, skips discarded ones, and returns the samples read.
    pub fn consume(&mut self) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        while self.consumer_pos < self.producer_pos {
            let hdr = self.read_u32(self.consumer_pos);
            if hdr & BPF_RINGBUF_BUSY_BIT != 0 {
                break;
            }
            let len = (hdr & !(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT)) as u64;
            let pos = self.consumer_pos;
            let idx = self.records.iter().position(|r| {
                r.pos == pos && matches!(r.state, RecordState::Submitted | RecordState::Discarded)
            });
            if hdr & BPF_RINGBUF_DISCARD_BIT == 0 {
                out.push(
                    (0..len)
                        .map(|i| self.byte(pos + BPF_RINGBUF_HDR_SZ + i))
                        .collect(),
                );
                if let Some(r) = idx.and_then(|i| self.records.get_mut(i)) {
                    r.state = RecordState::Consumed;
                }
            } else if let Some(r) = idx.and_then(|i| self.records.get_mut(i)) {
                r.state = RecordState::Skipped;
            }
            self.consumer_pos += (len + BPF_RINGBUF_HDR_SZ + 7) & !7;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_must_be_page_aligned_power_of_two() {
        assert!(RingBuf::new(4096).is_ok());
        assert!(RingBuf::new(3 * 4096).is_err());
        assert!(RingBuf::new(64).is_err());
    }

    #[test]
    fn header_layout() {
        let mut rb = RingBuf::new(4096).unwrap();
        let s = rb.reserve(5, 1).unwrap();
        assert_eq!(rb.read_u32(0), 5 | BPF_RINGBUF_BUSY_BIT);
        assert_eq!(rb.read_u32(4), 3);
        assert_eq!(rb.producer_pos, 16);
        assert!(rb.commit(s, 0, true));
        assert_eq!(rb.read_u32(0), 5 | BPF_RINGBUF_DISCARD_BIT);
        assert!(!rb.commit(s, 0, false));
    }

    #[test]
    fn consumer_sees_only_committed_in_order() {
        let mut rb = RingBuf::new(4096).unwrap();
        let a = rb.reserve(8, 1).unwrap();
        let b = rb.reserve(8, 2).unwrap();
        rb.set_byte(rb.records[1].pos + 8, 0xbb);
        assert!(rb.commit(b, 0, false));
        assert!(rb.consume().is_empty(), "a is still busy, b must wait");
        assert!(rb.commit(a, 0, true));
        let got = rb.consume();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0][0], 0xbb);
        assert_eq!(rb.records[0].state, RecordState::Skipped);
        assert_eq!(rb.records[1].state, RecordState::Consumed);
        assert_eq!(rb.consumer_pos, rb.producer_pos);
    }

    #[test]
    fn full_and_wrap_around() {
        let mut rb = RingBuf::new(4096).unwrap();
        // 4096 - 8 would need the whole area: more than mask.
        assert_eq!(rb.reserve(4096 - 8, 1), None);
        let big = rb.reserve(4000, 1).unwrap();
        assert_eq!(rb.reserve(200, 2), None, "full");
        assert!(rb.commit(big, 0, false));
        assert_eq!(rb.consume().len(), 1);
        // Now the next record crosses the end of the data area.
        let w = rb.reserve(200, 3).unwrap();
        let pos = rb.records[w as usize].pos;
        assert!(pos & rb.mask < 4096 && (pos + 208) & rb.mask < pos & rb.mask);
        for i in 0..200 {
            rb.set_byte(pos + 8 + i, i as u8);
        }
        assert!(rb.commit(w, 0, false));
        let got = rb.consume();
        assert_eq!(got[0], (0..200).map(|i| i as u8).collect::<Vec<_>>());
    }
}
