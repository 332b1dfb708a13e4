//! Turning the engine's snapshots into what the panels draw (`view`):
//! register texts, dynptr windows to scale, stack slots, the packet with
//! its markers, ring buffer records, callback iterations.

use std::collections::HashMap;

use dynptr_play::program::Program;
use dynptr_play::vm::snapshot::{DynptrSnap, FrameSnap, RegSnap, Snapshot};
use dynptr_play::world::RecordState;

use crate::view::{
    CallView, DynptrView, EntryView, ExecView, FrameView, MapView, PacketView, RecordView, RegView,
    RingbufView, SliceView, SlotView,
};

/// What the page remembers of each dynptr (keyed by where it lives and the
/// instruction that made it): the largest extent seen (advance and trim
/// only shrink a view, so the first sight tells how long its buffer is),
/// and whether it was ever valid (a release sets a dynptr to null; the page
/// shows that as invalidated, unlike a dynptr that was null from birth).
pub type Extents = HashMap<(String, usize), (u32, bool, Option<String>)>;

/// A callback invocation seen while stepping.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    /// Function name of the callback.
    pub func: String,
    /// The helper that called it.
    pub helper: String,
    /// Its call instruction.
    pub call_insn: usize,
    /// Iteration (0 first).
    pub iteration: u64,
    /// Step count when it started.
    pub start_step: u64,
    /// Step count when it returned, and what it returned.
    pub end: Option<(u64, i64)>,
}

/// The callback invocations of a session, kept across steps so that the
/// call stack panel can list finished iterations with their return values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallHistory {
    /// In order of start.
    pub invocations: Vec<Invocation>,
    /// Notes per helper call instruction ("returned 0 after 4 iterations").
    pub notes: HashMap<usize, String>,
}

impl CallHistory {
    /// Records what changed between `prev` and `cur` (`cur` is one step or
    /// more after `prev`).
    pub fn observe(&mut self, prev: &Snapshot, cur: &Snapshot) {
        // Iterations that were live in `prev` and are gone now have returned.
        for inv in self.invocations.iter_mut().filter(|i| i.end.is_none()) {
            let live = cur.frames.iter().any(|f| {
                f.callback
                    .as_ref()
                    .is_some_and(|c| c.call_insn == inv.call_insn && c.iteration == inv.iteration)
            });
            if live {
                continue;
            }
            // The next iteration knows what this one returned; after one
            // step, the exit just executed returned r0.
            let next_ret = cur.frames.iter().find_map(|f| {
                f.callback
                    .as_ref()
                    .filter(|c| c.call_insn == inv.call_insn && c.iteration == inv.iteration + 1)
                    .and_then(|c| c.last_ret)
            });
            let ret = next_ret.or_else(|| {
                (cur.steps == prev.steps + 1).then(|| prev.regs.first().map_or(0, |r| r.value))
            });
            inv.end = Some((cur.steps, ret.map_or(i64::MIN, |r| r as i64)));
        }
        for f in &cur.frames {
            if let Some(c) = &f.callback {
                let known = self
                    .invocations
                    .iter()
                    .any(|i| i.call_insn == c.call_insn && i.iteration == c.iteration);
                if !known {
                    self.invocations.push(Invocation {
                        func: f.func.clone(),
                        helper: c.helper.clone(),
                        call_insn: c.call_insn,
                        iteration: c.iteration,
                        start_step: cur.steps,
                        end: None,
                    });
                }
            }
        }
        if let Some(call) = &cur.last_call {
            if let Some(ret) = call.ret {
                let ran = self
                    .invocations
                    .iter()
                    .filter(|i| i.call_insn == call.insn)
                    .count();
                if ran > 0 {
                    self.notes.insert(
                        call.insn,
                        format!(
                            "{} returned {} after {ran} iteration(s)",
                            call.name, ret as i64
                        ),
                    );
                }
            }
        }
    }

    /// Forgets what happened after step `steps` (after a step back).
    pub fn rewind(&mut self, steps: u64) {
        self.invocations.retain(|i| i.start_step <= steps);
        for i in &mut self.invocations {
            if i.end.is_some_and(|(s, _)| s > steps) {
                i.end = None;
            }
        }
        let open: Vec<usize> = self
            .invocations
            .iter()
            .filter(|i| i.end.is_none())
            .map(|i| i.call_insn)
            .collect();
        self.notes.retain(|insn, _| {
            !open.contains(insn) && self.invocations.iter().any(|i| i.call_insn == *insn)
        });
    }
}

/// The C variable name the engine gives a snapshot item (its `var` field:
/// a dynptr, a slice, a register), or `""`. Read through serde rather than
/// by field, so that the page shows the names wherever the engine provides
/// them and stays correct for an engine without them.
fn var_of<T: serde::Serialize>(item: &T) -> String {
    match serde_json::to_value(item) {
        Ok(serde_json::Value::Object(m)) => match m.get("var") {
            Some(serde_json::Value::String(s)) => s.clone(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// The C variables of a frame's 8-byte slots (`slot_vars`: `{off, var}`),
/// by offset; empty when the engine names none.
fn slot_vars_of(f: &FrameSnap) -> Vec<(i64, String)> {
    let Ok(serde_json::Value::Object(m)) = serde_json::to_value(f) else {
        return Vec::new();
    };
    let Some(serde_json::Value::Array(list)) = m.get("slot_vars") else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|v| {
            let off = v.get("off")?.as_i64()?;
            let var = v.get("var")?.as_str()?;
            Some((off, var.to_string()))
        })
        .collect()
}

/// A register's value as a person reads it.
fn reg_text(r: &RegSnap) -> (String, String) {
    if !r.init {
        return ("uninit".into(), "uninit".into());
    }
    if let Some(d) = &r.desc {
        return (d.clone(), "ptr".into());
    }
    let s = r.value as i64;
    let text = if (-4096..=65535).contains(&s) {
        s.to_string()
    } else {
        format!("{:#x}", r.value)
    };
    (text, "scalar".into())
}

/// The trailing `+N` / `-N` of a region description (`packet+14`, `stack-48`).
fn trailing_offset(desc: &str) -> Option<i64> {
    let d = desc.trim_end_matches(" (stale)");
    let i = d.rfind(['+', '-'])?;
    d[i..].parse().ok()
}

fn dynptr_state(s: &str) -> &'static str {
    match s {
        "valid" => "valid",
        "null" => "null",
        _ => "invalid",
    }
}

fn family_of(list: &[DynptrSnap], mut i: usize) -> usize {
    // Bounded: a clone chain cannot be longer than the list.
    for _ in 0..list.len() {
        match list.get(i).and_then(|d| d.cloned_from) {
            Some(p) if p != i => i = p,
            _ => break,
        }
    }
    i
}

fn packet_len(s: &Snapshot) -> u32 {
    s.packet.as_ref().map_or(0, |p| {
        (p.data.len() + p.frags.iter().map(Vec::len).sum::<usize>()) as u32
    })
}

fn record_len(s: &Snapshot, ref_id: Option<u32>) -> Option<u32> {
    let id = ref_id?;
    s.maps
        .iter()
        .filter_map(|m| m.ringbuf.as_ref())
        .flat_map(|rb| rb.records.iter())
        .find(|r| r.ref_id == id)
        .map(|r| r.len)
}

fn slot_views(f: &FrameSnap, dynptr_slots: &[(i64, String)]) -> Vec<SlotView> {
    let mut out = Vec::new();
    let vars = slot_vars_of(f);
    // Highest address first, as the kernel's log lists fp-8 before fp-16.
    for slot in (0..64).rev() {
        let base = slot * 8;
        let init = f.stack_init.get(base..base + 8).unwrap_or(&[]);
        if !init.iter().any(|b| *b) {
            continue;
        }
        let off = base as i64 - 512;
        let bytes: Vec<String> = (0..8)
            .map(|i| match (init.get(i), f.stack.get(base + i)) {
                (Some(true), Some(b)) => format!("{b:02x}"),
                _ => "??".into(),
            })
            .collect();
        // struct bpf_dynptr_kern: `data` in the lower 8 bytes, then the size
        // word (type bits, rdonly bit) and `offset`.
        let dyn_label = dynptr_slots.iter().find_map(|(start, name)| {
            (off >= *start && off < start + 16).then(|| {
                let part = if off == *start {
                    "data"
                } else {
                    "size|type|rdonly, offset"
                };
                format!("dynptr fp{start} ({name}): {part}")
            })
        });
        let (kind, label) = match dyn_label {
            Some(l) => ("dynptr".to_string(), l),
            None if bytes.iter().all(|b| b == "00") => ("zero".to_string(), String::new()),
            None => ("misc".to_string(), String::new()),
        };
        let var = vars
            .iter()
            .find(|(o, _)| *o == off)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        out.push(SlotView {
            off: off as i32,
            bytes,
            kind,
            label,
            var,
        });
    }
    out
}

/// Everything the execution panels show for `cur`; `prev` (the snapshot
/// before the last action) marks the changed registers.
pub fn exec_view(
    prog: &Program,
    cur: &Snapshot,
    prev: Option<&Snapshot>,
    extents: &mut Extents,
    calls: &CallHistory,
) -> ExecView {
    let regs = cur
        .regs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (text, kind) = reg_text(r);
            let changed = prev
                .and_then(|p| p.regs.get(i))
                .is_some_and(|o| o.value != r.value || o.init != r.init);
            RegView {
                name: format!("r{i}"),
                text,
                kind,
                changed,
                var: if r.init { var_of(r) } else { String::new() },
            }
        })
        .collect();

    let dynptrs: Vec<DynptrView> = cur
        .dynptrs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let key = (d.location.clone(), d.insn);
            let mem = extents.entry(key).or_insert((0, false, None));
            mem.0 = mem.0.max(d.offset.saturating_add(d.size));
            mem.1 |= d.state == "valid";
            if d.kind.is_some() {
                mem.2.clone_from(&d.kind);
            }
            let (seen, was_valid) = (mem.0, mem.1);
            // A released dynptr keeps the kind it had, for the reader's sake.
            let kind = d
                .kind
                .clone()
                .or_else(|| mem.2.clone())
                .unwrap_or_else(|| "none".into());
            let released = d.state == "null" && was_valid;
            let region_len = match kind.as_str() {
                "skb" | "xdp" => packet_len(cur),
                "ringbuf" => record_len(cur, d.ref_id).unwrap_or(seen),
                _ => seen,
            }
            .max(d.offset.saturating_add(d.size));
            let slices = cur
                .slices
                .iter()
                .filter(|s| s.dynptr == Some(i))
                .map(|s| {
                    let start = match kind.as_str() {
                        "skb" | "xdp" => s.region.as_deref().and_then(trailing_offset).unwrap_or(0),
                        _ => s.ptr.wrapping_sub(d.data) as i64,
                    };
                    let holder = cur
                        .regs
                        .iter()
                        .position(|r| r.init && r.value == s.ptr)
                        .map_or_else(|| format!("@{}", s.insn), |r| format!("r{r}"));
                    SliceView {
                        holder,
                        start: u32::try_from(start.max(0)).unwrap_or(0),
                        len: s.len,
                        valid: s.valid,
                        var: var_of(s),
                    }
                })
                .collect();
            let slot = match (d.frame, d.stack_off) {
                (Some(0) | None, Some(off)) => format!("fp{off}"),
                (Some(f), Some(off)) => format!("#{f} fp{off}"),
                _ => d.location.clone(),
            };
            let region = match (&d.region, d.state.strip_prefix("invalidated: ")) {
                _ if released => "released: the helper set it to null".to_string(),
                (_, Some(why)) => format!("invalidated: {why}"),
                (Some(r), None) => format!("{} · made by {} at insn {}", r, d.origin, d.insn),
                (None, None) => format!("made by {} at insn {}", d.origin, d.insn),
            };
            DynptrView {
                frame: d.frame.unwrap_or(0),
                slot,
                kind,
                offset: d.offset,
                size: d.size,
                ref_id: d.ref_id.unwrap_or(0),
                rdonly: d.rdonly,
                state: if released {
                    "invalid".to_string()
                } else {
                    dynptr_state(&d.state).to_string()
                },
                family: family_of(&cur.dynptrs, i) as u32,
                region,
                region_len,
                slices,
                var: var_of(d),
            }
        })
        .collect();

    let frames = cur
        .frames
        .iter()
        .enumerate()
        .map(|(fi, f)| {
            let dyn_slots: Vec<(i64, String)> = cur
                .dynptrs
                .iter()
                .filter(|d| d.frame == Some(fi))
                .filter_map(|d| {
                    d.stack_off
                        .map(|o| (o, d.kind.clone().unwrap_or_else(|| "null".into())))
                })
                .collect();
            FrameView {
                name: f.func.clone(),
                slots: slot_views(f, &dyn_slots),
            }
        })
        .collect();

    let packet = cur.packet.as_ref().map(|p| {
        let mut bytes = p.headroom.clone();
        bytes.extend_from_slice(&p.data);
        let data = p.headroom.len();
        let data_end = data + p.data.len();
        bytes.extend(std::iter::repeat_n(0u8, p.tailroom.min(16)));
        PacketView {
            bytes,
            data,
            data_end,
            meta: (p.meta_len > 0).then(|| data - p.meta_len.min(data)),
            frags: p
                .frags
                .iter()
                .enumerate()
                .map(|(i, f)| (format!("frag {i}"), f.clone()))
                .collect(),
        }
    });

    let ringbufs = prog
        .maps
        .iter()
        .zip(cur.maps.iter())
        .filter_map(|(def, m)| {
            let rb = m.ringbuf.as_ref()?;
            Some(RingbufView {
                name: def.name.clone(),
                size: u32::try_from(rb.size).unwrap_or(u32::MAX),
                producer: rb.producer_pos,
                consumer: rb.consumer_pos,
                records: rb
                    .records
                    .iter()
                    .map(|r| RecordView {
                        pos: u32::try_from(r.offset).unwrap_or(0),
                        prod_pos: r.pos,
                        len: r.len,
                        state: match r.state {
                            RecordState::Reserved => "busy",
                            RecordState::Submitted | RecordState::Consumed => "submitted",
                            RecordState::Discarded | RecordState::Skipped => "discarded",
                        }
                        .to_string(),
                        data: r.bytes.clone(),
                    })
                    .collect(),
            })
        })
        .collect();

    let mut call_views: Vec<CallView> = Vec::new();
    for (i, f) in cur.frames.iter().enumerate() {
        if f.callback.is_none() {
            call_views.push(CallView {
                name: f.func.clone(),
                kind: if i == 0 {
                    "prog".into()
                } else {
                    "subprog".into()
                },
                via: None,
                iteration: None,
                ret: None,
                note: f
                    .return_pc
                    .map(|r| format!("returns to insn {r}"))
                    .unwrap_or_default(),
                live: true,
            });
        }
    }
    for inv in &calls.invocations {
        let live = inv.end.is_none();
        let note = if live {
            "running".to_string()
        } else if inv.end.is_some_and(|(_, r)| r == i64::MIN) {
            "returned (value not observed: step to see it)".to_string()
        } else {
            String::new()
        };
        call_views.push(CallView {
            name: inv.func.clone(),
            kind: "callback".into(),
            via: Some(inv.helper.clone()),
            iteration: Some(inv.iteration),
            ret: inv.end.and_then(|(_, r)| (r != i64::MIN).then_some(r)),
            note,
            live,
        });
    }
    for (insn, note) in &calls.notes {
        call_views.push(CallView {
            name: format!("insn {insn}"),
            kind: "result".into(),
            via: None,
            iteration: None,
            ret: None,
            note: note.clone(),
            live: false,
        });
    }

    let maps = prog
        .maps
        .iter()
        .zip(cur.maps.iter())
        .filter(|(_, m)| m.ringbuf.is_none())
        .map(|(def, m)| {
            let entries = if m.globals.is_empty() {
                m.entries
                    .iter()
                    .map(|e| EntryView {
                        key: e.key_text.clone().unwrap_or_else(|| hex(&e.key)),
                        value: e.value_text.clone().unwrap_or_else(|| hex(&e.value)),
                        hex: hex(&e.value),
                    })
                    .collect()
            } else {
                m.globals
                    .iter()
                    .map(|(name, bytes)| {
                        // By its BTF type when the object has one.
                        let typed = m
                            .globals_text
                            .iter()
                            .find(|(n, _)| n == name)
                            .map(|(_, t)| t.clone());
                        EntryView {
                            key: name.clone(),
                            value: typed.unwrap_or_else(|| global_text(bytes)),
                            hex: hex(bytes),
                        }
                    })
                    .collect()
            };
            MapView {
                name: def.name.clone(),
                kind: map_kind(def),
                entries,
            }
        })
        .collect();

    ExecView {
        regs,
        dynptrs,
        frames,
        packet,
        ringbufs,
        calls: call_views,
        maps,
        trace: cur.trace.clone(),
    }
}

/// What the Maps panel says a map is: a global's section, or a declared
/// map's type with the flags that change what the program may do with it.
fn map_kind(def: &dynptr_play::program::MapDef) -> String {
    use dynptr_play::program::MapOrigin;
    match &def.origin {
        MapOrigin::Global { section, .. } => section.clone(),
        MapOrigin::Declared if def.read_only_prog() => {
            format!("{}, BPF_F_RDONLY_PROG", def.map_type.name())
        }
        MapOrigin::Declared if def.write_only_prog() => {
            format!("{}, BPF_F_WRONLY_PROG", def.map_type.name())
        }
        MapOrigin::Declared => def.map_type.name().to_string(),
    }
}

fn hex(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A global's bytes: as an integer when it has an integer's size.
fn global_text(b: &[u8]) -> String {
    let mut le = [0u8; 8];
    match b.len() {
        1 | 2 | 4 | 8 => {
            le[..b.len()].copy_from_slice(b);
            format!("{} ({})", u64::from_le_bytes(le), hex(b))
        }
        _ => {
            let text: String = b
                .iter()
                .take_while(|c| **c != 0)
                .map(|c| *c as char)
                .collect();
            if !text.is_empty() && text.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
                format!("{text:?} ({})", hex(b))
            } else {
                hex(b)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_kinds_name_the_access_flags() {
        use dynptr_play::program::{MapDef, MapType, BPF_F_RDONLY_PROG, BPF_F_WRONLY_PROG};
        let mut m = MapDef::declared("m", MapType::Hash, 4, 8, 4);
        assert_eq!(map_kind(&m), "hash");
        m.map_flags = BPF_F_RDONLY_PROG;
        assert_eq!(map_kind(&m), "hash, BPF_F_RDONLY_PROG");
        m.map_flags = BPF_F_WRONLY_PROG;
        assert_eq!(map_kind(&m), "hash, BPF_F_WRONLY_PROG");
    }

    #[test]
    fn offsets_of_region_descriptions() {
        assert_eq!(trailing_offset("packet+14"), Some(14));
        assert_eq!(trailing_offset("stack-48"), Some(-48));
        assert_eq!(trailing_offset("packet+3 (stale)"), Some(3));
        assert_eq!(trailing_offset("packet_end"), None);
    }

    #[test]
    fn register_texts() {
        assert_eq!(
            reg_text(&RegSnap {
                value: 42,
                init: true,
                desc: None,
                ptr: None,
                var: None,
                points_to: None
            })
            .0,
            "42"
        );
        assert_eq!(
            reg_text(&RegSnap {
                value: (-34i64) as u64,
                init: true,
                desc: None,
                ptr: None,
                var: None,
                points_to: None
            })
            .0,
            "-34"
        );
        assert_eq!(
            reg_text(&RegSnap {
                value: 0x1_0000_0000,
                init: true,
                desc: None,
                ptr: None,
                var: None,
                points_to: None
            })
            .0,
            "0x100000000"
        );
        assert_eq!(
            reg_text(&RegSnap {
                value: 0,
                init: false,
                desc: None,
                ptr: None,
                var: None,
                points_to: None
            })
            .0,
            "uninit"
        );
        assert_eq!(
            reg_text(&RegSnap {
                value: 1,
                init: true,
                desc: Some("stack-16".into()),
                ptr: None,
                var: None,
                points_to: None
            })
            .0,
            "stack-16"
        );
    }

    #[test]
    fn globals_read_as_integers_or_strings() {
        assert_eq!(
            global_text(&[1, 0, 0, 0, 0, 0, 0, 0]),
            "1 (01 00 00 00 00 00 00 00)"
        );
        assert_eq!(global_text(b"hi %d\0"), "\"hi %d\" (68 69 20 25 64 00)");
    }
}

/// `n` with a comma every three digits: `1,000,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod thousands_tests {
    use super::thousands;

    #[test]
    fn groups_digits_by_three() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(412_345), "412,345");
    }
}
