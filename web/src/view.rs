//! What the panels draw, in the words of the page: plain values that
//! `engine` fills from the engine's snapshots and reports, so that a panel
//! never needs to know how the engine computed them.

/// One register.
#[derive(Debug, Clone, PartialEq)]
pub struct RegView {
    /// `r0`..`r10`.
    pub name: String,
    /// The value as the user reads it (`0x2a`, `fp-16`, `ringbuf rec+8`, `?`).
    pub text: String,
    /// What kind of value (`scalar`, `ptr_to_stack`, `ptr_to_mem`, `uninit`).
    pub kind: String,
    /// Changed by the last step.
    pub changed: bool,
    /// The C variable whose value it holds (DWARF), empty when unknown.
    pub var: String,
}

/// A window a data slice opens inside a dynptr's buffer.
#[derive(Debug, Clone, PartialEq)]
pub struct SliceView {
    /// The register or stack slot holding it, when known.
    pub holder: String,
    /// Start inside the buffer.
    pub start: u32,
    /// Length.
    pub len: u32,
    /// False once invalidated.
    pub valid: bool,
    /// The C variable holding the slice pointer, empty when unknown.
    pub var: String,
}

/// One dynptr on the stack.
#[derive(Debug, Clone, PartialEq)]
pub struct DynptrView {
    /// Frame index (0 = the program's).
    pub frame: usize,
    /// `fp-16`.
    pub slot: String,
    /// `local`, `ringbuf`, `skb`, `xdp`.
    pub kind: String,
    /// Offset of the view into the buffer.
    pub offset: u32,
    /// Size of the view.
    pub size: u32,
    /// Reference id (0: none).
    pub ref_id: u32,
    /// Read-only bit.
    pub rdonly: bool,
    /// `valid`, `invalid`, `null`.
    pub state: String,
    /// Clones share a family (the id of the first of them).
    pub family: u32,
    /// What the buffer is (`stack fp-64`, `ringbuf record @16`, `packet`, `map value`).
    pub region: String,
    /// Length of the whole buffer, for drawing the window to scale.
    pub region_len: u32,
    /// Data slices of this dynptr.
    pub slices: Vec<SliceView>,
    /// The C variable it is (`ptr`), from DWARF; empty when unknown.
    pub var: String,
}

/// One 8-byte stack slot.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotView {
    /// Offset from the frame pointer (negative).
    pub off: i32,
    /// The eight bytes as hex, lowest address first (`??` uninitialised).
    pub bytes: Vec<String>,
    /// `dynptr`, `iter`, `spill`, `misc`, `zero`, `invalid`.
    pub kind: String,
    /// A label: `dynptr fp-16 (1/2)`, `r6 spilled`.
    pub label: String,
    /// The C variables stored in the slot (`read_data[64]`), empty when unknown.
    pub var: String,
}

/// A stack frame.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameView {
    /// The function's name.
    pub name: String,
    /// Its slots, highest address first, only the ones ever touched.
    pub slots: Vec<SlotView>,
}

/// The packet.
#[derive(Debug, Clone, PartialEq)]
pub struct PacketView {
    /// Every byte of the buffer, headroom included.
    pub bytes: Vec<u8>,
    /// Where `data` starts.
    pub data: usize,
    /// Where `data_end` is.
    pub data_end: usize,
    /// `data_meta`, when it differs from `data`.
    pub meta: Option<usize>,
    /// Fragments after the linear part: (label, bytes).
    pub frags: Vec<(String, Vec<u8>)>,
}

/// One ring buffer record.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordView {
    /// Position of its header in the data area.
    pub pos: u32,
    /// Producer position of its header (grows without wrapping).
    pub prod_pos: u64,
    /// Length of the payload.
    pub len: u32,
    /// `busy`, `submitted`, `discarded`.
    pub state: String,
    /// The payload (when submitted, what the consumer reads).
    pub data: Vec<u8>,
}

/// The ring buffer.
#[derive(Debug, Clone, PartialEq)]
pub struct RingbufView {
    /// The map's name.
    pub name: String,
    /// Size of the data area.
    pub size: u32,
    /// Producer position.
    pub producer: u64,
    /// Consumer position.
    pub consumer: u64,
    /// Records in reservation order.
    pub records: Vec<RecordView>,
}

/// A frame of the call stack.
#[derive(Debug, Clone, PartialEq)]
pub struct CallView {
    /// Function name.
    pub name: String,
    /// `prog`, `subprog`, `callback`.
    pub kind: String,
    /// Which helper called the callback (`bpf_dynptr_iterator`, `bpf_loop`).
    pub via: Option<String>,
    /// Iteration number of a callback.
    pub iteration: Option<u64>,
    /// What the callback returned (once it returned).
    pub ret: Option<i64>,
    /// A note: why an iteration stopped, the dynptr view it got.
    pub note: String,
    /// Still on the stack (false: finished, kept in the history).
    pub live: bool,
}

/// A map or global section.
#[derive(Debug, Clone, PartialEq)]
pub struct MapView {
    /// Name.
    pub name: String,
    /// `array`, `hash`, `ringbuf`, `.bss`, ...
    pub kind: String,
    /// Entries (or, for a global section, its variables).
    pub entries: Vec<EntryView>,
}

/// A map entry, or a global variable, as the Maps panel prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryView {
    /// The key printed by its BTF type (or in hex), or the variable's name.
    pub key: String,
    /// The value printed by its BTF type as C (`struct sample { pid = 42,
    /// ... }`) when the object has one, else as bytes.
    pub value: String,
    /// The value's bytes in hex.
    pub hex: String,
}

/// Everything the execution panels show at one step.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExecView {
    /// Registers.
    pub regs: Vec<RegView>,
    /// Dynptrs.
    pub dynptrs: Vec<DynptrView>,
    /// Stack frames, innermost last.
    pub frames: Vec<FrameView>,
    /// The packet, for packet program types.
    pub packet: Option<PacketView>,
    /// Ring buffers.
    pub ringbufs: Vec<RingbufView>,
    /// The call stack and finished callback invocations.
    pub calls: Vec<CallView>,
    /// Maps and globals.
    pub maps: Vec<MapView>,
    /// `bpf_trace_printk` output.
    pub trace: Vec<String>,
}

/// One instruction slot as the bytecode panel lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct InsnView {
    /// Slot index.
    pub idx: usize,
    /// The 8 bytes, as hex.
    pub bytes: String,
    /// `code`, `dst_reg`, `src_reg`, `off`, `imm`.
    pub fields: (u8, u8, u8, i16, i32),
    /// The LLVM-dialect text.
    pub text: String,
    /// What a call is: `helper 214` or `kfunc (src_reg 2) BTF id 70005`.
    pub call: Option<String>,
}
